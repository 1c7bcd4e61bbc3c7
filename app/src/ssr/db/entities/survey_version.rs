//! The `survey_versions` table: a survey's questionnaire (JSON of
//! `domain::survey::questionnaire::Questionnaire`), numbered; `answered` once it has answers,
//! after which only its wording changes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    pub number: i32,
    #[sea_orm(column_type = "Text")]
    pub questionnaire: String,
    pub answered: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
