//! The `initiatives` table: innbyggerforslag.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "initiatives")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub person_id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub ask: String,
    #[sea_orm(column_type = "Text")]
    pub justification: String,
    pub contact_email: String,
    pub status: String,
    pub collection_ends: Date,
    pub sent_to_screening_at: Option<DateTimeUtc>,
    pub screening_due: Option<Date>,
    pub published_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub rejected_reason: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub decision_due: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub outcome_text: Option<String>,
    pub outcome_date: Option<Date>,
    pub minutes_url: Option<String>,
    pub final_online: Option<i32>,
    pub final_paper: Option<i32>,
    pub signer_data_deleted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The language its text was written in (`nb`, `nn`, `en`); `None` when not recorded.
    pub lang: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
}

impl Related<crate::ssr::db::entities::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
