//! An email address, normalised to lower case. Addresses are personal data: never log one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A syntactically plausible email address (`local@domain.tld`), trimmed and lower-cased.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("empty")]
    Empty,
    #[error("invalid")]
    Invalid,
}

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(EmailError::Invalid);
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && !local.contains('@')
            && local.chars().all(|c| !c.is_whitespace() && !c.is_control());
        if s.len() > 254 || !domain_ok || !local_ok {
            return Err(EmailError::Invalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`: the only part of an address that may appear in a log line.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> Self {
        e.0
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email(***@{})", self.domain())
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        let e = Email::parse("  Kari.Nordmann@Eksempel.KOMMUNE.no ").unwrap();
        assert_eq!(e.as_str(), "kari.nordmann@eksempel.kommune.no");
        assert_eq!(e.domain(), "eksempel.kommune.no");
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        for bad in [
            "",
            "   ",
            "kari",
            "kari@",
            "@kommune.no",
            "kari@kommune",
            "ka ri@kommune.no",
            "kari@kommune..no",
            "kari@.kommune.no",
            "kari@kommune.no.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(Email::parse(" ").unwrap_err(), EmailError::Empty);
    }

    #[test]
    fn debug_output_hides_the_local_part() {
        let e = Email::parse("kari@kommune.no").unwrap();
        assert_eq!(format!("{e:?}"), "Email(***@kommune.no)");
    }
}
