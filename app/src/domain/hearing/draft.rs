//! The hearing form, parsed once: what staff typed (`HearingForm`), and a hearing draft that is
//! right in every field (`HearingDraft`): its texts within their lengths, a body of this
//! organisation, dates in Europe/Oslo with the deadline after the opening, and a reason when the
//! period is shorter than six weeks.

use crate::domain::email::Email;
use crate::domain::field_errors::FieldErrors;
use crate::domain::hearing::is_short;
use crate::domain::moment::{Moment, MomentKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest hearing text (Markdown).
pub const MAX_BODY: usize = 100_000;

/// The hearing form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingForm {
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub body_id: String,
    pub case_number: String,
    pub contact_name: String,
    pub contact_email: String,
    pub opens_date: String,
    pub opens_time: String,
    pub deadline_date: String,
    pub deadline_time: String,
    pub short_reason: String,
}

/// A hearing's text and facts, right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingDraft {
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub body_id: Option<i32>,
    pub case_number: Option<String>,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    /// Only for a period shorter than six weeks.
    pub short_reason: Option<String>,
}

fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn length_ok(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.trim().chars().count())
}

impl HearingDraft {
    pub const MESSAGE_KEYS: &[&str] = &[
        "hearing.form.title_invalid",
        "hearing.form.summary_invalid",
        "hearing.form.body_too_long",
        "hearing.form.body_invalid",
        "hearing.form.case_number_invalid",
        "hearing.form.contact_name_invalid",
        "hearing.form.email_invalid",
        "hearing.form.deadline_before_opening",
        "hearing.form.short_reason_required",
    ];

    /// Parses the form of an organisation whose bodies have the ids `body_ids`.
    pub fn parse(form: &HearingForm, body_ids: &[i32]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !length_ok(&form.title, 3, 200) {
            errors.add("title", "hearing.form.title_invalid");
        }
        if !length_ok(&form.summary, 10, 1000) {
            errors.add("summary", "hearing.form.summary_invalid");
        }
        if form.body_md.chars().count() > MAX_BODY {
            errors.add("body_md", "hearing.form.body_too_long");
        }
        let body_id = match form.body_id.trim() {
            "" => None,
            v => {
                let id = v.parse::<i32>().ok().filter(|id| body_ids.contains(id));
                if id.is_none() {
                    errors.add("body_id", "hearing.form.body_invalid");
                }
                id
            }
        };
        if form.case_number.trim().chars().count() > 50 {
            errors.add("case_number", "hearing.form.case_number_invalid");
        }
        if !length_ok(&form.contact_name, 2, 120) {
            errors.add("contact_name", "hearing.form.contact_name_invalid");
        }
        let contact_email = optional(&form.contact_email).and_then(|e| match Email::parse(&e) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(_) => {
                errors.add("contact_email", "hearing.form.email_invalid");
                None
            }
        });
        let opens_at = Moment::parse_fields(
            &mut errors,
            ("opens_date", &form.opens_date),
            ("opens_time", &form.opens_time),
            MomentKind::Opening,
        );
        let deadline = Moment::parse_fields(
            &mut errors,
            ("deadline_date", &form.deadline_date),
            ("deadline_time", &form.deadline_time),
            MomentKind::Deadline,
        );
        let short_reason = optional(&form.short_reason);
        if let (Some(o), Some(d)) = (opens_at, deadline) {
            if d <= o {
                errors.add("deadline_date", "hearing.form.deadline_before_opening");
            } else if is_short(o, d) && short_reason.is_none() {
                errors.add("short_reason", "hearing.form.short_reason_required");
            }
        }
        errors.into_result()?;
        let (Some(opens_at), Some(deadline)) = (opens_at, deadline) else {
            return Err(FieldErrors::new());
        };
        Ok(HearingDraft {
            title: form.title.trim().to_string(),
            summary: form.summary.trim().to_string(),
            body_md: form.body_md.trim().to_string(),
            body_id,
            case_number: optional(&form.case_number),
            contact_name: form.contact_name.trim().to_string(),
            contact_email,
            opens_at,
            deadline,
            short_reason: is_short(opens_at, deadline)
                .then_some(short_reason)
                .flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> HearingForm {
        HearingForm {
            title: " Reguleringsplan for Sentrum ".into(),
            summary: "Forslag til ny plan for sentrum.".into(),
            body_md: "# Plan\n".into(),
            contact_name: "Kari Saksbehandler".into(),
            opens_date: "2026-12-01".into(),
            deadline_date: "2027-03-01".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_right_form_is_trimmed_and_a_long_period_keeps_no_reason() {
        let mut f = form();
        f.short_reason = "ikke nødvendig".into();
        f.body_id = "4".into();
        let d = HearingDraft::parse(&f, &[4]).expect("valid");
        assert_eq!(d.title, "Reguleringsplan for Sentrum");
        assert_eq!(
            (d.body_id, d.short_reason, d.case_number),
            (Some(4), None, None)
        );
    }

    /// A change to a right form, the field it spoils and the message that field gets.
    type Case = (fn(&mut HearingForm), &'static str, &'static str);

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let cases: Vec<Case> = vec![
            (
                |f| f.title = "ab".into(),
                "title",
                "hearing.form.title_invalid",
            ),
            (
                |f| f.summary = "kort".into(),
                "summary",
                "hearing.form.summary_invalid",
            ),
            (
                |f| f.body_md = "x".repeat(MAX_BODY + 1),
                "body_md",
                "hearing.form.body_too_long",
            ),
            (
                |f| f.body_id = "99".into(),
                "body_id",
                "hearing.form.body_invalid",
            ),
            (
                |f| f.case_number = "1".repeat(51),
                "case_number",
                "hearing.form.case_number_invalid",
            ),
            (
                |f| f.contact_name = "K".into(),
                "contact_name",
                "hearing.form.contact_name_invalid",
            ),
            (
                |f| f.contact_email = "post@".into(),
                "contact_email",
                "hearing.form.email_invalid",
            ),
            (
                |f| f.opens_date = "i morgen".into(),
                "opens_date",
                "hearing.form.date_invalid",
            ),
            (
                |f| f.deadline_time = "12.00".into(),
                "deadline_time",
                "hearing.form.time_invalid",
            ),
            (
                |f| f.deadline_date = "2026-11-30".into(),
                "deadline_date",
                "hearing.form.deadline_before_opening",
            ),
            (
                |f| f.deadline_date = "2026-12-20".into(),
                "short_reason",
                "hearing.form.short_reason_required",
            ),
        ];
        for (change, field, key) in cases {
            let mut f = form();
            change(&mut f);
            let errors = HearingDraft::parse(&f, &[4]).unwrap_err();
            assert_eq!(
                errors.0,
                vec![(field.to_string(), key.to_string())],
                "{field}"
            );
            assert!(
                HearingDraft::MESSAGE_KEYS.contains(&key) || Moment::MESSAGE_KEYS.contains(&key),
                "{key}"
            );
        }
    }

    #[test]
    fn a_short_period_with_its_reason_keeps_the_reason() {
        let mut f = form();
        f.deadline_date = "2026-12-20".into();
        f.short_reason = " Frist satt av departementet ".into();
        let d = HearingDraft::parse(&f, &[]).expect("valid");
        assert_eq!(
            d.short_reason.as_deref(),
            Some("Frist satt av departementet")
        );
    }
}
