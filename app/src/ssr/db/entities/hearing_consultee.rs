//! The `hearing_consultees` table: invited organisations (høringsinstanser).

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hearing_consultees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub hearing_id: i32,
    pub name: String,
    pub email: String,
    pub org_number: Option<String>,
    pub invited_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    hearing_id,
    invited_at,
    created_at
});
