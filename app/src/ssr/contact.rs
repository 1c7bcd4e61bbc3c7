//! How the municipality may reach a citizen it has no address from: Kontakt- og
//! reservasjonsregisteret (KRR, Digdir). A person who has reserved against digital contact, or
//! whose contact data is too old to use (not updated or verified in 18 months,
//! eForvaltningsforskriften § 32), is reached on paper: they go on the letter list.
//!
//! - `krr`: Digdir's lookup (oppslagstjenesten REST) through Maskinporten;
//! - `fixture`: the `krr` entries of the ID-porten stand-in's persons, for development;
//! - none: nobody can be reached digitally this way, so everyone goes on the letter list.

mod fixture;
pub mod krr;

pub use fixture::FixtureContacts;
pub use krr::Krr;

use crate::domain::national_id::NationalId;
use chrono::{DateTime, Duration, Utc};

/// Contact data older than this may not be used (18 months).
pub const USABLE_FOR_DAYS: i64 = 548;

/// What KRR holds about one person.
#[derive(Clone, PartialEq, Eq)]
pub struct Contact {
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// Reserved against digital contact from the public sector.
    pub reserved: bool,
    /// Registered and active in KRR.
    pub active: bool,
    /// When the email address was last updated or verified.
    pub email_confirmed_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for Contact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Contact(…)")
    }
}

/// How to reach a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// By email, at this address.
    Email(String),
    /// By letter (reserved, not in KRR, or the address too old to use).
    Paper,
}

impl std::fmt::Display for Reach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Reach::Email(_) => "email",
            Reach::Paper => "paper",
        })
    }
}

impl Contact {
    /// Email where it may be used today, else paper.
    pub fn reach(&self, now: DateTime<Utc>) -> Reach {
        let fresh = self
            .email_confirmed_at
            .is_some_and(|at| now - at <= Duration::days(USABLE_FOR_DAYS));
        match &self.email {
            Some(e) if self.active && !self.reserved && fresh => Reach::Email(e.clone()),
            _ => Reach::Paper,
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum ContactError {
    #[error("the contact register does not answer: {0}")]
    Unavailable(String),
}

#[derive(Debug)]
pub enum ContactRegister {
    Krr(Krr),
    Fixture(FixtureContacts),
    None,
}

impl ContactRegister {
    /// How to reach each of `ids` (in their order), asked on behalf of `on_behalf_of` (the
    /// organisation's organisasjonsnummer, when it has one).
    pub async fn reach(
        &self,
        ids: &[NationalId],
        on_behalf_of: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reach>, ContactError> {
        let contacts = match self {
            ContactRegister::Krr(k) => k.lookup(ids, on_behalf_of).await?,
            ContactRegister::Fixture(f) => f.lookup(ids, now),
            ContactRegister::None => vec![None; ids.len()],
        };
        Ok(contacts
            .iter()
            .map(|c| c.as_ref().map_or(Reach::Paper, |c| c.reach(now)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(days_ago: i64, reserved: bool) -> Contact {
        Contact {
            email: Some("a@eksempel.no".into()),
            mobile: None,
            reserved,
            active: true,
            email_confirmed_at: Some(Utc::now() - Duration::days(days_ago)),
        }
    }

    #[test]
    fn a_reserved_person_or_an_address_older_than_eighteen_months_is_reached_on_paper() {
        let now = Utc::now();
        assert_eq!(
            contact(40, false).reach(now),
            Reach::Email("a@eksempel.no".into())
        );
        assert_eq!(contact(40, true).reach(now), Reach::Paper);
        assert_eq!(contact(549, false).reach(now), Reach::Paper);
        let inactive = Contact {
            active: false,
            ..contact(1, false)
        };
        assert_eq!(inactive.reach(now), Reach::Paper);
        assert!(!format!("{:?}", contact(1, false)).contains('@'));
    }
}
