//! Server functions of the workbench: screening, comments, tags and summaries.

use crate::dto::hearings::{AnnotationForm, ScreeningForm, Workbench};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[server(prefix = "/api", endpoint = "get_workbench", input = GetUrl)]
pub async fn get_workbench(
    slug: String,
    id: i32,
    section: Option<String>,
    kind: Option<String>,
    publication: Option<String>,
    tag: Option<String>,
) -> Result<Workbench, AppError> {
    use crate::ssr::services::screening;
    let (state, staff, _) = super::staff_api::staff_ctx(None).await?;
    let filter = screening::parse_filter(
        section.as_deref().unwrap_or(""),
        kind.as_deref().unwrap_or(""),
        publication.as_deref().unwrap_or(""),
        tag.as_deref().unwrap_or(""),
    );
    screening::workbench(&state, &staff, &slug, id, &filter).await
}

/// The fields are those of `ScreeningForm`.
#[server(prefix = "/api", endpoint = "screen_submission")]
pub async fn screen_submission(
    csrf_token: String,
    slug: String,
    id: i32,
    submission_id: i32,
    #[server(flatten)] form: ScreeningForm,
) -> Result<(), AppError> {
    let (state, staff, _) = super::staff_api::staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::screening::screen(&state, &staff, &slug, id, submission_id, &form).await
}

#[server(prefix = "/api", endpoint = "annotate_submission")]
pub async fn annotate_submission(
    csrf_token: String,
    slug: String,
    id: i32,
    submission_id: i32,
    #[server(flatten)] form: AnnotationForm,
) -> Result<(), AppError> {
    let (state, staff, _) = super::staff_api::staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::screening::annotate(&state, &staff, &slug, id, submission_id, &form).await
}
