//! The audit log: who did what, when, in which organisation. Details never hold personal data
//! beyond ids.

use crate::ssr::db::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

pub async fn record(
    db: &impl ConnectionTrait,
    organisation_id: Option<i32>,
    actor_user_id: Option<i32>,
    action: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        organisation_id: Set(organisation_id),
        actor_user_id: Set(actor_user_id),
        action: Set(action.to_string()),
        detail: Set(detail.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
