//! Public server functions of hearings: lists, a hearing's page, sending a submission (a form
//! with files), its receipt, and confirming one sent without login.

use crate::dto::hearings::{HearingList, HearingPage, Receipt};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

/// Hearings shown per page.
pub const PER_PAGE: u64 = 20;

/// Public: hearings that are not drafts, narrowed by organisation (slug), status (`open` unless
/// `all` or another status is asked for) and words in the title or summary.
#[server(prefix = "/api", endpoint = "list_hearings", input = GetUrl)]
pub async fn list_hearings(
    organisation: Option<String>,
    status: Option<String>,
    q: Option<String>,
    page: Option<u64>,
) -> Result<HearingList, AppError> {
    use crate::domain::hearing::HearingStatus;
    use crate::ssr::OrInternal;
    use crate::ssr::db::hearings::{ListFilter, list_public};
    let state = crate::ssr::app_state()?;
    let status = match status.as_deref().unwrap_or("open") {
        "all" | "" => None,
        s => Some(
            HearingStatus::parse(s)
                .filter(|s| s.is_public())
                .ok_or_else(|| AppError::field("status", "hearing.list.status_invalid"))?,
        ),
    };
    let filter = ListFilter {
        organisation_slug: organisation.filter(|o| !o.is_empty()),
        status,
        query: q,
    };
    let page = page.unwrap_or(1).max(1);
    let (items, total) = list_public(&state.db, &filter, state.clock.now(), page, PER_PAGE)
        .await
        .or_internal()?;
    Ok(HearingList {
        items,
        total,
        page,
        pages: total.div_ceil(PER_PAGE).max(1),
        now: state.clock.now(),
    })
}

/// Public: a hearing's page with page `page` (from 1) of its published submissions (never a
/// draft).
#[server(prefix = "/api", endpoint = "get_hearing", input = GetUrl)]
pub async fn get_hearing(slug: String, id: i32, page: u64) -> Result<HearingPage, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::hearings::views::public_page(&state, &slug, id, page.max(1)).await
}

/// Public (anyone may comment): sends a submission, a multipart form with up to five files.
/// The CSRF token is a field of the form, checked here. A plain form post is redirected to the
/// receipt.
#[server(prefix = "/api", endpoint = "submit_comment", input = MultipartFormData)]
pub async fn submit_comment(data: MultipartData) -> Result<Receipt, AppError> {
    use crate::domain::submission::comment::CommentForm;
    use crate::ssr::files::attachments::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, Upload};
    use crate::ssr::services::submissions::{SubmissionInput, submit};
    use crate::ssr::{http::multipart, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let form = multipart::read(data, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS).await?;
    let citizen = auth::current_citizen(&state, &session).await?;
    let slug = form.get("slug").to_string();
    let hearing_id: i32 = form
        .get("hearing_id")
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let section_comments = form
        .fields()
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("section_")?.parse().ok()?, v.clone())))
        .collect();
    let input = SubmissionInput {
        form: CommentForm {
            kind: form.get("kind").into(),
            name: form.get("name").into(),
            email: form.get("email").into(),
            organisation_name: form.get("organisation_name").into(),
            org_number: form.get("org_number").into(),
            show_name: form.checked("show_name"),
            general_comment: form.get("general_comment").into(),
            section_comments,
            confirm_public: form.checked("confirm_public"),
            objects_to_publication: form.checked("objects_to_publication"),
            objection_reason: form.get("objection_reason").into(),
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
        client: crate::ssr::http::client_addr::current(&state),
    };
    let lang = crate::components::context::initial_lang();
    match submit(&state, &slug, hearing_id, input, citizen.as_ref(), lang).await {
        Ok(receipt) => {
            leptos_axum::redirect(&crate::paths::receipt(
                &slug,
                hearing_id,
                &receipt.reference,
            ));
            Ok(receipt)
        }
        Err(e) => {
            multipart::keep(&session, "submit_comment", &form).await?;
            Err(multipart::tell_cut(&form, e))
        }
    }
}

/// Public, but only for whoever knows the reference: that it was received, and whether it
/// waits for the emailed confirmation.
#[server(prefix = "/api", endpoint = "get_receipt", input = GetUrl)]
pub async fn get_receipt(slug: String, id: i32, reference: String) -> Result<Receipt, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::submissions::receipt(&state, &slug, id, &reference).await
}

/// Public: the token from the emailed link is the proof. What its page shows; changes nothing.
#[server(prefix = "/api", endpoint = "preview_submission_confirmation", input = GetUrl)]
pub async fn preview_submission_confirmation(token: String) -> Result<Receipt, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::submissions::preview(&state, &token).await
}

/// Public: the token from the emailed link is the proof. Confirms the submission once (the
/// button on the link's page, a POST), then goes on to its receipt.
#[server(prefix = "/api", endpoint = "confirm_submission")]
pub async fn confirm_submission(csrf_token: String, token: String) -> Result<Receipt, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    let r = crate::ssr::services::submissions::confirm(&state, &token).await?;
    leptos_axum::redirect(&crate::paths::receipt(
        &r.organisation_slug,
        r.hearing_id,
        &r.reference,
    ));
    Ok(r)
}

/// Public: the token from the mailed link is the proof. What became of the submission, and
/// whether its sender may still withdraw it.
#[server(prefix = "/api", endpoint = "submission_fate", input = GetUrl)]
pub async fn submission_fate(
    token: String,
) -> Result<crate::dto::hearings::SubmissionFate, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::submissions::withdraw::fate(&state, &token).await
}

/// Public: the token from the mailed link is the proof. Withdraws the submission while no one
/// has screened it (the button on the link's page, a POST).
#[server(prefix = "/api", endpoint = "withdraw_submission")]
pub async fn withdraw_submission(csrf_token: String, token: String) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    crate::ssr::services::submissions::withdraw::withdraw(&state, &token).await?;
    leptos_axum::redirect(crate::paths::SUBMISSION_WITHDRAWN);
    Ok(())
}
