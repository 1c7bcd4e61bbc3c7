//! Invited consultees of a hearing.

use crate::dto::hearings::{ConsulteeDto, StaffConsultee};
use crate::ssr::db::entities::hearing_consultee;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

pub async fn consultees(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<hearing_consultee::Model>, DbErr> {
    hearing_consultee::Entity::find()
        .filter(hearing_consultee::Column::HearingId.eq(hearing_id))
        .order_by_asc(hearing_consultee::Column::Name)
        .all(db)
        .await
}

pub fn public_consultees(list: &[hearing_consultee::Model]) -> Vec<ConsulteeDto> {
    list.iter()
        .map(|c| ConsulteeDto {
            name: c.name.clone(),
            org_number: c.org_number.clone(),
        })
        .collect()
}

pub fn staff_consultees(list: Vec<hearing_consultee::Model>) -> Vec<StaffConsultee> {
    list.into_iter()
        .map(|c| StaffConsultee {
            id: c.id,
            name: c.name,
            email: c.email,
            org_number: c.org_number,
            invited_at: c.invited_at,
        })
        .collect()
}

pub async fn add_consultee(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    name: &str,
    email: &str,
    org_number: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let m = hearing_consultee::ActiveModel {
        hearing_id: Set(hearing_id),
        name: Set(name.into()),
        email: Set(email.into()),
        org_number: Set(org_number.map(Into::into)),
        invited_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

pub async fn remove_consultee(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    consultee_id: i32,
) -> Result<bool, DbErr> {
    let res = hearing_consultee::Entity::delete_many()
        .filter(hearing_consultee::Column::HearingId.eq(hearing_id))
        .filter(hearing_consultee::Column::Id.eq(consultee_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Marks a consultee invited; `false` if another process did already.
pub async fn mark_invited(
    db: &impl ConnectionTrait,
    consultee_id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = hearing_consultee::Entity::update_many()
        .col_expr(hearing_consultee::Column::InvitedAt, Expr::value(now))
        .filter(hearing_consultee::Column::Id.eq(consultee_id))
        .filter(hearing_consultee::Column::InvitedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
