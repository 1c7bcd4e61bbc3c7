//! Server functions about the logged-in citizen. Each is about the caller's own data only.

use crate::dto::citizen::{CitizenSummary, TakenPart};
use crate::error::AppError;
use leptos::prelude::*;

/// Public, but only ever about the caller: the citizen logged in on this session, if any.
#[server(prefix = "/api", endpoint = "current_citizen", input = server_fn::codec::GetUrl)]
pub async fn current_citizen() -> Result<Option<CitizenSummary>, AppError> {
    use crate::ssr::OrInternal;
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::security::auth::session().await?;
    let Some(c) = crate::ssr::security::auth::current_citizen(&state, &session).await? else {
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
    use crate::ssr::{http::csrf, http::flash, security::auth, services::citizen_email};
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
    use crate::ssr::{http::csrf, security::auth, services::citizen_email};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    citizen_email::remove(&state, &citizen).await
}

/// Public: the token from the emailed link is the proof. The address it would confirm (its own
/// mailbox's); changes nothing.
#[server(prefix = "/api", endpoint = "preview_citizen_email", input = server_fn::codec::GetUrl)]
pub async fn preview_citizen_email(token: String) -> Result<String, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::citizen_email::preview(&state, &token).await
}

/// Public: the token from the emailed link is the proof. Confirms the address once (the
/// button on the link's page, a POST), then shows that it is done.
#[server(prefix = "/api", endpoint = "confirm_citizen_email")]
pub async fn confirm_citizen_email(csrf_token: String, token: String) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    crate::ssr::services::citizen_email::confirm(&state, &token).await?;
    leptos_axum::redirect(crate::paths::EMAIL_CONFIRMED);
    Ok(())
}

/// The logged-in citizen's own hearing submissions and signatures ("Min side").
#[server(prefix = "/api", endpoint = "my_participation", input = server_fn::codec::GetUrl)]
pub async fn my_participation() -> Result<TakenPart, AppError> {
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::security::auth::session().await?;
    let citizen = crate::ssr::security::auth::require_citizen(&state, &session).await?;
    crate::ssr::services::citizen_data::participation(&state, &citizen).await
}
