//! A citizen's own follows on Min side: what they hear of and why, how often, and leaving.

use crate::domain::follow::{Cadence, CaseKind, Reason};
use crate::dto::follows::MyFollow;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::follows;
use crate::ssr::security::auth::Citizen;
use crate::ssr::state::AppState;

/// The cases the citizen hears of (public ones; a case gone private is left out).
pub async fn my_follows(state: &AppState, citizen: &Citizen) -> Result<Vec<MyFollow>, AppError> {
    let mut out = Vec::new();
    for f in follows::of_person_all(&state.db, citizen.person_id)
        .await
        .or_internal()?
    {
        let Some(kind) = CaseKind::parse(&f.case_kind) else {
            continue;
        };
        let Some(c) = super::case_by_ids(state, f.organisation_id, kind, f.case_id).await? else {
            continue;
        };
        out.push(MyFollow {
            id: f.id,
            kind,
            title: c.info.title,
            path: c.path,
            cadence: Cadence::parse(&f.cadence).unwrap_or_default(),
            reason: Reason::parse(&f.reason).unwrap_or(Reason::Follow),
        });
    }
    Ok(out)
}

/// The citizen's own follow `id`; `NotFound` for anyone else's.
async fn own(
    state: &AppState,
    citizen: &Citizen,
    id: i64,
) -> Result<crate::ssr::db::entities::follow::Model, AppError> {
    follows::by_id(&state.db, id)
        .await
        .or_internal()?
        .filter(|f| f.person_id == Some(citizen.person_id))
        .ok_or(AppError::NotFound)
}

/// Sets how often the citizen hears of the case.
pub async fn set_cadence(
    state: &AppState,
    citizen: &Citizen,
    id: i64,
    cadence: Cadence,
) -> Result<(), AppError> {
    let f = own(state, citizen, id).await?;
    follows::set_cadence(&state.db, f.id, cadence)
        .await
        .or_internal()
}

/// Stops hearing of the case (an own item too: a signer may stop hearing of it).
pub async fn unfollow(state: &AppState, citizen: &Citizen, id: i64) -> Result<(), AppError> {
    let f = own(state, citizen, id).await?;
    follows::delete(&state.db, &[f.id]).await.or_internal()?;
    tracing::info!(follow_id = id, "case unfollowed");
    Ok(())
}

/// Unfollows the case the citizen follows, by the case (the follow page's button).
pub async fn unfollow_case(
    state: &AppState,
    citizen: &Citizen,
    kind: CaseKind,
    id: i32,
) -> Result<(), AppError> {
    if let Some(f) = follows::of_person(&state.db, kind, id, citizen.person_id)
        .await
        .or_internal()?
    {
        follows::delete(&state.db, &[f.id]).await.or_internal()?;
    }
    Ok(())
}
