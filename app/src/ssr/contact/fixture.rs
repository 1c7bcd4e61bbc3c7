//! KRR for development: the `krr` entries of the ID-porten stand-in's persons
//! (`end2end/idporten/persons.json`), as the registers stand-in answers for them.

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
    by_pid: HashMap<String, FixtureKrr>,
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
                .filter_map(|p| Some((p.pid?, p.krr?)))
                .collect(),
        })
    }

    pub fn lookup(&self, ids: &[NationalId], now: DateTime<Utc>) -> Vec<Option<Contact>> {
        ids.iter()
            .map(|id| {
                self.by_pid.get(id.expose()).map(|k| Contact {
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
