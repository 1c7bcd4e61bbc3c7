//! The `panel_waves` table: a survey sent to a panel (see the migration).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_waves")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub panel_id: i32,
    pub survey_id: i32,
    /// Members drawn (a stratified sub-sample); `None` for every active member.
    pub sample_size: Option<i32>,
    /// The sub-sample's random seed, recorded for the audit.
    pub seed: i64,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    /// Days after opening that those who have not answered are reminded.
    pub first_reminder_days: Option<i32>,
    pub second_reminder_days: Option<i32>,
    /// `scheduled`, `open` or `closed`.
    pub status: String,
    /// Members invited when it opened.
    pub invited: i32,
    /// Of them, how many per stratum: JSON, `[[age band, gender, district, n], …]`
    /// (`domain::survey::wave::encode_strata`).
    #[sea_orm(column_type = "Text", nullable)]
    pub invited_strata: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
