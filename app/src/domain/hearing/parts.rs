//! The small forms of a hearing's editor, parsed once: a section of its paper, an invited
//! consultee, and an individual extension of the deadline.

use crate::domain::email::Email;
use crate::domain::field_errors::FieldErrors;
use crate::domain::moment::{Moment, MomentKind};
use crate::domain::org_number::OrgNumber;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest text of a section.
pub const MAX_SECTION_BODY: usize = 20_000;

fn length_ok(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.trim().chars().count())
}

/// A section of the hearing's paper that citizens can comment on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub body: String,
}

impl Section {
    pub const MESSAGE_KEYS: &[&str] = &[
        "hearing.section.title_invalid",
        "hearing.section.body_too_long",
    ];

    pub fn parse(title: &str, body: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !length_ok(title, 2, 200) {
            errors.add("section_title", "hearing.section.title_invalid");
        }
        if body.chars().count() > MAX_SECTION_BODY {
            errors.add("section_body", "hearing.section.body_too_long");
        }
        errors.into_result()?;
        Ok(Section {
            title: title.trim().to_string(),
            body: body.trim().to_string(),
        })
    }
}

/// The title of a hearing's document, as the public sees it in the list of documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTitle(pub String);

impl DocumentTitle {
    pub const MESSAGE_KEYS: &[&str] = &["hearing.document.title_invalid"];

    pub fn parse(title: &str) -> Result<Self, FieldErrors> {
        if !length_ok(title, 2, 200) {
            return Err(FieldErrors::one(
                "document_title",
                "hearing.document.title_invalid",
            ));
        }
        Ok(DocumentTitle(title.trim().to_string()))
    }
}

/// The consultee form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsulteeForm {
    pub consultee_name: String,
    pub consultee_email: String,
    pub consultee_org_number: String,
}

crate::domain::debug_only!(Consultee { org_number });

/// An invited consultee (høringsinstans): a name, the address the invitation goes to, and the
/// organisation number where it has one.
#[derive(Clone, PartialEq, Eq)]
pub struct Consultee {
    pub name: String,
    pub email: Email,
    pub org_number: Option<OrgNumber>,
}

impl Consultee {
    pub const MESSAGE_KEYS: &[&str] = &[
        "hearing.consultee.name_invalid",
        "hearing.form.email_invalid",
        "hearing.consultee.org_number_invalid",
    ];

    pub fn parse(name: &str, email: &str, org_number: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !length_ok(name, 2, 200) {
            errors.add("consultee_name", "hearing.consultee.name_invalid");
        }
        let email = Email::parse(email)
            .map_err(|_| errors.add("consultee_email", "hearing.form.email_invalid"))
            .ok();
        let org_number = match org_number.trim() {
            "" => None,
            n => OrgNumber::parse(n)
                .map_err(|_| {
                    errors.add(
                        "consultee_org_number",
                        "hearing.consultee.org_number_invalid",
                    )
                })
                .ok(),
        };
        errors.into_result()?;
        Ok(Consultee {
            name: name.trim().to_string(),
            email: email.ok_or_else(FieldErrors::new)?,
            org_number,
        })
    }
}

/// The individual extension form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantForm {
    pub grant_name: String,
    pub grant_email: String,
    pub grant_date: String,
    pub grant_time: String,
}

crate::domain::debug_only!(Grant { until });

/// An individual extension: one submitter (by name and address) may submit until `until`,
/// which is after the hearing's deadline.
#[derive(Clone, PartialEq, Eq)]
pub struct Grant {
    pub name: String,
    pub email: Email,
    pub until: DateTime<Utc>,
}

impl Grant {
    pub const MESSAGE_KEYS: &[&str] = &[
        "hearing.grant.name_invalid",
        "hearing.form.email_invalid",
        "hearing.extend.not_later",
    ];

    /// Parses the form of a hearing whose deadline is `deadline`.
    pub fn parse(
        (name, email): (&str, &str),
        (date, time): (&str, &str),
        deadline: DateTime<Utc>,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !length_ok(name, 2, 200) {
            errors.add("grant_name", "hearing.grant.name_invalid");
        }
        let email = Email::parse(email)
            .map_err(|_| errors.add("grant_email", "hearing.form.email_invalid"))
            .ok();
        let until = Moment::parse_fields(
            &mut errors,
            ("grant_date", date),
            ("grant_time", time),
            MomentKind::Deadline,
        );
        if until.is_some_and(|u| u <= deadline) {
            errors.add("grant_date", "hearing.extend.not_later");
        }
        errors.into_result()?;
        match (email, until) {
            (Some(email), Some(until)) => Ok(Grant {
                name: name.trim().to_string(),
                email,
                until,
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn fields(e: FieldErrors) -> Vec<(String, String)> {
        e.0
    }

    #[test]
    fn a_section_needs_a_title_and_a_body_within_its_length() {
        let s = Section::parse(" 2. Trafikk ", " Om veiene ").expect("valid");
        assert_eq!(
            (s.title.as_str(), s.body.as_str()),
            ("2. Trafikk", "Om veiene")
        );
        let e = Section::parse("x", &"y".repeat(MAX_SECTION_BODY + 1)).unwrap_err();
        assert_eq!(
            fields(e),
            vec![
                (
                    "section_title".into(),
                    "hearing.section.title_invalid".into()
                ),
                (
                    "section_body".into(),
                    "hearing.section.body_too_long".into()
                ),
            ]
        );
    }

    #[test]
    fn a_consultee_has_a_name_an_address_and_perhaps_a_checked_number() {
        let c = Consultee::parse(" Statens vegvesen ", "post@vegvesen.no", "971 032 081")
            .expect("valid");
        assert_eq!(
            c.org_number.map(|n| n.as_str().to_string()).as_deref(),
            Some("971032081")
        );
        let e = Consultee::parse("S", "post@", "123").unwrap_err();
        let keys: Vec<String> = fields(e).into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, Consultee::MESSAGE_KEYS);
    }

    #[test]
    fn a_grant_must_end_after_the_deadline() {
        let deadline = Utc
            .with_ymd_and_hms(2026, 12, 1, 22, 59, 59)
            .single()
            .expect("valid");
        let g = Grant::parse(("Kari", "kari@example.org"), ("2026-12-08", ""), deadline)
            .expect("valid");
        assert!(g.until > deadline);
        let e =
            Grant::parse(("Kari", "kari@example.org"), ("2026-12-01", ""), deadline).unwrap_err();
        assert_eq!(e.get("grant_date"), Some("hearing.extend.not_later"));
    }

    #[test]
    fn a_document_title_is_trimmed_and_between_2_and_200_characters() {
        assert_eq!(
            DocumentTitle::parse("  Planbeskrivelse ").unwrap().0,
            "Planbeskrivelse"
        );
        for bad in ["", " x ", &"y".repeat(201)] {
            assert_eq!(
                fields(DocumentTitle::parse(bad).unwrap_err()),
                vec![(
                    "document_title".to_string(),
                    "hearing.document.title_invalid".to_string()
                )]
            );
        }
    }
}
