//! The public events of cases: recorded in the transaction of the move that caused them, read by
//! the fan-out (claimed by one process at a time, advanced batch by batch) and by the feeds.

use crate::domain::follow::{CaseKind, EventKind};
use crate::ssr::db::entities::case_event::{self, Column};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// A claim older than this is taken to be a crashed process's, and may be taken over.
const STALE_CLAIM_MINUTES: i64 = 5;

/// Records `kind` for case `case_id` of organisation `org`, with its public facts. With a
/// `once_key`, a second event under the same key is not recorded (`Ok(false)`).
pub async fn record(
    db: &impl ConnectionTrait,
    org: i32,
    kind: EventKind,
    case_id: i32,
    detail: serde_json::Value,
    once_key: Option<String>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    if let Some(key) = &once_key
        && case_event::Entity::find()
            .filter(Column::OnceKey.eq(key.as_str()))
            .one(db)
            .await?
            .is_some()
    {
        return Ok(false);
    }
    let once = once_key.is_some();
    let row = case_event::ActiveModel {
        organisation_id: Set(org),
        case_kind: Set(kind.case_kind().as_str().into()),
        case_id: Set(case_id),
        kind: Set(kind.as_str().into()),
        detail: Set(detail.to_string()),
        once_key: Set(once_key),
        at: Set(now),
        fanout_cursor: Set(0),
        claimed_by: Set(None),
        claimed_at: Set(None),
        fanned_out_at: Set(None),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(_) => Ok(true),
        // Another process recorded it first.
        Err(e) if once && crate::ssr::db::is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The events of one case, newest first (for its feed).
pub async fn of_case(
    db: &impl ConnectionTrait,
    kind: CaseKind,
    case_id: i32,
    limit: u64,
) -> Result<Vec<case_event::Model>, DbErr> {
    case_event::Entity::find()
        .filter(Column::CaseKind.eq(kind.as_str()))
        .filter(Column::CaseId.eq(case_id))
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The newest events of one kind of case, in one organisation or all.
pub async fn recent(
    db: &impl ConnectionTrait,
    kind: CaseKind,
    organisation: Option<i32>,
    limit: u64,
) -> Result<Vec<case_event::Model>, DbErr> {
    let mut q = case_event::Entity::find().filter(Column::CaseKind.eq(kind.as_str()));
    if let Some(o) = organisation {
        q = q.filter(Column::OrganisationId.eq(o));
    }
    q.order_by_desc(Column::Id).limit(limit).all(db).await
}

/// Claims the oldest event not yet fanned out that no live process holds; `None` if there is
/// none. The claim is a conditional update, so two processes never hold one event.
pub async fn claim_next(
    db: &impl ConnectionTrait,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<Option<case_event::Model>, DbErr> {
    let free = Condition::any()
        .add(Column::ClaimedAt.is_null())
        .add(Column::ClaimedAt.lt(now - Duration::minutes(STALE_CLAIM_MINUTES)))
        .add(Column::ClaimedBy.eq(instance));
    let candidates = case_event::Entity::find()
        .filter(Column::FannedOutAt.is_null())
        .filter(free.clone())
        .order_by_asc(Column::Id)
        .limit(5)
        .all(db)
        .await?;
    for e in candidates {
        let res = case_event::Entity::update_many()
            .col_expr(Column::ClaimedBy, Expr::value(instance))
            .col_expr(Column::ClaimedAt, Expr::value(now))
            .filter(Column::Id.eq(e.id))
            .filter(Column::FannedOutAt.is_null())
            .filter(free.clone())
            .exec(db)
            .await?;
        if res.rows_affected == 1 {
            return Ok(Some(
                case_event::Entity::find_by_id(e.id)
                    .one(db)
                    .await?
                    .unwrap_or(e),
            ));
        }
    }
    Ok(None)
}

/// Moves the event's cursor from `from` to `to` (and marks it done when `done`), only if it is
/// still at `from` and held by `instance`: a batch is counted once, by the process that sent it.
pub async fn advance(
    db: &impl ConnectionTrait,
    id: i64,
    instance: &str,
    from: i64,
    to: i64,
    done: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut upd = case_event::Entity::update_many()
        .col_expr(Column::FanoutCursor, Expr::value(to))
        .col_expr(Column::ClaimedAt, Expr::value(now));
    if done {
        upd = upd.col_expr(Column::FannedOutAt, Expr::value(now));
    }
    Ok(upd
        .filter(Column::Id.eq(id))
        .filter(Column::FanoutCursor.eq(from))
        .filter(Column::ClaimedBy.eq(instance))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}
