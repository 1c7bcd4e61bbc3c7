//! The `panel_draws` table: one draw of a panel's probability sample (see the migration).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_draws")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub panel_id: i32,
    /// The seed the sample was drawn with (also in the audit log).
    pub seed: i64,
    pub invited: i32,
    pub by_email: i32,
    pub by_letter: i32,
    /// Invited per stratum (JSON, `domain::survey::wave::encode_strata`).
    #[sea_orm(column_type = "Text")]
    pub invited_strata: String,
    /// When the draw's open invitations lapse.
    pub expires_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
