//! A new organisation, as the platform administrator describes it (in the browser or with
//! `innspill org create`): its kind and official number (checked against SSB's classification of
//! current municipalities and counties), its address on the site, its names (bokmål, nynorsk
//! and Sámi), written standard, population, bodies, rules for initiatives, and the address its
//! first administrator is invited at.

use crate::domain::email::Email;
use crate::domain::field_errors::FieldErrors;
use crate::domain::organisation::forms::InitiativeRules;
use crate::domain::organisation::profile::{Profile, ProfileInput};
use crate::domain::organisation::{BodyKind, OrgKind, OrgNumberCode, parse_slug};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrganisationInput {
    pub kind: String,
    pub number: String,
    /// Empty: made from the name.
    pub slug: String,
    pub name: String,
    pub name_nn: String,
    pub name_sami: String,
    pub written_standard: String,
    pub population: String,
    pub population_date: String,
    /// One body per line; the first is the council (kommunestyre or fylkesting).
    pub bodies: String,
    pub max_collection_months: String,
    pub signer_retention_months: String,
    pub screening_days: String,
    pub admin_email: String,
}

impl NewOrganisationInput {
    /// The form's fields by name, for keeping what was typed when it is refused.
    pub fn fields(&self) -> [(&'static str, &str); 14] {
        [
            ("kind", &self.kind),
            ("number", &self.number),
            ("slug", &self.slug),
            ("name", &self.name),
            ("name_nn", &self.name_nn),
            ("name_sami", &self.name_sami),
            ("written_standard", &self.written_standard),
            ("population", &self.population),
            ("population_date", &self.population_date),
            ("bodies", &self.bodies),
            ("max_collection_months", &self.max_collection_months),
            ("signer_retention_months", &self.signer_retention_months),
            ("screening_days", &self.screening_days),
            ("admin_email", &self.admin_email),
        ]
    }

    /// The form from fields by name (a multipart form, or the command line's arguments).
    pub fn from_fields(get: impl Fn(&str) -> String) -> Self {
        NewOrganisationInput {
            kind: get("kind"),
            number: get("number"),
            slug: get("slug"),
            name: get("name"),
            name_nn: get("name_nn"),
            name_sami: get("name_sami"),
            written_standard: get("written_standard"),
            population: get("population"),
            population_date: get("population_date"),
            bodies: get("bodies"),
            max_collection_months: get("max_collection_months"),
            signer_retention_months: get("signer_retention_months"),
            screening_days: get("screening_days"),
            admin_email: get("admin_email"),
        }
    }
}

/// A new organisation, right in every field.
#[derive(Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub kind: OrgKind,
    pub number: OrgNumberCode,
    pub slug: String,
    pub profile: Profile,
    pub name_nn: Option<String>,
    pub name_sami: Option<String>,
    pub bodies: Vec<(String, BodyKind)>,
    pub rules: InitiativeRules,
    pub admin_email: Email,
}

crate::domain::debug_only!(NewOrganisation { kind, slug });

/// An official unit the number names, as SSB's classification gives it.
pub trait Classification {
    /// Whether `number` is a current municipality (four digits) or county (two digits).
    fn is_current(&self, kind: OrgKind, number: &str) -> bool;
}

impl NewOrganisation {
    pub const MESSAGE_KEYS: &[&str] = &[
        "onboarding.kind_invalid",
        "onboarding.number_format",
        "onboarding.number_unknown",
        "onboarding.number_taken",
        "onboarding.slug_invalid",
        "onboarding.slug_taken",
        "onboarding.other_name_invalid",
        "onboarding.bodies_invalid",
        "onboarding.admin_email_invalid",
        "onboarding.population_file_invalid",
    ];

    /// The longest list of bodies accepted at once (more are added on the admin page).
    pub const MAX_BODIES: usize = 30;

    pub fn parse(
        input: &NewOrganisationInput,
        today: NaiveDate,
        classification: &dyn Classification,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = match input.kind.trim() {
            "municipality" => Some(OrgKind::Municipality),
            "county" => Some(OrgKind::County),
            _ => {
                errors.add("kind", "onboarding.kind_invalid");
                None
            }
        };
        let number = kind.and_then(|kind| match OrgNumberCode::parse(kind, &input.number) {
            Err(_) => {
                errors.add("number", "onboarding.number_format");
                None
            }
            Ok(n) if !classification.is_current(kind, n.as_str()) => {
                errors.add("number", "onboarding.number_unknown");
                None
            }
            Ok(n) => Some(n),
        });
        let slug_source = if input.slug.trim().is_empty() {
            slug_from_name(&input.name)
        } else {
            input.slug.trim().to_string()
        };
        // An address left to be made from a name that gives none: the name's message says it.
        let slug = if input.slug.trim().is_empty() && slug_source.is_empty() {
            None
        } else {
            parse_slug(&slug_source)
                .map_err(|_| errors.add("slug", "onboarding.slug_invalid"))
                .ok()
        };
        let profile = Profile::parse(
            &ProfileInput {
                name: input.name.clone(),
                population: input.population.clone(),
                population_date: input.population_date.clone(),
                written_standard: input.written_standard.clone(),
                accessibility_url: String::new(),
            },
            today,
        )
        .map_err(|e| errors.merge(e))
        .ok();
        let mut other_name = |s: &str, field: &str| {
            let s = s.trim();
            if s.is_empty() {
                None
            } else if (2..=120).contains(&s.chars().count()) {
                Some(s.to_string())
            } else {
                errors.add(field, "onboarding.other_name_invalid");
                None
            }
        };
        let name_nn = other_name(&input.name_nn, "name_nn");
        let name_sami = other_name(&input.name_sami, "name_sami");
        let bodies = parse_bodies(&input.bodies)
            .map_err(|_| errors.add("bodies", "onboarding.bodies_invalid"))
            .ok();
        let rules = InitiativeRules::parse(
            &input.max_collection_months,
            &input.signer_retention_months,
            &input.screening_days,
        )
        .map_err(|e| errors.merge(e))
        .ok();
        let admin_email = Email::parse(&input.admin_email)
            .map_err(|_| errors.add("admin_email", "onboarding.admin_email_invalid"))
            .ok();
        errors.into_result()?;
        match (kind, number, slug, profile, bodies, rules, admin_email) {
            (
                Some(kind),
                Some(number),
                Some(slug),
                Some(profile),
                Some(bodies),
                Some(rules),
                Some(admin_email),
            ) => Ok(NewOrganisation {
                kind,
                number,
                slug,
                profile,
                name_nn,
                name_sami,
                bodies,
                rules,
                admin_email,
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// One body per line, 2–120 characters each, none twice; the first line is the council
/// (kommunestyre or fylkesting), the others committees. An empty list is allowed.
fn parse_bodies(text: &str) -> Result<Vec<(String, BodyKind)>, ()> {
    let names: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if names.len() > NewOrganisation::MAX_BODIES
        || names
            .iter()
            .any(|n| !(2..=120).contains(&n.chars().count()))
    {
        return Err(());
    }
    for (i, n) in names.iter().enumerate() {
        if names[..i]
            .iter()
            .any(|m| m.to_lowercase() == n.to_lowercase())
        {
            return Err(());
        }
    }
    Ok(names
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let kind = if i == 0 {
                BodyKind::Council
            } else {
                BodyKind::Committee
            };
            (n.to_string(), kind)
        })
        .collect())
}

/// An address for the organisation made from its name: lower case, Norwegian and Sámi letters
/// spelt in ASCII (æ → ae, ø → o, å → a, á → a, č → c, …), anything else a hyphen.
pub fn slug_from_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().to_lowercase().chars() {
        let ascii: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' => "o",
            'å' | 'á' | 'à' | 'ä' | 'â' => "a",
            'é' | 'è' | 'ê' => "e",
            'č' => "c",
            'đ' => "d",
            'ŋ' => "n",
            'š' => "s",
            'ŧ' => "t",
            'ž' => "z",
            'ï' | 'í' => "i",
            'ü' | 'ú' => "u",
            _ => "-",
        };
        out.push_str(ascii);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    slug.chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Known;
    impl Classification for Known {
        fn is_current(&self, kind: OrgKind, number: &str) -> bool {
            matches!(
                (kind, number),
                (OrgKind::Municipality, "3101") | (OrgKind::County, "46")
            )
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date")
    }

    fn input() -> NewOrganisationInput {
        NewOrganisationInput {
            kind: "municipality".into(),
            number: "3101".into(),
            slug: String::new(),
            name: "Halden kommune".into(),
            name_nn: String::new(),
            name_sami: String::new(),
            written_standard: "nb".into(),
            population: "31 444".into(),
            population_date: "2024-01-01".into(),
            bodies: "Kommunestyret\n\n  Formannskapet \nHelse- og omsorgsutvalget".into(),
            max_collection_months: "6".into(),
            signer_retention_months: "12".into(),
            screening_days: "14".into(),
            admin_email: "postmottak@halden.example".into(),
        }
    }

    #[test]
    fn a_right_form_gives_the_organisation_with_its_council_first() {
        let o = NewOrganisation::parse(&input(), today(), &Known).expect("valid");
        assert_eq!(
            (o.slug.as_str(), o.number.as_str()),
            ("halden-kommune", "3101")
        );
        assert_eq!(o.profile.population, 31_444);
        assert_eq!(
            o.bodies,
            vec![
                ("Kommunestyret".to_string(), BodyKind::Council),
                ("Formannskapet".to_string(), BodyKind::Committee),
                ("Helse- og omsorgsutvalget".to_string(), BodyKind::Committee),
            ]
        );
        assert_eq!((o.name_nn, o.name_sami), (None, None));
    }

    #[test]
    fn each_wrong_field_is_named() {
        let mut i = input();
        i.number = "3199".into();
        i.slug = "Halden!".into();
        i.name_sami = "x".into();
        i.bodies = "Kommunestyret\nkommunestyret".into();
        i.admin_email = "postmottak".into();
        i.population_date = "2030-01-01".into();
        let e = NewOrganisation::parse(&i, today(), &Known).unwrap_err();
        assert_eq!(e.get("number"), Some("onboarding.number_unknown"));
        assert_eq!(e.get("slug"), Some("onboarding.slug_invalid"));
        assert_eq!(e.get("name_sami"), Some("onboarding.other_name_invalid"));
        assert_eq!(e.get("bodies"), Some("onboarding.bodies_invalid"));
        assert_eq!(e.get("admin_email"), Some("onboarding.admin_email_invalid"));
        assert_eq!(e.get("population_date"), Some("admin.profile.date_future"));
        let mut i = input();
        i.kind = "county".into();
        let e = NewOrganisation::parse(&i, today(), &Known).unwrap_err();
        assert_eq!(e.get("number"), Some("onboarding.number_format"));
        i.number = "46".into();
        assert!(NewOrganisation::parse(&i, today(), &Known).is_ok());
        i.kind = "state".into();
        let e = NewOrganisation::parse(&i, today(), &Known).unwrap_err();
        assert_eq!(e.get("kind"), Some("onboarding.kind_invalid"));
        // No name and no address: the name is wrong, not the address it would have given.
        let mut i = input();
        i.name = " ".into();
        let e = NewOrganisation::parse(&i, today(), &Known).unwrap_err();
        assert_eq!(e.get("name"), Some("admin.profile.name_invalid"));
        assert_eq!(e.get("slug"), None);
    }

    #[test]
    fn slugs_are_spelt_in_ascii() {
        assert_eq!(
            slug_from_name("Kárášjohka – Karasjok"),
            "karasjohka-karasjok"
        );
        assert_eq!(slug_from_name(" Ørland kommune "), "orland-kommune");
        assert_eq!(slug_from_name("Æsøy & Åfjord"), "aesoy-afjord");
        assert_eq!(
            slug_from_name("Guovdageaidnu - Kautokeino"),
            "guovdageaidnu-kautokeino"
        );
        assert_eq!(slug_from_name("!!"), "");
    }
}
