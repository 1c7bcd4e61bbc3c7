//! The `survey_answers` table: one answer of a response (JSON of
//! `domain::survey::questionnaire::Answer`), and a text answer's screening.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub response_id: i64,
    pub question_id: i32,
    #[sea_orm(column_type = "Text")]
    pub answer: String,
    /// A text answer's screening: `published`, `withheld`, or `None` while not screened.
    pub screening: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
