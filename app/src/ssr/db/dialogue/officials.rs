//! The organisation's party groups and its officials' seats on bodies.

use crate::domain::dialogue::official::Seat;
use crate::ssr::db::entities::{official_seat, party_group};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

pub async fn parties(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<party_group::Model>, DbErr> {
    party_group::Entity::find()
        .filter(party_group::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(party_group::Column::Name)
        .all(db)
        .await
}

/// Adds a party group; a name the organisation has already is a unique violation.
pub async fn insert_party(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    name: &str,
    now: DateTime<Utc>,
) -> Result<party_group::Model, DbErr> {
    party_group::ActiveModel {
        organisation_id: Set(organisation_id),
        name: Set(name.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The organisation's seats, oldest first.
pub async fn seats(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<official_seat::Model>, DbErr> {
    official_seat::Entity::find()
        .filter(official_seat::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(official_seat::Column::Id)
        .all(db)
        .await
}

/// One official's seats in the organisation, oldest first.
pub async fn seats_of(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    user_id: i32,
) -> Result<Vec<official_seat::Model>, DbErr> {
    official_seat::Entity::find()
        .filter(official_seat::Column::OrganisationId.eq(organisation_id))
        .filter(official_seat::Column::UserId.eq(user_id))
        .order_by_asc(official_seat::Column::Id)
        .all(db)
        .await
}

/// Adds a seat; the same official on the same body twice is a unique violation.
pub async fn insert_seat(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    s: Seat,
    now: DateTime<Utc>,
) -> Result<official_seat::Model, DbErr> {
    official_seat::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(s.official),
        body_id: Set(s.body),
        party_group_id: Set(s.party),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Removes the organisation's seat `id`; `false` when it has none such.
pub async fn delete_seat(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<bool, DbErr> {
    Ok(official_seat::Entity::delete_many()
        .filter(official_seat::Column::OrganisationId.eq(organisation_id))
        .filter(official_seat::Column::Id.eq(id))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}
