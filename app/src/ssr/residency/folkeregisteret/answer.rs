//! Folkeregisteret's person document, read: every element is a list of entries over time, and
//! the one with `erGjeldende` is the current one. Names come in capitals and are shown as
//! names are written.

use crate::domain::national_id::NationalId;
use crate::ssr::residency::{RegisterStatus, RegisteredPerson};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Person {
    status: Vec<Status>,
    navn: Vec<Navn>,
    foedsel: Vec<Foedsel>,
    bostedsadresse: Vec<Bostedsadresse>,
    adressebeskyttelse: Vec<Adressebeskyttelse>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Status {
    er_gjeldende: bool,
    status: String,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Navn {
    er_gjeldende: bool,
    fornavn: String,
    mellomnavn: Option<String>,
    etternavn: String,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Foedsel {
    er_gjeldende: bool,
    foedselsdato: Option<NaiveDate>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Bostedsadresse {
    er_gjeldende: bool,
    adressegradering: Option<String>,
    vegadresse: Option<Vegadresse>,
    matrikkeladresse: Option<Matrikkeladresse>,
    ukjent_bosted: Option<UkjentBosted>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Vegadresse {
    kommunenummer: Option<String>,
    adressenavn: Option<String>,
    adressenummer: Option<Adressenummer>,
    bruksenhetsnummer: Option<String>,
    poststed: Option<Poststed>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Adressenummer {
    husnummer: Option<String>,
    husbokstav: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Matrikkeladresse {
    kommunenummer: Option<String>,
    adressetilleggsnavn: Option<String>,
    poststed: Option<Poststed>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Poststed {
    postnummer: Option<String>,
    poststedsnavn: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct UkjentBosted {
    bostedskommune: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Adressebeskyttelse {
    #[serde(rename = "erGjeldende")]
    er_gjeldende: bool,
    graderingsnivaa: Option<String>,
}

/// The person from a 200 answer.
pub fn person(id: &NationalId, body: &[u8]) -> Result<RegisteredPerson, String> {
    let p: Person = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let status = p
        .status
        .iter()
        .find(|s| s.er_gjeldende)
        .map_or(RegisterStatus::Other, |s| RegisterStatus::parse(&s.status));
    let home = p.bostedsadresse.iter().find(|a| a.er_gjeldende);
    let graded = |g: Option<&str>| matches!(g, Some("fortrolig" | "strengtFortrolig"));
    let address_protected = p
        .adressebeskyttelse
        .iter()
        .any(|a| a.er_gjeldende && graded(a.graderingsnivaa.as_deref()))
        || home.is_some_and(|h| graded(h.adressegradering.as_deref()));
    let name = p
        .navn
        .iter()
        .find(|n| n.er_gjeldende)
        .map(|n| {
            [Some(&n.fornavn), n.mellomnavn.as_ref(), Some(&n.etternavn)]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .map(|s| as_written(s))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let birth_date = p
        .foedsel
        .iter()
        .find(|f| f.er_gjeldende)
        .or(p.foedsel.first())
        .and_then(|f| f.foedselsdato);
    Ok(RegisteredPerson {
        national_id: id.clone(),
        name,
        birth_date,
        address: home
            .filter(|_| !address_protected)
            .and_then(display_address),
        kommunenummer: home.and_then(kommunenummer),
        status,
        address_protected,
    })
}

fn kommunenummer(a: &Bostedsadresse) -> Option<String> {
    a.vegadresse
        .as_ref()
        .and_then(|v| v.kommunenummer.clone())
        .or_else(|| {
            a.matrikkeladresse
                .as_ref()
                .and_then(|m| m.kommunenummer.clone())
        })
        .or_else(|| {
            a.ukjent_bosted
                .as_ref()
                .and_then(|u| u.bostedskommune.clone())
        })
}

/// "Storgata 1A H0201, 0155 Oslo".
fn display_address(a: &Bostedsadresse) -> Option<String> {
    let (street, poststed) = match (&a.vegadresse, &a.matrikkeladresse) {
        (Some(v), _) => {
            let number = v.adressenummer.as_ref().map(|n| {
                format!(
                    "{}{}",
                    n.husnummer.as_deref().unwrap_or_default(),
                    n.husbokstav.as_deref().unwrap_or_default()
                )
            });
            let street = [v.adressenavn.clone(), number, v.bruksenhetsnummer.clone()]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (street, v.poststed.as_ref())
        }
        (None, Some(m)) => (
            m.adressetilleggsnavn.clone().unwrap_or_default(),
            m.poststed.as_ref(),
        ),
        (None, None) => return None,
    };
    let place = poststed.map(|p| {
        format!(
            "{} {}",
            p.postnummer.as_deref().unwrap_or_default(),
            as_written(p.poststedsnavn.as_deref().unwrap_or_default())
        )
    });
    let parts: Vec<String> = [Some(street), place]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "LARS-ERIK" → "Lars-Erik": capitals after the start, a space or a hyphen.
fn as_written(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// The `kode` of Folkeregisteret's error body (`{"kode": "FREG-…", "melding": …}`), for the log.
pub async fn error_code(response: reqwest::Response) -> String {
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    body["kode"].as_str().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> NationalId {
        NationalId::parse("01819012365", true).unwrap()
    }

    #[test]
    fn a_resident_is_read_with_the_current_address_only() {
        let body = r#"{
          "status":[{"erGjeldende":false,"status":"utflyttet"},{"erGjeldende":true,"status":"bosatt"}],
          "navn":[{"erGjeldende":true,"fornavn":"LARS-ERIK","mellomnavn":"O'NEIL","etternavn":"ØSTBY"}],
          "foedsel":[{"erGjeldende":true,"foedselsdato":"1967-02-14","foedselsaar":"1967"}],
          "bostedsadresse":[
            {"erGjeldende":false,"vegadresse":{"kommunenummer":"0301","adressenavn":"Gamleveien"}},
            {"erGjeldende":true,"adressegradering":"ugradert","vegadresse":{"kommunenummer":"4601",
              "adressenavn":"Prøvegaten","adressenummer":{"husnummer":"7","husbokstav":"B"},
              "bruksenhetsnummer":"H0201","poststed":{"postnummer":"5003","poststedsnavn":"BERGEN"}}}],
          "adressebeskyttelse":[]
        }"#
        .as_bytes();
        let p = person(&id(), body).unwrap();
        assert_eq!(p.status, RegisterStatus::Resident);
        assert_eq!(p.name, "Lars-Erik O'neil Østby");
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1967, 2, 14));
        assert_eq!(p.kommunenummer.as_deref(), Some("4601"));
        assert_eq!(
            p.address.as_deref(),
            Some("Prøvegaten 7B H0201, 5003 Bergen")
        );
        assert!(!p.address_protected);
    }

    #[test]
    fn a_confidential_address_gives_the_kommune_but_no_address() {
        let body = r#"{
          "status":[{"erGjeldende":true,"status":"bosatt"}],
          "navn":[{"erGjeldende":true,"fornavn":"HANNE","etternavn":"VERN"}],
          "bostedsadresse":[{"erGjeldende":true,"adressegradering":"fortrolig",
             "vegadresse":{"kommunenummer":"9999","adressenavn":"Hemmelig vei"}}],
          "adressebeskyttelse":[{"erGjeldende":true,"graderingsnivaa":"fortrolig"}]
        }"#
        .as_bytes();
        let p = person(&id(), body).unwrap();
        assert!(p.address_protected);
        assert_eq!(p.address, None);
        assert_eq!(p.kommunenummer.as_deref(), Some("9999"));
    }

    #[test]
    fn an_emigrated_person_has_no_current_address() {
        let body = r#"{
          "status":[{"erGjeldende":false,"status":"bosatt"},{"erGjeldende":true,"status":"utflyttet"}],
          "bostedsadresse":[{"erGjeldende":false,"vegadresse":{"kommunenummer":"9999"}}]
        }"#
        .as_bytes();
        let p = person(&id(), body).unwrap();
        assert_eq!(p.status, RegisterStatus::Emigrated);
        assert_eq!(p.kommunenummer, None);
        assert_eq!(p.address, None);
        assert!(person(&id(), b"not json").is_err());
    }
}
