//! What staff decide about publishing one submission, parsed once: the decision as sent
//! (`Decision`) and what is stored (`Screening`): published, redacted with a public copy, or
//! withheld with the reason the submitter is told.

use super::{Publication, WithholdReason};
use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest note to a withheld submitter.
pub const MAX_NOTE: usize = 2000;

/// How long a publication as sent may be undone (back to waiting for screening), for the click
/// on the wrong card.
pub const UNDO_MINUTES: i64 = 10;

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
    /// Back to waiting, shortly after a publication as sent.
    Undo,
}

/// The screening form as it arrives: `action` is `publish`, `redact` (with
/// `public_general_comment` and `public_sections[<section id>]`), `withhold` (with
/// `withhold_reason` and `withhold_note`) or `undo`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreeningForm {
    pub action: String,
    pub public_general_comment: String,
    pub public_sections: BTreeMap<String, String>,
    pub withhold_reason: String,
    pub withhold_note: String,
}

impl Decision {
    /// The decision the form asks for; `None` for an unknown action. Sections whose key is not
    /// a number are left out.
    pub fn from_form(form: &ScreeningForm) -> Option<Self> {
        Some(match form.action.as_str() {
            "publish" => Decision::Publish,
            "redact" => Decision::Redact {
                general: form.public_general_comment.clone(),
                sections: form
                    .public_sections
                    .iter()
                    .filter_map(|(k, v)| Some((k.parse().ok()?, v.clone())))
                    .collect(),
            },
            "withhold" => Decision::Withhold {
                reason: form.withhold_reason.clone(),
                note: form.withhold_note.clone(),
            },
            "undo" => Decision::Undo,
            _ => return None,
        })
    }
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
            Decision::Undo => Ok(Self::of(Publication::Pending)),
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

/// The workbench's notes form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationForm {
    pub admin_comment: String,
    pub staff_summary: String,
    pub tags: String,
}

/// Staff's own notes on a submission (never public): a comment, a summary and tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub admin_comment: Option<String>,
    pub staff_summary: Option<String>,
    /// Trimmed, lower-cased, unique and sorted.
    pub tags: Vec<String>,
}

/// The longest staff comment on a submission.
pub const MAX_ADMIN_COMMENT: usize = 5000;
/// The longest staff summary of a submission.
pub const MAX_STAFF_SUMMARY: usize = 1000;

impl Annotation {
    pub const MESSAGE_KEYS: &[&str] = &["screening.text_too_long", "screening.tags_invalid"];

    /// `tags` is comma-separated: at most 20 tags of at most 40 characters.
    pub fn parse(
        admin_comment: &str,
        staff_summary: &str,
        tags: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if admin_comment.chars().count() > MAX_ADMIN_COMMENT {
            errors.add("admin_comment", "screening.text_too_long");
        }
        if staff_summary.chars().count() > MAX_STAFF_SUMMARY {
            errors.add("staff_summary", "screening.text_too_long");
        }
        let mut parsed: Vec<String> = tags
            .split(',')
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        parsed.sort();
        parsed.dedup();
        if parsed.len() > 20 || parsed.iter().any(|t| t.chars().count() > 40) {
            errors.add("tags", "screening.tags_invalid");
        }
        errors.into_result()?;
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Annotation {
            admin_comment: opt(admin_comment),
            staff_summary: opt(staff_summary),
            tags: parsed,
        })
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

    #[test]
    fn an_annotation_keeps_trimmed_notes_and_unique_lower_case_tags() {
        let a =
            Annotation::parse(" Ring tilbake ", "  ", "Trafikk, skole ,trafikk,,").expect("valid");
        assert_eq!(a.admin_comment.as_deref(), Some("Ring tilbake"));
        assert_eq!(a.staff_summary, None);
        assert_eq!(a.tags, vec!["skole".to_string(), "trafikk".to_string()]);
    }

    #[test]
    fn long_notes_and_too_many_or_too_long_tags_are_refused_at_their_fields() {
        let many: Vec<String> = (0..21).map(|n| format!("t{n}")).collect();
        let cases = [
            (
                "x".repeat(MAX_ADMIN_COMMENT + 1),
                String::new(),
                String::new(),
                "admin_comment",
                "screening.text_too_long",
            ),
            (
                String::new(),
                "x".repeat(MAX_STAFF_SUMMARY + 1),
                String::new(),
                "staff_summary",
                "screening.text_too_long",
            ),
            (
                String::new(),
                String::new(),
                many.join(","),
                "tags",
                "screening.tags_invalid",
            ),
            (
                String::new(),
                String::new(),
                "y".repeat(41),
                "tags",
                "screening.tags_invalid",
            ),
        ];
        for (comment, summary, tags, field, key) in cases {
            let errors = Annotation::parse(&comment, &summary, &tags).unwrap_err();
            assert_eq!(
                errors.0,
                vec![(field.to_string(), key.to_string())],
                "{field}"
            );
            assert!(Annotation::MESSAGE_KEYS.contains(&key));
        }
        // At the limits everything passes.
        let twenty: Vec<String> = (0..20).map(|n| format!("{n}{}", "z".repeat(38))).collect();
        assert!(
            Annotation::parse(
                &"x".repeat(MAX_ADMIN_COMMENT),
                &"x".repeat(MAX_STAFF_SUMMARY),
                &twenty.join(",")
            )
            .is_ok()
        );
    }
}
