//! A citizen's email address: confirmations by link, the confirmed address, and pending ones dropped.

use super::*;

pub async fn insert_email_confirmation(
    db: &impl ConnectionTrait,
    person_id: i32,
    email: &str,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    email_confirmation::ActiveModel {
        person_id: Set(person_id),
        email: Set(email.into()),
        token_hash: Set(token_hash.into()),
        expires_at: Set(expires_at),
        confirmed_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest unconfirmed, unexpired address the person has asked for.
pub async fn pending_email(
    db: &impl ConnectionTrait,
    person_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<email_confirmation::Model>, DbErr> {
    use sea_orm::QueryOrder;
    email_confirmation::Entity::find()
        .filter(email_confirmation::Column::PersonId.eq(person_id))
        .filter(email_confirmation::Column::ConfirmedAt.is_null())
        .filter(email_confirmation::Column::ExpiresAt.gt(now))
        .order_by_desc(email_confirmation::Column::Id)
        .one(db)
        .await
}

/// Confirms the address behind `token_hash` (once, before it expires) and makes it the
/// person's address; `None` when there is nothing to confirm.
/// The address a confirmation link (by its token's hash) would confirm, if it still works.
pub async fn pending_by_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    Ok(email_confirmation::Entity::find()
        .filter(email_confirmation::Column::TokenHash.eq(token_hash))
        .filter(email_confirmation::Column::ConfirmedAt.is_null())
        .filter(email_confirmation::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|c| c.email))
}

pub async fn confirm_email(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let Some(c) = email_confirmation::Entity::find()
        .filter(email_confirmation::Column::TokenHash.eq(token_hash))
        .filter(email_confirmation::Column::ConfirmedAt.is_null())
        .filter(email_confirmation::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let taken = email_confirmation::Entity::update_many()
        .col_expr(email_confirmation::Column::ConfirmedAt, Expr::value(now))
        .filter(email_confirmation::Column::Id.eq(c.id))
        .filter(email_confirmation::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        return Ok(None);
    }
    set_email(db, c.person_id, Some(&c.email)).await?;
    Ok(Some(c.email))
}

pub async fn set_email(
    db: &impl ConnectionTrait,
    person_id: i32,
    email: Option<&str>,
) -> Result<(), DbErr> {
    person::Entity::update_many()
        .col_expr(
            person::Column::Email,
            Expr::value(email.map(str::to_string)),
        )
        .filter(person::Column::Id.eq(person_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every address the person has asked for but not confirmed.
pub async fn drop_pending_emails(db: &impl ConnectionTrait, person_id: i32) -> Result<(), DbErr> {
    email_confirmation::Entity::delete_many()
        .filter(email_confirmation::Column::PersonId.eq(person_id))
        .filter(email_confirmation::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the confirmation links that no longer work (expired, used or not); run by the
/// worker. How many went.
pub async fn prune_email_confirmations(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(email_confirmation::Entity::delete_many()
        .filter(email_confirmation::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}
