//! Staff members' one-time links to a new password (`password_resets`), and the password they
//! set with one.

use crate::ssr::db::entities::{password_reset, staff_user};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

pub async fn insert(
    db: &impl ConnectionTrait,
    user_id: i32,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    password_reset::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash.into()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The unused, unexpired link with this token hash.
pub async fn usable(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<password_reset::Model>, DbErr> {
    password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Uses link `id` and every other open link of the same user; `false` if it was used
/// meanwhile (two submissions racing).
pub async fn use_up(
    db: &impl ConnectionTrait,
    id: i32,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Sets the account's password and ends its sessions.
pub async fn set_password(
    db: &impl ConnectionTrait,
    user_id: i32,
    password_hash: &str,
) -> Result<(), DbErr> {
    staff_user::Entity::update_many()
        .col_expr(staff_user::Column::PasswordHash, Expr::value(password_hash))
        // Every session logged in with the old password ends.
        .col_expr(
            staff_user::Column::SessionEpoch,
            sea_orm::sea_query::ExprTrait::add(Expr::col(staff_user::Column::SessionEpoch), 1),
        )
        .filter(staff_user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes links that expired more than a day before `now` (used or not).
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(password_reset::Entity::delete_many()
        .filter(password_reset::Column::ExpiresAt.lt(now - Duration::days(1)))
        .exec(db)
        .await?
        .rows_affected)
}
