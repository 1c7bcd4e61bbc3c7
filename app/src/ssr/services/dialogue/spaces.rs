//! Staff set up a space — a debate on a hearing of theirs or on a topic — and name the elected
//! officials who host it.

use super::{EDITORS, staff_org};
use crate::domain::dialogue::space::SpaceForm;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue as db;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Creates the space; its id.
pub async fn create(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    form: &SpaceForm,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let facts = form.parse()?;
    // Debates only, until "Spør politikerne" and town halls are built.
    if facts.kind != crate::domain::dialogue::SpaceKind::Debate {
        return Err(AppError::field("kind", "dialogue.space.kind_invalid"));
    }
    if let Some(h) = facts.hearing_id
        && crate::ssr::db::hearings::find(&state.db, org.id, h)
            .await
            .or_internal()?
            .is_none()
    {
        return Err(AppError::field("hearing", "dialogue.space.hearing_invalid"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let s = db::insert_space(&txn, org.id, &facts, staff.user_id, now)
        .await
        .or_internal()?;
    let detail = format!("space {} {}", s.id, s.kind);
    record_transition(
        txn,
        [],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "dialogue_space_create",
            detail: &detail,
        },
        now,
    )
    .await?;
    tracing::info!(space_id = s.id, "dialogue space created");
    Ok(s.id)
}

/// The organisation's elected officials (active members with that role): id and name.
pub async fn officials_of(
    state: &AppState,
    organisation_id: i32,
) -> Result<Vec<(i32, String)>, AppError> {
    Ok(
        crate::ssr::db::staff::members_of(&state.db, organisation_id)
            .await
            .or_internal()?
            .into_iter()
            .filter(|(m, u)| {
                m.active
                    && u.active
                    && m.role == crate::domain::role::Role::ElectedOfficial.as_str()
            })
            .map(|(_, u)| (u.id, u.name))
            .collect(),
    )
}

/// Makes one of the organisation's elected officials a host of the space (`add`), or no longer.
pub async fn set_host(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    (space_id, official): (i32, &str),
    add: bool,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let space = super::space_of(state, &org, space_id).await?;
    let official = official
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::field("official", "dialogue.seat.official_missing"))?;
    if add
        && !officials_of(state, org.id)
            .await?
            .iter()
            .any(|(id, _)| *id == official)
    {
        return Err(AppError::field(
            "official",
            "dialogue.seat.official_missing",
        ));
    }
    let txn = state.db.begin().await.or_internal()?;
    if add {
        db::add_host(&txn, space.id, official).await.or_internal()?;
    } else if !db::remove_host(&txn, space.id, official)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    let detail = format!(
        "space {} host {official} {}",
        space.id,
        if add { "added" } else { "removed" }
    );
    record_transition(
        txn,
        [],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "dialogue_host",
            detail: &detail,
        },
        state.clock.now(),
    )
    .await
}
