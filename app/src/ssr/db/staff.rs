//! Staff accounts, their memberships (role per organisation) and invitations.

use crate::domain::role::Role;
use crate::ssr::db::entities::{invitation, membership, organisation, staff_user};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

pub async fn find_user_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<staff_user::Model>, DbErr> {
    staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn find_user(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<staff_user::Model>, DbErr> {
    staff_user::Entity::find_by_id(id).one(db).await
}

pub async fn insert_user(
    db: &impl ConnectionTrait,
    email: &str,
    name: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let m = staff_user::ActiveModel {
        email: Set(email.into()),
        name: Set(name.into()),
        password_hash: Set(password_hash.into()),
        active: Set(true),
        lang: Set("nb".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// Gives the user `role` in the organisation, re-activating a former membership.
pub async fn upsert_membership(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    user_id: i32,
    role: Role,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let existing = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(m) => {
            let mut am: membership::ActiveModel = m.into();
            am.role = Set(role.as_str().into());
            am.active = Set(true);
            am.update(db).await?;
        }
        None => {
            membership::ActiveModel {
                organisation_id: Set(organisation_id),
                user_id: Set(user_id),
                role: Set(role.as_str().into()),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// A user's active memberships with their organisation's slug and name.
pub async fn memberships_of(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<(membership::Model, organisation::Model)>, DbErr> {
    let ms = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Active.eq(true))
        .all(db)
        .await?;
    let ids: Vec<i32> = ms.iter().map(|m| m.organisation_id).collect();
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(ms
        .into_iter()
        .filter_map(|m| {
            let o = orgs.iter().find(|o| o.id == m.organisation_id)?.clone();
            Some((m, o))
        })
        .collect())
}

/// Everyone with a membership (active or not) in the organisation.
pub async fn members_of(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(membership::Model, staff_user::Model)>, DbErr> {
    let ms = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = ms.iter().map(|m| m.user_id).collect();
    let users = staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(ids))
        .order_by_asc(staff_user::Column::Name)
        .all(db)
        .await?;
    Ok(users
        .into_iter()
        .filter_map(|u| {
            let m = ms.iter().find(|m| m.user_id == u.id)?.clone();
            Some((m, u))
        })
        .collect())
}

/// Changes role and/or active flag of a membership in this organisation only.
pub async fn update_membership(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    user_id: i32,
    role: Option<Role>,
    active: Option<bool>,
) -> Result<bool, DbErr> {
    let Some(m) = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let mut am: membership::ActiveModel = m.into();
    if let Some(r) = role {
        am.role = Set(r.as_str().into());
    }
    if let Some(a) = active {
        am.active = Set(a);
    }
    am.update(db).await?;
    Ok(true)
}

#[allow(clippy::too_many_arguments)] // one column each; a struct would only rename them
pub async fn insert_invitation(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    email: &str,
    role: Role,
    token_hash: &str,
    invited_by: i32,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    invitation::ActiveModel {
        organisation_id: Set(organisation_id),
        email: Set(email.into()),
        role: Set(role.as_str().into()),
        token_hash: Set(token_hash.into()),
        invited_by: Set(invited_by),
        expires_at: Set(expires_at),
        accepted_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_invitation(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<invitation::Model>, DbErr> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Marks the invitation used; `false` if it was used meanwhile (two clicks racing).
pub async fn accept_invitation(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = invitation::Entity::update_many()
        .col_expr(
            invitation::Column::AcceptedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Sets (sealed secret and the step its first code was accepted for) or removes the user's
/// second factor.
pub async fn set_second_factor(
    db: &impl ConnectionTrait,
    user_id: i32,
    factor: Option<(String, i64)>,
) -> Result<(), DbErr> {
    let (secret, step) = factor.unzip();
    staff_user::ActiveModel {
        id: Set(user_id),
        totp_secret: Set(secret),
        totp_step: Set(step),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records that a code of `step` was used, if no code of this step or a later one was: `false`
/// when one was (the same code twice, even by two requests at once).
pub async fn use_second_factor_step(
    db: &impl ConnectionTrait,
    user_id: i32,
    step: i64,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::{Condition, Expr};
    let res = staff_user::Entity::update_many()
        .col_expr(staff_user::Column::TotpStep, Expr::value(step))
        .filter(staff_user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(staff_user::Column::TotpStep.is_null())
                .add(staff_user::Column::TotpStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Makes the user the platform administrator (`innspill admin create`).
pub async fn set_platform_admin(db: &impl ConnectionTrait, user_id: i32) -> Result<(), DbErr> {
    staff_user::ActiveModel {
        id: Set(user_id),
        platform_admin: Set(true),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
