//! Staff server functions of the dialogue: the spaces and the moderation queue, a new space,
//! a moderation decision; the officials' party groups and seats (admin), and an official's post.

use crate::domain::dialogue::moderation::ModerationForm;
use crate::domain::dialogue::official::{PartyForm, SeatForm};
use crate::domain::dialogue::post::PostForm;
use crate::domain::dialogue::space::SpaceForm;
use crate::dto::dialogue::{OfficialsView, StaffDialogue};
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

/// The organisation's elected officials with their seats, its party groups and bodies (admin).
#[server(prefix = "/api", endpoint = "get_officials", input = GetUrl)]
pub async fn get_officials(slug: String) -> Result<OfficialsView, AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let staff = auth::require_staff(&state, &session).await?;
    crate::ssr::services::dialogue::officials::view(&state, &staff, &slug).await
}

/// Adds a party group (admin).
#[server(prefix = "/api", endpoint = "add_party_group")]
pub async fn add_party_group(
    csrf_token: String,
    slug: String,
    #[server(flatten)] form: PartyForm,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::dialogue::officials::add_party(&state, &staff, &slug, &form).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "add_party_group", &form).await?;
    }
    res
}

/// Gives an elected official a seat on a body, with their party group (admin).
#[server(prefix = "/api", endpoint = "add_official_seat")]
pub async fn add_official_seat(
    csrf_token: String,
    slug: String,
    #[server(flatten)] form: SeatForm,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::dialogue::officials::add_seat(&state, &staff, &slug, &form).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "add_official_seat", &form).await?;
    }
    res
}

/// Removes an official's seat (admin).
#[server(prefix = "/api", endpoint = "remove_official_seat")]
pub async fn remove_official_seat(
    csrf_token: String,
    slug: String,
    seat: i32,
) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::dialogue::officials::remove_seat(&state, &staff, &slug, seat).await
}

/// An elected official with a seat posts in a debate, or replies (`reply_to`), with their badge.
#[server(prefix = "/api", endpoint = "official_post_dialogue")]
pub async fn official_post_dialogue(
    csrf_token: String,
    slug: String,
    id: i32,
    reply_to: Option<i64>,
    #[server(flatten)] form: PostForm,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::dialogue::officials::post(&state, &staff, &slug, id, reply_to, &form)
            .await;
    match res {
        Ok(post) => {
            leptos_axum::redirect(&crate::paths::dialogue_post(&slug, id, post));
            Ok(())
        }
        Err(e) => {
            crate::ssr::http::flash::keep_form(&session, "official_post_dialogue", &form).await?;
            Err(e)
        }
    }
}

/// Names one of the organisation's elected officials a host of a space (`add` "on"), or no
/// longer.
#[server(prefix = "/api", endpoint = "set_dialogue_host")]
pub async fn set_dialogue_host(
    csrf_token: String,
    slug: String,
    space: i32,
    official: String,
    add: Option<String>,
) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::dialogue::spaces::set_host(
        &state,
        &staff,
        &slug,
        (space, &official),
        add.is_some(),
    )
    .await
}
