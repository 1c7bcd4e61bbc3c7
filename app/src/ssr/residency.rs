//! Where a person lives: the `ResidencyRegister` adapter answers "does this person live in
//! kommune (or fylke) N today". ID-porten never says where someone lives; Folkeregisteret does
//! (Skatteetaten through Maskinporten, or KS Fiks folkeregister), and an implementation of
//! either goes here. The shipped one reads the synthetic persons of the ID-porten stand-in
//! (`end2end/idporten/persons.json`). Without a register, signing is disabled — never allowed
//! unchecked. Nothing but (resident, kommunenummer, checked at) is kept of an answer, and for
//! signature lists the name and address it gives.

use crate::domain::national_id::NationalId;
use crate::domain::organisation::OrgKind;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A person as the register knows them.
#[derive(Clone)]
pub struct RegisteredPerson {
    pub national_id: NationalId,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    pub address: Option<String>,
    /// Where they live; `None` for people not resident in Norway.
    pub kommunenummer: Option<String>,
}

impl std::fmt::Debug for RegisteredPerson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RegisteredPerson(…)")
    }
}

impl RegisteredPerson {
    /// Lives in the municipality with this kommunenummer, or in the county with this
    /// fylkesnummer (the first two digits of the kommunenummer).
    pub fn lives_in(&self, kind: OrgKind, number: &str) -> bool {
        match (&self.kommunenummer, kind) {
            (Some(k), OrgKind::Municipality) => k == number,
            (Some(k), OrgKind::County) => k.starts_with(number) && number.len() == 2,
            (None, _) => false,
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum RegisterError {
    #[error("no residency register is configured")]
    NotConfigured,
    #[error("the residency register does not answer: {0}")]
    Unavailable(String),
}

#[derive(Debug)]
pub enum ResidencyRegister {
    /// Synthetic persons from a JSON file (development and tests only).
    Fixture(FixtureRegister),
    /// No register: residency cannot be checked, so nobody can sign.
    None,
}

impl ResidencyRegister {
    pub fn is_available(&self) -> bool {
        !matches!(self, ResidencyRegister::None)
    }

    pub async fn lookup(&self, id: &NationalId) -> Result<Option<RegisteredPerson>, RegisterError> {
        match self {
            ResidencyRegister::Fixture(f) => {
                f.lookups.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(f.by_pid.get(id.expose()).cloned())
            }
            ResidencyRegister::None => Err(RegisterError::NotConfigured),
        }
    }

    /// People with this name (case and spacing ignored) and birth date: for paper signature
    /// lists without the national id.
    pub async fn search(
        &self,
        name: &str,
        birth_date: NaiveDate,
    ) -> Result<Vec<RegisteredPerson>, RegisterError> {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        match self {
            ResidencyRegister::Fixture(f) => Ok(f
                .by_pid
                .values()
                .filter(|p| p.birth_date == Some(birth_date) && norm(&p.name) == norm(name))
                .cloned()
                .collect()),
            ResidencyRegister::None => Err(RegisterError::NotConfigured),
        }
    }
}

#[derive(serde::Deserialize)]
struct FixturePerson {
    pid: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    birth_date: Option<NaiveDate>,
    kommunenummer: Option<String>,
    address: Option<String>,
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
            by_pid.insert(
                raw,
                RegisteredPerson {
                    national_id: id,
                    name,
                    birth_date: p.birth_date,
                    address: p.address,
                    kommunenummer: p.kommunenummer,
                },
            );
        }
        Ok(Self {
            by_pid,
            lookups: Default::default(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_fixture_knows_where_its_persons_live() {
        let reg = ResidencyRegister::Fixture(
            FixtureRegister::from_file(&default_fixture_path()).unwrap(),
        );
        let kari = NationalId::parse("01819012365", true).unwrap();
        let p = reg.lookup(&kari).await.unwrap().unwrap();
        assert_eq!(p.name, "Kari Nordmann");
        assert!(p.lives_in(OrgKind::Municipality, "9999"));
        assert!(p.lives_in(OrgKind::County, "99"));
        assert!(!p.lives_in(OrgKind::Municipality, "0301"));
        let oslo = NationalId::parse("24928042150", true).unwrap();
        assert!(
            !reg.lookup(&oslo)
                .await
                .unwrap()
                .unwrap()
                .lives_in(OrgKind::Municipality, "9999")
        );
        let found = reg
            .search(
                "  kari   NORDMANN ",
                NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(found.len(), 1);
        assert!(ResidencyRegister::None.lookup(&kari).await.is_err());
        assert!(!format!("{p:?}").contains("0181"));
    }
}
