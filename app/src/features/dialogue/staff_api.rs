//! Staff server functions of the dialogue: the spaces and the moderation queue, a new space,
//! a moderation decision.

use crate::domain::dialogue::moderation::ModerationForm;
use crate::domain::dialogue::space::SpaceForm;
use crate::dto::dialogue::StaffDialogue;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// The organisation's spaces, and the moderation queue for its moderators.
#[server(prefix = "/api", endpoint = "get_staff_dialogue", input = GetUrl)]
pub async fn get_staff_dialogue(slug: String) -> Result<StaffDialogue, AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let staff = auth::require_staff(&state, &session).await?;
    crate::ssr::services::dialogue::views::staff_dialogue(&state, &staff, &slug).await
}

/// Sets up a dialogue space.
#[server(prefix = "/api", endpoint = "create_dialogue_space")]
pub async fn create_dialogue_space(
    csrf_token: String,
    slug: String,
    #[server(flatten)] form: SpaceForm,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res = crate::ssr::services::dialogue::spaces::create(&state, &staff, &slug, &form).await;
    match res {
        Ok(_) => {
            leptos_axum::redirect(&format!(
                "{}?opprettet=1",
                crate::paths::staff_dialogue(&slug)
            ));
            Ok(())
        }
        Err(e) => {
            crate::ssr::http::flash::keep_form(&session, "create_dialogue_space", &form).await?;
            Err(e)
        }
    }
}

/// A moderator decides on a post.
#[server(prefix = "/api", endpoint = "moderate_dialogue_post")]
pub async fn moderate_dialogue_post(
    csrf_token: String,
    slug: String,
    post: i64,
    #[server(flatten)] form: ModerationForm,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::dialogue::moderate::moderate(&state, &staff, &slug, post, &form)
            .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, &format!("moderate_{post}"), &form).await?;
    }
    res
}
