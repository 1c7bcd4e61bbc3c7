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
    let step = match staff_auth::login(&state, &session, &email, password, &client).await {
        Ok(step) => step,
        Err(e) => {
            flash::keep_form_values(&session, "staff_login", &[("email", &email)]).await?;
            return Err(e);
        }
    };
    let target = staff_return_path(return_to.as_deref());
    match step {
        staff_auth::LoginStep::Done => leptos_axum::redirect(&target),
        staff_auth::LoginStep::SecondFactor => leptos_axum::redirect(&format!(
            "{}?tilbake={}",
            crate::paths::SECOND_FACTOR_CODE,
            crate::paths::urlencode(&target)
        )),
    }
    Ok(())
}

/// Where a staff login may lead back to: a staff or organisation page, else the staff start.
#[cfg(feature = "ssr")]
fn staff_return_path(return_to: Option<&str>) -> String {
    return_to
        .and_then(crate::paths::safe_return_path)
        .filter(|p| {
            p.starts_with(crate::paths::STAFF_HOME)
                || p.starts_with("/org/")
                || p.starts_with(crate::paths::PLATFORM)
        })
        .unwrap_or_else(|| crate::paths::STAFF_HOME.into())
}

/// Public (the session must hold a login whose password was right a moment ago): the second
/// step of a staff login, the code from the authenticator app.
#[server(prefix = "/api", endpoint = "staff_second_factor")]
pub async fn staff_second_factor(
    csrf_token: String,
    code: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::security::auth::session().await?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    crate::ssr::services::second_factor::complete_login(&state, &session, &code).await?;
    leptos_axum::redirect(&staff_return_path(return_to.as_deref()));
    Ok(())
}

/// The logged-in staff user's own second factor: on, or a new secret to set it up with.
#[server(prefix = "/api", endpoint = "second_factor_setup", input = server_fn::codec::GetUrl)]
pub async fn second_factor_setup() -> Result<crate::dto::auth::SecondFactorSetup, AppError> {
    let (_, staff, session) = crate::ssr::security::auth::staff_request(None).await?;
    crate::ssr::services::second_factor::setup(&session, &staff).await
}

/// Turns the logged-in staff user's second factor on with the first code from the app.
#[server(prefix = "/api", endpoint = "enable_second_factor")]
pub async fn enable_second_factor(csrf_token: String, code: String) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::second_factor::enable(&state, &session, &staff, &code).await
}

/// Turns the logged-in staff user's second factor off, with a current code.
#[server(prefix = "/api", endpoint = "disable_second_factor")]
pub async fn disable_second_factor(csrf_token: String, code: String) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::second_factor::disable(&state, &staff, &code).await
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
        .map(|s| {
            let summary = |m: crate::ssr::security::auth::StaffMembership| {
                crate::dto::auth::MembershipSummary {
                    slug: m.slug,
                    organisation_name: m.organisation_name,
                    role: m.role,
                }
            };
            StaffSummary {
                name: s.name,
                email: s.email,
                memberships: s.memberships.into_iter().map(summary).collect(),
                platform_admin: s.platform_admin,
                second_factor: s.second_factor,
                needs_second_factor: s.needs_second_factor.into_iter().map(summary).collect(),
            }
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
