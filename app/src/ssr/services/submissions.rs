//! Sending a submission to a hearing, and confirming one sent without login. Before the
//! deadline (Europe/Oslo; inclusive), or before a later deadline granted to that submitter;
//! never after. Without login — or with an address that is not the logged-in citizen's
//! confirmed one — it is held until the emailed link is followed, and counts as received when
//! it was sent if that happens within 24 hours. Confirmation mails are limited per recipient
//! address and per client address (`Settings::confirm_limits`), counted before anything is
//! stored.

pub mod confirm;
pub mod purge;
pub mod store;
pub mod withdraw;

pub use confirm::{confirm, preview, receipt};

use crate::domain::hearing::{HearingStatus, in_time};
use crate::domain::lang::Lang;
use crate::domain::submission::comment::{CommentForm, NewComment, Sender};
use crate::dto::hearings::{Receipt, SectionDto};
use crate::error::{AppError, FieldErrors};
use crate::ssr::OrInternal;
use crate::ssr::db::entities::hearing;
use crate::ssr::db::hearings as hearings_db;
use crate::ssr::db::submissions::NewAttachment;
use crate::ssr::files::attachments::{self, Checked, Upload};
use crate::ssr::security::auth::Citizen;
use crate::ssr::state::AppState;
use chrono::{DateTime, Utc};
use store::{Sent, store};

pub const CONFIRM_HOURS: i64 = 24;

/// The comment form as sent, with its files.
#[derive(Debug, Clone, Default)]
pub struct SubmissionInput {
    pub form: CommentForm,
    pub files: Vec<Upload>,
    /// Set when a file was larger than the limit (it is not kept in memory).
    pub oversized_file: bool,
    /// The client's address (for the limit on confirmation mails).
    pub client: String,
}

/// Whether the hearing takes a submission from `email` at `now`: `Ok(late)` where `late` says
/// it came in under an individual extension.
pub(super) async fn may_submit(
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
    let org = crate::ssr::db::organisations::model_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if org.deactivated_at.is_some() {
        return Err(AppError::Conflict("org.deactivated_refusal".into()));
    }
    let now = state.clock.now();
    let sections = hearings_db::sections(&state.db, h.id).await.or_internal()?;
    let (comment, files) = parse(&input, citizen, &sections)?;
    // After the form is right, so that a late person is told about the deadline, not a field.
    let late = may_submit(state, &h, comment.email.as_deref(), now).await?;
    let confirm = match (citizen, &comment.email) {
        (None, _) => true,
        (Some(c), Some(typed)) => c.email.as_deref() != Some(typed.as_str()),
        (Some(_), None) => false,
    };
    if confirm && let Some(email) = &comment.email {
        limit_confirmations(state, email, &input.client, now).await?;
    }
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
        confirm,
        late,
        lang,
        now,
    };
    let stored = store(state, &h, slug, sent).await;
    if stored.is_err() {
        attachments::remove_all(&state.files, &keys).await;
    }
    stored
}

/// Counts a confirmation mail to `email` from `client`: refused when either has had its share
/// this hour (the client's as "too many attempts", the address's next to its field).
async fn limit_confirmations(
    state: &AppState,
    email: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use crate::ssr::security::rate_limit::{self, Limit};
    let limits = state.settings.confirm_limits;
    let hour = |max| Limit {
        max,
        window: chrono::Duration::hours(1),
    };
    let from = format!("confirm:ip:{client}");
    if let Err(minutes) = rate_limit::hit(&state.db, &from, hour(limits.per_client), now)
        .await
        .or_internal()?
    {
        tracing::warn!("confirmation mails rate limited for a client");
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
        });
    }
    let hash = crate::ssr::security::seal::keyed_hash(
        state.settings.secret(),
        &[b"confirm-to:", email.as_bytes()],
    );
    let to = format!("confirm:to:{}", &hash[..32]);
    if rate_limit::hit(&state.db, &to, hour(limits.per_address), now)
        .await
        .or_internal()?
        .is_err()
    {
        tracing::warn!("confirmation mails rate limited for a recipient");
        return Err(AppError::field("email", "submission.form.email_too_many"));
    }
    Ok(())
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
    let checked = attachments::check(&input.files, input.oversized_file);
    Ok(FieldErrors::both(parsed, checked)?)
}
