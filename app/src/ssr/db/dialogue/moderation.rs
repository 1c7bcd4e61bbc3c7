//! The moderation log: every decision, for the public log per space (action, rule, role,
//! time) and for the organisation (who).

use crate::domain::dialogue::moderation::ModeratorRole;
use crate::ssr::db::entities::dialogue_moderation;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// One decision as it is logged.
pub struct Entry<'a> {
    pub organisation_id: i32,
    pub space_id: Option<i32>,
    pub post_id: Option<i64>,
    pub participant_id: Option<i32>,
    pub action: &'a str,
    pub rule: Option<u32>,
    pub role: ModeratorRole,
    pub actor_id: Option<i32>,
}

pub async fn record(
    db: &impl ConnectionTrait,
    e: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    dialogue_moderation::ActiveModel {
        organisation_id: Set(e.organisation_id),
        space_id: Set(e.space_id),
        post_id: Set(e.post_id),
        participant_id: Set(e.participant_id),
        action: Set(e.action.into()),
        rule: Set(e.rule.map(|r| r as i32)),
        role: Set(e.role.as_str().into()),
        actor_id: Set(e.actor_id),
        status: Set("done".into()),
        created_at: Set(now),
        decided_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The space's decisions, newest first.
pub async fn of_space(
    db: &impl ConnectionTrait,
    space_id: i32,
) -> Result<Vec<dialogue_moderation::Model>, DbErr> {
    dialogue_moderation::Entity::find()
        .filter(dialogue_moderation::Column::SpaceId.eq(space_id))
        .filter(dialogue_moderation::Column::Status.eq("done"))
        .order_by_desc(dialogue_moderation::Column::Id)
        .all(db)
        .await
}

/// A host's request to hide a post in a space they host, waiting for a second moderator.
pub async fn request_hide(
    db: &impl ConnectionTrait,
    e: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    dialogue_moderation::ActiveModel {
        organisation_id: Set(e.organisation_id),
        space_id: Set(e.space_id),
        post_id: Set(e.post_id),
        participant_id: Set(e.participant_id),
        action: Set("hide".into()),
        rule: Set(e.rule.map(|r| r as i32)),
        role: Set(e.role.as_str().into()),
        actor_id: Set(e.actor_id),
        status: Set(REQUESTED.into()),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A hide waiting for a second moderator.
pub const REQUESTED: &str = "requested";

/// The open hide requests on these posts: (post, rule, who asked).
pub async fn open_requests(
    db: &impl ConnectionTrait,
    post_ids: Vec<i64>,
) -> Result<Vec<dialogue_moderation::Model>, DbErr> {
    dialogue_moderation::Entity::find()
        .filter(dialogue_moderation::Column::PostId.is_in(post_ids))
        .filter(dialogue_moderation::Column::Status.eq(REQUESTED))
        .all(db)
        .await
}

/// Settles the post's open hide requests: `approved` when a moderator hid it, `declined` when
/// they kept it.
pub async fn settle_requests(
    db: &impl ConnectionTrait,
    post_id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    dialogue_moderation::Entity::update_many()
        .col_expr(dialogue_moderation::Column::Status, Expr::value(status))
        .col_expr(dialogue_moderation::Column::DecidedAt, Expr::value(now))
        .filter(dialogue_moderation::Column::PostId.eq(post_id))
        .filter(dialogue_moderation::Column::Status.eq(REQUESTED))
        .exec(db)
        .await?;
    Ok(())
}
