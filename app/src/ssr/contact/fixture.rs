//! KRR for development: the `krr` entries of the ID-porten stand-in's persons
//! (`end2end/idporten/persons.json`), as the registers stand-in answers for them; and for any
//! other synthetic number (the synthetic population a panel's sample is drawn from), an entry
//! made from the number by `synthetic_entry` — the same rule the stand-in follows.

use super::Contact;
use crate::domain::national_id::NationalId;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

#[derive(serde::Deserialize)]
struct FixturePerson {
    pid: Option<String>,
    krr: Option<FixtureKrr>,
}

#[derive(serde::Deserialize)]
struct FixtureKrr {
    email: Option<String>,
    mobile: Option<String>,
    reserved: bool,
    verified_days_ago: i64,
}

pub struct FixtureContacts {
    /// Every person in the file, with their entry if they have one.
    by_pid: HashMap<String, Option<FixtureKrr>>,
}

impl std::fmt::Debug for FixtureContacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FixtureContacts({} persons)", self.by_pid.len())
    }
}

impl FixtureContacts {
    pub fn from_file(path: &std::path::Path) -> Result<Self, String> {
        let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let persons: Vec<FixturePerson> =
            serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Self {
            by_pid: persons
                .into_iter()
                .filter_map(|p| Some((p.pid?, p.krr)))
                .collect(),
        })
    }

    pub fn lookup(&self, ids: &[NationalId], now: DateTime<Utc>) -> Vec<Option<Contact>> {
        ids.iter()
            .map(|id| {
                let made;
                let k = match self.by_pid.get(id.expose()) {
                    Some(k) => k.as_ref()?,
                    None => {
                        made = synthetic_entry(id.expose())?;
                        &made
                    }
                };
                Some(Contact {
                    email: k.email.clone(),
                    mobile: k.mobile.clone(),
                    reserved: k.reserved,
                    active: true,
                    email_confirmed_at: Some(now - Duration::days(k.verified_days_ago)),
                })
            })
            .collect()
    }
}

/// The KRR entry of a synthetic number (month + 80) that is not one of the stand-in's persons:
/// three in four have a usable address (`innbygger-<8 hex>@eksempel.no`, verified 30 days
/// ago), one in ten has reserved against digital contact, and the rest are not in KRR — decided
/// by SHA-256 of the number, as `end2end/registers/krr.mjs` decides it.
fn synthetic_entry(pid: &str) -> Option<FixtureKrr> {
    use sha2::{Digest, Sha256};
    let month: u32 = pid.get(2..4)?.parse().ok()?;
    if month <= 80 {
        return None;
    }
    let h = Sha256::digest(format!("innspill-synthetic-krr:{pid}").as_bytes());
    if h[0] >= 218 {
        return None;
    }
    Some(FixtureKrr {
        email: Some(format!("innbygger-{}@eksempel.no", hex::encode(&h[1..5]))),
        mobile: None,
        reserved: h[0] >= 192,
        verified_days_ago: 30,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_synthetic_number_outside_the_file_gets_the_entry_its_hash_decides() {
        let people = crate::domain::survey::population::synthetic("9999", 400);
        let f = FixtureContacts {
            by_pid: HashMap::new(),
        };
        let now = Utc::now();
        let ids: Vec<NationalId> = people.iter().map(|p| p.national_id.clone()).collect();
        let got = f.lookup(&ids, now);
        let usable = got
            .iter()
            .filter(|c| c.as_ref().is_some_and(|c| !c.reserved))
            .count();
        let reserved = got
            .iter()
            .filter(|c| c.as_ref().is_some_and(|c| c.reserved))
            .count();
        // 75 %, 10 % and 15 % of 400, give or take.
        assert!((260..=340).contains(&usable), "{usable}");
        assert!((20..=65).contains(&reserved), "{reserved}");
        assert_eq!(got, f.lookup(&ids, now), "the same number, the same entry");
        let a = got.iter().flatten().find(|c| !c.reserved).unwrap();
        let mail = a.email.as_deref().unwrap();
        assert!(mail.starts_with("innbygger-") && mail.ends_with("@eksempel.no"));
        assert!(
            !ids.iter().any(|id| mail.contains(&id.expose()[..6])),
            "no birth date or number in the address"
        );
        // A real (non-synthetic) number is never made up.
        let real = NationalId::parse("01019012480", false).unwrap();
        assert_eq!(f.lookup(&[real], now), vec![None]);
    }
}
