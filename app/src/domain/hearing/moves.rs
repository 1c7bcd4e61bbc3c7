//! A status move staff ask for in the hearing's editor, parsed once: publish, unpublish, cancel
//! (with a note the public sees) or conclude (with the outcome, and the decision's web address
//! where there is one). Which moves are allowed from where is `HearingStatus::transition`.

use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// The status form as typed; only the fields of its action are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    /// `publish`, `unpublish`, `cancel` or `conclude`.
    pub action: String,
    pub cancel_note: String,
    pub outcome: String,
    pub decision_url: String,
}

/// The move, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusMove {
    Publish,
    Unpublish,
    Cancel {
        note: String,
    },
    Conclude {
        outcome: String,
        decision_url: Option<String>,
    },
}

fn length_ok(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.trim().chars().count())
}

impl StatusMove {
    pub const MESSAGE_KEYS: &[&str] = &[
        "hearing.status.cancel_note_invalid",
        "hearing.status.outcome_invalid",
        "hearing.status.url_invalid",
    ];

    /// `None` for an action that is not one of the four; otherwise the move, or what is wrong
    /// in the fields of its action.
    pub fn parse(form: &StatusForm) -> Option<Result<Self, FieldErrors>> {
        Some(match form.action.as_str() {
            "publish" => Ok(StatusMove::Publish),
            "unpublish" => Ok(StatusMove::Unpublish),
            "cancel" => Self::cancel(&form.cancel_note),
            "conclude" => Self::conclude(&form.outcome, &form.decision_url),
            _ => return None,
        })
    }

    fn cancel(note: &str) -> Result<Self, FieldErrors> {
        if !length_ok(note, 3, 1000) {
            let mut errors = FieldErrors::new();
            errors.add("cancel_note", "hearing.status.cancel_note_invalid");
            return Err(errors);
        }
        Ok(StatusMove::Cancel {
            note: note.trim().to_string(),
        })
    }

    fn conclude(outcome: &str, decision_url: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !length_ok(outcome, 3, 2000) {
            errors.add("outcome", "hearing.status.outcome_invalid");
        }
        let url = Some(decision_url.trim()).filter(|u| !u.is_empty());
        if url.is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
            errors.add("decision_url", "hearing.status.url_invalid");
        }
        errors.into_result()?;
        Ok(StatusMove::Conclude {
            outcome: outcome.trim().to_string(),
            decision_url: url.map(str::to_string),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(action: &str, note: &str, outcome: &str, url: &str) -> StatusForm {
        StatusForm {
            action: action.into(),
            cancel_note: note.into(),
            outcome: outcome.into(),
            decision_url: url.into(),
        }
    }

    #[test]
    fn each_action_parses_to_its_move_with_trimmed_texts() {
        let cases = [
            (form("publish", "", "", ""), StatusMove::Publish),
            (form("unpublish", "", "", ""), StatusMove::Unpublish),
            (
                form("cancel", " Trukket av rådmannen ", "", ""),
                StatusMove::Cancel {
                    note: "Trukket av rådmannen".into(),
                },
            ),
            (
                form("conclude", "", " Vedtatt ", " "),
                StatusMove::Conclude {
                    outcome: "Vedtatt".into(),
                    decision_url: None,
                },
            ),
            (
                form("conclude", "", "Vedtatt", " https://kommune.no/sak/1 "),
                StatusMove::Conclude {
                    outcome: "Vedtatt".into(),
                    decision_url: Some("https://kommune.no/sak/1".into()),
                },
            ),
        ];
        for (f, expected) in cases {
            assert_eq!(StatusMove::parse(&f), Some(Ok(expected)), "{}", f.action);
        }
        assert_eq!(StatusMove::parse(&form("delete", "", "", "")), None);
    }

    #[test]
    fn a_short_note_or_outcome_and_a_non_web_address_are_refused_at_their_fields() {
        let cases = [
            (form("cancel", "no", "", ""), vec!["cancel_note"]),
            (
                form("conclude", "", "ok", "javascript:alert(1)"),
                vec!["outcome", "decision_url"],
            ),
        ];
        for (f, fields) in cases {
            let errors = StatusMove::parse(&f).expect("known action").unwrap_err();
            let got: Vec<&str> = errors.0.iter().map(|(f, _)| f.as_str()).collect();
            assert_eq!(got, fields);
            for (_, key) in &errors.0 {
                assert!(StatusMove::MESSAGE_KEYS.contains(&key.as_str()), "{key}");
            }
        }
    }
}
