//! The `submissions` table: høringsinnspill, held until confirmed when sent without login.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "submissions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub hearing_id: i32,
    pub organisation_id: i32,
    #[sea_orm(unique)]
    pub reference: String,
    pub submitter_kind: String,
    pub name: String,
    pub organisation_name: Option<String>,
    pub org_number: Option<String>,
    pub person_id: Option<i32>,
    pub email: Option<String>,
    pub show_name: bool,
    pub objects_to_publication: bool,
    #[sea_orm(column_type = "Text")]
    pub objection_reason: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub general_comment: String,
    pub received_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    pub confirm_token_hash: Option<String>,
    pub confirm_expires_at: Option<DateTimeUtc>,
    pub publication: String,
    pub withhold_reason: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub withhold_note: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub public_general_comment: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub admin_comment: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub staff_summary: Option<String>,
    pub screened_by: Option<i32>,
    pub screened_at: Option<DateTimeUtc>,
    pub late_by_extension: bool,
    pub lang: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    hearing_id,
    organisation_id,
    reference,
    submitter_kind,
    publication,
    received_at,
    confirmed_at
});
