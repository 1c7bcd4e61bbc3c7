//! Organisasjonsnummer: nine digits from Enhetsregisteret, the last a mod-11 check digit.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrgNumberError {
    #[error("an organisation number has nine digits")]
    Format,
    #[error("the check digit does not match")]
    CheckDigit,
}

const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

impl OrgNumber {
    /// Parses `123 456 789` or `123456789`; spaces are ignored.
    pub fn parse(input: &str) -> Result<Self, OrgNumberError> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 9 || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(OrgNumberError::Format);
        }
        let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
        let sum: u32 = d[..8].iter().zip(WEIGHTS).map(|(a, w)| a * w).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => return Err(OrgNumberError::CheckDigit),
            k => k,
        };
        if check != d[8] {
            return Err(OrgNumberError::CheckDigit);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OrgNumber {
    type Error = OrgNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OrgNumber> for String {
    fn from(n: OrgNumber) -> Self {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_organisation_numbers_are_accepted() {
        // Digitaliseringsdirektoratet, Oslo kommune, KS.
        for n in ["991825827", "974 760 673", "971032146"] {
            assert!(OrgNumber::parse(n).is_ok(), "{n}");
        }
        assert_eq!(
            OrgNumber::parse("974 760 673").unwrap().as_str(),
            "974760673"
        );
    }

    #[test]
    fn a_wrong_check_digit_or_length_is_refused() {
        assert_eq!(
            OrgNumber::parse("991825828"),
            Err(OrgNumberError::CheckDigit)
        );
        assert_eq!(OrgNumber::parse("99182582"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse("99182582x"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse(""), Err(OrgNumberError::Format));
    }
}
