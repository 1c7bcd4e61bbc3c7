//! A hearing's documents (høringsdokumenter), checked by their content.

use crate::domain::hearing::parts::DocumentTitle;
use crate::error::{AppError, FieldErrors};
use crate::ssr::db::audit;
use crate::ssr::db::hearings as db;
use crate::ssr::files::kind;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::{EDITORS, hearing_of, staff_org};
use crate::ssr::state::AppState;
use crate::ssr::{OrInternal, internal};

/// Stores an uploaded document after checking what it really is and its size.
pub async fn add_document(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    title: &str,
    original_name: &str,
    bytes: &[u8],
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    let (title, k) = FieldErrors::both(DocumentTitle::parse(title), kind::check_document(bytes))?;
    let key = crate::ssr::files::attachments::put(&state.files, bytes).await?;
    let name = kind::safe_name(original_name, k);
    let now = state.clock.now();
    let res = db::insert_document(
        &state.db,
        id,
        db::NewDocument {
            title: &title.0,
            file_name: &name,
            content_type: k.content_type(),
            size_bytes: bytes.len() as i64,
            storage_key: &key,
        },
        now,
    )
    .await;
    if let Err(e) = res {
        let _ = state.files.delete(&key).await;
        return Err(internal(e));
    }
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_document_add",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()
}

pub async fn remove_document(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    document_id: i32,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    let key = db::delete_document(&state.db, id, document_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if let Err(e) = state.files.delete(&key).await {
        tracing::warn!(error = %e, "document file not deleted");
    }
    Ok(())
}
