//! Server functions of initiatives for the public and for citizens: lists, an initiative's page,
//! proposing (a form with files), sending for screening, signing and withdrawing, submitting.

// Server functions take one argument per form field (the macro's client half too).
#![allow(clippy::too_many_arguments)]

use crate::dto::initiatives::{InitiativeList, InitiativePage, InitiativeSummary};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

pub const PER_PAGE: u64 = 20;

/// Public: initiatives past screening, narrowed by organisation (slug), status and words.
#[server(prefix = "/api", endpoint = "list_initiatives", input = GetUrl)]
pub async fn list_initiatives(
    organisation: Option<String>,
    status: Option<String>,
    q: Option<String>,
    page: Option<u64>,
) -> Result<InitiativeList, AppError> {
    use crate::domain::initiative::InitiativeStatus;
    use crate::ssr::db::initiatives::ListFilter;
    let state = crate::ssr::app_state()?;
    let status = match status.as_deref().unwrap_or("all") {
        "all" | "" => None,
        s => Some(
            InitiativeStatus::parse(s)
                .filter(|s| s.is_public())
                .ok_or_else(|| AppError::field("status", "initiative.list.status_invalid"))?,
        ),
    };
    let filter = ListFilter {
        organisation_slug: organisation.filter(|o| !o.is_empty()),
        status,
        query: q,
    };
    crate::ssr::services::initiatives::views::list(
        &state,
        &filter,
        page.unwrap_or(1).max(1),
        PER_PAGE,
    )
    .await
}

/// Public once past screening; before, only for its proposer and the organisation's staff.
#[server(prefix = "/api", endpoint = "get_initiative", input = GetUrl)]
pub async fn get_initiative(slug: String, id: i32) -> Result<InitiativePage, AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let citizen = auth::current_citizen(&state, &session).await?;
    let staff = auth::current_staff(&state, &session).await?;
    crate::ssr::services::initiatives::views::page(
        &state,
        &slug,
        id,
        citizen.as_ref(),
        staff.as_ref(),
    )
    .await
}

/// The citizen's own initiatives (for "Min side"), any status.
#[server(prefix = "/api", endpoint = "my_initiatives", input = GetUrl)]
pub async fn my_initiatives() -> Result<Vec<InitiativeSummary>, AppError> {
    use crate::ssr::OrInternal;
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let Some(c) = auth::current_citizen(&state, &session).await? else {
        return Ok(Vec::new());
    };
    let rows = crate::ssr::db::initiatives::list_for_person(&state.db, c.person_id)
        .await
        .or_internal()?;
    crate::ssr::services::initiatives::views::summaries(&state, rows).await
}

/// Writes (or rewrites, with `id`) a draft proposal: a multipart form whose CSRF token is a
/// field, checked here. Goes on to the draft's page.
#[server(prefix = "/api", endpoint = "save_initiative", input = MultipartFormData)]
pub async fn save_initiative(data: MultipartData) -> Result<i32, AppError> {
    use crate::ssr::files::attachments::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, Upload};
    use crate::ssr::services::initiatives::proposal::{ProposalInput, save_draft};
    use crate::ssr::{http::multipart, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    // Logged in before anything of the form is read.
    let citizen = auth::require_citizen(&state, &session).await?;
    let form = multipart::read(data, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS).await?;
    let slug = form.get("slug").to_string();
    let id = form.get("id").parse::<i32>().ok();
    let input = ProposalInput {
        form: crate::dto::initiatives::ProposalForm {
            title: form.get("title").into(),
            ask: form.get("ask").into(),
            justification: form.get("justification").into(),
            collection_ends: form.get("collection_ends").into(),
        },
        files: form
            .files
            .iter()
            .map(|f| Upload {
                name: f.name.clone(),
                bytes: f.bytes.clone(),
            })
            .collect(),
        oversized_file: form.oversized,
    };
    let lang = crate::components::context::initial_lang();
    match save_draft(&state, &citizen, &slug, id, input, lang).await {
        Ok(id) => {
            leptos_axum::redirect(&crate::paths::initiative(&slug, id));
            Ok(id)
        }
        Err(e) => {
            multipart::keep(&session, "save_initiative", &form).await?;
            Err(multipart::tell_cut(&form, e))
        }
    }
}

#[cfg(feature = "ssr")]
async fn citizen_ctx(
    csrf_token: &str,
) -> Result<(crate::ssr::AppState, crate::ssr::security::auth::Citizen), AppError> {
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::security::auth::session().await?;
    crate::ssr::http::csrf::verify(csrf_token)?;
    let citizen = crate::ssr::security::auth::require_citizen(&state, &session).await?;
    Ok((state, citizen))
}

#[server(prefix = "/api", endpoint = "send_initiative_to_screening")]
pub async fn send_initiative_to_screening(
    csrf_token: String,
    slug: String,
    id: i32,
) -> Result<(), AppError> {
    let (state, citizen) = citizen_ctx(&csrf_token).await?;
    crate::ssr::services::initiatives::screening::send_to_screening(&state, &citizen, &slug, id)
        .await
}

/// Signs for the logged-in citizen (`notify` ticked: the outcome by email).
#[server(prefix = "/api", endpoint = "sign_initiative")]
pub async fn sign_initiative(
    csrf_token: String,
    slug: String,
    id: i32,
    notify: Option<String>,
) -> Result<(), AppError> {
    let (state, citizen) = citizen_ctx(&csrf_token).await?;
    let lang = crate::components::context::initial_lang();
    crate::ssr::signing::sign(
        &state,
        &citizen,
        &slug,
        id,
        notify.is_some(),
        &crate::ssr::http::client_addr::current(&state),
        lang,
    )
    .await
}

#[server(prefix = "/api", endpoint = "withdraw_signature")]
pub async fn withdraw_signature(csrf_token: String, slug: String, id: i32) -> Result<(), AppError> {
    let (state, citizen) = citizen_ctx(&csrf_token).await?;
    crate::ssr::signing::withdraw(&state, &citizen, &slug, id).await
}

/// Submits (fremmer) the initiative: its proposer, once enough have signed.
#[server(prefix = "/api", endpoint = "submit_initiative")]
pub async fn submit_initiative(csrf_token: String, slug: String, id: i32) -> Result<(), AppError> {
    let (state, citizen) = citizen_ctx(&csrf_token).await?;
    crate::ssr::services::initiatives::submit::submit(&state, &citizen, &slug, id).await
}
