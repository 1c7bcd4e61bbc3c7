//! Where a person lives: the `ResidencyRegister` adapter answers "does this person live in
//! kommune (or fylke) N today". ID-porten never says where someone lives; Folkeregisteret does.
//!
//! - `folkeregisteret`: Skatteetaten's lookup "offentlig med hjemmel" through Maskinporten,
//!   the register in production;
//! - `fixture`: the synthetic persons of the ID-porten stand-in, for development and tests;
//! - none: residency cannot be checked, so nobody can propose or sign — never allowed
//!   unchecked.
//!
//! A register that does not answer is not a "no": the caller tells the citizen to try again and
//! stores nothing. Nothing but (resident, kommunenummer, checked at) is kept of an answer, and
//! for signature lists the name and address it gives — no address for a person whose address
//! is confidential.

mod fixture;
pub mod folkeregisteret;

pub use fixture::{FixtureRegister, default_fixture_path};
pub use folkeregisteret::Folkeregisteret;

use crate::domain::national_id::NationalId;
use crate::domain::organisation::OrgKind;
use chrono::NaiveDate;

/// The person's status in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterStatus {
    /// `bosatt`: lives in Norway.
    Resident,
    /// `utflyttet`: has moved abroad.
    Emigrated,
    /// `doed`.
    Dead,
    /// `opphoert`: the number is no longer in use (replaced or annulled).
    Ceased,
    /// Anything else (`ikkeBosatt`, `forsvunnet`, `midlertidig`, `inaktiv`, …): not resident.
    Other,
}

impl RegisterStatus {
    pub fn parse(s: &str) -> Self {
        match s {
            "bosatt" => Self::Resident,
            "utflyttet" => Self::Emigrated,
            "doed" => Self::Dead,
            "opphoert" => Self::Ceased,
            _ => Self::Other,
        }
    }
}

/// A person as the register knows them.
#[derive(Clone)]
pub struct RegisteredPerson {
    pub national_id: NationalId,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    /// The current address; `None` when there is none or it is confidential.
    pub address: Option<String>,
    /// The kommune of the current address; `None` for people without one in Norway.
    pub kommunenummer: Option<String>,
    pub status: RegisterStatus,
    /// Fortrolig or strengt fortrolig adresse: may sign, but no address is stored or shown.
    pub address_protected: bool,
}

impl std::fmt::Debug for RegisteredPerson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RegisteredPerson(…)")
    }
}

/// Why a person in the register may not take part here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Lives elsewhere in Norway.
    LivesElsewhere,
    /// Registered as moved abroad.
    Emigrated,
    /// Not found, dead, the number ceased, or no current address in Norway.
    NotRegistered,
}

impl RegisteredPerson {
    /// Lives in the municipality with this kommunenummer, or in the county with this
    /// fylkesnummer (the first two digits of the kommunenummer).
    pub fn lives_in(&self, kind: OrgKind, number: &str) -> bool {
        if self.status != RegisterStatus::Resident {
            return false;
        }
        match (&self.kommunenummer, kind) {
            (Some(k), OrgKind::Municipality) => k == number,
            (Some(k), OrgKind::County) => k.starts_with(number) && number.len() == 2,
            (None, _) => false,
        }
    }
}

/// Whether the person found (or not found) may take part in the organisation `kind`/`number`.
pub fn check(
    person: Option<&RegisteredPerson>,
    kind: OrgKind,
    number: &str,
) -> Result<(), Refusal> {
    match person {
        Some(p) if p.lives_in(kind, number) => Ok(()),
        Some(p) if p.status == RegisterStatus::Emigrated => Err(Refusal::Emigrated),
        Some(p) if p.status == RegisterStatus::Resident && p.kommunenummer.is_some() => {
            Err(Refusal::LivesElsewhere)
        }
        _ => Err(Refusal::NotRegistered),
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum RegisterError {
    #[error("no residency register is configured")]
    NotConfigured,
    #[error("the residency register does not answer: {0}")]
    Unavailable(String),
    /// The register is asked by national id only (Folkeregisteret has no search by name here).
    #[error("the residency register is asked by national id only")]
    NeedsNationalId,
}

#[derive(Debug)]
pub enum ResidencyRegister {
    /// Skatteetaten's Folkeregisteret through Maskinporten (production).
    Folkeregisteret(Folkeregisteret),
    /// Synthetic persons from a JSON file (development and tests only).
    Fixture(FixtureRegister),
    /// No register: residency cannot be checked, so nobody can sign.
    None,
}

impl ResidencyRegister {
    pub fn is_available(&self) -> bool {
        !matches!(self, ResidencyRegister::None)
    }

    /// The person with this national id; `on_behalf_of` is the organisation's
    /// organisasjonsnummer, when it has one (see `maskinporten`).
    pub async fn lookup(
        &self,
        id: &NationalId,
        on_behalf_of: Option<&str>,
    ) -> Result<Option<RegisteredPerson>, RegisterError> {
        match self {
            ResidencyRegister::Folkeregisteret(f) => f.lookup(id, on_behalf_of).await,
            ResidencyRegister::Fixture(f) => Ok(f.lookup(id)),
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
        match self {
            ResidencyRegister::Folkeregisteret(_) => Err(RegisterError::NeedsNationalId),
            ResidencyRegister::Fixture(f) => Ok(f.search(name, birth_date)),
            ResidencyRegister::None => Err(RegisterError::NotConfigured),
        }
    }
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
        let p = reg.lookup(&kari, None).await.unwrap().unwrap();
        assert_eq!(p.name, "Kari Nordmann");
        assert!(p.lives_in(OrgKind::Municipality, "9999"));
        assert!(p.lives_in(OrgKind::County, "99"));
        assert!(!p.lives_in(OrgKind::Municipality, "0301"));
        let oslo = NationalId::parse("24928042150", true).unwrap();
        assert!(
            !reg.lookup(&oslo, None)
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
        assert!(ResidencyRegister::None.lookup(&kari, None).await.is_err());
        assert!(!format!("{p:?}").contains("0181"));
    }

    #[tokio::test]
    async fn the_fixture_tells_emigrated_dead_and_confidential_persons_apart() {
        let reg = ResidencyRegister::Fixture(
            FixtureRegister::from_file(&default_fixture_path()).unwrap(),
        );
        let get = |pid: &str| NationalId::parse(pid, true).unwrap();
        let nils = reg.lookup(&get("02906110035"), None).await.unwrap();
        assert_eq!(
            check(nils.as_ref(), OrgKind::Municipality, "9999"),
            Err(Refusal::Emigrated)
        );
        let dag = reg.lookup(&get("20824410047"), None).await.unwrap();
        assert_eq!(
            check(dag.as_ref(), OrgKind::Municipality, "9999"),
            Err(Refusal::NotRegistered)
        );
        let mari = reg.lookup(&get("24928042150"), None).await.unwrap();
        assert_eq!(
            check(mari.as_ref(), OrgKind::Municipality, "9999"),
            Err(Refusal::LivesElsewhere)
        );
        let hanne = reg
            .lookup(&get("17848310182"), None)
            .await
            .unwrap()
            .unwrap();
        assert!(hanne.address_protected && hanne.address.is_none());
        assert_eq!(check(Some(&hanne), OrgKind::Municipality, "9999"), Ok(()));
        assert_eq!(
            check(None, OrgKind::Municipality, "9999"),
            Err(Refusal::NotRegistered)
        );
    }
}
