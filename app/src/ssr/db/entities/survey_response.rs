//! The `survey_responses` table: one respondent's answering, reached by the hash of the token
//! in its resume link. No column names a person.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i32,
    pub version_id: i32,
    pub token_hash: String,
    /// How many sections (pages) have been answered.
    pub sections_done: i32,
    pub started_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// A panel member's pseudonym in that panel (a wave's response); `None` for an open survey.
    pub panel_pseudonym: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
