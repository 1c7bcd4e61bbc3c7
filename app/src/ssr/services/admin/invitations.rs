//! Inviting staff: an invitation is a hashed one-time token and a mail with its link, in the
//! organisation's written standard (the invited person has no language setting yet). A
//! pending invitation can be sent again (a new link; the old one stops working) or revoked
//! (its link stops working). Each is in the audit log.

use super::admin_org;
use crate::domain::email::Email;
use crate::domain::organisation::forms::Invitation;
use crate::domain::role::Role;
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::invitation;
use crate::ssr::db::staff;
use crate::ssr::mail::{OutgoingMail, queue, templates};
use crate::ssr::security::auth::Staff;
use crate::ssr::security::tokens::token_hash;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter,
    Set, TransactionTrait,
};

pub const INVITATION_DAYS: i64 = 7;

/// The invitation mail with its link.
fn invitation_mail(
    state: &AppState,
    org: &OrganisationDto,
    email: &str,
    role: Role,
    token: &str,
    expires: DateTime<Utc>,
) -> Result<OutgoingMail, AppError> {
    let lang = org.written_standard.lang();
    templates::render(
        "staff_invitation",
        lang,
        email,
        serde_json::json!({
            "organisation": org.name,
            "role": I18n(lang).t(role.label_key()),
            "link": crate::paths::absolute(&state.settings.base_url, &crate::paths::invitation(token)),
            "expires": crate::i18n::format::date_time(lang, expires),
        }),
    )
    .or_internal()
}

/// Stores an invitation of `email` as `role` in `txn` and queues its mail there (sent once
/// `txn` commits). `invited_by` is the staff user, or 0 for the command line.
pub(crate) async fn store_invitation(
    state: &AppState,
    txn: &DatabaseTransaction,
    org: &OrganisationDto,
    email: &Email,
    role: Role,
    invited_by: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let token = crate::ssr::security::tokens::random_token();
    let expires = now + Duration::days(INVITATION_DAYS);
    let mail = invitation_mail(state, org, email.as_str(), role, &token, expires)?;
    staff::insert_invitation(
        txn,
        org.id,
        email.as_str(),
        role,
        &token_hash(&token),
        invited_by,
        expires,
        now,
    )
    .await
    .or_internal()?;
    queue::enqueue(txn, &mail, now).await.or_internal()?;
    Ok(())
}

/// Invites `email` as `role`: stores a hashed one-time token and queues the invitation mail.
pub async fn invite(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    email: &str,
    role: &str,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    let Invitation { email, role } = Invitation::parse(email, role)?;
    let already = staff::members_of(&state.db, org.id).await.or_internal()?;
    if already
        .iter()
        .any(|(m, u)| u.email == email.as_str() && m.active)
    {
        return Err(AppError::field(
            "invite_email",
            "admin.staff.already_member",
        ));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    store_invitation(state, &txn, &org, &email, role, staff.user_id, now).await?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "staff_invite",
            detail: &format!("role {}", role.as_str()),
        },
        now,
    )
    .await?;
    tracing::info!(recipient_domain = email.domain(), "staff invitation queued");
    Ok(())
}

/// The organisation's invitation `id`, not yet accepted.
async fn pending(
    state: &AppState,
    org: &OrganisationDto,
    id: i32,
) -> Result<invitation::Model, AppError> {
    invitation::Entity::find_by_id(id)
        .filter(invitation::Column::OrganisationId.eq(org.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// Sends a pending invitation again (`manage` = "resend") or revokes it ("revoke"), for the
/// organisation's admin.
pub async fn manage_invitation(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    manage: &str,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    match manage {
        "resend" => resend(state, staff, &org, id).await,
        "revoke" => revoke(state, staff, &org, id).await,
        _ => Err(AppError::field("manage", "admin.staff.manage_invalid")),
    }
}

/// Sends invitation `id` again with a new link, valid for another week; the old link stops
/// working.
async fn resend(
    state: &AppState,
    staff: &Staff,
    org: &OrganisationDto,
    id: i32,
) -> Result<(), AppError> {
    let inv = pending(state, org, id).await?;
    let role = Role::parse(&inv.role).map_err(crate::ssr::internal)?;
    let token = crate::ssr::security::tokens::random_token();
    let now = state.clock.now();
    let expires = now + Duration::days(INVITATION_DAYS);
    let mail = invitation_mail(state, org, &inv.email, role, &token, expires)?;
    let txn = state.db.begin().await.or_internal()?;
    let mut am = inv.into_active_model();
    am.token_hash = Set(token_hash(&token));
    am.expires_at = Set(expires);
    am.update(&txn).await.or_internal()?;
    queue::enqueue(&txn, &mail, now).await.or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "staff_invitation_resent",
            detail: &format!("invitation {id}"),
        },
        now,
    )
    .await
}

/// Revokes invitation `id`: its link stops working.
async fn revoke(
    state: &AppState,
    staff: &Staff,
    org: &OrganisationDto,
    id: i32,
) -> Result<(), AppError> {
    let inv = pending(state, org, id).await?;
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    invitation::Entity::delete_by_id(inv.id)
        .exec(&txn)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "staff_invitation_revoked",
            detail: &format!("invitation {id}"),
        },
        now,
    )
    .await
}
