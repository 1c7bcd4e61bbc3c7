//! Server functions for staff who run hearings. Each authenticates the staff user; the
//! services check the role in this very organisation.

// Server functions take one argument per form field (the macro's client half too).
#![allow(clippy::too_many_arguments)]

use crate::dto::hearings::{
    ConsulteeForm, GrantForm, HearingForm, StaffHearing, StaffHearingItem, StatusForm,
};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
pub(crate) use crate::ssr::security::auth::staff_request as staff_ctx;

#[server(prefix = "/api", endpoint = "list_staff_hearings", input = GetUrl)]
pub async fn list_staff_hearings(slug: String) -> Result<Vec<StaffHearingItem>, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::hearings::views::staff_list(&state, &staff, &slug).await
}

#[server(prefix = "/api", endpoint = "get_staff_hearing", input = GetUrl)]
pub async fn get_staff_hearing(slug: String, id: i32) -> Result<StaffHearing, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::hearings::views::staff_view(&state, &staff, &slug, id).await
}

/// Creates or (with `id`) saves a hearing. A new one goes on to its own page. The form's
/// fields are those of `HearingForm` (flattened: the same names as before).
#[server(prefix = "/api", endpoint = "save_hearing")]
pub async fn save_hearing(
    csrf_token: String,
    slug: String,
    id: Option<i32>,
    #[server(flatten)] input: HearingForm,
) -> Result<i32, AppError> {
    use crate::ssr::services::hearings::edit::{create, update};
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res = match id {
        None => create(&state, &staff, &slug, &input).await.inspect(|new| {
            leptos_axum::redirect(&crate::paths::hearing_editor(&slug, *new));
        }),
        Some(id) => update(&state, &staff, &slug, id, &input).await.map(|_| id),
    };
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "save_hearing", &input).await?;
    }
    res
}

/// `action`: `publish`, `unpublish`, `cancel` (with `cancel_note`) or `conclude` (with
/// `outcome` and `decision_url`).
#[server(prefix = "/api", endpoint = "change_hearing_status")]
pub async fn change_hearing_status(
    csrf_token: String,
    slug: String,
    id: i32,
    #[server(flatten)] form: StatusForm,
) -> Result<(), AppError> {
    use crate::ssr::services::hearings::status::change_status;
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res = change_status(&state, &staff, &slug, id, &form).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "change_hearing_status", &form).await?;
    }
    res
}

#[server(prefix = "/api", endpoint = "extend_hearing_deadline")]
pub async fn extend_hearing_deadline(
    csrf_token: String,
    slug: String,
    id: i32,
    extend_date: String,
    extend_time: String,
) -> Result<(), AppError> {
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::hearings::deadlines::extend_deadline(
        &state,
        &staff,
        &slug,
        id,
        &extend_date,
        &extend_time,
    )
    .await
}

#[server(prefix = "/api", endpoint = "grant_hearing_extension")]
pub async fn grant_hearing_extension(
    csrf_token: String,
    slug: String,
    id: i32,
    #[server(flatten)] form: GrantForm,
) -> Result<(), AppError> {
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res = crate::ssr::services::hearings::deadlines::grant_extension(
        &state, &staff, &slug, id, &form,
    )
    .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "grant_hearing_extension", &form).await?;
    }
    res
}

#[server(prefix = "/api", endpoint = "add_hearing_section")]
pub async fn add_hearing_section(
    csrf_token: String,
    slug: String,
    id: i32,
    section_title: String,
    section_body: String,
) -> Result<(), AppError> {
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res = crate::ssr::services::hearings::sections::add_section(
        &state,
        &staff,
        &slug,
        id,
        &section_title,
        &section_body,
    )
    .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "add_hearing_section",
            &[
                ("section_title", &section_title),
                ("section_body", &section_body),
            ],
        )
        .await?;
    }
    res
}

#[server(prefix = "/api", endpoint = "remove_hearing_section")]
pub async fn remove_hearing_section(
    csrf_token: String,
    slug: String,
    id: i32,
    section_id: i32,
) -> Result<(), AppError> {
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::hearings::sections::remove_section(&state, &staff, &slug, id, section_id)
        .await
}

#[server(prefix = "/api", endpoint = "add_hearing_consultee")]
pub async fn add_hearing_consultee(
    csrf_token: String,
    slug: String,
    id: i32,
    #[server(flatten)] form: ConsulteeForm,
) -> Result<(), AppError> {
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::hearings::consultees::add_consultee(&state, &staff, &slug, id, &form)
            .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "add_hearing_consultee", &form).await?;
    }
    res
}

#[server(prefix = "/api", endpoint = "remove_hearing_consultee")]
pub async fn remove_hearing_consultee(
    csrf_token: String,
    slug: String,
    id: i32,
    consultee_id: i32,
) -> Result<(), AppError> {
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::hearings::consultees::remove_consultee(
        &state,
        &staff,
        &slug,
        id,
        consultee_id,
    )
    .await
}

/// A document for the hearing (PDF, ODT or DOCX, at most 25 MB), as a multipart form whose
/// CSRF token is a field, checked here.
#[server(prefix = "/api", endpoint = "upload_hearing_document", input = MultipartFormData)]
pub async fn upload_hearing_document(data: MultipartData) -> Result<(), AppError> {
    use crate::ssr::files::kind::MAX_DOCUMENT_BYTES;
    use crate::ssr::http::multipart;
    let (state, staff, session) = staff_ctx(None).await?;
    let form = multipart::read(data, MAX_DOCUMENT_BYTES, 1).await?;
    let slug = form.get("slug").to_string();
    let id: i32 = form.get("id").parse().map_err(|_| AppError::NotFound)?;
    let res = if form.oversized {
        Err(AppError::field(
            "document_file",
            "hearing.document.too_large",
        ))
    } else {
        let (name, bytes) = form
            .files
            .first()
            .map(|f| (f.name.as_str(), f.bytes.as_slice()))
            .unwrap_or(("", &[]));
        crate::ssr::services::hearings::documents::add_document(
            &state,
            &staff,
            &slug,
            id,
            form.get("document_title"),
            name,
            bytes,
        )
        .await
    };
    if res.is_err() {
        multipart::keep(&session, "upload_hearing_document", &form).await?;
    }
    res.map_err(|e| multipart::tell_cut(&form, e))
}

#[server(prefix = "/api", endpoint = "remove_hearing_document")]
pub async fn remove_hearing_document(
    csrf_token: String,
    slug: String,
    id: i32,
    document_id: i32,
) -> Result<(), AppError> {
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::hearings::documents::remove_document(
        &state,
        &staff,
        &slug,
        id,
        document_id,
    )
    .await
}
