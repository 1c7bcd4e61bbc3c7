//! Posts, their supports and their flags. Counts of supports and open flags live on the post,
//! moved in the statement that adds the support or flag, so two at once both count.

use crate::domain::dialogue::PostState;
use crate::ssr::db::entities::{dialogue_flag, dialogue_post, dialogue_support};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Who wrote a post: a participant (a citizen), or an official under their badge.
pub enum Author {
    Participant(i32),
    Official { id: i32, badge: String },
}

/// A post as stored.
pub struct NewRow<'a> {
    pub space_id: i32,
    pub thread_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub author: Author,
    pub text: &'a str,
    pub text_hash: String,
    pub state: PostState,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    p: NewRow<'_>,
    now: DateTime<Utc>,
) -> Result<dialogue_post::Model, DbErr> {
    let (participant, official, badge) = match p.author {
        Author::Participant(id) => (Some(id), None, None),
        Author::Official { id, badge } => (None, Some(id), Some(badge)),
    };
    dialogue_post::ActiveModel {
        space_id: Set(p.space_id),
        thread_id: Set(p.thread_id),
        parent_id: Set(p.parent_id),
        participant_id: Set(participant),
        official_id: Set(official),
        badge: Set(badge),
        kind: Set("post".into()),
        to_body_id: Set(None),
        to_party_id: Set(None),
        text: Set(p.text.to_string()),
        text_hash: Set(p.text_hash),
        state: Set(p.state.as_str().into()),
        hidden_rule: Set(None),
        hidden_by_flags: Set(false),
        locked: Set(false),
        answer_due: Set(None),
        answered_at: Set(None),
        supports: Set(0),
        open_flags: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn post(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<dialogue_post::Model>, DbErr> {
    dialogue_post::Entity::find_by_id(id).one(db).await
}

/// The space's posts the public may know of (visible, and hidden ones — shown as hidden; never
/// one waiting for approval or rejected before it was published), oldest first.
pub async fn public_of(
    db: &impl ConnectionTrait,
    space_id: i32,
) -> Result<Vec<dialogue_post::Model>, DbErr> {
    dialogue_post::Entity::find()
        .filter(dialogue_post::Column::SpaceId.eq(space_id))
        .filter(
            dialogue_post::Column::State
                .is_in([PostState::Visible.as_str(), PostState::Hidden.as_str()]),
        )
        .order_by_asc(dialogue_post::Column::Id)
        .all(db)
        .await
}

/// A participant's posts in the space that only they see: waiting for approval, or rejected.
pub async fn pending_of(
    db: &impl ConnectionTrait,
    space_id: i32,
    participant_id: i32,
) -> Result<Vec<dialogue_post::Model>, DbErr> {
    dialogue_post::Entity::find()
        .filter(dialogue_post::Column::SpaceId.eq(space_id))
        .filter(dialogue_post::Column::ParticipantId.eq(participant_id))
        .filter(
            dialogue_post::Column::State
                .is_in([PostState::Pending.as_str(), PostState::Rejected.as_str()]),
        )
        .order_by_asc(dialogue_post::Column::Id)
        .all(db)
        .await
}

/// What waits for a moderator in these spaces: posts to approve, posts with open flags, posts
/// the flags hid, and posts a host asked to hide.
pub async fn queue(
    db: &impl ConnectionTrait,
    space_ids: Vec<i32>,
) -> Result<Vec<dialogue_post::Model>, DbErr> {
    use sea_orm::Condition;
    dialogue_post::Entity::find()
        .filter(dialogue_post::Column::SpaceId.is_in(space_ids))
        .filter(
            Condition::any()
                .add(dialogue_post::Column::State.eq(PostState::Pending.as_str()))
                .add(dialogue_post::Column::OpenFlags.gt(0))
                .add(dialogue_post::Column::HiddenByFlags.eq(true))
                .add(
                    dialogue_post::Column::Id.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(crate::ssr::db::entities::dialogue_moderation::Column::PostId)
                            .from(crate::ssr::db::entities::dialogue_moderation::Entity)
                            .and_where(
                                crate::ssr::db::entities::dialogue_moderation::Column::Status
                                    .eq(super::moderation::REQUESTED),
                            )
                            .to_owned(),
                    ),
                ),
        )
        .order_by_asc(dialogue_post::Column::Id)
        .all(db)
        .await
}

/// Whether the participant posted the same text (by its hash) in the space since `since`.
pub async fn is_duplicate(
    db: &impl ConnectionTrait,
    participant_id: i32,
    space_id: i32,
    text_hash: &str,
    since: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(dialogue_post::Entity::find()
        .select_only()
        .column(dialogue_post::Column::Id)
        .filter(dialogue_post::Column::ParticipantId.eq(participant_id))
        .filter(dialogue_post::Column::TextHash.eq(text_hash))
        .filter(dialogue_post::Column::SpaceId.eq(space_id))
        .filter(dialogue_post::Column::CreatedAt.gte(since))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .is_some())
}

/// Sets the post's state (and the rule it was hidden under, and whether flags hid it); a
/// decision that is not "hidden by flags" resolves the open flags.
pub async fn set_state(
    db: &impl ConnectionTrait,
    id: i64,
    state: PostState,
    rule: Option<u32>,
    by_flags: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut q = dialogue_post::Entity::update_many()
        .col_expr(dialogue_post::Column::State, Expr::value(state.as_str()))
        .col_expr(
            dialogue_post::Column::HiddenRule,
            Expr::value(rule.map(|r| r as i32)),
        )
        .col_expr(dialogue_post::Column::HiddenByFlags, Expr::value(by_flags))
        .col_expr(dialogue_post::Column::UpdatedAt, Expr::value(now));
    if !by_flags {
        q = q.col_expr(dialogue_post::Column::OpenFlags, Expr::value(0));
        dialogue_flag::Entity::update_many()
            .col_expr(dialogue_flag::Column::ResolvedAt, Expr::value(now))
            .filter(dialogue_flag::Column::PostId.eq(id))
            .filter(dialogue_flag::Column::ResolvedAt.is_null())
            .exec(db)
            .await?;
    }
    q.filter(dialogue_post::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Hides a visible post pending review (its flags reached the number); `false` when it was not
/// visible any more (a moderator decided first, or another flag hid it).
pub async fn hide_by_flags(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(dialogue_post::Entity::update_many()
        .col_expr(
            dialogue_post::Column::State,
            Expr::value(PostState::Hidden.as_str()),
        )
        .col_expr(
            dialogue_post::Column::HiddenRule,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(dialogue_post::Column::HiddenByFlags, Expr::value(true))
        .col_expr(dialogue_post::Column::UpdatedAt, Expr::value(now))
        .filter(dialogue_post::Column::Id.eq(id))
        .filter(dialogue_post::Column::State.eq(PostState::Visible.as_str()))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// Locks or unlocks a thread (its first post).
pub async fn set_locked(db: &impl ConnectionTrait, id: i64, locked: bool) -> Result<(), DbErr> {
    dialogue_post::Entity::update_many()
        .col_expr(dialogue_post::Column::Locked, Expr::value(locked))
        .filter(dialogue_post::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The participant supports the post; `false` when they already did.
pub async fn support(
    db: &impl ConnectionTrait,
    post_id: i64,
    participant_id: i32,
) -> Result<bool, DbErr> {
    let n = dialogue_support::Entity::insert(dialogue_support::ActiveModel {
        post_id: Set(post_id),
        participant_id: Set(participant_id),
    })
    .on_conflict(
        OnConflict::columns([
            dialogue_support::Column::PostId,
            dialogue_support::Column::ParticipantId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if n == 1 {
        dialogue_post::Entity::update_many()
            .col_expr(
                dialogue_post::Column::Supports,
                Expr::col(dialogue_post::Column::Supports).add(1),
            )
            .filter(dialogue_post::Column::Id.eq(post_id))
            .exec(db)
            .await?;
    }
    Ok(n == 1)
}

/// Which of these posts the participant supports.
pub async fn supported_by(
    db: &impl ConnectionTrait,
    participant_id: i32,
    post_ids: Vec<i64>,
) -> Result<Vec<i64>, DbErr> {
    dialogue_support::Entity::find()
        .select_only()
        .column(dialogue_support::Column::PostId)
        .filter(dialogue_support::Column::ParticipantId.eq(participant_id))
        .filter(dialogue_support::Column::PostId.is_in(post_ids))
        .into_tuple()
        .all(db)
        .await
}

/// The participant flags the post; the post's open flags after it, or `None` when they had
/// flagged it already.
pub async fn flag(
    db: &impl ConnectionTrait,
    post_id: i64,
    participant_id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    let n = dialogue_flag::Entity::insert(dialogue_flag::ActiveModel {
        post_id: Set(post_id),
        participant_id: Set(participant_id),
        reason: Set(reason.into()),
        created_at: Set(now),
        resolved_at: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            dialogue_flag::Column::PostId,
            dialogue_flag::Column::ParticipantId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if n == 0 {
        return Ok(None);
    }
    dialogue_post::Entity::update_many()
        .col_expr(
            dialogue_post::Column::OpenFlags,
            Expr::col(dialogue_post::Column::OpenFlags).add(1),
        )
        .filter(dialogue_post::Column::Id.eq(post_id))
        .exec(db)
        .await?;
    Ok(post(db, post_id).await?.map(|p| p.open_flags))
}

/// The open flags' reasons on these posts, per post.
pub async fn open_flag_reasons(
    db: &impl ConnectionTrait,
    post_ids: Vec<i64>,
) -> Result<Vec<(i64, String)>, DbErr> {
    dialogue_flag::Entity::find()
        .select_only()
        .column(dialogue_flag::Column::PostId)
        .column(dialogue_flag::Column::Reason)
        .filter(dialogue_flag::Column::PostId.is_in(post_ids))
        .filter(dialogue_flag::Column::ResolvedAt.is_null())
        .into_tuple()
        .all(db)
        .await
}

/// A participant's posts, in every space.
pub async fn of_participant(
    db: &impl ConnectionTrait,
    participant_id: i32,
) -> Result<Vec<dialogue_post::Model>, DbErr> {
    dialogue_post::Entity::find()
        .filter(dialogue_post::Column::ParticipantId.eq(participant_id))
        .order_by_asc(dialogue_post::Column::Id)
        .all(db)
        .await
}

/// Deletes the participant's posts still waiting for approval (nobody else has seen them).
pub async fn delete_pending_of(
    db: &impl ConnectionTrait,
    participant_id: i32,
) -> Result<u64, DbErr> {
    Ok(dialogue_post::Entity::delete_many()
        .filter(dialogue_post::Column::ParticipantId.eq(participant_id))
        .filter(dialogue_post::Column::State.eq(PostState::Pending.as_str()))
        .exec(db)
        .await?
        .rows_affected)
}

/// The participant's flags (post, reason, when).
pub async fn flags_of(
    db: &impl ConnectionTrait,
    participant_id: i32,
) -> Result<Vec<dialogue_flag::Model>, DbErr> {
    dialogue_flag::Entity::find()
        .filter(dialogue_flag::Column::ParticipantId.eq(participant_id))
        .all(db)
        .await
}

/// Deletes flags resolved before `before`.
pub async fn prune_flags(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(dialogue_flag::Entity::delete_many()
        .filter(dialogue_flag::Column::ResolvedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// Empties the text of posts hidden (by a moderator or by flags) or rejected before `before`
/// (the public never saw it again; a complaint has had its time).
pub async fn erase_hidden(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(dialogue_post::Entity::update_many()
        .col_expr(dialogue_post::Column::Text, Expr::value(""))
        .filter(
            dialogue_post::Column::State
                .is_in([PostState::Hidden.as_str(), PostState::Rejected.as_str()]),
        )
        .filter(dialogue_post::Column::UpdatedAt.lt(before))
        .filter(dialogue_post::Column::Text.ne(""))
        .exec(db)
        .await?
        .rows_affected)
}

/// The posts the participant supports.
pub async fn supports_of(
    db: &impl ConnectionTrait,
    participant_id: i32,
) -> Result<Vec<i64>, DbErr> {
    dialogue_support::Entity::find()
        .select_only()
        .column(dialogue_support::Column::PostId)
        .filter(dialogue_support::Column::ParticipantId.eq(participant_id))
        .into_tuple()
        .all(db)
        .await
}

/// The latest posts moderators hid (or rejected) in these spaces whose text is still kept: to
/// restore one, or lock its thread.
pub async fn hidden_by_moderators(
    db: &impl ConnectionTrait,
    space_ids: Vec<i32>,
) -> Result<Vec<dialogue_post::Model>, DbErr> {
    dialogue_post::Entity::find()
        .filter(dialogue_post::Column::SpaceId.is_in(space_ids))
        .filter(
            dialogue_post::Column::State
                .is_in([PostState::Hidden.as_str(), PostState::Rejected.as_str()]),
        )
        .filter(dialogue_post::Column::HiddenByFlags.eq(false))
        .filter(dialogue_post::Column::Text.ne(""))
        .order_by_desc(dialogue_post::Column::Id)
        .limit(50)
        .all(db)
        .await
}
