//! What the initiative pages read: one initiative as its reader may see it, and the lists.

use crate::domain::initiative::InitiativeStatus;
use crate::dto::hearings::AttachmentDto;
use crate::dto::initiatives::{InitiativeList, InitiativePage, InitiativeSummary, Viewer};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{initiative, organisation, person};
use crate::ssr::db::initiatives as db;
use crate::ssr::security::auth::{Citizen, Staff};
use crate::ssr::services::initiatives::proposal::similar;
use crate::ssr::services::initiatives::{kind_of, threshold_of};
use crate::ssr::state::AppState;
use sea_orm::EntityTrait;

/// The initiative's page, for whoever asks: the public sees it once it has passed screening;
/// its proposer sees it before, and those who handle the organisation's initiatives once it is
/// sent to screening.
pub async fn page(
    state: &AppState,
    slug: &str,
    id: i32,
    citizen: Option<&Citizen>,
    staff_user: Option<&Staff>,
) -> Result<InitiativePage, AppError> {
    let (i, org) = db::find_with_org(&state.db, slug, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let status = db::status_of(&i);
    let is_proposer = citizen.is_some_and(|c| c.person_id == i.person_id);
    // Those who handle the organisation's initiatives (not every staff role).
    let is_staff = staff_user.is_some_and(|s| {
        s.require(org.id, crate::ssr::services::initiatives::staff::HANDLERS)
            .is_ok()
    });
    let staff_may_see = is_staff && status != InitiativeStatus::Draft;
    if !status.is_public() && !is_proposer && !staff_may_see {
        return Err(AppError::NotFound);
    }
    let counts = counts_of(state, &i).await?;
    let signed = match citizen.and_then(|c| c.pid_hash.as_deref()) {
        Some(h) => crate::ssr::db::signatures::has_signed(&state.db, id, h)
            .await
            .or_internal()?,
        None => false,
    };
    let proposer_name = proposer_name(state, i.person_id).await?;
    // The proposer before sending it; its handlers when screening it and recording the outcome
    // (the council need not treat the same matter twice in an election period).
    let handling = matches!(
        status,
        InitiativeStatus::Screening | InitiativeStatus::Submitted | InitiativeStatus::Referred
    );
    let similar = if (is_proposer && status == InitiativeStatus::Draft) || (is_staff && handling) {
        similar(state, &i).await?
    } else {
        Vec::new()
    };
    let attachments = attachments_of(state, id).await?;
    Ok(InitiativePage {
        id,
        organisation_slug: org.slug.clone(),
        organisation_name: org.name.clone(),
        organisation_kind: kind_of(&org),
        population: org.population,
        population_date: org.population_date,
        threshold: threshold_of(&org),
        proposer_name,
        status,
        title: i.title,
        ask: i.ask,
        justification: i.justification,
        content_lang: i
            .lang
            .as_deref()
            .and_then(crate::domain::lang::Lang::from_code),
        collection_ends: i.collection_ends,
        published_at: i.published_at,
        submitted_at: i.submitted_at,
        decision_due: i.decision_due,
        outcome_text: i.outcome_text,
        outcome_date: i.outcome_date,
        minutes_url: i.minutes_url,
        online: counts.online,
        paper: counts.paper,
        attachments,
        screening_due: (is_proposer || is_staff)
            .then_some(i.screening_due)
            .flatten(),
        rejected_reason: (is_proposer || is_staff)
            .then_some(i.rejected_reason)
            .flatten(),
        similar,
        viewer: Viewer {
            logged_in: citizen.is_some(),
            has_pid: citizen.is_some_and(|c| c.pid_hash.is_some()),
            has_email: citizen.is_some_and(|c| c.email.is_some()),
            signed,
            is_proposer,
            is_staff,
        },
        now: state.clock.now(),
    })
}

/// Summaries with their counts (one query for all counts).
pub async fn summaries(
    state: &AppState,
    rows: Vec<(initiative::Model, organisation::Model)>,
) -> Result<Vec<InitiativeSummary>, AppError> {
    let ids: Vec<i32> = rows.iter().map(|(i, _)| i.id).collect();
    let counts = state
        .signature_counts
        .get_many(&state.db, &ids)
        .await
        .or_internal()?;
    Ok(rows
        .into_iter()
        .map(|(i, o)| {
            let live = counts.get(&i.id).copied().unwrap_or_default().total();
            let signatures = match (i.final_online, i.final_paper) {
                (Some(a), Some(b)) => (a + b) as i64,
                _ => live,
            };
            InitiativeSummary {
                id: i.id,
                organisation_slug: o.slug.clone(),
                organisation_name: o.name.clone(),
                content_lang: i
                    .lang
                    .as_deref()
                    .and_then(crate::domain::lang::Lang::from_code),
                status: db::status_of(&i),
                signatures,
                threshold: threshold_of(&o),
                collection_ends: i.collection_ends,
                submitted_at: i.submitted_at,
                decision_due: i.decision_due,
                outcome: i.outcome_text,
                title: i.title,
            }
        })
        .collect())
}

pub async fn list(
    state: &AppState,
    filter: &db::ListFilter,
    page: u64,
    per_page: u64,
) -> Result<InitiativeList, AppError> {
    let (rows, total) = db::list_public(&state.db, filter, page, per_page)
        .await
        .or_internal()?;
    Ok(InitiativeList {
        items: summaries(state, rows).await?,
        total,
        page,
        pages: total.div_ceil(per_page.max(1)).max(1),
    })
}

/// The signatures counted: kept on the initiative once signer data is gone, else counted.
async fn counts_of(
    state: &AppState,
    i: &initiative::Model,
) -> Result<crate::ssr::signing::counts::Counts, AppError> {
    Ok(match (i.final_online, i.final_paper) {
        (Some(online), Some(paper)) => crate::ssr::signing::counts::Counts {
            online: online as i64,
            paper: paper as i64,
        },
        _ => state
            .signature_counts
            .get(&state.db, i.id)
            .await
            .or_internal()?,
    })
}

/// The proposer's name as ID-porten gave it, if it did.
async fn proposer_name(state: &AppState, person_id: i32) -> Result<Option<String>, AppError> {
    let proposer = person::Entity::find_by_id(person_id)
        .one(&state.db)
        .await
        .or_internal()?;
    Ok(proposer.and_then(|p| {
        let n = [p.given_name, p.family_name]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        (!n.is_empty()).then_some(n)
    }))
}

async fn attachments_of(state: &AppState, id: i32) -> Result<Vec<AttachmentDto>, AppError> {
    Ok(db::attachments(&state.db, id)
        .await
        .or_internal()?
        .into_iter()
        .map(|a| AttachmentDto {
            id: a.id,
            file_name: a.file_name,
            size_bytes: a.size_bytes,
        })
        .collect())
}
