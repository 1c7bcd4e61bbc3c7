//! Digests: a follower who chose daily hears at 06:00 (Oslo time) of the events since the last
//! digest, one who chose weekly on Monday at 06:00; one mail per recipient and cadence, in the
//! language of their first follow. A recipient's items are deleted in the transaction that
//! queues their mail, and only if every one of them is still there: two processes never send
//! the same digest.

use crate::domain::follow::{Cadence, CaseKind};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{case_event, digest_item, follow};
use crate::ssr::db::follows;
use crate::ssr::mail::queue;
use crate::ssr::services::follows::unsubscribe::{self, Scope};
use crate::ssr::services::notifications::Cases;
use crate::ssr::services::notifications::render::{digest_mail, tell};
use crate::ssr::state::AppState;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};
use std::collections::BTreeMap;

/// The hour (Oslo time) digests go out.
const HOUR: u32 = 6;

/// The latest moment digests of `cadence` were due at or before `now`: today's (or
/// yesterday's) 06:00 for daily, the last Monday's for weekly.
pub fn last_cut(cadence: Cadence, now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&Oslo);
    let mut day = local.date_naive();
    let at = |d: chrono::NaiveDate| {
        Oslo.from_local_datetime(
            &d.and_time(NaiveTime::from_hms_opt(HOUR, 0, 0).unwrap_or_default()),
        )
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
    };
    if at(day) > now {
        day -= Duration::days(1);
    }
    if cadence == Cadence::Weekly {
        day -= Duration::days(day.weekday().num_days_from_monday().into());
    }
    at(day)
}

/// Sends the digests that are due; how many mails were queued.
pub async fn run_due(state: &AppState) -> Result<usize, AppError> {
    let mut sent = 0;
    for cadence in [Cadence::Daily, Cadence::Weekly] {
        sent += run_cadence(state, cadence).await?;
    }
    Ok(sent)
}

async fn run_cadence(state: &AppState, cadence: Cadence) -> Result<usize, AppError> {
    let now = state.clock.now();
    let cut = last_cut(cadence, now);
    // A follower who switched to "at once" meanwhile gets what waited with the daily ones.
    let cadences: Vec<&str> = match cadence {
        Cadence::Weekly => vec![Cadence::Weekly.as_str()],
        _ => vec![Cadence::Daily.as_str(), Cadence::Immediate.as_str()],
    };
    let items = digest_item::Entity::find()
        .filter(digest_item::Column::CreatedAt.lt(cut))
        .filter(
            digest_item::Column::FollowId.in_subquery(
                Query::select()
                    .column(follow::Column::Id)
                    .from(follow::Entity)
                    .and_where(follow::Column::Cadence.is_in(cadences))
                    .to_owned(),
            ),
        )
        .order_by_asc(digest_item::Column::Id)
        .limit(5000)
        .all(&state.db)
        .await
        .or_internal()?;
    if items.is_empty() {
        return Ok(0);
    }
    let follow_ids: Vec<i64> = items.iter().map(|i| i.follow_id).collect();
    let event_ids: Vec<i64> = items.iter().map(|i| i.event_id).collect();
    let rows = follow::Entity::find()
        .filter(follow::Column::Id.is_in(follow_ids))
        .all(&state.db)
        .await
        .or_internal()?;
    let recipients = follows::with_addresses(&state.db, rows)
        .await
        .or_internal()?;
    let events: BTreeMap<i64, case_event::Model> = case_event::Entity::find()
        .filter(case_event::Column::Id.is_in(event_ids))
        .all(&state.db)
        .await
        .or_internal()?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    // Recipient address → (first follow, its items).
    let mut groups: BTreeMap<String, (follow::Model, Vec<digest_item::Model>)> = BTreeMap::new();
    let address_of: BTreeMap<i64, (String, follow::Model)> = recipients
        .into_iter()
        .map(|r| (r.follow.id, (r.address, r.follow)))
        .collect();
    let mut orphans = Vec::new();
    for item in items {
        match address_of.get(&item.follow_id) {
            Some((address, f)) => groups
                .entry(address.clone())
                .or_insert_with(|| (f.clone(), Vec::new()))
                .1
                .push(item),
            None => orphans.push(item.id),
        }
    }
    // Items of a follower who has no address any more go unsent.
    digest_item::Entity::delete_many()
        .filter(digest_item::Column::Id.is_in(orphans))
        .exec(&state.db)
        .await
        .or_internal()?;
    let mut cases = Cases::default();
    let mut sent = 0;
    for (address, (first, items)) in groups {
        let lang = Lang::from_code(&first.lang).unwrap_or_default();
        let mut told = Vec::new();
        for item in &items {
            let Some(e) = events.get(&item.event_id) else {
                continue;
            };
            let Some(kind) = CaseKind::parse(&e.case_kind) else {
                continue;
            };
            if let Some(c) = cases.get(state, e.organisation_id, kind, e.case_id).await?
                && let Some(t) = tell(e, &c.info, lang)
            {
                told.push(t);
            }
        }
        let manage = first
            .person_id
            .map(|_| crate::paths::absolute(&state.settings.base_url, crate::paths::MY_PAGE));
        let link = unsubscribe::link(state, Scope::All, first.id);
        let mail = (!told.is_empty())
            .then(|| {
                digest_mail(
                    &told,
                    &address,
                    lang,
                    cadence == Cadence::Weekly,
                    &link,
                    manage.as_deref(),
                )
            })
            .transpose()
            .or_internal()?;
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        let txn = state.db.begin().await.or_internal()?;
        let gone = digest_item::Entity::delete_many()
            .filter(digest_item::Column::Id.is_in(ids.clone()))
            .exec(&txn)
            .await
            .or_internal()?
            .rows_affected;
        if gone != ids.len() as u64 {
            let _ = txn.rollback().await;
            continue; // another process sent it
        }
        if let Some(m) = &mail {
            queue::enqueue(&txn, m, now).await.or_internal()?;
            sent += 1;
        }
        txn.commit().await.or_internal()?;
    }
    if sent > 0 {
        tracing::info!(cadence = cadence.as_str(), mails = sent, "digests queued");
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_daily_digest_is_due_at_six_in_the_morning_oslo_time() {
        // 29 November 2026 is a Sunday; Oslo is UTC+1 in winter.
        assert_eq!(
            last_cut(Cadence::Daily, utc("2026-11-29T05:30:00Z")),
            utc("2026-11-29T05:00:00Z")
        );
        assert_eq!(
            last_cut(Cadence::Daily, utc("2026-11-29T04:59:00Z")),
            utc("2026-11-28T05:00:00Z")
        );
        // Summer time: UTC+2.
        assert_eq!(
            last_cut(Cadence::Daily, utc("2026-06-10T12:00:00Z")),
            utc("2026-06-10T04:00:00Z")
        );
    }

    #[test]
    fn a_weekly_digest_is_due_on_monday_at_six() {
        assert_eq!(
            last_cut(Cadence::Weekly, utc("2026-11-29T12:00:00Z")),
            utc("2026-11-23T05:00:00Z")
        );
        assert_eq!(
            last_cut(Cadence::Weekly, utc("2026-11-30T05:00:00Z")),
            utc("2026-11-30T05:00:00Z")
        );
        assert_eq!(
            last_cut(Cadence::Weekly, utc("2026-11-30T04:00:00Z")),
            utc("2026-11-23T05:00:00Z")
        );
    }
}
