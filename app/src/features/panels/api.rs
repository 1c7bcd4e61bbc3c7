//! Public and citizen server functions of panels: the recruiting panels, a panel's page,
//! joining, leaving, and the citizen's panels for Min side.

use crate::domain::survey::panel::JoinForm;
use crate::dto::panels::{CodeInvitation, LeaveLinkPreview, MyPanel, PanelItem, PublicPanel};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// Public: the organisation's panels that take new members.
#[server(prefix = "/api", endpoint = "list_panels", input = GetUrl)]
pub async fn list_panels(slug: String) -> Result<Vec<PanelItem>, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::panels::views::public_list(&state, &slug).await
}

/// Public: a panel's purpose and consent text; says whether a logged-in visitor is a member.
#[server(prefix = "/api", endpoint = "get_panel", input = GetUrl)]
pub async fn get_panel(slug: String, id: i32) -> Result<PublicPanel, AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let citizen = auth::current_citizen(&state, &session).await?;
    crate::ssr::services::panels::views::public_panel(&state, &slug, id, citizen.as_ref()).await
}

/// A logged-in citizen who lives in the organisation joins the panel.
#[server(prefix = "/api", endpoint = "join_panel")]
pub async fn join_panel(
    csrf_token: String,
    slug: String,
    id: i32,
    #[server(flatten)] form: JoinForm,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    let res =
        crate::ssr::services::panels::membership::join(&state, &citizen, &slug, id, &form).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "join_panel", &form).await?;
    }
    res
}

/// A member leaves the panel; `answers` is `keep` (kept, no longer linked to them) or
/// `delete`.
#[server(prefix = "/api", endpoint = "leave_panel")]
pub async fn leave_panel(
    csrf_token: String,
    slug: String,
    id: i32,
    answers: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    crate::ssr::services::panels::membership::leave(
        &state,
        &citizen,
        &slug,
        id,
        answers.as_deref().unwrap_or_default(),
    )
    .await
}

/// The logged-in citizen's panels (Min side).
#[server(prefix = "/api", endpoint = "my_panels", input = GetUrl)]
pub async fn my_panels() -> Result<Vec<MyPanel>, AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let citizen = auth::require_citizen(&state, &session).await?;
    crate::ssr::services::panels::views::my_panels(&state, &citizen).await
}

/// Public: the link in a panel mail is the proof. What its page shows: the panel, and whether
/// the membership is still there to end. Leaving is the `server`'s `POST` to the same address.
#[server(prefix = "/api", endpoint = "preview_panel_leave", input = GetUrl)]
pub async fn preview_panel_leave(token: String) -> Result<LeaveLinkPreview, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::panels::leave_link::preview(&state, &token).await
}

/// Public, for whoever holds the code from a panel's invitation: which panel it invites to
/// (each look-up counted per client address).
#[server(prefix = "/api", endpoint = "get_code_invitation", input = GetUrl)]
pub async fn get_code_invitation(code: String) -> Result<CodeInvitation, AppError> {
    let state = crate::ssr::app_state()?;
    let client = crate::ssr::http::client_addr::current(&state);
    crate::ssr::services::panels::recruitment::code_invitation(&state, &code, &client).await
}

/// Public: one drawn for a panel joins it with the code from their letter or mail, the consent
/// given and an email address; no login. On success (without JavaScript) back to the page,
/// which then says so.
#[server(prefix = "/api", endpoint = "enrol_panel_code")]
pub async fn enrol_panel_code(
    csrf_token: String,
    #[server(flatten)] form: crate::domain::survey::recruitment::CodeEnrolForm,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let client = crate::ssr::http::client_addr::current(&state);
    let res =
        crate::ssr::services::panels::recruitment::enrol_with_code(&state, &form, &client).await;
    match &res {
        Ok(()) => leptos_axum::redirect(&format!("{}?innmeldt=1", crate::paths::PANEL_ENROL)),
        Err(_) => {
            crate::ssr::http::flash::keep_form(&session, "enrol_panel_code", &form).await?;
        }
    }
    res
}
