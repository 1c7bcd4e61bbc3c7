//! The `dialogue_settings` table: an organisation's rules for its dialogue (see the migration).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dialogue_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
    /// `real` (the name from ID-porten) or `chosen` (a display name).
    pub names: String,
    pub answer_days: i32,
    pub flags_to_hide: i32,
    /// The house rules (JSON list of texts); none: the default rules.
    pub rules: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
