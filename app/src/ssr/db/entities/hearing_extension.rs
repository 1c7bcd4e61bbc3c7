//! The `hearing_extensions` table: a later deadline for one named submitter.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hearing_extensions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub hearing_id: i32,
    pub email: String,
    pub name: String,
    pub until: DateTimeUtc,
    pub granted_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    hearing_id,
    until,
    granted_by,
    created_at
});
