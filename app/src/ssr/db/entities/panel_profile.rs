//! The `panel_profiles` table: the analysis side of a panel, keyed by pseudonym — the bands
//! results are weighted by, and nothing that names or reaches the member.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pseudonym: String,
    pub panel_id: i32,
    /// An index into `domain::survey::strata::AGE_BANDS`, as at joining.
    pub age_band: i16,
    /// `woman`, `man` or `not_given`.
    pub gender: String,
    /// An index into the panel's districts.
    pub district: i16,
    /// The background questions' answers (JSON: per question an option's position or null).
    #[sea_orm(column_type = "Text", nullable)]
    pub background: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
