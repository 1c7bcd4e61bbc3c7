//! Followers for `make run`'s demo, and one mail of each notification kind (and a daily
//! digest) queued to the demo follower, so that `./data/mail` shows what followers get. Only the
//! server's own demo seeding calls this: the tests' apps have no followers but their own.

use crate::domain::follow::{Cadence, CaseKind, EventKind, Reason};
use crate::domain::lang::Lang;
use crate::ssr::db::entities::{case_event, hearing, initiative};
use crate::ssr::db::follows::{self, Case};
use crate::ssr::mail::queue;
use crate::ssr::services::follows::case_by_ids;
use crate::ssr::services::follows::unsubscribe::{self, Scope};
use crate::ssr::services::notifications::render::{digest_mail, event_mail, tell};
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The demo follower's address.
pub const DEMO_FOLLOWER: &str = "folger@eksempel.no";

/// A follow of each demo case in the notifications' examples, and the example mails.
pub async fn seed(state: &AppState) -> Result<(), String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let h = hearing::Entity::find()
        .filter(hearing::Column::Title.eq("Reguleringsplan for Storgata 10–14"))
        .one(&state.db)
        .await
        .map_err(err)?
        .ok_or("demo hearing missing")?;
    let i = initiative::Entity::find()
        .filter(initiative::Column::Title.eq("Gratis parkering i sentrum på lørdager"))
        .one(&state.db)
        .await
        .map_err(err)?
        .ok_or("demo initiative missing")?;
    let now = state.clock.now();
    let mut mails = Vec::new();
    let mut digest = Vec::new();
    for (kind, org, id, cadence) in [
        (
            CaseKind::Hearing,
            h.organisation_id,
            h.id,
            Cadence::Immediate,
        ),
        (
            CaseKind::Initiative,
            i.organisation_id,
            i.id,
            Cadence::Daily,
        ),
    ] {
        let case = Case {
            organisation_id: org,
            kind,
            id,
        };
        let f = follows::follow_address(
            &state.db,
            case,
            DEMO_FOLLOWER,
            Lang::Nb,
            cadence,
            Reason::Follow,
            None,
            now,
        )
        .await
        .map_err(err)?;
        let c = case_by_ids(state, org, kind, id)
            .await
            .map_err(|e| format!("{e:?}"))?
            .ok_or("demo case not public")?;
        let link = unsubscribe::link(state, Scope::One, f.id);
        for event in EventKind::ALL.into_iter().filter(|e| e.case_kind() == kind) {
            let e = example(event, org, id, now);
            let Some(told) = tell(&e, &c.info, Lang::Nb) else {
                continue;
            };
            mails.push(
                event_mail(
                    &told,
                    &c.info,
                    DEMO_FOLLOWER,
                    Lang::Nb,
                    Reason::Follow,
                    &link,
                )
                .map_err(|e| e.to_string())?,
            );
            digest.push(told);
        }
        if kind == CaseKind::Initiative {
            let all = unsubscribe::link(state, Scope::All, f.id);
            let manage = None;
            mails.push(
                digest_mail(&digest[..2], DEMO_FOLLOWER, Lang::Nb, false, &all, manage)
                    .map_err(|e| e.to_string())?,
            );
        }
    }
    queue::enqueue_many(&state.db, &mails, now)
        .await
        .map_err(err)?;
    Ok(())
}

/// An example event of `kind`, with plausible public facts (never stored).
fn example(
    kind: EventKind,
    org: i32,
    id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> case_event::Model {
    let later = now + chrono::Duration::days(21);
    let detail = match kind {
        EventKind::HearingOpened | EventKind::HearingExtended => {
            serde_json::json!({ "deadline": later })
        }
        EventKind::HearingConcluded => serde_json::json!({
            "outcome": "Kommunestyret vedtok planen med lavere byggehøyder mot Storgata.",
            "url": "https://eksempel.kommune.no/moter/vedtak",
        }),
        EventKind::InitiativePublished => {
            serde_json::json!({ "collection_ends": later.date_naive() })
        }
        EventKind::InitiativeThreshold => serde_json::json!({ "threshold": 300 }),
        EventKind::InitiativeSubmitted => serde_json::json!({ "due": later.date_naive() }),
        EventKind::InitiativeDecided => serde_json::json!({
            "outcome": "Kommunestyret vedtok gratis parkering på lørdager fra 1. mars.",
            "url": "https://eksempel.kommune.no/moter/protokoll",
            "date": now.date_naive(), "status": "decided",
        }),
        _ => serde_json::json!({}),
    };
    case_event::Model {
        id: 0,
        organisation_id: org,
        case_kind: kind.case_kind().as_str().into(),
        case_id: id,
        kind: kind.as_str().into(),
        detail: detail.to_string(),
        once_key: None,
        at: now,
        fanout_cursor: 0,
        claimed_by: None,
        claimed_at: None,
        fanned_out_at: Some(now),
    }
}
