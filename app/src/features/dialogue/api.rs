//! Public and citizen server functions of the dialogue: the spaces, a space, its moderation
//! log; posting, replying, supporting and flagging.

use crate::domain::dialogue::post::PostForm;
use crate::dto::dialogue::{ModerationLog, SpaceItem, SpaceView};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// Public: the organisation's published dialogue spaces.
#[server(prefix = "/api", endpoint = "list_dialogues", input = GetUrl)]
pub async fn list_dialogues(slug: String) -> Result<Vec<SpaceItem>, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::dialogue::views::public_list(&state, &slug).await
}

/// Public: a published space with its threads; a logged-in citizen also sees their own posts
/// waiting for approval, what they support, and a suspension of theirs.
#[server(prefix = "/api", endpoint = "get_dialogue", input = GetUrl)]
pub async fn get_dialogue(slug: String, id: i32) -> Result<SpaceView, AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let citizen = auth::current_citizen(&state, &session).await?;
    let staff = auth::current_staff(&state, &session).await?;
    crate::ssr::services::dialogue::views::public_space(
        &state,
        &slug,
        id,
        (citizen.as_ref(), staff.as_ref()),
    )
    .await
}

/// Public: what the moderators did in a space, by role and rule (never by person).
#[server(prefix = "/api", endpoint = "get_dialogue_log", input = GetUrl)]
pub async fn get_dialogue_log(slug: String, id: i32) -> Result<ModerationLog, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::dialogue::views::public_log(&state, &slug, id).await
}

/// A logged-in citizen posts in a debate, or replies to a post (`reply_to`).
#[server(prefix = "/api", endpoint = "post_dialogue")]
pub async fn post_dialogue(
    csrf_token: String,
    slug: String,
    id: i32,
    reply_to: Option<i64>,
    #[server(flatten)] form: PostForm,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    let res =
        crate::ssr::services::dialogue::posting::post(&state, &citizen, &slug, id, reply_to, &form)
            .await;
    match res {
        Ok(post) => {
            leptos_axum::redirect(&crate::paths::dialogue_post(&slug, id, post));
            Ok(())
        }
        Err(e) => {
            let name = match reply_to {
                Some(r) => format!("post_dialogue_{r}"),
                None => "post_dialogue".into(),
            };
            crate::ssr::http::flash::keep_form(&session, &name, &form).await?;
            Err(e)
        }
    }
}

/// A logged-in citizen supports a post (once).
#[server(prefix = "/api", endpoint = "support_dialogue_post")]
pub async fn support_dialogue_post(
    csrf_token: String,
    slug: String,
    id: i32,
    post: i64,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    crate::ssr::services::dialogue::reactions::support(&state, &citizen, &slug, id, post).await?;
    leptos_axum::redirect(&crate::paths::dialogue_post(&slug, id, post));
    Ok(())
}

/// A logged-in citizen flags a post with a reason (once).
#[server(prefix = "/api", endpoint = "flag_dialogue_post")]
pub async fn flag_dialogue_post(
    csrf_token: String,
    slug: String,
    id: i32,
    post: i64,
    reason: String,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    crate::ssr::services::dialogue::reactions::flag(&state, &citizen, &slug, id, post, &reason)
        .await?;
    leptos_axum::redirect(&format!("{}?flagget=1", crate::paths::dialogue(&slug, id)));
    Ok(())
}
