//! The comment form of a hearing, parsed once: what was typed (`CommentForm`), and a comment
//! that is right in every field (`NewComment`), or the message for each field that is not.

use super::SubmitterKind;
use crate::domain::email::Email;
use crate::domain::field_errors::FieldErrors;
use crate::domain::org_number::OrgNumber;
use serde::{Deserialize, Serialize};

/// The longest text in one field (the general comment, or a section's).
pub const MAX_TEXT: usize = 20_000;

/// The comment form as typed, before it is parsed (attachments come beside it).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentForm {
    pub kind: String,
    pub name: String,
    pub email: String,
    pub organisation_name: String,
    pub org_number: String,
    pub show_name: bool,
    pub general_comment: String,
    /// (section id, text) for each section field.
    pub section_comments: Vec<(i32, String)>,
    pub confirm_public: bool,
    pub objects_to_publication: bool,
    pub objection_reason: String,
}

crate::domain::debug_only!(CommentForm {
    kind,
    show_name,
    confirm_public,
    objects_to_publication
});

/// Who sends the comment: a citizen logged in with ID-porten (with the name it gave and their
/// confirmed email address, if any), or someone without login.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sender<'a> {
    pub logged_in: bool,
    pub login_name: Option<&'a str>,
    pub login_email: Option<&'a str>,
}

/// The organisation a comment is sent on behalf of.
#[derive(Clone, PartialEq, Eq)]
pub struct OnBehalfOf {
    pub name: String,
    pub number: OrgNumber,
}

crate::domain::debug_only!(OnBehalfOf { number });

/// A comment that is right in every field: trimmed, checked, and with the sections it names
/// belonging to the hearing.
#[derive(Clone, PartialEq, Eq)]
pub struct NewComment {
    pub kind: SubmitterKind,
    /// The name ID-porten gave, else the name typed.
    pub name: String,
    /// Where the receipt (or, without login, the confirmation link) goes.
    pub email: Option<String>,
    pub organisation: Option<OnBehalfOf>,
    pub show_name: bool,
    pub general: String,
    /// Non-empty comments on sections of this hearing, trimmed.
    pub sections: Vec<(i32, String)>,
    /// The reason, when the submitter objects to publication.
    pub objection: Option<String>,
}

crate::domain::debug_only!(NewComment { kind, show_name });

impl NewComment {
    /// Every message key `parse` may give, for the test that all three languages have them.
    pub const MESSAGE_KEYS: &[&str] = &[
        "submission.form.kind_invalid",
        "submission.form.name_invalid",
        "submission.form.email_required",
        "submission.form.email_invalid",
        "submission.form.organisation_name_invalid",
        "submission.form.org_number_invalid",
        "submission.form.empty",
        "submission.form.too_long",
        "submission.form.confirm_public_required",
        "submission.form.objection_reason_required",
    ];

    /// Parses the form of `sender` for a hearing with sections `section_ids`; `has_files`:
    /// attachments came with it (a comment may be attachments alone).
    pub fn parse(
        form: &CommentForm,
        sender: Sender<'_>,
        section_ids: &[i32],
        has_files: bool,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = SubmitterKind::parse(&form.kind);
        if kind.is_none() {
            errors.add("kind", "submission.form.kind_invalid");
        }
        let name = sender
            .login_name
            .map(str::to_string)
            .unwrap_or_else(|| form.name.trim().to_string());
        if !(2..=200).contains(&name.chars().count()) {
            errors.add("name", "submission.form.name_invalid");
        }
        let email = email(form, sender, &mut errors);
        let organisation = match kind {
            Some(SubmitterKind::Organisation) => on_behalf_of(form, &mut errors),
            _ => None,
        };
        let general = form.general_comment.trim().to_string();
        let sections: Vec<(i32, String)> = form
            .section_comments
            .iter()
            .filter(|(id, text)| !text.trim().is_empty() && section_ids.contains(id))
            .map(|(id, text)| (*id, text.trim().to_string()))
            .collect();
        if general.is_empty() && sections.is_empty() && !has_files {
            errors.add("general_comment", "submission.form.empty");
        }
        if general.chars().count() > MAX_TEXT
            || sections.iter().any(|(_, t)| t.chars().count() > MAX_TEXT)
        {
            errors.add("general_comment", "submission.form.too_long");
        }
        if !form.confirm_public {
            errors.add("confirm_public", "submission.form.confirm_public_required");
        }
        let reason = form.objection_reason.trim();
        if form.objects_to_publication && !(3..=2000).contains(&reason.chars().count()) {
            errors.add(
                "objection_reason",
                "submission.form.objection_reason_required",
            );
        }
        errors.into_result()?;
        let kind = kind.ok_or_else(FieldErrors::new)?;
        Ok(NewComment {
            kind,
            name,
            email,
            organisation,
            show_name: form.show_name,
            general,
            sections,
            objection: form.objects_to_publication.then(|| reason.to_string()),
        })
    }
}

/// The address typed, else the logged-in citizen's; without login one must be typed.
fn email(form: &CommentForm, sender: Sender<'_>, errors: &mut FieldErrors) -> Option<String> {
    let typed = form.email.trim();
    if typed.is_empty() {
        if !sender.logged_in {
            errors.add("email", "submission.form.email_required");
        }
        return sender.login_email.map(str::to_string);
    }
    match Email::parse(typed) {
        Ok(e) => Some(e.as_str().to_string()),
        Err(_) => {
            errors.add("email", "submission.form.email_invalid");
            None
        }
    }
}

fn on_behalf_of(form: &CommentForm, errors: &mut FieldErrors) -> Option<OnBehalfOf> {
    let name = form.organisation_name.trim();
    if !(2..=200).contains(&name.chars().count()) {
        errors.add(
            "organisation_name",
            "submission.form.organisation_name_invalid",
        );
    }
    let number = OrgNumber::parse(&form.org_number)
        .map_err(|_| errors.add("org_number", "submission.form.org_number_invalid"))
        .ok()?;
    Some(OnBehalfOf {
        name: name.to_string(),
        number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CommentForm {
        CommentForm {
            kind: "private".into(),
            name: "  Kari Nordmann ".into(),
            email: "kari@example.org".into(),
            general_comment: " Bra forslag. ".into(),
            confirm_public: true,
            ..Default::default()
        }
    }

    fn anonymous() -> Sender<'static> {
        Sender::default()
    }

    fn errors_of(f: &CommentForm, sender: Sender<'_>, files: bool) -> Vec<(String, String)> {
        NewComment::parse(f, sender, &[7], files).unwrap_err().0
    }

    #[test]
    fn a_right_form_is_trimmed_and_keeps_only_this_hearings_sections() {
        let mut f = form();
        f.section_comments = vec![
            (7, " Om veien ".into()),
            (8, "annen høring".into()),
            (7, "  ".into()),
        ];
        let c = NewComment::parse(&f, anonymous(), &[7], false).expect("valid");
        assert_eq!(c.name, "Kari Nordmann");
        assert_eq!(c.general, "Bra forslag.");
        assert_eq!(c.sections, vec![(7, "Om veien".to_string())]);
        assert_eq!(c.email.as_deref(), Some("kari@example.org"));
        assert_eq!(
            (c.kind, c.organisation, c.objection),
            (SubmitterKind::Private, None, None)
        );
    }

    /// A change to a right form, the field it spoils and the message that field gets.
    type Case = (fn(&mut CommentForm), &'static str, &'static str);

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let cases: Vec<Case> = vec![
            (
                |f| f.kind = "nobody".into(),
                "kind",
                "submission.form.kind_invalid",
            ),
            (
                |f| f.name = " K ".into(),
                "name",
                "submission.form.name_invalid",
            ),
            (
                |f| f.email = String::new(),
                "email",
                "submission.form.email_required",
            ),
            (
                |f| f.email = "kari@".into(),
                "email",
                "submission.form.email_invalid",
            ),
            (
                |f| f.general_comment = " ".into(),
                "general_comment",
                "submission.form.empty",
            ),
            (
                |f| f.general_comment = "x".repeat(MAX_TEXT + 1),
                "general_comment",
                "submission.form.too_long",
            ),
            (
                |f| f.confirm_public = false,
                "confirm_public",
                "submission.form.confirm_public_required",
            ),
            (
                |f| {
                    f.objects_to_publication = true;
                    f.objection_reason = " ja".into();
                },
                "objection_reason",
                "submission.form.objection_reason_required",
            ),
            (
                |f| {
                    f.kind = "organisation".into();
                    f.organisation_name = "Velforeningen".into();
                    f.org_number = "123456789".into();
                },
                "org_number",
                "submission.form.org_number_invalid",
            ),
            (
                |f| {
                    f.kind = "organisation".into();
                    f.organisation_name = "V".into();
                    f.org_number = "974760673".into();
                },
                "organisation_name",
                "submission.form.organisation_name_invalid",
            ),
        ];
        for (change, field, key) in cases {
            let mut f = form();
            change(&mut f);
            let errors = errors_of(&f, anonymous(), false);
            assert_eq!(
                errors,
                vec![(field.to_string(), key.to_string())],
                "{field}"
            );
            assert!(NewComment::MESSAGE_KEYS.contains(&key));
        }
    }

    #[test]
    fn a_logged_in_citizen_is_named_by_id_porten_and_may_leave_the_address_out() {
        let mut f = form();
        f.email = String::new();
        f.name = String::new();
        let sender = Sender {
            logged_in: true,
            login_name: Some("Ola Nordmann"),
            login_email: Some("ola@example.org"),
        };
        let c = NewComment::parse(&f, sender, &[7], false).expect("valid");
        assert_eq!(c.name, "Ola Nordmann");
        assert_eq!(c.email.as_deref(), Some("ola@example.org"));
    }

    #[test]
    fn attachments_alone_are_a_comment_and_an_organisation_has_a_checked_number() {
        let mut f = form();
        f.general_comment = String::new();
        f.kind = "organisation".into();
        f.organisation_name = " Velforeningen ".into();
        f.org_number = "974 760 673".into();
        f.objects_to_publication = true;
        f.objection_reason = " Personopplysninger ".into();
        let c = NewComment::parse(&f, anonymous(), &[], true).expect("valid");
        let org = c.organisation.expect("on behalf of");
        assert_eq!(
            (org.name.as_str(), org.number.as_str()),
            ("Velforeningen", "974760673")
        );
        assert_eq!(c.objection.as_deref(), Some("Personopplysninger"));
    }
}
