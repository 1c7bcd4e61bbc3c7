//! Server functions of the workbench: screening, comments, tags and summaries.

// Server functions take one argument per form field (the macro's client half too).
#![allow(clippy::too_many_arguments)]

use crate::dto::hearings::Workbench;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;
use std::collections::BTreeMap;

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

/// `action`: `publish`, `redact` (with `public_general_comment` and `public_sections[<id>]`)
/// or `withhold` (with `withhold_reason` and `withhold_note`).
#[server(prefix = "/api", endpoint = "screen_submission")]
pub async fn screen_submission(
    csrf_token: String,
    slug: String,
    id: i32,
    submission_id: i32,
    action: String,
    public_general_comment: Option<String>,
    public_sections: Option<BTreeMap<String, String>>,
    withhold_reason: Option<String>,
    withhold_note: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::services::screening::{Decision, screen};
    let (state, staff, _) = super::staff_api::staff_ctx(Some(&csrf_token)).await?;
    let decision = match action.as_str() {
        "publish" => Decision::Publish,
        "redact" => Decision::Redact {
            general: public_general_comment.unwrap_or_default(),
            sections: public_sections
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
                .collect(),
        },
        "withhold" => Decision::Withhold {
            reason: withhold_reason.unwrap_or_default(),
            note: withhold_note.unwrap_or_default(),
        },
        _ => return Err(AppError::Conflict("screening.action_invalid".into())),
    };
    screen(&state, &staff, &slug, id, submission_id, decision).await
}

#[server(prefix = "/api", endpoint = "annotate_submission")]
pub async fn annotate_submission(
    csrf_token: String,
    slug: String,
    id: i32,
    submission_id: i32,
    admin_comment: String,
    staff_summary: String,
    tags: String,
) -> Result<(), AppError> {
    let (state, staff, _) = super::staff_api::staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::screening::annotate(
        &state,
        &staff,
        &slug,
        id,
        submission_id,
        &admin_comment,
        &staff_summary,
        &tags,
    )
    .await
}
