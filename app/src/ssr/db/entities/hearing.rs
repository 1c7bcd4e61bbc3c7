//! The `hearings` table: a consultation case of an organisation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hearings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    pub body_id: Option<i32>,
    pub case_number: Option<String>,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub opens_at: DateTimeUtc,
    pub deadline: DateTimeUtc,
    pub original_deadline: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub short_reason: Option<String>,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub outcome: Option<String>,
    pub decision_url: Option<String>,
    pub invitations_sent_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When it first left draft for anything but cancelled; never published while `None`.
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
