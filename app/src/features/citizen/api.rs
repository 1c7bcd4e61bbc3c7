//! Server functions about the logged-in citizen. Each is about the caller's own data only.

use crate::domain::loa::Loa;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The logged-in citizen as they may see themselves (never their national id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenSummary {
    /// From the login's `profile` scope; `None` when ID-porten gave no name.
    pub name: Option<String>,
    /// Logged in with a national id, so they can sign initiatives.
    pub can_sign: bool,
    pub level: Loa,
    pub email: Option<String>,
    /// An address waiting for its confirmation link to be followed.
    pub pending_email: Option<String>,
}

/// Public, but only ever about the caller: the citizen logged in on this session, if any.
#[server(prefix = "/api", endpoint = "current_citizen", input = server_fn::codec::GetUrl)]
pub async fn current_citizen() -> Result<Option<CitizenSummary>, AppError> {
    use crate::ssr::internal::OrInternal;
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::auth::session().await?;
    let Some(c) = crate::ssr::auth::current_citizen(&state, &session).await? else {
        return Ok(None);
    };
    let pending =
        crate::ssr::db::citizens::pending_email(&state.db, c.person_id, state.clock.now())
            .await
            .or_internal()?
            .map(|p| p.email);
    Ok(Some(CitizenSummary {
        name: c.name(),
        can_sign: c.pid_hash.is_some(),
        level: c.level,
        email: c.email,
        pending_email: pending,
    }))
}

/// Sends a confirmation link to a new address for receipts and notifications.
#[server(prefix = "/api", endpoint = "set_citizen_email")]
pub async fn set_citizen_email(csrf_token: String, email: String) -> Result<(), AppError> {
    use crate::ssr::{auth, csrf, flash, services::citizen_email};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    let lang = crate::components::context::initial_lang();
    let res = citizen_email::request(&state, &citizen, &email, lang).await;
    if res.is_err() {
        flash::keep_form_values(&session, "set_citizen_email", &[("email", &email)]).await?;
    }
    res
}

/// Removes the citizen's address (and any waiting for confirmation).
#[server(prefix = "/api", endpoint = "remove_citizen_email")]
pub async fn remove_citizen_email(csrf_token: String) -> Result<(), AppError> {
    use crate::ssr::{auth, csrf, services::citizen_email};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    citizen_email::remove(&state, &citizen).await
}

/// Public: the token from the emailed link is the proof. Confirms the address once.
#[server(prefix = "/api", endpoint = "confirm_citizen_email", input = server_fn::codec::GetUrl)]
pub async fn confirm_citizen_email(token: String) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::citizen_email::confirm(&state, &token).await
}
