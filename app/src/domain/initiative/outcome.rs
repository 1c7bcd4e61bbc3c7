//! The council's outcome of an initiative, as staff record it: the form as typed
//! (`OutcomeInput`) and an outcome right in every field (`Outcome`).

use crate::domain::field_errors::FieldErrors;
use crate::domain::initiative::InitiativeStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the council did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    /// Referred to an ongoing planning case (no six-month limit).
    Referred,
    Decided,
    /// Not treated: the same as an earlier proposal in this election period.
    NotTreated,
}

impl OutcomeKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "referred" => Some(OutcomeKind::Referred),
            "decided" => Some(OutcomeKind::Decided),
            "not_treated" => Some(OutcomeKind::NotTreated),
            _ => None,
        }
    }

    /// The status the initiative moves to.
    pub fn status(self) -> InitiativeStatus {
        match self {
            OutcomeKind::Referred => InitiativeStatus::Referred,
            OutcomeKind::Decided => InitiativeStatus::Decided,
            OutcomeKind::NotTreated => InitiativeStatus::NotTreated,
        }
    }
}

/// The outcome form as it arrives (the fields of `OutcomeInput`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeForm {
    pub kind: String,
    pub text: String,
    pub date: String,
    pub minutes_url: String,
}

impl OutcomeForm {
    pub fn input(&self) -> OutcomeInput<'_> {
        OutcomeInput {
            kind: &self.kind,
            text: &self.text,
            date: &self.date,
            minutes_url: &self.minutes_url,
        }
    }
}

/// The outcome form as staff filled it in.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeInput<'a> {
    /// `referred`, `decided` or `not_treated`.
    pub kind: &'a str,
    pub text: &'a str,
    pub date: &'a str,
    pub minutes_url: &'a str,
}

/// An outcome right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub text: String,
    pub date: NaiveDate,
    /// The address of the meeting's minutes, if given.
    pub minutes_url: Option<String>,
}

impl Outcome {
    pub const MESSAGE_KEYS: &[&str] = &[
        "initiative.outcome.kind_invalid",
        "initiative.outcome.text_invalid",
        "initiative.form.date_invalid",
        "hearing.status.url_invalid",
    ];

    pub fn parse(input: OutcomeInput<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = OutcomeKind::parse(input.kind);
        if kind.is_none() {
            errors.add("kind", "initiative.outcome.kind_invalid");
        }
        let text = input.text.trim();
        if !(3..=5000).contains(&text.chars().count()) {
            errors.add("text", "initiative.outcome.text_invalid");
        }
        let date = NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d").ok();
        if date.is_none() {
            errors.add("date", "initiative.form.date_invalid");
        }
        let url = input.minutes_url.trim();
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            errors.add("minutes_url", "hearing.status.url_invalid");
        }
        errors.into_result()?;
        match (kind, date) {
            (Some(kind), Some(date)) => Ok(Outcome {
                kind,
                text: text.to_string(),
                date,
                minutes_url: (!url.is_empty()).then(|| url.to_string()),
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> OutcomeInput<'static> {
        OutcomeInput {
            kind: "decided",
            text: " Vedtatt mot 3 stemmer. ",
            date: "2026-11-20",
            minutes_url: "",
        }
    }

    #[test]
    fn a_right_outcome_is_trimmed_and_moves_to_its_status() {
        let o = Outcome::parse(input()).expect("valid");
        assert_eq!(
            (o.kind.status(), o.text.as_str()),
            (InitiativeStatus::Decided, "Vedtatt mot 3 stemmer.")
        );
        assert_eq!(o.minutes_url, None);
    }

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let cases = [
            (
                OutcomeInput {
                    kind: "won",
                    ..input()
                },
                "kind",
                "initiative.outcome.kind_invalid",
            ),
            (
                OutcomeInput {
                    text: "ok",
                    ..input()
                },
                "text",
                "initiative.outcome.text_invalid",
            ),
            (
                OutcomeInput {
                    date: "20.11.2026",
                    ..input()
                },
                "date",
                "initiative.form.date_invalid",
            ),
            (
                OutcomeInput {
                    minutes_url: "ftp://x",
                    ..input()
                },
                "minutes_url",
                "hearing.status.url_invalid",
            ),
        ];
        for (i, field, key) in cases {
            let errors = Outcome::parse(i).unwrap_err();
            assert_eq!(
                errors.0,
                vec![(field.to_string(), key.to_string())],
                "{key}"
            );
            assert!(Outcome::MESSAGE_KEYS.contains(&key));
        }
    }
}
