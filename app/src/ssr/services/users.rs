//! Creating staff accounts: from the command line (bootstrap) and by accepting an invitation.

use crate::domain::email::Email;
use crate::domain::organisation::forms::Acceptance;
use crate::domain::password::check_new_password;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::{audit, entities::organisation, staff};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("no organisation with slug {0:?}")]
    UnknownOrganisation(String),
    #[error("invalid email address")]
    InvalidEmail,
    #[error("the password must be at least 12 characters (and at most 256)")]
    WeakPassword,
    #[error("{0}")]
    Other(String),
}

/// The id of the staff account with this address, created (with the password, which must be
/// by the policy) when there is none; an existing account keeps its password.
async fn account(
    state: &AppState,
    email: &Email,
    name: &str,
    password: &str,
) -> Result<i32, CreateUserError> {
    let other = |e: sea_orm::DbErr| CreateUserError::Other(e.to_string());
    if let Some(u) = staff::find_user_by_email(&state.db, email.as_str())
        .await
        .map_err(other)?
    {
        return Ok(u.id);
    }
    check_new_password(password).map_err(|_| CreateUserError::WeakPassword)?;
    let hash = state
        .hashing
        .hash(password.to_string())
        .await
        .map_err(CreateUserError::Other)?;
    staff::insert_user(
        &state.db,
        email.as_str(),
        name,
        hash.as_str(),
        state.clock.now(),
    )
    .await
    .map_err(other)
}

/// Creates (or, for an existing address, adds a role to) a staff user. Used by
/// `innspill user create` and the demo seed.
pub async fn create_user(
    state: &AppState,
    org_slug: &str,
    role: Role,
    email: &str,
    name: &str,
    password: &str,
) -> Result<i32, CreateUserError> {
    let email = Email::parse(email).map_err(|_| CreateUserError::InvalidEmail)?;
    check_new_password(password).map_err(|_| CreateUserError::WeakPassword)?;
    let other = |e: sea_orm::DbErr| CreateUserError::Other(e.to_string());
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(org_slug))
        .one(&state.db)
        .await
        .map_err(other)?
        .ok_or_else(|| CreateUserError::UnknownOrganisation(org_slug.to_string()))?;
    let now = state.clock.now();
    let user_id = account(state, &email, name, password).await?;
    staff::upsert_membership(&state.db, org.id, user_id, role, now)
        .await
        .map_err(other)?;
    audit::record(
        &state.db,
        Some(org.id),
        None,
        "user_create",
        &format!("user {user_id} as {}", role.as_str()),
        now,
    )
    .await
    .map_err(other)?;
    Ok(user_id)
}

/// Accepts an invitation: creates the account (or adds the membership to an existing one with
/// the same address) and marks the invitation used.
pub async fn accept_invitation(
    state: &AppState,
    token: &str,
    name: &str,
    password: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let token_hash = crate::ssr::security::tokens::token_hash(token);
    let inv = staff::find_invitation(&state.db, &token_hash)
        .await
        .or_internal()?
        .filter(|i| i.accepted_at.is_none() && i.expires_at > now)
        .ok_or(AppError::NotFound)?;
    let existing = staff::find_user_by_email(&state.db, &inv.email)
        .await
        .or_internal()?;
    let Acceptance { name } = Acceptance::parse(name, password, existing.is_none())?;
    let name = name.as_str();
    let role = Role::parse(&inv.role).or_internal()?;
    let hash = match existing {
        Some(_) => None,
        None => Some(
            state
                .hashing
                .hash(password.to_string())
                .await
                .or_internal()?,
        ),
    };
    let txn = state.db.begin().await.or_internal()?;
    if !staff::accept_invitation(&txn, inv.id, now)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    let user_id = match (existing, hash) {
        (Some(u), _) => u.id,
        (None, Some(h)) => staff::insert_user(&txn, &inv.email, name, h.as_str(), now)
            .await
            .or_internal()?,
        (None, None) => return Err(crate::ssr::internal("no hash for new user")),
    };
    staff::upsert_membership(&txn, inv.organisation_id, user_id, role, now)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(inv.organisation_id),
            actor: Some(user_id),
            action: "invitation_accept",
            detail: &format!("invitation {}", inv.id),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Creates the platform administrator (`innspill admin create`), or makes an existing staff
/// account (which keeps its password) the platform administrator. Its id.
pub async fn create_platform_admin(
    state: &AppState,
    email: &str,
    name: &str,
    password: &str,
) -> Result<i32, CreateUserError> {
    let email = Email::parse(email).map_err(|_| CreateUserError::InvalidEmail)?;
    let other = |e: sea_orm::DbErr| CreateUserError::Other(e.to_string());
    let now = state.clock.now();
    let user_id = account(state, &email, name, password).await?;
    staff::set_platform_admin(&state.db, user_id)
        .await
        .map_err(other)?;
    audit::record(
        &state.db,
        None,
        None,
        "platform_admin_create",
        &format!("user {user_id}"),
        now,
    )
    .await
    .map_err(other)?;
    Ok(user_id)
}

/// Turns a staff account's second factor off from the command line (a lost phone); `false`
/// when there is no such account.
pub async fn second_factor_off(state: &AppState, email: &str) -> Result<bool, CreateUserError> {
    let email = Email::parse(email).map_err(|_| CreateUserError::InvalidEmail)?;
    let other = |e: sea_orm::DbErr| CreateUserError::Other(e.to_string());
    let Some(user) = staff::find_user_by_email(&state.db, email.as_str())
        .await
        .map_err(other)?
    else {
        return Ok(false);
    };
    staff::set_second_factor(&state.db, user.id, None)
        .await
        .map_err(other)?;
    audit::record(
        &state.db,
        None,
        None,
        "second_factor_off",
        &format!("user {} by command line", user.id),
        state.clock.now(),
    )
    .await
    .map_err(other)?;
    Ok(true)
}
