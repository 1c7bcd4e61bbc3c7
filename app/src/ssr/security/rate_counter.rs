//! Fixed-window rate limits in the database, one upserted counter row per bucket and window:
//! a single atomic statement per check, the same for every server process. Used where a limit
//! sits on a hot path (signing).

use crate::ssr::db::entities::rate_limit_counter::{self, Column, Entity};
use chrono::{DateTime, Duration, DurationRound, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowLimit {
    pub max: i32,
    pub window: Duration,
}

/// Counts one hit in `bucket`'s current window; `Err(minutes)` when that made it more than
/// the limit (minutes until the window ends, at least 1).
pub async fn hit(
    db: &impl ConnectionTrait,
    bucket: &str,
    limit: WindowLimit,
    now: DateTime<Utc>,
) -> Result<Result<(), u32>, DbErr> {
    let start = window_start(limit, now);
    let row = Entity::insert(rate_limit_counter::ActiveModel {
        bucket: Set(bucket.to_string()),
        window_start: Set(start),
        count: Set(1),
    })
    .on_conflict(
        OnConflict::columns([Column::Bucket, Column::WindowStart])
            .value(Column::Count, Expr::col((Entity, Column::Count)).add(1))
            .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    if row.count <= limit.max {
        return Ok(Ok(()));
    }
    Ok(Err(minutes_left(limit, now)))
}

/// The start of the window `now` falls in.
pub fn window_start(limit: WindowLimit, now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(limit.window).unwrap_or(now)
}

/// Whole minutes until the window `now` falls in ends, at least 1.
pub fn minutes_left(limit: WindowLimit, now: DateTime<Utc>) -> u32 {
    let left = Ord::max(
        (window_start(limit, now) + limit.window - now).num_seconds(),
        0,
    );
    Ord::max((left + 59) / 60, 1) as u32
}

/// Drops windows older than a day; run by the background worker.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::WindowStart.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}
