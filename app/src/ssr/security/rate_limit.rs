//! Rate limits kept in the database, so that every server process sees the same counts. A
//! bucket (e.g. one account, one client address) may be hit `max` times per sliding window.

use crate::ssr::db::entities::rate_limit_hit;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: u64,
    pub window: Duration,
}

/// `Err(minutes)` when the bucket is full: the whole minutes until the oldest hit leaves the
/// window (at least 1).
pub async fn check(
    db: &impl ConnectionTrait,
    bucket: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Result<(), u32>, DbErr> {
    let since = now - limit.window;
    let recent = rate_limit_hit::Entity::find()
        .filter(rate_limit_hit::Column::Bucket.eq(bucket))
        .filter(rate_limit_hit::Column::At.gt(since));
    if recent.clone().count(db).await? < limit.max {
        return Ok(Ok(()));
    }
    let oldest = recent
        .order_by_asc(rate_limit_hit::Column::At)
        .one(db)
        .await?
        .map(|h| h.at)
        .unwrap_or(now);
    let wait = (oldest + limit.window - now).num_seconds().max(0);
    Ok(Err(((wait + 59) / 60).max(1) as u32))
}

pub async fn hit(db: &impl ConnectionTrait, bucket: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    rate_limit_hit::ActiveModel {
        bucket: Set(bucket.to_string()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn clear(db: &impl ConnectionTrait, bucket: &str) -> Result<(), DbErr> {
    rate_limit_hit::Entity::delete_many()
        .filter(rate_limit_hit::Column::Bucket.eq(bucket))
        .exec(db)
        .await?;
    Ok(())
}

/// Drops hits older than a day; run by the background worker.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    rate_limit_hit::Entity::delete_many()
        .filter(rate_limit_hit::Column::At.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}
