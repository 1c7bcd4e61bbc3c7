//! Individual extensions of a hearing's deadline.

use crate::ssr::db::entities::hearing_extension;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

pub async fn extensions(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<hearing_extension::Model>, DbErr> {
    hearing_extension::Entity::find()
        .filter(hearing_extension::Column::HearingId.eq(hearing_id))
        .order_by_asc(hearing_extension::Column::Name)
        .all(db)
        .await
}

/// The later deadline granted to the submitter with this address, if any.
pub async fn extension_for(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    email: &str,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(hearing_extension::Entity::find()
        .filter(hearing_extension::Column::HearingId.eq(hearing_id))
        .filter(hearing_extension::Column::Email.eq(email))
        .one(db)
        .await?
        .map(|e| e.until))
}

pub async fn grant_extension(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    email: &str,
    name: &str,
    until: DateTime<Utc>,
    granted_by: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::OnConflict;
    hearing_extension::Entity::insert(hearing_extension::ActiveModel {
        hearing_id: Set(hearing_id),
        email: Set(email.into()),
        name: Set(name.into()),
        until: Set(until),
        granted_by: Set(granted_by),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            hearing_extension::Column::HearingId,
            hearing_extension::Column::Email,
        ])
        .update_columns([
            hearing_extension::Column::Until,
            hearing_extension::Column::Name,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
