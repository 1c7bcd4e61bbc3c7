//! An initiative's attachments: listed, stored, and found for download.

use super::*;

pub async fn attachments(
    db: &impl ConnectionTrait,
    initiative_id: i32,
) -> Result<Vec<initiative_attachment::Model>, DbErr> {
    initiative_attachment::Entity::find()
        .filter(initiative_attachment::Column::InitiativeId.eq(initiative_id))
        .order_by_asc(initiative_attachment::Column::Id)
        .all(db)
        .await
}

pub async fn insert_attachment(
    db: &impl ConnectionTrait,
    initiative_id: i32,
    file_name: &str,
    content_type: &str,
    size_bytes: i64,
    storage_key: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    initiative_attachment::ActiveModel {
        initiative_id: Set(initiative_id),
        file_name: Set(file_name.into()),
        content_type: Set(content_type.into()),
        size_bytes: Set(size_bytes),
        storage_key: Set(storage_key.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_attachment(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(initiative_attachment::Model, initiative::Model)>, DbErr> {
    let Some(a) = initiative_attachment::Entity::find_by_id(id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(initiative::Entity::find_by_id(a.initiative_id)
        .one(db)
        .await?
        .map(|i| (a, i)))
}
