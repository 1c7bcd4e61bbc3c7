//! Hearings move by their dates as well as by staff: a scheduled hearing opens at its opening
//! time and closes after its deadline. Any server process may do it (the background worker
//! does, and pages before they show a hearing); the conditional update lets exactly one record
//! the change. When a hearing opens, its invited consultees are sent their invitation.

use crate::domain::hearing::HearingStatus;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{hearing, organisation};
use crate::ssr::db::hearings as db;
use crate::ssr::mail::{queue, templates};
use crate::ssr::state::AppState;
use sea_orm::EntityTrait;

/// Brings one hearing's stored status up to its dates.
pub async fn sync_one(state: &AppState, h: hearing::Model) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut stored = db::status_of(&h);
    let target = stored.by_dates(h.opens_at, h.deadline, now);
    // Scheduled past its deadline passes through open, so that both moves are on record.
    while stored != target {
        let next = match (stored, target) {
            (HearingStatus::Scheduled, _) => HearingStatus::Open,
            (HearingStatus::Open, HearingStatus::Closed) => HearingStatus::Closed,
            _ => break,
        };
        let moved = db::change_status(&state.db, h.id, stored, next, None, "", vec![], now)
            .await
            .or_internal()?;
        if moved {
            tracing::info!(
                hearing_id = h.id,
                to = next.as_str(),
                "hearing status changed by its dates"
            );
        }
        if next == HearingStatus::Open {
            invite_consultees(state, &h).await?;
        }
        stored = next;
    }
    Ok(())
}

/// Brings every hearing whose dates have overtaken its status up to date; returns how many.
pub async fn sync_all(state: &AppState) -> Result<usize, AppError> {
    let due = db::overtaken_by_dates(&state.db, state.clock.now())
        .await
        .or_internal()?;
    let n = due.len();
    for h in due {
        sync_one(state, h).await?;
    }
    Ok(n)
}

/// Queues an invitation to every consultee of the (open) hearing who has not had one, in the
/// organisation's written standard. Each is claimed first, so each gets exactly one.
pub async fn invite_consultees(state: &AppState, h: &hearing::Model) -> Result<(), AppError> {
    let consultees = db::consultees(&state.db, h.id).await.or_internal()?;
    if consultees.iter().all(|c| c.invited_at.is_some()) {
        return Ok(());
    }
    let Some(org) = organisation::Entity::find_by_id(h.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
    else {
        return Ok(());
    };
    let lang = crate::ssr::services::initiatives::org_lang(&org);
    let now = state.clock.now();
    let link = crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::hearing(&org.slug, h.id),
    );
    for c in consultees.into_iter().filter(|c| c.invited_at.is_none()) {
        let mail = templates::render(
            "hearing_invitation",
            lang,
            &c.email,
            serde_json::json!({
                "consultee": c.name,
                "organisation": org.name,
                "title": h.title,
                "summary": h.summary,
                "deadline": crate::i18n::format::date_time(lang, h.deadline),
                "link": link,
            }),
        )
        .or_internal()?;
        use sea_orm::TransactionTrait;
        let txn = state.db.begin().await.or_internal()?;
        if db::mark_invited(&txn, c.id, now).await.or_internal()? {
            queue::enqueue(&txn, &mail, now).await.or_internal()?;
        }
        txn.commit().await.or_internal()?;
    }
    tracing::info!(hearing_id = h.id, "consultee invitations queued");
    Ok(())
}
