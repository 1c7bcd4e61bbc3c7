//! The `surveys` table: a survey of an organisation (its questionnaire is in
//! `survey_versions`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// `open` (anyone) or `panel` (a wave's invitees).
    pub kind: String,
    pub status: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub intro: String,
    pub one_per_person: bool,
    /// The smallest number a published figure may rest on; `None`: the default.
    pub min_cell: Option<i32>,
    /// The number of the version new answers go to.
    pub current_version: i32,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub results_published_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
