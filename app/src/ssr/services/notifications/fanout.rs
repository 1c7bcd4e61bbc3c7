//! Fan-out: an event reaches its case's followers in batches of `BATCH`. Each batch's mails
//! (followers who hear at once) and digest items (the others) are queued in one transaction
//! with the move of the event's cursor, which succeeds only if the cursor is where this process
//! read it: a follower hears of an event once, whatever crashes or runs beside it. The request
//! that caused the event never waits for any of this.

use crate::domain::follow::{Cadence, CaseKind, Reason};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{case_event, digest_item};
use crate::ssr::db::{case_events, follows};
use crate::ssr::mail::queue;
use crate::ssr::services::follows::unsubscribe::{self, Scope};
use crate::ssr::services::notifications::Cases;
use crate::ssr::services::notifications::render::{Told, event_mail, tell};
use crate::ssr::state::AppState;
use sea_orm::{EntityTrait, Set, TransactionTrait};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Followers per batch (and per transaction).
pub const BATCH: u64 = 1000;

/// Fans out events for up to `budget`; returns how many followers were reached. An event not
/// finished in time stays claimed by this process and goes on at the next call.
pub async fn run_once(state: &AppState, budget: Duration) -> Result<usize, AppError> {
    let started = Instant::now();
    let instance = state.settings.instance_id.as_str();
    let mut cases = Cases::default();
    let mut reached = 0;
    while started.elapsed() < budget {
        let now = state.clock.now();
        let Some(e) = case_events::claim_next(&state.db, instance, now)
            .await
            .or_internal()?
        else {
            break;
        };
        let Some(kind) = CaseKind::parse(&e.case_kind) else {
            finish(state, &e, instance).await?;
            continue;
        };
        // A case gone private since (a hearing withdrawn to draft) tells nobody.
        let Some(case) = cases.get(state, e.organisation_id, kind, e.case_id).await? else {
            finish(state, &e, instance).await?;
            continue;
        };
        let mut told: HashMap<Lang, Option<Told>> = HashMap::new();
        let mut cursor = e.fanout_cursor;
        while started.elapsed() < budget {
            let b = follows::batch(&state.db, kind, e.case_id, cursor, e.at, BATCH)
                .await
                .or_internal()?;
            let done = b.read < BATCH as usize;
            let last = b.last.unwrap_or(cursor);
            let mut mails = Vec::new();
            let mut items = Vec::new();
            for r in b.recipients {
                let f = &r.follow;
                if Cadence::parse(&f.cadence).unwrap_or_default() != Cadence::Immediate {
                    items.push(digest_item::ActiveModel {
                        follow_id: Set(f.id),
                        event_id: Set(e.id),
                        created_at: Set(now),
                        ..Default::default()
                    });
                    continue;
                }
                let lang = Lang::from_code(&f.lang).unwrap_or_default();
                let Some(t) = told
                    .entry(lang)
                    .or_insert_with(|| tell(&e, &case.info, lang))
                else {
                    continue;
                };
                let reason = Reason::parse(&f.reason).unwrap_or(Reason::Follow);
                let link = unsubscribe::link(state, Scope::One, f.id);
                mails.push(
                    event_mail(t, &case.info, &r.address, lang, reason, &link).or_internal()?,
                );
            }
            let txn = state.db.begin().await.or_internal()?;
            queue::enqueue_many(&txn, &mails, now).await.or_internal()?;
            for chunk in items.chunks(1000) {
                digest_item::Entity::insert_many(chunk.to_vec())
                    .exec(&txn)
                    .await
                    .or_internal()?;
            }
            if !case_events::advance(&txn, e.id, instance, cursor, last, done, now)
                .await
                .or_internal()?
            {
                // Another process took the event over (this one was thought dead): its work.
                let _ = txn.rollback().await;
                tracing::warn!(event_id = e.id, "fan-out taken over by another process");
                break;
            }
            txn.commit().await.or_internal()?;
            reached += mails.len() + items.len();
            cursor = last;
            if done {
                tracing::info!(event_id = e.id, kind = e.kind.as_str(), "event fanned out");
                break;
            }
        }
    }
    Ok(reached)
}

/// Marks the event done without telling anyone.
async fn finish(state: &AppState, e: &case_event::Model, instance: &str) -> Result<(), AppError> {
    case_events::advance(
        &state.db,
        e.id,
        instance,
        e.fanout_cursor,
        e.fanout_cursor,
        true,
        state.clock.now(),
    )
    .await
    .or_internal()?;
    Ok(())
}
