//! The `case_events` table: the public moves of cases that followers hear of, recorded in the
//! transaction of the move. `detail` holds only public facts (JSON); `fanout_cursor` is the last
//! follow the worker has reached, and `fanned_out_at` is set once every follower was reached.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i32,
    pub case_kind: String,
    pub case_id: i32,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub detail: String,
    pub once_key: Option<String>,
    pub at: DateTimeUtc,
    pub fanout_cursor: i64,
    pub claimed_by: Option<String>,
    pub claimed_at: Option<DateTimeUtc>,
    pub fanned_out_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
