//! A staff member who forgot their password asks for a link by address, and sets a new
//! password with it. The answer to the request is the same whether the address has an account
//! (no one learns who works where); the link is a one-time token kept only as its hash, valid
//! for an hour, and setting a password uses up every open link of the account. Requests are
//! limited per address and per client. Each reset is in the audit log.

use crate::domain::email::Email;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::{audit, password_resets, staff};
use crate::ssr::mail::{queue, templates};
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::security::seal::keyed_hash;
use crate::ssr::security::tokens::{random_token, token_hash};
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::TransactionTrait;

/// How long a link works.
pub const LINK_MINUTES: i64 = 60;
const PER_ADDRESS: Limit = Limit {
    max: 3,
    window: Duration::hours(1),
};
const PER_CLIENT: Limit = Limit {
    max: 20,
    window: Duration::hours(1),
};

/// Mails a link to `email` if it is an active staff account; says nothing about whether it is.
pub async fn request(
    state: &AppState,
    email: &str,
    client: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let Ok(email) = Email::parse(email) else {
        return Err(AppError::field("email", "reset.email_invalid"));
    };
    let now = state.clock.now();
    let address = keyed_hash(
        state.settings.secret(),
        &[b"reset:", email.as_str().as_bytes()],
    );
    for (bucket, limit) in [
        (format!("reset:acct:{}", &address[..32]), PER_ADDRESS),
        (format!("reset:ip:{client}"), PER_CLIENT),
    ] {
        if let Err(minutes) = rate_limit::hit(&state.db, &bucket, limit, now)
            .await
            .or_internal()?
        {
            return Err(AppError::RateLimited {
                retry_after_minutes: minutes,
            });
        }
    }
    let Some(user) = staff::find_user_by_email(&state.db, email.as_str())
        .await
        .or_internal()?
        .filter(|u| u.active)
    else {
        tracing::info!("password reset asked for an address without an account");
        return Ok(());
    };
    let token = random_token();
    let expires = now + Duration::minutes(LINK_MINUTES);
    let mail = templates::render(
        "staff_password_reset",
        lang,
        email.as_str(),
        serde_json::json!({
            "link": crate::paths::absolute(&state.settings.base_url, &crate::paths::new_password(&token)),
            "expires": crate::i18n::format::date_time(lang, expires),
        }),
    )
    .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    password_resets::insert(&txn, user.id, &token_hash(&token), expires, now)
        .await
        .or_internal()?;
    queue::enqueue(&txn, &mail, now).await.or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(user_id = user.id, "password reset link queued");
    Ok(())
}

/// Whether `token` is a link that still works (for its page): `NotFound` when not.
pub async fn link_works(state: &AppState, token: &str) -> Result<(), AppError> {
    password_resets::usable(&state.db, &token_hash(token), state.clock.now())
        .await
        .or_internal()?
        .map(|_| ())
        .ok_or(AppError::NotFound)
}

/// Sets the account's new password with the link `token`; a link that does not work is 404.
pub async fn reset(state: &AppState, token: &str, password: &str) -> Result<(), AppError> {
    let now = state.clock.now();
    let link = password_resets::usable(&state.db, &token_hash(token), now)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if crate::domain::password::check_new_password(password).is_err() {
        return Err(AppError::field("password", "invitation.password_too_short"));
    }
    let hash = state
        .hashing
        .hash(password.to_string())
        .await
        .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    if !password_resets::use_up(&txn, link.id, link.user_id, now)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    password_resets::set_password(&txn, link.user_id, hash.as_str())
        .await
        .or_internal()?;
    audit::record(
        &txn,
        None,
        Some(link.user_id),
        "staff_password_reset",
        &format!("user {}", link.user_id),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    Ok(())
}
