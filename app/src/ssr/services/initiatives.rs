//! An initiative (innbyggerforslag), one file per action. As its proposer runs it: writing the
//! proposal (a resident with a national id and a confirmed email address) and seeing earlier
//! proposals alike it (`proposal`), sending it for screening, submitting it (fremme) when
//! enough residents have signed; what its pages read (`views`); and as the organisation's
//! staff handle it (`staff`). Signing is a room of its own (`ssr::signing`).

pub mod proposal;
pub mod screening;
pub mod staff;
pub mod submit;
pub mod views;

use crate::domain::initiative::threshold;
use crate::domain::lang::Lang;
use crate::domain::organisation::{OrgKind, WrittenStandard};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{initiative, organisation};
use crate::ssr::db::initiatives as db;
use crate::ssr::db::staff as staff_db;
use crate::ssr::security::auth::Citizen;
use crate::ssr::state::AppState;

/// Moves the initiative as `change` says, inside `txn`; a conflict if it moved meanwhile (two
/// staff members, or a staff member and the proposer, at once).
pub async fn move_status(
    txn: &impl sea_orm::ConnectionTrait,
    id: i32,
    change: db::StatusChange<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    if db::change_status(txn, id, change, now)
        .await
        .or_internal()?
    {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "initiative.status.changed_meanwhile".into(),
        ))
    }
}

pub fn kind_of(o: &organisation::Model) -> OrgKind {
    OrgKind::parse(&o.kind).unwrap_or(OrgKind::Municipality)
}

/// The organisation's written standard, as the language its pages, mails and exports default to.
pub fn org_lang(o: &organisation::Model) -> Lang {
    WrittenStandard::parse(&o.written_standard)
        .unwrap_or(WrittenStandard::Nb)
        .lang()
}

pub fn threshold_of(o: &organisation::Model) -> i64 {
    threshold(kind_of(o), o.population)
}

/// A resident of the organisation, logged in with a national id: who may propose.
pub async fn require_resident(
    state: &AppState,
    citizen: &Citizen,
    org: &organisation::Model,
) -> Result<(), AppError> {
    use crate::ssr::services::residency_check::{NotResident, resident};
    let key = match resident(state, citizen, org).await {
        Ok(_) => return Ok(()),
        Err(NotResident::NoNationalId) => "initiative.sign.no_pid",
        Err(NotResident::NotConfigured) => "initiative.propose.disabled",
        Err(NotResident::Unavailable) => "initiative.sign.register_unavailable",
        Err(NotResident::Emigrated) => "initiative.propose.emigrated",
        Err(NotResident::LivesElsewhere) => "initiative.propose.not_resident",
        Err(NotResident::NotRegistered) => "initiative.propose.not_registered",
    };
    Err(AppError::Conflict(key.into()))
}

trait FilterSlug {
    fn filter_slug(self, slug: &str) -> Self;
}

impl FilterSlug for sea_orm::Select<organisation::Entity> {
    fn filter_slug(self, slug: &str) -> Self {
        use sea_orm::{ColumnTrait, QueryFilter};
        self.filter(organisation::Column::Slug.eq(slug))
    }
}

/// The initiative of its proposer, in this organisation.
async fn own(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
) -> Result<(initiative::Model, organisation::Model), AppError> {
    db::find_with_org(&state.db, slug, id)
        .await
        .or_internal()?
        .filter(|(i, _)| i.person_id == citizen.person_id)
        .ok_or(AppError::NotFound)
}

/// The organisation's admins and case officers, who hear of new and submitted initiatives.
async fn staff_addresses(state: &AppState, org_id: i32) -> Result<Vec<String>, AppError> {
    Ok(staff_db::members_of(&state.db, org_id)
        .await
        .or_internal()?
        .into_iter()
        .filter(|(m, u)| {
            m.active
                && u.active
                && matches!(Role::parse(&m.role), Ok(Role::Admin | Role::CaseOfficer))
        })
        .map(|(_, u)| u.email)
        .collect())
}
