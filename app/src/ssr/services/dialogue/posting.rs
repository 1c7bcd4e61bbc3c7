//! A citizen posts in a space, or replies in a thread: logged in with ID-porten, a resident if
//! the space asks for it, not suspended, within the rate limits, no duplicate of their own,
//! at most one link until a post of theirs has been published, and not in a locked thread.
//! Under pre-moderation the post waits for a moderator.

use super::is_open;
use crate::domain::dialogue::PostState;
use crate::domain::dialogue::post::{FIRST_TIME_LINKS, PostForm, duplicate_form};
use crate::domain::dialogue::{ModerationMode, SpaceKind};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue::{self as db, posts};
use crate::ssr::db::entities::{dialogue_participant, dialogue_space, organisation};
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::TransactionTrait;

/// Posts a person may write in an hour, in all of an organisation's spaces.
pub const PER_PERSON: Limit = Limit {
    max: 20,
    window: Duration::hours(1),
};
/// Posts from one client address in an hour (a library's shared address is not stopped).
pub const PER_CLIENT: Limit = Limit {
    max: 120,
    window: Duration::hours(1),
};
/// How far back a post of the same text counts as a duplicate.
const DUPLICATE_WINDOW_HOURS: i64 = 24;

/// The organisation, the space open for posts, and the citizen as a participant who may post
/// there now (shared by posting, supporting and flagging).
pub(super) async fn taking_part(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    space_id: i32,
) -> Result<
    (
        organisation::Model,
        dialogue_space::Model,
        dialogue_participant::Model,
    ),
    AppError,
> {
    use crate::ssr::services::residency_check::{NotResident, resident};
    let org = crate::ssr::db::organisations::model_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if org.deactivated_at.is_some() {
        return Err(AppError::Conflict("org.deactivated_refusal".into()));
    }
    let space = db::space(&state.db, org.id, space_id)
        .await
        .or_internal()?
        .filter(|s| s.published)
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    if !is_open(&space, now) {
        return Err(AppError::Conflict("dialogue.post.closed".into()));
    }
    if space.residents_only {
        resident(state, citizen, &org).await.map_err(|r| {
            AppError::Conflict(
                match r {
                    NotResident::NoNationalId => "dialogue.post.no_pid",
                    NotResident::NotConfigured | NotResident::Unavailable => {
                        "dialogue.post.register_unavailable"
                    }
                    NotResident::Emigrated
                    | NotResident::LivesElsewhere
                    | NotResident::NotRegistered => "dialogue.post.not_resident",
                }
                .into(),
            )
        })?;
    }
    let p = db::ensure_participant(&state.db, org.id, citizen.person_id, now)
        .await
        .or_internal()?;
    if p.suspended_until.is_some_and(|u| now < u) {
        return Err(AppError::Conflict("dialogue.post.suspended".into()));
    }
    Ok((org, space, p))
}

/// Counts one action against the person's and the client's limits.
pub(super) async fn within_limits(
    state: &AppState,
    what: &str,
    citizen: &Citizen,
    (per_person, per_client): (Limit, Limit),
) -> Result<(), AppError> {
    let client = crate::ssr::http::client_addr::current(state);
    let now = state.clock.now();
    for (bucket, limit) in [
        (format!("{what}:person:{}", citizen.person_id), per_person),
        (format!("{what}:client:{client}"), per_client),
    ] {
        if let Err(minutes) = rate_limit::hit(&state.db, &bucket, limit, now)
            .await
            .or_internal()?
        {
            tracing::warn!(what, "dialogue rate limited");
            return Err(AppError::RateLimited {
                retry_after_minutes: minutes,
            });
        }
    }
    Ok(())
}

/// Posts `form` in the space — in reply to `reply_to` if given; the new post's id.
pub async fn post(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    space_id: i32,
    reply_to: Option<i64>,
    form: &PostForm,
) -> Result<i64, AppError> {
    let (_, space, participant) = taking_part(state, citizen, slug, space_id).await?;
    if SpaceKind::parse(&space.kind) != Some(SpaceKind::Debate) {
        return Err(AppError::NotFound);
    }
    let new = form.parse()?;
    let links = crate::ssr::formats::markdown::links_in_html(
        &crate::ssr::formats::markdown::post_to_safe_html(&new.text),
    );
    if participant.published_posts == 0 && links.max(new.links) > FIRST_TIME_LINKS {
        return Err(AppError::field("text", "dialogue.post.too_many_links"));
    }
    let now = state.clock.now();
    let hash = crate::ssr::security::tokens::token_hash(&duplicate_form(&new.text));
    if posts::is_duplicate(
        &state.db,
        participant.id,
        space.id,
        &hash,
        now - Duration::hours(DUPLICATE_WINDOW_HOURS),
    )
    .await
    .or_internal()?
    {
        return Err(AppError::field("text", "dialogue.post.duplicate"));
    }
    let (thread_id, parent_id) = thread_of(state, space.id, reply_to).await?;
    within_limits(state, "dialogue-post", citizen, (PER_PERSON, PER_CLIENT)).await?;
    let state_now = match ModerationMode::parse(&space.moderation) {
        Some(ModerationMode::Pre) => PostState::Pending,
        _ => PostState::Visible,
    };
    let txn = state.db.begin().await.or_internal()?;
    let p = posts::insert(
        &txn,
        posts::NewRow {
            space_id: space.id,
            thread_id,
            parent_id,
            author: posts::Author::Participant(participant.id),
            text: &new.text,
            text_hash: hash,
            state: state_now,
        },
        now,
    )
    .await
    .or_internal()?;
    if state_now == PostState::Visible {
        db::count_published(&txn, participant.id)
            .await
            .or_internal()?;
    }
    txn.commit().await.or_internal()?;
    tracing::info!(space_id = space.id, post_id = p.id, "dialogue post written");
    Ok(p.id)
}

/// Where a reply goes: the thread (its first post) and the post it answers — both visible in
/// the space, the thread not locked; `(None, None)` for a new thread.
pub(super) async fn thread_of(
    state: &AppState,
    space_id: i32,
    reply_to: Option<i64>,
) -> Result<(Option<i64>, Option<i64>), AppError> {
    let Some(id) = reply_to else {
        return Ok((None, None));
    };
    let visible = |p: &crate::ssr::db::entities::dialogue_post::Model| {
        p.space_id == space_id && p.state == PostState::Visible.as_str()
    };
    let parent = posts::post(&state.db, id)
        .await
        .or_internal()?
        .filter(visible)
        .ok_or(AppError::NotFound)?;
    let thread = parent.thread_id.unwrap_or(parent.id);
    let root = posts::post(&state.db, thread)
        .await
        .or_internal()?
        .filter(visible)
        .ok_or(AppError::NotFound)?;
    if root.locked {
        return Err(AppError::Conflict("dialogue.post.locked".into()));
    }
    Ok((Some(thread), Some(parent.id)))
}
