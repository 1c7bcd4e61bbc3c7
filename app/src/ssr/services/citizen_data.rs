//! What Innspill holds linked to a logged-in citizen, as "Min side" shows it: their hearing
//! submissions with what became of them, and their signatures (online, and on paper where the
//! staff typed their national id, found by its keyed hash).

use crate::domain::initiative::InitiativeStatus;
use crate::domain::submission::{Publication, WithholdReason};
use crate::dto::citizen::{MySignature, MySubmission, TakenPart};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{hearing, initiative, organisation, signature, submission};
use crate::ssr::security::auth::Citizen;
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn participation(state: &AppState, citizen: &Citizen) -> Result<TakenPart, AppError> {
    let db = &state.db;
    let subs = submission::Entity::find()
        .filter(submission::Column::PersonId.eq(citizen.person_id))
        .order_by_desc(submission::Column::ReceivedAt)
        .all(db)
        .await
        .or_internal()?;
    let sigs = match &citizen.pid_hash {
        Some(h) => signature::Entity::find()
            .filter(signature::Column::PidHash.eq(h.as_str()))
            .order_by_desc(signature::Column::SignedAt)
            .all(db)
            .await
            .or_internal()?,
        None => Vec::new(),
    };
    let hearings: HashMap<i32, hearing::Model> = hearing::Entity::find()
        .filter(hearing::Column::Id.is_in(subs.iter().map(|s| s.hearing_id)))
        .all(db)
        .await
        .or_internal()?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let initiatives: HashMap<i32, initiative::Model> = initiative::Entity::find()
        .filter(initiative::Column::Id.is_in(sigs.iter().map(|s| s.initiative_id)))
        .all(db)
        .await
        .or_internal()?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let slugs: HashMap<i32, String> = organisation::Entity::find()
        .all(db)
        .await
        .or_internal()?
        .into_iter()
        .map(|o| (o.id, o.slug))
        .collect();
    let slug = |id: i32| slugs.get(&id).cloned().unwrap_or_default();
    let submissions = subs
        .into_iter()
        .filter_map(|s| {
            let h = hearings.get(&s.hearing_id)?;
            Some(MySubmission {
                organisation_slug: slug(h.organisation_id),
                hearing_id: h.id,
                hearing_title: h.title.clone(),
                received_at: s.received_at,
                confirmed: s.confirmed_at.is_some(),
                publication: Publication::parse(&s.publication).unwrap_or(Publication::Pending),
                withhold_reason: s.withhold_reason.as_deref().and_then(WithholdReason::parse),
                reference: s.reference,
            })
        })
        .collect();
    let signatures = sigs
        .into_iter()
        .filter_map(|s| {
            let i = initiatives.get(&s.initiative_id)?;
            let status = crate::ssr::db::initiatives::status_of(i);
            let paper = s.source == "paper";
            Some(MySignature {
                organisation_slug: slug(i.organisation_id),
                initiative_id: i.id,
                initiative_title: i.title.clone(),
                status,
                signed_at: s.signed_at,
                paper,
                can_withdraw: !paper && status == InitiativeStatus::Collecting,
            })
        })
        .collect();
    Ok(TakenPart {
        submissions,
        signatures,
    })
}
