//! Server functions for staff login and logout.

use crate::dto::auth::{KeptForm, StaffSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// Logs a staff user in. `csrf_token` is checked by the CSRF layer before this runs and once
/// more here. Wrong address or password give one message, whichever was wrong.
#[server(prefix = "/api", endpoint = "staff_login")]
pub async fn staff_login(
    csrf_token: String,
    email: String,
    password: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{http::flash, security::auth, services::staff_auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    let client = crate::ssr::http::client_addr::current(&state);
    if let Err(e) = staff_auth::login(&state, &session, &email, password, &client).await {
        flash::keep_form_values(&session, "staff_login", &[("email", &email)]).await?;
        return Err(e);
    }
    let target = return_to
        .as_deref()
        .and_then(crate::paths::safe_return_path)
        .filter(|p| p.starts_with(crate::paths::STAFF_HOME) || p.starts_with("/org/"))
        .unwrap_or_else(|| crate::paths::STAFF_HOME.into());
    leptos_axum::redirect(&target);
    Ok(())
}

/// Logs the staff user out (the session id is rotated; its CSRF token stays valid).
#[server(prefix = "/api", endpoint = "staff_logout")]
pub async fn staff_logout(csrf_token: String) -> Result<(), AppError> {
    let session = crate::ssr::security::auth::session().await?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    crate::ssr::services::staff_auth::logout(&session).await?;
    leptos_axum::redirect(crate::paths::HOME);
    Ok(())
}

/// Public: who is logged in on this session, if anyone (only ever the caller themself).
#[server(prefix = "/api", endpoint = "current_staff_summary", input = server_fn::codec::GetUrl)]
pub async fn current_staff_summary() -> Result<Option<StaffSummary>, AppError> {
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::security::auth::session().await?;
    Ok(crate::ssr::security::auth::current_staff(&state, &session)
        .await?
        .map(|s| StaffSummary {
            name: s.name,
            email: s.email,
            memberships: s
                .memberships
                .into_iter()
                .map(|m| crate::dto::auth::MembershipSummary {
                    slug: m.slug,
                    organisation_name: m.organisation_name,
                    role: m.role,
                })
                .collect(),
        }))
}

/// Public, but only ever about the caller's own session: what they typed into a form before a
/// failed plain (no-JavaScript) post.
#[server(prefix = "/api", endpoint = "kept_form_values", input = server_fn::codec::GetUrl)]
pub async fn kept_form_values() -> Result<Option<KeptForm>, AppError> {
    let session = crate::ssr::security::auth::session().await?;
    Ok(crate::ssr::http::flash::kept_form_values(&session)
        .await?
        .map(|(form, values)| KeptForm { form, values }))
}

/// Public: mails a link for a new password to `email` if it is a staff account. The answer is
/// the same either way.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(csrf_token: String, email: String) -> Result<(), AppError> {
    use crate::ssr::{http::flash, security::auth, services::password_reset};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    let client = crate::ssr::http::client_addr::current(&state);
    let lang = crate::components::context::initial_lang();
    if let Err(e) = password_reset::request(&state, &email, &client, lang).await {
        flash::keep_form_values(&session, "request_password_reset", &[("email", &email)]).await?;
        return Err(e);
    }
    leptos_axum::redirect(&format!("{}?sendt=1", crate::paths::FORGOT_PASSWORD));
    Ok(())
}

/// Public: whether a link for a new password still works (404 when not; nothing else about it).
#[server(prefix = "/api", endpoint = "password_link_works", input = server_fn::codec::GetUrl)]
pub async fn password_link_works(token: String) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::password_reset::link_works(&state, &token).await
}

/// Public, with a working link: sets the account's new password, then on to the login page.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(
    csrf_token: String,
    token: String,
    password: String,
) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    crate::ssr::services::password_reset::reset(&state, &token, &password).await?;
    leptos_axum::redirect(&format!("{}?passord=endret", crate::paths::STAFF_LOGIN));
    Ok(())
}
