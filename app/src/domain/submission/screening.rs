//! What staff decide about publishing one submission, parsed once: the decision as sent
//! (`Decision`) and what is stored (`Screening`): published, redacted with a public copy, or
//! withheld with the reason the submitter is told.

use super::{Publication, WithholdReason};
use crate::domain::field_errors::FieldErrors;

/// The longest note to a withheld submitter.
pub const MAX_NOTE: usize = 2000;

/// What staff decided, as sent.
#[derive(Debug, Clone)]
pub enum Decision {
    Publish,
    /// A public copy: the general comment and (section id, text) for sections.
    Redact {
        general: String,
        sections: Vec<(i32, String)>,
    },
    Withhold {
        reason: String,
        note: String,
    },
}

/// The screening to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    pub publication: Publication,
    pub withhold_reason: Option<WithholdReason>,
    pub withhold_note: Option<String>,
    pub public_general_comment: Option<String>,
    pub public_comments: Vec<(i32, String)>,
}

impl Screening {
    pub const MESSAGE_KEYS: &[&str] = &[
        "screening.redact_empty",
        "screening.reason_required",
        "screening.note_too_long",
    ];

    fn of(publication: Publication) -> Self {
        Screening {
            publication,
            withhold_reason: None,
            withhold_note: None,
            public_general_comment: None,
            public_comments: vec![],
        }
    }

    pub fn parse(decision: Decision) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        match decision {
            Decision::Publish => Ok(Self::of(Publication::Published)),
            Decision::Redact { general, sections } => {
                let sections: Vec<(i32, String)> = sections
                    .into_iter()
                    .map(|(id, t)| (id, t.trim().to_string()))
                    .filter(|(_, t)| !t.is_empty())
                    .collect();
                if general.trim().is_empty() && sections.is_empty() {
                    errors.add("public_general_comment", "screening.redact_empty");
                    return Err(errors);
                }
                Ok(Screening {
                    public_general_comment: Some(general.trim().to_string()),
                    public_comments: sections,
                    ..Self::of(Publication::Redacted)
                })
            }
            Decision::Withhold { reason, note } => {
                let reason = WithholdReason::parse(&reason);
                if reason.is_none() {
                    errors.add("withhold_reason", "screening.reason_required");
                }
                if note.chars().count() > MAX_NOTE {
                    errors.add("withhold_note", "screening.note_too_long");
                }
                errors.into_result()?;
                Ok(Screening {
                    withhold_reason: reason,
                    withhold_note: Some(note.trim().to_string()).filter(|n| !n.is_empty()),
                    ..Self::of(Publication::Withheld)
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redaction_keeps_the_non_empty_public_copy_and_a_withholding_its_reason() {
        let r = Screening::parse(Decision::Redact {
            general: " Offentlig del ".into(),
            sections: vec![(1, " ".into()), (2, " Del to ".into())],
        })
        .expect("valid");
        assert_eq!(r.publication, Publication::Redacted);
        assert_eq!(r.public_general_comment.as_deref(), Some("Offentlig del"));
        assert_eq!(r.public_comments, vec![(2, "Del to".to_string())]);
        let w = Screening::parse(Decision::Withhold {
            reason: "hateful".into(),
            note: "  ".into(),
        })
        .expect("valid");
        assert_eq!(
            (w.withhold_reason, w.withhold_note),
            (Some(WithholdReason::Hateful), None)
        );
    }

    #[test]
    fn an_empty_copy_no_reason_or_a_long_note_is_refused_at_its_field() {
        let cases = [
            (
                Decision::Redact {
                    general: " ".into(),
                    sections: vec![(1, "".into())],
                },
                "public_general_comment",
                "screening.redact_empty",
            ),
            (
                Decision::Withhold {
                    reason: "dislike".into(),
                    note: String::new(),
                },
                "withhold_reason",
                "screening.reason_required",
            ),
            (
                Decision::Withhold {
                    reason: "hateful".into(),
                    note: "x".repeat(MAX_NOTE + 1),
                },
                "withhold_note",
                "screening.note_too_long",
            ),
        ];
        for (d, field, key) in cases {
            let errors = Screening::parse(d).unwrap_err();
            assert_eq!(
                errors.0,
                vec![(field.to_string(), key.to_string())],
                "{key}"
            );
            assert!(Screening::MESSAGE_KEYS.contains(&key));
        }
    }
}
