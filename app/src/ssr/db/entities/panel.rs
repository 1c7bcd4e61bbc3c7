//! The `panels` table: a citizen panel of an organisation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub name: String,
    /// What the panel is for, in the organisation's words (part of the consent text).
    #[sea_orm(column_type = "Text")]
    pub purpose: String,
    /// `bydel`, `skolekrets` or `grunnkrets`.
    pub district_kind: String,
    /// The districts, a JSON list of names; a member's district is an index into it.
    #[sea_orm(column_type = "Text")]
    pub districts: String,
    /// Members who skip this many waves in a row are retired.
    pub skip_limit: i32,
    /// Whether residents may join on their own.
    pub recruiting: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    /// The population results are weighted to, as staff imported it (JSON,
    /// `domain::survey::margins::PopulationMargins`); `None` until then.
    #[sea_orm(column_type = "Text", nullable)]
    pub margins: Option<String>,
    /// The probability sample's targets as staff set them (JSON,
    /// `domain::survey::recruitment::Targets`); `None` until then.
    #[sea_orm(column_type = "Text", nullable)]
    pub targets: Option<String>,
    /// The background questions (JSON, `domain::survey::background::BackgroundQuestion`s);
    /// `None` for none.
    #[sea_orm(column_type = "Text", nullable)]
    pub background: Option<String>,
    /// Draws made of the probability sample (claimed by a conditional update).
    pub draws: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
