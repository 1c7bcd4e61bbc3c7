//! Server functions for the organisation's staff who handle initiatives.

// Server functions take one argument per form field (the macro's client half too).
#![allow(clippy::too_many_arguments)]

use crate::dto::initiatives::{OutcomeForm, PaperSignature};
use crate::dto::initiatives::{SignatureList, StaffInitiativeItem};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[server(prefix = "/api", endpoint = "list_staff_initiatives", input = GetUrl)]
pub async fn list_staff_initiatives(slug: String) -> Result<Vec<StaffInitiativeItem>, AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(None).await?;
    crate::ssr::services::initiatives::staff::staff_list(&state, &staff, &slug).await
}

/// `action`: `publish`, or `reject` with a `reason`.
#[server(prefix = "/api", endpoint = "screen_initiative")]
pub async fn screen_initiative(
    csrf_token: String,
    slug: String,
    id: i32,
    action: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res = crate::ssr::services::initiatives::staff::screening::screen(
        &state,
        &staff,
        &slug,
        id,
        &action,
        reason.as_deref().unwrap_or(""),
    )
    .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "screen_initiative",
            &[("reason", reason.as_deref().unwrap_or(""))],
        )
        .await?;
    }
    res
}

/// `kind`: `referred`, `decided` or `not_treated`.
#[server(prefix = "/api", endpoint = "record_initiative_outcome")]
pub async fn record_initiative_outcome(
    csrf_token: String,
    slug: String,
    id: i32,
    #[server(flatten)] form: OutcomeForm,
) -> Result<(), AppError> {
    use crate::ssr::services::initiatives::staff::outcome::record_outcome;
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res = record_outcome(&state, &staff, &slug, id, &form).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "record_initiative_outcome", &form).await?;
    }
    res
}

#[server(prefix = "/api", endpoint = "add_paper_signature")]
pub async fn add_paper_signature(
    csrf_token: String,
    slug: String,
    id: i32,
    #[server(flatten)] input: PaperSignature,
) -> Result<(), AppError> {
    use crate::ssr::services::initiatives::staff::paper::add_paper_signature;
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res = add_paper_signature(&state, &staff, &slug, id, &input).await;
    if res.is_err() {
        // The national id is never kept, not even to show the form again.
        crate::ssr::http::flash::keep_form_values(
            &session,
            "add_paper_signature",
            &[
                ("paper_name", &input.name),
                ("paper_birth_date", &input.birth_date),
                ("paper_address", &input.address),
            ],
        )
        .await?;
    }
    res
}

/// The signature list (on record in the audit log).
#[server(prefix = "/api", endpoint = "get_signature_list", input = GetUrl)]
pub async fn get_signature_list(slug: String, id: i32) -> Result<SignatureList, AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(None).await?;
    // Reading it is on record: only a click inside Innspill.
    crate::ssr::http::fetch_site::own_site_only_here()?;
    crate::ssr::services::initiatives::staff::signature_list::signature_list(
        &state, &staff, &slug, id, "page",
    )
    .await
}

#[server(prefix = "/api", endpoint = "update_initiative_settings")]
pub async fn update_initiative_settings(
    csrf_token: String,
    slug: String,
    max_collection_months: String,
    signer_retention_months: String,
    screening_days: String,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res = crate::ssr::services::initiatives::staff::settings::update_settings(
        &state,
        &staff,
        &slug,
        &max_collection_months,
        &signer_retention_months,
        &screening_days,
    )
    .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "update_initiative_settings",
            &[
                ("max_collection_months", &max_collection_months),
                ("signer_retention_months", &signer_retention_months),
                ("screening_days", &screening_days),
            ],
        )
        .await?;
    }
    res
}
