//! Rate limits in the database, so that every server process sees the same counts: one model,
//! fixed windows. A bucket (one account, one client address, one person) has one counter row
//! per window (`window` long, aligned to the epoch), upserted by a single atomic statement.
//! `hit` counts and answers in one step, so that parallel requests cannot pass a check before
//! any of them is counted (signing's hot path counts that way inside its batch statement,
//! `signing::statement`); `give_back` returns a hit that should not count after all (a
//! successful staff login).

use crate::ssr::db::entities::rate_limit_counter::{self, Column, Entity};
use chrono::{DateTime, Duration, DurationRound, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

/// At most `max` hits per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: i32,
    pub window: Duration,
}

/// Counts one hit in `bucket`'s current window; `Err(minutes)` when that made it more than
/// the limit (minutes until the window ends, at least 1).
pub async fn hit(
    db: &impl ConnectionTrait,
    bucket: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Result<(), u32>, DbErr> {
    let row = Entity::insert(rate_limit_counter::ActiveModel {
        bucket: Set(bucket.to_string()),
        window_start: Set(window_start(limit, now)),
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

/// Takes back one hit of `bucket`'s current window (never below zero).
pub async fn give_back(
    db: &impl ConnectionTrait,
    bucket: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Count, Expr::col(Column::Count).sub(1))
        .filter(Column::Bucket.eq(bucket))
        .filter(Column::WindowStart.eq(window_start(limit, now)))
        .filter(Column::Count.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every hit of `bucket` (an account after a successful login).
pub async fn clear(db: &impl ConnectionTrait, bucket: &str) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Bucket.eq(bucket))
        .exec(db)
        .await?;
    Ok(())
}

/// The start of the window `now` falls in.
pub fn window_start(limit: Limit, now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(limit.window).unwrap_or(now)
}

/// Whole minutes until the window `now` falls in ends, at least 1.
pub fn minutes_left(limit: Limit, now: DateTime<Utc>) -> u32 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const QUARTER: Limit = Limit {
        max: 5,
        window: Duration::minutes(15),
    };

    #[test]
    fn windows_align_to_the_clock_and_the_wait_is_to_their_end_in_whole_minutes() {
        let at = |h, m, s| Utc.with_ymd_and_hms(2026, 11, 28, h, m, s).unwrap();
        assert_eq!(window_start(QUARTER, at(12, 7, 30)), at(12, 0, 0));
        assert_eq!(window_start(QUARTER, at(12, 15, 0)), at(12, 15, 0));
        assert_eq!(minutes_left(QUARTER, at(12, 0, 0)), 15);
        assert_eq!(minutes_left(QUARTER, at(12, 7, 30)), 8);
        assert_eq!(minutes_left(QUARTER, at(12, 14, 59)), 1);
    }
}
