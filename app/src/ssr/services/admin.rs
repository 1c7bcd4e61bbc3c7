//! An organisation admin's work: the organisation profile, its bodies and its staff (and, in
//! `invitations`, inviting them). Every function checks that the caller is admin of exactly
//! this organisation.
use crate::domain::organisation::forms::NewBody;
use crate::domain::organisation::profile::Profile;
use crate::domain::role::Role;
use crate::dto::admin::{AdminOverview, InvitationDto, MemberDto, ProfileInput};
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::invitation;
use crate::ssr::db::{audit, organisations, staff};
use crate::ssr::security::auth::Staff;
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

mod branding;
mod invitations;

pub use branding::{set_logo, update_branding};

pub(crate) use invitations::store_invitation;
pub use invitations::{INVITATION_DAYS, invite, manage_invitation};

/// The organisation, if `staff` is its admin.
pub async fn admin_org(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<OrganisationDto, AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    staff.require(org.id, &[Role::Admin])?;
    Ok(org)
}

pub async fn overview(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<AdminOverview, AppError> {
    let organisation = admin_org(state, staff, slug).await?;
    let members = staff::members_of(&state.db, organisation.id)
        .await
        .or_internal()?
        .into_iter()
        .map(|(m, u)| MemberDto {
            user_id: u.id,
            name: u.name,
            email: u.email,
            role: Role::parse(&m.role).unwrap_or(Role::CaseOfficer),
            active: m.active && u.active,
            is_you: u.id == staff.user_id,
        })
        .collect();
    let now = state.clock.now();
    let pending_invitations = invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(organisation.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .all(&state.db)
        .await
        .or_internal()?
        .into_iter()
        .map(|i| InvitationDto {
            id: i.id,
            email: i.email,
            role: Role::parse(&i.role).unwrap_or(Role::CaseOfficer),
            expires_at: i.expires_at,
        })
        .collect();
    Ok(AdminOverview {
        organisation,
        members,
        pending_invitations,
    })
}

pub async fn update_profile(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    input: &ProfileInput,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    let p = Profile::parse(input, state.clock.now().date_naive())?;
    organisations::update_profile(
        &state.db,
        org.id,
        organisations::ProfileChange {
            name: p.name,
            population: p.population,
            population_date: p.population_date,
            written_standard: p.written_standard,
            accessibility_url: p.accessibility_url,
        },
    )
    .await
    .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "organisation_update",
        "profile",
        state.clock.now(),
    )
    .await
    .or_internal()
}

pub async fn add_body(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    name: &str,
    kind: &str,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    let taken: Vec<String> = org.bodies.iter().map(|b| b.name.clone()).collect();
    let body = NewBody::parse(name, kind, &taken)?;
    let now = state.clock.now();
    let id = organisations::add_body(&state.db, org.id, &body.name, body.kind, now)
        .await
        .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "body_add",
        &format!("body {id}"),
        now,
    )
    .await
    .or_internal()
}

pub async fn remove_body(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    body_id: i32,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    if !organisations::remove_body(&state.db, org.id, body_id)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "body_remove",
        &format!("body {body_id}"),
        state.clock.now(),
    )
    .await
    .or_internal()
}

/// Changes another member's role or active flag; admins cannot change their own membership,
/// so an organisation cannot lose its last admin by accident.
pub async fn update_member(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    user_id: i32,
    role: Option<&str>,
    active: Option<&str>,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    let active = match active {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return Err(AppError::field("active", "admin.staff.role_invalid")),
    };
    if user_id == staff.user_id {
        return Err(AppError::Conflict("admin.staff.not_yourself".into()));
    }
    let role = match role {
        Some(r) => {
            Some(Role::parse(r).map_err(|_| AppError::field("role", "admin.staff.role_invalid"))?)
        }
        None => None,
    };
    if !staff::update_membership(&state.db, org.id, user_id, role, active)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    let what = match (role, active) {
        (Some(r), _) => format!("user {user_id} role {}", r.as_str()),
        (None, Some(a)) => format!("user {user_id} active {a}"),
        (None, None) => format!("user {user_id}"),
    };
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "staff_update",
        &what,
        state.clock.now(),
    )
    .await
    .or_internal()
}
