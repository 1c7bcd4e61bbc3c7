//! The sections of a hearing's paper.

use crate::dto::hearings::SectionDto;
use crate::ssr::db::entities::hearing_section;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

pub async fn sections(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<SectionDto>, DbErr> {
    Ok(hearing_section::Entity::find()
        .filter(hearing_section::Column::HearingId.eq(hearing_id))
        .order_by_asc(hearing_section::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SectionDto {
            id: s.id,
            number: s.number,
            title: s.title,
            body: s.body,
        })
        .collect())
}

/// Adds a section numbered after the last one.
pub async fn add_section(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    title: &str,
    body: &str,
) -> Result<i32, DbErr> {
    let last = hearing_section::Entity::find()
        .filter(hearing_section::Column::HearingId.eq(hearing_id))
        .order_by_desc(hearing_section::Column::Number)
        .one(db)
        .await?
        .map(|s| s.number)
        .unwrap_or(0);
    let m = hearing_section::ActiveModel {
        hearing_id: Set(hearing_id),
        number: Set(last + 1),
        title: Set(title.into()),
        body: Set(body.into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

pub async fn update_section(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    section_id: i32,
    title: &str,
    body: &str,
) -> Result<bool, DbErr> {
    let res = hearing_section::Entity::update_many()
        .col_expr(hearing_section::Column::Title, Expr::value(title))
        .col_expr(hearing_section::Column::Body, Expr::value(body))
        .filter(hearing_section::Column::HearingId.eq(hearing_id))
        .filter(hearing_section::Column::Id.eq(section_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn remove_section(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    section_id: i32,
) -> Result<bool, DbErr> {
    let res = hearing_section::Entity::delete_many()
        .filter(hearing_section::Column::HearingId.eq(hearing_id))
        .filter(hearing_section::Column::Id.eq(section_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
