//! Server functions of a citizen's own data. Each is about the logged-in caller only.

use crate::dto::my_data::{DataExportStatus, DeletionPlan};
use crate::error::AppError;
use leptos::prelude::*;

/// Asks for a download of everything Innspill holds about the citizen (built in the
/// background; at most three a day).
#[server(prefix = "/api", endpoint = "request_data_export")]
pub async fn request_data_export(csrf_token: String) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth, services::my_data::export};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    export::request(&state, &citizen).await
}

/// The citizen's newest download, if one is being built or offered.
#[server(prefix = "/api", endpoint = "my_data_export", input = server_fn::codec::GetUrl)]
pub async fn my_data_export() -> Result<Option<DataExportStatus>, AppError> {
    use crate::ssr::{security::auth, services::my_data::export};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let citizen = auth::require_citizen(&state, &session).await?;
    Ok(export::latest(&state, citizen.person_id)
        .await?
        .map(|e| DataExportStatus {
            id: e.id,
            ready: e.status == "ready",
            size_bytes: e.size_bytes,
            expires_at: e.expires_at,
        }))
}

/// What deleting the citizen's account would delete and keep.
#[server(prefix = "/api", endpoint = "deletion_preview", input = server_fn::codec::GetUrl)]
pub async fn deletion_preview() -> Result<DeletionPlan, AppError> {
    use crate::ssr::{security::auth, services::my_data::delete};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let citizen = auth::require_citizen(&state, &session).await?;
    delete::preview(&state, &citizen).await
}

/// Deletes the citizen's account (irreversible; `confirm` must be ticked) and logs them out.
#[server(prefix = "/api", endpoint = "delete_my_account")]
pub async fn delete_my_account(
    csrf_token: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth, services::my_data::delete};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    if confirm.is_none() {
        return Err(AppError::field("confirm", "me.delete.confirm_required"));
    }
    delete::delete_account(&state, &citizen).await?;
    use crate::ssr::OrInternal;
    session.flush().await.or_internal()?;
    leptos_axum::redirect(crate::paths::ACCOUNT_DELETED);
    Ok(())
}
