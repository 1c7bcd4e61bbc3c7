//! The `initiative_events` table: every status change, with who (staff or proposer) and when.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "initiative_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub initiative_id: i32,
    pub from_status: String,
    pub to_status: String,
    pub actor_user_id: Option<i32>,
    pub actor_person_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
