//! The development register: the synthetic persons of the ID-porten stand-in
//! (`end2end/idporten/persons.json`), with the same outcomes the Folkeregisteret adapter gives
//! for them (status, confidential address).

use super::{RegisterStatus, RegisteredPerson};
use crate::domain::national_id::NationalId;
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(serde::Deserialize)]
struct FixturePerson {
    pid: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    birth_date: Option<NaiveDate>,
    kommunenummer: Option<String>,
    address: Option<String>,
    /// `utflyttet`, `doed`, …; resident (`bosatt`) when absent and a kommunenummer is given.
    status: Option<String>,
    /// `fortrolig` or `strengtFortrolig`.
    address_protection: Option<String>,
}

pub struct FixtureRegister {
    by_pid: HashMap<String, RegisteredPerson>,
    /// How many times it was asked (a real register is a national service: tests show how
    /// often Innspill would ask it).
    lookups: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for FixtureRegister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FixtureRegister({} persons)", self.by_pid.len())
    }
}

impl FixtureRegister {
    /// A register of exactly these persons (tests and benchmarks make synthetic ones).
    pub fn from_persons(persons: impl IntoIterator<Item = RegisteredPerson>) -> Self {
        Self {
            by_pid: persons
                .into_iter()
                .map(|p| (p.national_id.expose().to_string(), p))
                .collect(),
            lookups: Default::default(),
        }
    }

    /// Reads the synthetic persons (those without a national id are not in the register).
    pub fn from_json(json: &str) -> Result<Self, String> {
        let persons: Vec<FixturePerson> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut by_pid = HashMap::new();
        for p in persons {
            let Some(raw) = p.pid else { continue };
            let id = NationalId::parse(&raw, true).map_err(|e| format!("a fixture pid: {e}"))?;
            let name = [p.given_name, p.family_name]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let status = match p.status.as_deref() {
                Some(s) => RegisterStatus::parse(s),
                None if p.kommunenummer.is_some() => RegisterStatus::Resident,
                None => RegisterStatus::Other,
            };
            let address_protected = p.address_protection.is_some();
            by_pid.insert(
                raw,
                RegisteredPerson {
                    national_id: id,
                    name,
                    birth_date: p.birth_date,
                    address: p.address.filter(|_| !address_protected),
                    kommunenummer: p.kommunenummer,
                    status,
                    address_protected,
                },
            );
        }
        Ok(Self {
            by_pid,
            lookups: Default::default(),
        })
    }

    pub fn lookup(&self, id: &NationalId) -> Option<RegisteredPerson> {
        self.lookups
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.by_pid.get(id.expose()).cloned()
    }

    /// People with this name (case and spacing ignored) and birth date.
    pub fn search(&self, name: &str, birth_date: NaiveDate) -> Vec<RegisteredPerson> {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        self.by_pid
            .values()
            .filter(|p| p.birth_date == Some(birth_date) && norm(&p.name) == norm(name))
            .cloned()
            .collect()
    }

    /// How many lookups it has answered.
    pub fn lookups(&self) -> u64 {
        self.lookups.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn from_file(path: &std::path::Path) -> Result<Self, String> {
        let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The fixture shipped with the repository (the ID-porten stand-in's persons).
pub fn default_fixture_path() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/idporten/persons.json"
    ))
}
