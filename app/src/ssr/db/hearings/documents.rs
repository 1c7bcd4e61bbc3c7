//! A hearing's documents.

use crate::dto::hearings::DocumentDto;
use crate::ssr::db::entities::hearing_document;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

pub async fn documents(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<DocumentDto>, DbErr> {
    Ok(hearing_document::Entity::find()
        .filter(hearing_document::Column::HearingId.eq(hearing_id))
        .order_by_asc(hearing_document::Column::Position)
        .order_by_asc(hearing_document::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DocumentDto {
            id: d.id,
            title: d.title,
            file_name: d.file_name,
            content_type: d.content_type,
            size_bytes: d.size_bytes,
        })
        .collect())
}

pub async fn find_document(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    document_id: i32,
) -> Result<Option<hearing_document::Model>, DbErr> {
    hearing_document::Entity::find_by_id(document_id)
        .filter(hearing_document::Column::HearingId.eq(hearing_id))
        .one(db)
        .await
}

pub struct NewDocument<'a> {
    pub title: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
}

pub async fn insert_document(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    d: NewDocument<'_>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let position = hearing_document::Entity::find()
        .filter(hearing_document::Column::HearingId.eq(hearing_id))
        .count(db)
        .await? as i32;
    let m = hearing_document::ActiveModel {
        hearing_id: Set(hearing_id),
        title: Set(d.title.into()),
        file_name: Set(d.file_name.into()),
        content_type: Set(d.content_type.into()),
        size_bytes: Set(d.size_bytes),
        storage_key: Set(d.storage_key.into()),
        position: Set(position),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

pub async fn delete_document(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    document_id: i32,
) -> Result<Option<String>, DbErr> {
    let Some(d) = find_document(db, hearing_id, document_id).await? else {
        return Ok(None);
    };
    hearing_document::Entity::delete_by_id(d.id)
        .exec(db)
        .await?;
    Ok(Some(d.storage_key))
}
