//! A staff member's second factor (TOTP): setting it up (a new secret shown as text and QR
//! code, kept in the session until a code from the app proves it was taken), turning it off
//! (with a current code), and the second step of a login (the code, within five minutes of the
//! password, limited like password attempts). Each change is in the audit log; a code is used
//! once.

use crate::dto::auth::SecondFactorSetup;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::{audit, staff};
use crate::ssr::security::auth::{STAFF_EPOCH_KEY, STAFF_KEY, STAFF_PENDING_KEY, Staff};
use crate::ssr::security::rate_limit;
use crate::ssr::security::totp;
use crate::ssr::services::staff_auth::ACCOUNT_LIMIT;
use crate::ssr::state::AppState;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// Session key of a secret being set up (base32), until its first code is given.
const SETUP_KEY: &str = "totp_setup";
/// How long after the password the code may come.
const PENDING_MINUTES: i64 = 5;
/// The name authenticator apps show the account under.
const ISSUER: &str = "Innspill";

/// A login whose password was right, waiting for its code.
#[derive(Serialize, Deserialize)]
pub struct PendingLogin {
    pub user_id: i32,
    pub epoch: i32,
    pub at: DateTime<Utc>,
}

fn unix(now: DateTime<Utc>) -> u64 {
    now.timestamp().max(0) as u64
}

fn wrong_code() -> AppError {
    AppError::field("code", "second_factor.code_wrong")
}

/// The setup page: a new secret (the same one until it is confirmed or the session ends).
pub async fn setup(session: &Session, staff: &Staff) -> Result<SecondFactorSetup, AppError> {
    if staff.second_factor {
        return Ok(SecondFactorSetup {
            enabled: true,
            secret: None,
            qr_code: None,
        });
    }
    let secret = match session.get::<String>(SETUP_KEY).await.or_internal()? {
        Some(s) => s,
        None => {
            let s = totp::encoded(&totp::new_secret());
            session.insert(SETUP_KEY, &s).await.or_internal()?;
            s
        }
    };
    let bytes =
        totp::decode(&secret).ok_or_else(|| crate::ssr::internal("a broken setup secret"))?;
    Ok(SecondFactorSetup {
        enabled: false,
        qr_code: totp::qr_data_url(&totp::uri(&bytes, ISSUER, &staff.email)),
        secret: Some(secret),
    })
}

/// Turns the second factor on, when `code` is right for the secret being set up.
pub async fn enable(
    state: &AppState,
    session: &Session,
    staff: &Staff,
    code: &str,
) -> Result<(), AppError> {
    if staff.second_factor {
        return Err(AppError::Conflict("second_factor.already_on".into()));
    }
    let secret = session
        .get::<String>(SETUP_KEY)
        .await
        .or_internal()?
        .and_then(|s| totp::decode(&s))
        .ok_or_else(|| AppError::Conflict("second_factor.setup_expired".into()))?;
    let now = state.clock.now();
    let step = totp::accepted_step(&secret, code, unix(now), None).ok_or_else(wrong_code)?;
    let sealed =
        totp::seal_secret(state.settings.secret(), &secret).map_err(crate::ssr::internal)?;
    staff::set_second_factor(&state.db, staff.user_id, Some((sealed, step)))
        .await
        .or_internal()?;
    session.remove::<String>(SETUP_KEY).await.or_internal()?;
    audit::record(
        &state.db,
        None,
        Some(staff.user_id),
        "second_factor_on",
        "",
        now,
    )
    .await
    .or_internal()?;
    tracing::info!(user_id = staff.user_id, "second factor turned on");
    Ok(())
}

/// Checks a code against the user's kept secret and uses it up.
async fn use_code(state: &AppState, user_id: i32, code: &str) -> Result<(), AppError> {
    let user = staff::find_user(&state.db, user_id)
        .await
        .or_internal()?
        .ok_or(AppError::Unauthorized)?;
    let secret = user
        .totp_secret
        .as_deref()
        .and_then(|s| totp::open_secret(state.settings.secret(), s))
        .ok_or_else(|| AppError::Conflict("second_factor.not_on".into()))?;
    let step = totp::accepted_step(&secret, code, unix(state.clock.now()), user.totp_step)
        .ok_or_else(wrong_code)?;
    if !staff::use_second_factor_step(&state.db, user_id, step)
        .await
        .or_internal()?
    {
        return Err(wrong_code());
    }
    Ok(())
}

/// Turns the second factor off, with a current code.
pub async fn disable(state: &AppState, staff: &Staff, code: &str) -> Result<(), AppError> {
    let bucket = format!("totp:acct:{}", staff.user_id);
    let now = state.clock.now();
    if let Err(minutes) = rate_limit::hit(&state.db, &bucket, ACCOUNT_LIMIT, now)
        .await
        .or_internal()?
    {
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
        });
    }
    use_code(state, staff.user_id, code).await?;
    rate_limit::clear(&state.db, &bucket).await.or_internal()?;
    staff::set_second_factor(&state.db, staff.user_id, None)
        .await
        .or_internal()?;
    audit::record(
        &state.db,
        None,
        Some(staff.user_id),
        "second_factor_off",
        "",
        now,
    )
    .await
    .or_internal()?;
    tracing::info!(user_id = staff.user_id, "second factor turned off");
    Ok(())
}

/// The second step of a login: the code of the account whose password was given.
pub async fn complete_login(
    state: &AppState,
    session: &Session,
    code: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let pending = session
        .get::<PendingLogin>(STAFF_PENDING_KEY)
        .await
        .or_internal()?
        .filter(|p| now - p.at <= Duration::minutes(PENDING_MINUTES))
        .ok_or_else(|| AppError::Conflict("second_factor.login_expired".into()))?;
    let bucket = format!("totp:acct:{}", pending.user_id);
    if let Err(minutes) = rate_limit::hit(&state.db, &bucket, ACCOUNT_LIMIT, now)
        .await
        .or_internal()?
    {
        tracing::warn!("second factor rate limited");
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
        });
    }
    let user = staff::find_user(&state.db, pending.user_id)
        .await
        .or_internal()?
        .filter(|u| u.active && u.session_epoch == pending.epoch)
        .ok_or_else(|| AppError::Conflict("second_factor.login_expired".into()))?;
    if let Err(e) = use_code(state, user.id, code).await {
        tracing::info!("second factor refused");
        return Err(e);
    }
    rate_limit::clear(&state.db, &bucket).await.or_internal()?;
    session
        .remove::<PendingLogin>(STAFF_PENDING_KEY)
        .await
        .or_internal()?;
    session.cycle_id().await.or_internal()?;
    session.insert(STAFF_KEY, user.id).await.or_internal()?;
    session
        .insert(STAFF_EPOCH_KEY, user.session_epoch)
        .await
        .or_internal()?;
    tracing::info!(user_id = user.id, "staff logged in with a second factor");
    Ok(())
}
