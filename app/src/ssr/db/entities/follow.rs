//! The `follows` table: who hears of a case. A person (their confirmed address, unless `email`
//! names another, as a proposer's contact address does) or an address alone, confirmed by a
//! link before it counts (`confirmed_at`).

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i32,
    pub case_kind: String,
    pub case_id: i32,
    pub person_id: Option<i32>,
    pub email: Option<String>,
    pub lang: String,
    pub cadence: String,
    pub reason: String,
    pub confirm_hash: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    case_kind,
    case_id,
    person_id,
    cadence,
    reason,
    confirmed_at
});
