//! The `dialogue_spaces` table: a debate, a "Spør politikerne" space or a town hall.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dialogue_spaces")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// `debate`, `questions` or `town_hall`.
    pub kind: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub hearing_id: Option<i32>,
    pub initiative_id: Option<i32>,
    pub opens_at: DateTimeUtc,
    pub closes_at: Option<DateTimeUtc>,
    /// `pre` or `post`.
    pub moderation: String,
    pub residents_only: bool,
    pub published: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
