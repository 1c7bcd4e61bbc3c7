//! Sending a submission to a hearing, and confirming one sent without login. Before the
//! deadline (Europe/Oslo; inclusive), or before a later deadline granted to that submitter;
//! never after. Without login it is held until the emailed link is followed, and counts as
//! received when it was sent if that happens within 24 hours.

use crate::domain::hearing::{HearingStatus, in_time};
use crate::domain::lang::Lang;
use crate::domain::submission::comment::{CommentForm, NewComment, Sender};
use crate::domain::submission::new_reference;
use crate::dto::hearings::{Receipt, SectionDto};
use crate::error::AppError;
use crate::ssr::db::entities::{hearing, organisation, submission};
use crate::ssr::db::hearings as hearings_db;
use crate::ssr::db::submissions::{self as db, NewAttachment, NewSubmission};
use crate::ssr::files::attachments::{self, Checked, Upload};
use crate::ssr::mail::{OutgoingMail, queue, templates};
use crate::ssr::security::auth::Citizen;
use crate::ssr::state::AppState;
use crate::ssr::{OrInternal, internal};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{EntityTrait, TransactionTrait};

pub const CONFIRM_HOURS: i64 = 24;

/// The comment form as sent, with its files.
#[derive(Debug, Clone, Default)]
pub struct SubmissionInput {
    pub form: CommentForm,
    pub files: Vec<Upload>,
    /// Set when a file was larger than the limit (it is not kept in memory).
    pub oversized_file: bool,
}

/// The text a submitter gets a copy of.
fn copy_of(
    general: &str,
    comments: &[(i32, String)],
    sections: &[SectionDto],
    files: &[String],
) -> String {
    let mut out = String::new();
    if !general.trim().is_empty() {
        out.push_str(general.trim());
        out.push_str("\n\n");
    }
    for (id, text) in comments {
        if let Some(s) = sections.iter().find(|s| s.id == *id) {
            out.push_str(&format!("{}. {}\n{}\n\n", s.number, s.title, text.trim()));
        }
    }
    for f in files {
        out.push_str(&format!("[{f}]\n"));
    }
    out.trim_end().to_string()
}

fn random_reference() -> String {
    new_reference(crate::ssr::security::tokens::random_bytes())
}

/// Whether the hearing takes a submission from `email` at `now`: `Ok(late)` where `late` says
/// it came in under an individual extension.
async fn may_submit(
    state: &AppState,
    h: &hearing::Model,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    match hearings_db::effective_status(h, now) {
        HearingStatus::Open => Ok(false),
        HearingStatus::Closed => {
            if let Some(e) = email
                && let Some(until) = hearings_db::extension_for(&state.db, h.id, e)
                    .await
                    .or_internal()?
                && in_time(until, now)
            {
                return Ok(true);
            }
            Err(AppError::Conflict("hearing.submit.deadline_passed".into()))
        }
        _ => Err(AppError::Conflict("hearing.submit.not_open".into())),
    }
}

/// Sends a submission. Everything is checked before anything is stored; once this returns
/// `Ok`, the submission is stored (and, without login, waits for its confirmation link).
pub async fn submit(
    state: &AppState,
    slug: &str,
    hearing_id: i32,
    input: SubmissionInput,
    citizen: Option<&Citizen>,
    lang: Lang,
) -> Result<Receipt, AppError> {
    let h = hearings_db::find_public(&state.db, slug, hearing_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let sections = hearings_db::sections(&state.db, h.id).await.or_internal()?;
    let (comment, files) = parse(&input, citizen, &sections)?;
    // After the form is right, so that a late person is told about the deadline, not a field.
    let late = may_submit(state, &h, comment.email.as_deref(), now).await?;
    let keys = attachments::store_all(&state.files, &files).await?;
    let sent = Sent {
        comment,
        attachments: files
            .iter()
            .zip(&keys)
            .map(|(f, key)| NewAttachment {
                file_name: f.name.clone(),
                content_type: f.kind.content_type().into(),
                size_bytes: f.bytes.len() as i64,
                storage_key: key.clone(),
            })
            .collect(),
        citizen,
        late,
        lang,
        now,
    };
    let stored = store(state, &h, slug, &sections, sent).await;
    if stored.is_err() {
        attachments::remove_all(&state.files, &keys).await;
    }
    stored
}

/// The comment in the form, and its attachments checked; every error at once.
fn parse<'a>(
    input: &'a SubmissionInput,
    citizen: Option<&Citizen>,
    sections: &[SectionDto],
) -> Result<(NewComment, Vec<Checked<'a>>), AppError> {
    let login_name = citizen.and_then(Citizen::name);
    let section_ids: Vec<i32> = sections.iter().map(|s| s.id).collect();
    let sender = Sender {
        logged_in: citizen.is_some(),
        login_name: login_name.as_deref(),
        login_email: citizen.and_then(|c| c.email.as_deref()),
    };
    let parsed = NewComment::parse(&input.form, sender, &section_ids, !input.files.is_empty());
    match (
        parsed,
        attachments::check(&input.files, input.oversized_file),
    ) {
        (Ok(c), Ok(f)) => Ok((c, f)),
        (parsed, checked) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(key) = checked {
                errors.add("attachments", key);
            }
            Err(errors.into())
        }
    }
}

/// A comment on its way to the database, with its stored attachments and who sent it when.
struct Sent<'a> {
    comment: NewComment,
    attachments: Vec<NewAttachment>,
    citizen: Option<&'a Citizen>,
    late: bool,
    lang: Lang,
    now: DateTime<Utc>,
}

impl Sent<'_> {
    /// Without login it waits for the link in its confirmation mail.
    fn needs_confirmation(&self) -> bool {
        self.citizen.is_none()
    }

    fn row(&self, reference: &str, token: &str, expires: DateTime<Utc>) -> NewSubmission {
        let c = &self.comment;
        NewSubmission {
            reference: reference.to_string(),
            kind: c.kind,
            name: c.name.clone(),
            organisation_name: c.organisation.as_ref().map(|o| o.name.clone()),
            org_number: c
                .organisation
                .as_ref()
                .map(|o| o.number.as_str().to_string()),
            person_id: self.citizen.map(|c| c.person_id),
            email: c.email.clone(),
            show_name: c.show_name,
            objects_to_publication: c.objection.is_some(),
            objection_reason: c.objection.clone(),
            general_comment: c.general.clone(),
            received_at: self.now,
            confirmation: self
                .needs_confirmation()
                .then(|| (crate::ssr::security::tokens::token_hash(token), expires)),
            late_by_extension: self.late,
            lang: self.lang.code().into(),
        }
    }
}

/// Stores the comment under a new reference, with its receipt or confirmation mail, in one
/// transaction; a reference that exists already (astronomically rare) is drawn again.
async fn store(
    state: &AppState,
    h: &hearing::Model,
    slug: &str,
    sections: &[SectionDto],
    sent: Sent<'_>,
) -> Result<Receipt, AppError> {
    let org = organisation::Entity::find_by_id(h.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or_else(|| internal("hearing without organisation"))?;
    let token = crate::ssr::security::tokens::random_token();
    let expires = sent.now + Duration::hours(CONFIRM_HOURS);
    let file_names: Vec<String> = sent
        .attachments
        .iter()
        .map(|a| a.file_name.clone())
        .collect();
    let c = &sent.comment;
    let copy = copy_of(&c.general, &c.sections, sections, &file_names);
    for _ in 0..3 {
        let reference = random_reference();
        let mail = Mail {
            hearing: h,
            organisation: &org.name,
            reference: &reference,
            copy: &copy,
        }
        .render(state, &sent, &token, expires)?;
        let txn = state.db.begin().await.or_internal()?;
        let row = sent.row(&reference, &token, expires);
        let attachments = sent.attachments.iter().map(NewAttachment::clone).collect();
        match db::insert(
            &txn,
            h.id,
            h.organisation_id,
            row,
            c.sections.clone(),
            attachments,
        )
        .await
        {
            Ok(id) => {
                if let Some(m) = &mail {
                    queue::enqueue(&txn, m, sent.now).await.or_internal()?;
                }
                txn.commit().await.or_internal()?;
                tracing::info!(
                    hearing_id = h.id,
                    submission_id = id,
                    kind = c.kind.as_str(),
                    logged_in = sent.citizen.is_some(),
                    late_by_extension = sent.late,
                    "submission received"
                );
                return Ok(Receipt {
                    reference,
                    hearing_id: h.id,
                    hearing_title: h.title.clone(),
                    organisation_slug: slug.to_string(),
                    received_at: sent.now,
                    confirmed: !sent.needs_confirmation(),
                    emailed: mail.is_some(),
                });
            }
            Err(e) if crate::ssr::db::is_unique_violation(&e) => {
                let _ = txn.rollback().await;
            }
            Err(e) => {
                let _ = txn.rollback().await;
                return Err(internal(e));
            }
        }
    }
    // `internal` logs when made, so the error is made only when every attempt failed.
    Err(internal("no free submission reference in three attempts"))
}

/// The mail a submitter gets: the confirmation link without login, else the receipt; with a
/// copy of what they wrote. None without an address.
struct Mail<'a> {
    hearing: &'a hearing::Model,
    organisation: &'a str,
    reference: &'a str,
    copy: &'a str,
}

impl Mail<'_> {
    fn render(
        &self,
        state: &AppState,
        sent: &Sent<'_>,
        token: &str,
        expires: DateTime<Utc>,
    ) -> Result<Option<OutgoingMail>, AppError> {
        let Some(email) = &sent.comment.email else {
            return Ok(None);
        };
        let lang = sent.lang;
        let received = crate::i18n::format::date_time(lang, sent.now);
        let (template, vars) = if sent.needs_confirmation() {
            let link = crate::paths::absolute(
                &state.settings.base_url,
                &crate::paths::confirm_submission(token),
            );
            let expires = crate::i18n::format::date_time(lang, expires);
            (
                "submission_confirm",
                serde_json::json!({
                    "title": self.hearing.title, "organisation": self.organisation,
                    "reference": self.reference, "copy": self.copy,
                    "link": link, "expires": expires, "received": received,
                }),
            )
        } else {
            (
                "submission_receipt",
                serde_json::json!({
                    "title": self.hearing.title, "organisation": self.organisation,
                    "reference": self.reference, "copy": self.copy, "received": received,
                }),
            )
        };
        templates::render(template, lang, email, vars)
            .map(Some)
            .or_internal()
    }
}

fn receipt_of(s: &submission::Model, h: &hearing::Model, slug: &str) -> Receipt {
    Receipt {
        reference: s.reference.clone(),
        hearing_id: h.id,
        hearing_title: h.title.clone(),
        organisation_slug: slug.to_string(),
        received_at: s.received_at,
        confirmed: s.confirmed_at.is_some(),
        emailed: s.email.is_some(),
    }
}

async fn hearing_and_slug(
    state: &AppState,
    s: &submission::Model,
) -> Result<(hearing::Model, String), AppError> {
    let h = hearing::Entity::find_by_id(s.hearing_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(h.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    Ok((h, org.slug))
}

/// Follows the emailed link. Within 24 hours the submission counts as received when sent;
/// later it counts from now, if the hearing still takes submissions.
pub async fn confirm(state: &AppState, token: &str) -> Result<Receipt, AppError> {
    let hash = crate::ssr::security::tokens::token_hash(token.trim());
    let s = db::find_by_token(&state.db, &hash)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let (h, slug) = hearing_and_slug(state, &s).await?;
    if s.confirmed_at.is_some() {
        return Ok(receipt_of(&s, &h, &slug));
    }
    let now = state.clock.now();
    let within = s.confirm_expires_at.is_some_and(|e| now <= e);
    if !within {
        may_submit(state, &h, s.email.as_deref(), now).await?;
        use sea_orm::{ActiveModelTrait, Set};
        let mut am: submission::ActiveModel = s.clone().into();
        am.received_at = Set(now);
        am.update(&state.db).await.or_internal()?;
    }
    db::confirm(&state.db, s.id, now).await.or_internal()?;
    tracing::info!(
        submission_id = s.id,
        within_a_day = within,
        "submission confirmed"
    );
    let s = db::find_by_reference(&state.db, &s.reference)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    Ok(receipt_of(&s, &h, &slug))
}

/// What the receipt page shows: the reference, and whether it waits for confirmation.
pub async fn receipt(
    state: &AppState,
    slug: &str,
    hearing_id: i32,
    reference: &str,
) -> Result<Receipt, AppError> {
    let s = db::find_by_reference(&state.db, reference.trim())
        .await
        .or_internal()?
        .filter(|s| s.hearing_id == hearing_id)
        .ok_or(AppError::NotFound)?;
    let (h, org_slug) = hearing_and_slug(state, &s).await?;
    if org_slug != slug {
        return Err(AppError::NotFound);
    }
    Ok(receipt_of(&s, &h, slug))
}
