//! A paper signature as staff type it from the list (`PaperSignature`), parsed once
//! (`PaperSigner`): a name, a birth date, and the national id where the list has one.

use crate::domain::field_errors::FieldErrors;
use crate::domain::national_id::NationalId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A paper signature as typed (the form's fields are `paper_name`, `paper_birth_date`,
/// `paper_address` and `paper_national_id`).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct PaperSignature {
    #[serde(rename = "paper_name")]
    pub name: String,
    #[serde(rename = "paper_birth_date")]
    pub birth_date: String,
    #[serde(rename = "paper_address")]
    pub address: String,
    /// Where the list has it.
    #[serde(rename = "paper_national_id")]
    pub national_id: String,
}

/// The national id as typed never reaches a log line.
impl std::fmt::Debug for PaperSignature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaperSignature")
            .field("name", &self.name)
            .field("birth_date", &self.birth_date)
            .field("national_id", &"***********")
            .finish_non_exhaustive()
    }
}

/// A paper signer right in every field, to be looked up in the register.
#[derive(Clone)]
pub struct PaperSigner {
    pub name: String,
    pub birth_date: NaiveDate,
    /// The address as written on the list, if any.
    pub address: Option<String>,
    pub national_id: Option<NationalId>,
}

crate::domain::debug_only!(PaperSigner {});

impl PaperSigner {
    pub const MESSAGE_KEYS: &[&str] = &[
        "initiative.paper.name_invalid",
        "initiative.form.date_invalid",
        "initiative.paper.national_id_invalid",
    ];

    /// Parses the typed signature; `synthetic`: test identities are allowed (not production).
    pub fn parse(input: &PaperSignature, synthetic: bool) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = input.name.trim();
        if !(2..=200).contains(&name.chars().count()) {
            errors.add("paper_name", "initiative.paper.name_invalid");
        }
        let birth = NaiveDate::parse_from_str(input.birth_date.trim(), "%Y-%m-%d").ok();
        if birth.is_none() {
            errors.add("paper_birth_date", "initiative.form.date_invalid");
        }
        let national_id = match input.national_id.trim() {
            "" => None,
            raw => NationalId::parse(raw, synthetic)
                .map_err(|_| {
                    errors.add("paper_national_id", "initiative.paper.national_id_invalid")
                })
                .ok(),
        };
        errors.into_result()?;
        Ok(PaperSigner {
            name: name.to_string(),
            birth_date: birth.ok_or_else(FieldErrors::new)?,
            address: Some(input.address.trim())
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            national_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PaperSignature {
        PaperSignature {
            name: " Kari Nordmann ".into(),
            birth_date: "1990-01-01".into(),
            address: " ".into(),
            national_id: String::new(),
        }
    }

    #[test]
    fn a_signature_without_a_national_id_is_found_by_name_and_birth_date() {
        let s = PaperSigner::parse(&input(), false).expect("valid");
        assert_eq!(
            (s.name.as_str(), s.address, s.national_id.is_none()),
            ("Kari Nordmann", None, true)
        );
    }

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let cases: [(PaperSignature, &str, &str); 3] = [
            (
                PaperSignature {
                    name: "K".into(),
                    ..input()
                },
                "paper_name",
                "initiative.paper.name_invalid",
            ),
            (
                PaperSignature {
                    birth_date: "1.1.1990".into(),
                    ..input()
                },
                "paper_birth_date",
                "initiative.form.date_invalid",
            ),
            (
                PaperSignature {
                    national_id: "01019012345".into(),
                    ..input()
                },
                "paper_national_id",
                "initiative.paper.national_id_invalid",
            ),
        ];
        for (i, field, key) in cases {
            let errors = PaperSigner::parse(&i, true).unwrap_err();
            assert_eq!(
                errors.0,
                vec![(field.to_string(), key.to_string())],
                "{key}"
            );
            assert!(PaperSigner::MESSAGE_KEYS.contains(&key));
        }
    }
}
