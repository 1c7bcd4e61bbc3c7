//! Sending a submission to a hearing, and confirming one sent without login. Before the
//! deadline (Europe/Oslo; inclusive), or before a later deadline granted to that submitter;
//! never after. Without login it is held until the emailed link is followed, and counts as
//! received when it was sent if that happens within 24 hours.

use crate::domain::email::Email;
use crate::domain::hearing::{HearingStatus, in_time};
use crate::domain::lang::Lang;
use crate::domain::org_number::OrgNumber;
use crate::domain::submission::{SubmitterKind, new_reference};
use crate::error::{AppError, FieldErrors};
use crate::features::hearings::dto::{Receipt, SectionDto};
use crate::ssr::auth::Citizen;
use crate::ssr::db::entities::{hearing, organisation, submission};
use crate::ssr::db::hearings as hearings_db;
use crate::ssr::db::submissions::{self as db, NewAttachment, NewSubmission};
use crate::ssr::files::kind::{self, ATTACHMENTS};
use crate::ssr::internal::{OrInternal, internal};
use crate::ssr::mail::{queue, templates};
use crate::ssr::state::AppState;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{EntityTrait, TransactionTrait};

pub const MAX_ATTACHMENTS: usize = 5;
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
pub const CONFIRM_HOURS: i64 = 24;
const MAX_TEXT: usize = 20_000;

/// A file as uploaded.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The submission form as sent.
#[derive(Debug, Clone, Default)]
pub struct SubmissionInput {
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

fn random_token() -> String {
    let mut raw = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut raw);
    hex::encode(raw)
}

fn random_reference() -> String {
    let mut raw = [0u8; 8];
    rand::thread_rng().fill_bytes(&mut raw);
    new_reference(raw)
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

    let mut errors = FieldErrors::new();
    let kind = SubmitterKind::parse(&input.kind);
    if kind.is_none() {
        errors.add("kind", "submission.form.kind_invalid");
    }
    let login_name = citizen.and_then(Citizen::name);
    let name = login_name
        .clone()
        .unwrap_or_else(|| input.name.trim().to_string());
    if !(2..=200).contains(&name.chars().count()) {
        errors.add("name", "submission.form.name_invalid");
    }
    let typed_email = input.email.trim();
    let email = if typed_email.is_empty() {
        if citizen.is_none() {
            errors.add("email", "submission.form.email_required");
        }
        citizen.and_then(|c| c.email.clone())
    } else {
        match Email::parse(typed_email) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(_) => {
                errors.add("email", "submission.form.email_invalid");
                None
            }
        }
    };
    let (organisation_name, org_number) = if kind == Some(SubmitterKind::Organisation) {
        let on = input.organisation_name.trim();
        if !(2..=200).contains(&on.chars().count()) {
            errors.add(
                "organisation_name",
                "submission.form.organisation_name_invalid",
            );
        }
        let number = OrgNumber::parse(&input.org_number)
            .map_err(|_| errors.add("org_number", "submission.form.org_number_invalid"))
            .ok();
        (Some(on.to_string()), number.map(|n| n.as_str().to_string()))
    } else {
        (None, None)
    };
    let general = input.general_comment.trim().to_string();
    let comments: Vec<(i32, String)> = input
        .section_comments
        .iter()
        .filter(|(id, text)| !text.trim().is_empty() && sections.iter().any(|s| s.id == *id))
        .map(|(id, text)| (*id, text.trim().to_string()))
        .collect();
    if general.is_empty() && comments.is_empty() && input.files.is_empty() {
        errors.add("general_comment", "submission.form.empty");
    }
    if general.chars().count() > MAX_TEXT
        || comments.iter().any(|(_, t)| t.chars().count() > MAX_TEXT)
    {
        errors.add("general_comment", "submission.form.too_long");
    }
    if !input.confirm_public {
        errors.add("confirm_public", "submission.form.confirm_public_required");
    }
    let objection_reason = input.objection_reason.trim().to_string();
    if input.objects_to_publication && !(3..=2000).contains(&objection_reason.chars().count()) {
        errors.add(
            "objection_reason",
            "submission.form.objection_reason_required",
        );
    }
    let mut files = Vec::new();
    if input.files.len() > MAX_ATTACHMENTS {
        errors.add("attachments", "submission.form.too_many_files");
    } else if input.oversized_file
        || input
            .files
            .iter()
            .any(|f| f.bytes.len() > MAX_ATTACHMENT_BYTES)
    {
        errors.add("attachments", "submission.form.file_too_large");
    } else {
        for f in &input.files {
            match kind::detect(&f.bytes).filter(|k| ATTACHMENTS.contains(k)) {
                Some(k) => files.push((kind::safe_name(&f.name, k), k, &f.bytes)),
                None => {
                    errors.add("attachments", "submission.form.file_type");
                    break;
                }
            }
        }
    }
    errors.into_result()?;
    let Some(kind) = kind else {
        return Err(internal("validated kind missing"));
    };
    // After the form is right, so that a late person is told about the deadline, not a field.
    let late = may_submit(state, &h, email.as_deref(), now).await?;

    let mut stored_keys: Vec<String> = Vec::new();
    let mut attachments = Vec::new();
    for (name, k, bytes) in &files {
        let key = match state.files.put(bytes).await {
            Ok(key) => key,
            Err(e) => {
                for key in &stored_keys {
                    let _ = state.files.delete(key).await;
                }
                return Err(internal(e));
            }
        };
        stored_keys.push(key.clone());
        attachments.push(NewAttachment {
            file_name: name.clone(),
            content_type: k.content_type().into(),
            size_bytes: bytes.len() as i64,
            storage_key: key,
        });
    }
    let needs_confirmation = citizen.is_none();
    let token = random_token();
    let expires = now + Duration::hours(CONFIRM_HOURS);
    let file_names: Vec<String> = attachments.iter().map(|a| a.file_name.clone()).collect();
    let org = organisation::Entity::find_by_id(h.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or_else(|| internal("hearing without organisation"))?;
    let copy = copy_of(&general, &comments, &sections, &file_names);

    // `internal` logs when made, so the error is made only when every attempt failed.
    let mut result = None;
    for _ in 0..3 {
        let reference = random_reference();
        let new = NewSubmission {
            reference: reference.clone(),
            kind,
            name: name.clone(),
            organisation_name: organisation_name.clone(),
            org_number: org_number.clone(),
            person_id: citizen.map(|c| c.person_id),
            email: email.clone(),
            show_name: input.show_name,
            objects_to_publication: input.objects_to_publication,
            objection_reason: input
                .objects_to_publication
                .then(|| objection_reason.clone()),
            general_comment: general.clone(),
            received_at: now,
            confirmation: needs_confirmation
                .then(|| (crate::ssr::services::admin::token_hash(&token), expires)),
            late_by_extension: late,
            lang: lang.code().into(),
        };
        let attachments_now = attachments
            .iter()
            .map(|a| NewAttachment {
                file_name: a.file_name.clone(),
                content_type: a.content_type.clone(),
                size_bytes: a.size_bytes,
                storage_key: a.storage_key.clone(),
            })
            .collect();
        let mail = match (&email, needs_confirmation) {
            (Some(e), true) => Some(templates::render(
                "submission_confirm",
                lang,
                e,
                serde_json::json!({
                    "title": h.title, "organisation": org.name, "reference": reference, "copy": copy,
                    "link": format!("{}/innspill/bekreft/{token}", state.settings.base_url.trim_end_matches('/')),
                    "expires": crate::components::format::date_time(lang, expires),
                    "received": crate::components::format::date_time(lang, now),
                }),
            )),
            (Some(e), false) => Some(templates::render(
                "submission_receipt",
                lang,
                e,
                serde_json::json!({
                    "title": h.title, "organisation": org.name, "reference": reference, "copy": copy,
                    "received": crate::components::format::date_time(lang, now),
                }),
            )),
            (None, _) => None,
        }
        .transpose()
        .or_internal()?;
        let txn = state.db.begin().await.or_internal()?;
        match db::insert(
            &txn,
            h.id,
            h.organisation_id,
            new,
            comments.clone(),
            attachments_now,
        )
        .await
        {
            Ok(id) => {
                if let Some(m) = &mail {
                    queue::enqueue(&txn, m, now).await.or_internal()?;
                }
                txn.commit().await.or_internal()?;
                tracing::info!(
                    hearing_id = h.id,
                    submission_id = id,
                    kind = kind.as_str(),
                    logged_in = citizen.is_some(),
                    late_by_extension = late,
                    "submission received"
                );
                result = Some(Ok(Receipt {
                    reference,
                    hearing_id: h.id,
                    hearing_title: h.title.clone(),
                    organisation_slug: slug.to_string(),
                    received_at: now,
                    confirmed: !needs_confirmation,
                    emailed: mail.is_some(),
                }));
                break;
            }
            // A reference that exists already (astronomically rare): another one.
            Err(sea_orm::DbErr::Query(e)) if e.to_string().to_lowercase().contains("unique") => {
                let _ = txn.rollback().await;
                continue;
            }
            Err(e) => {
                let _ = txn.rollback().await;
                result = Some(Err(internal(e)));
                break;
            }
        }
    }
    let result =
        result.unwrap_or_else(|| Err(internal("no free submission reference in three attempts")));
    if result.is_err() {
        for key in &stored_keys {
            let _ = state.files.delete(key).await;
        }
    }
    result
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
    let hash = crate::ssr::services::admin::token_hash(token.trim());
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
