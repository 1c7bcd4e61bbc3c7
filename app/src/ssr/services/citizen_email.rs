//! A citizen's email address for receipts and notifications: asked for, confirmed by an emailed
//! link, changed, removed. Addresses never reach a log line.

use crate::domain::email::Email;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::citizens;
use crate::ssr::mail::{queue, templates};
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::TransactionTrait;

/// A confirmation link works this long.
pub const CONFIRM_HOURS: i64 = 24;
/// Confirmation mails a person may ask for.
pub const LIMIT: Limit = Limit {
    max: 5,
    window: Duration::hours(1),
};

/// Sends a confirmation link to `input`; the address is used once it is confirmed.
pub async fn request(
    state: &AppState,
    citizen: &Citizen,
    input: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let email = Email::parse(input).map_err(|_| AppError::field("email", "me.email.invalid"))?;
    if citizen.email.as_deref() == Some(email.as_str()) {
        return Err(AppError::field("email", "me.email.same"));
    }
    let now = state.clock.now();
    let bucket = format!("email-confirm:person:{}", citizen.person_id);
    // Counted before anything else, so that parallel requests cannot pass it uncounted.
    if let Err(minutes) = rate_limit::hit(&state.db, &bucket, LIMIT, now)
        .await
        .or_internal()?
    {
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
        });
    }
    let token = crate::ssr::security::tokens::random_token();
    let expires = now + Duration::hours(CONFIRM_HOURS);
    let mail = templates::render(
        "citizen_email_confirmation",
        lang,
        email.as_str(),
        serde_json::json!({
            "link": crate::paths::absolute(&state.settings.base_url, &crate::paths::confirm_email(&token)),
            "expires": crate::i18n::format::date_time(lang, expires),
        }),
    )
    .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    citizens::drop_pending_emails(&txn, citizen.person_id)
        .await
        .or_internal()?;
    citizens::insert_email_confirmation(
        &txn,
        citizen.person_id,
        email.as_str(),
        &crate::ssr::security::tokens::token_hash(&token),
        expires,
        now,
    )
    .await
    .or_internal()?;
    queue::enqueue(&txn, &mail, now).await.or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(
        person_id = citizen.person_id,
        recipient_domain = email.domain(),
        "email confirmation queued"
    );
    Ok(())
}

/// The address behind the emailed token, for its page to show before the button is pressed;
/// `NotFound` if it is unknown, used or expired. Changes nothing.
pub async fn preview(state: &AppState, token: &str) -> Result<String, AppError> {
    let hash = crate::ssr::security::tokens::token_hash(token.trim());
    citizens::pending_by_token(&state.db, &hash, state.clock.now())
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// Confirms the address behind the emailed token (the button, a POST); `NotFound` if it is
/// unknown, used or expired.
pub async fn confirm(state: &AppState, token: &str) -> Result<(), AppError> {
    let hash = crate::ssr::security::tokens::token_hash(token.trim());
    match citizens::confirm_email(&state.db, &hash, state.clock.now())
        .await
        .or_internal()?
    {
        Some(_) => {
            tracing::info!("citizen email confirmed");
            Ok(())
        }
        None => Err(AppError::NotFound),
    }
}

/// Removes the confirmed address and any that waits for confirmation.
pub async fn remove(state: &AppState, citizen: &Citizen) -> Result<(), AppError> {
    let txn = state.db.begin().await.or_internal()?;
    citizens::set_email(&txn, citizen.person_id, None)
        .await
        .or_internal()?;
    citizens::drop_pending_emails(&txn, citizen.person_id)
        .await
        .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(person_id = citizen.person_id, "citizen email removed");
    Ok(())
}
