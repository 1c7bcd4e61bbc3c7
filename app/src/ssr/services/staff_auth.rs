//! Staff login and logout: argon2id verification off the runtime, the same work for unknown
//! addresses, limits per account and per client kept in the database, session id rotated.
//!
//! Every attempt is counted, in one atomic statement per limit, *before* its password is
//! hashed, so that parallel guesses cannot slip past the count; a successful login then clears
//! the account's count and gives the client its attempt back (an office behind one address is
//! limited by its failures, not by its logins).

use crate::domain::email::Email;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::staff;
use crate::ssr::security::auth::{STAFF_EPOCH_KEY, STAFF_KEY, STAFF_PENDING_KEY};
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::security::seal::keyed_hash;
use crate::ssr::state::AppState;
use chrono::Duration;
use tower_sessions::Session;

pub const ACCOUNT_LIMIT: Limit = Limit {
    max: 5,
    window: Duration::minutes(15),
};
pub const CLIENT_LIMIT: Limit = Limit {
    max: 30,
    window: Duration::minutes(15),
};

/// A bucket name that identifies the account without holding its address.
fn account_bucket(state: &AppState, email: &str) -> String {
    let hash = keyed_hash(
        state.settings.secret(),
        &[b"login-account:", email.as_bytes()],
    );
    format!("login:acct:{}", &hash[..32])
}

/// What a right password leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginStep {
    /// Logged in.
    Done,
    /// The account has a second factor: its code comes next (`second_factor::complete_login`).
    SecondFactor,
}

/// Logs the staff user in (or, for an account with a second factor, readies its second step),
/// or says (without revealing whether the account exists) that the address or password is
/// wrong.
pub async fn login(
    state: &AppState,
    session: &Session,
    email: &str,
    password: String,
    client: &str,
) -> Result<LoginStep, AppError> {
    let now = state.clock.now();
    let normalised = Email::parse(email)
        .map(|e| e.as_str().to_string())
        .unwrap_or_default();
    let acct = account_bucket(state, &normalised);
    let ip = format!("login:ip:{client}");
    for (bucket, limit) in [(&acct, ACCOUNT_LIMIT), (&ip, CLIENT_LIMIT)] {
        if let Err(minutes) = rate_limit::hit(&state.db, bucket, limit, now)
            .await
            .or_internal()?
        {
            tracing::warn!(
                bucket_kind = if bucket == &ip { "client" } else { "account" },
                "login rate limited"
            );
            return Err(AppError::RateLimited {
                retry_after_minutes: minutes,
            });
        }
    }
    let user = if normalised.is_empty() {
        None
    } else {
        staff::find_user_by_email(&state.db, &normalised)
            .await
            .or_internal()?
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let ok = state.hashing.verify(password, stored).await;
    let user = match user {
        Some(u) if ok && u.active => u,
        _ => {
            tracing::info!("staff login refused");
            return Err(AppError::field("email", "login.wrong_credentials"));
        }
    };
    rate_limit::give_back(&state.db, &ip, CLIENT_LIMIT, now)
        .await
        .or_internal()?;
    rate_limit::clear(&state.db, &acct).await.or_internal()?;
    session.cycle_id().await.or_internal()?;
    if user.totp_secret.is_some() {
        session
            .insert(
                STAFF_PENDING_KEY,
                crate::ssr::services::second_factor::PendingLogin {
                    user_id: user.id,
                    epoch: user.session_epoch,
                    at: now,
                },
            )
            .await
            .or_internal()?;
        tracing::info!(
            user_id = user.id,
            "staff password right, second factor next"
        );
        return Ok(LoginStep::SecondFactor);
    }
    session.insert(STAFF_KEY, user.id).await.or_internal()?;
    session
        .insert(STAFF_EPOCH_KEY, user.session_epoch)
        .await
        .or_internal()?;
    tracing::info!(user_id = user.id, "staff logged in");
    Ok(LoginStep::Done)
}

pub async fn logout(session: &Session) -> Result<(), AppError> {
    session.remove::<i32>(STAFF_KEY).await.or_internal()?;
    session.remove::<i32>(STAFF_EPOCH_KEY).await.or_internal()?;
    session.cycle_id().await.or_internal()?;
    Ok(())
}
