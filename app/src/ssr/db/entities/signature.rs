//! The `signatures` table: one per person and initiative (by the keyed hash of the national id).

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signatures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub initiative_id: i32,
    pub organisation_id: i32,
    pub pid_hash: String,
    pub source: String,
    pub person_id: Option<i32>,
    pub name: Option<String>,
    pub birth_date: Option<Date>,
    pub address: Option<String>,
    pub resident: bool,
    pub residency_kommunenummer: Option<String>,
    pub residency_checked_at: DateTimeUtc,
    pub notify: bool,
    pub signed_at: DateTimeUtc,
    pub entered_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    initiative_id,
    organisation_id,
    source,
    person_id,
    resident,
    signed_at
});
