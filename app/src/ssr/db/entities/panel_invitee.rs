//! The `panel_invitees` table: a resident drawn for a panel, until their invitation ends (see
//! the migration). The address, name and postal address are kept only while it is open.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_invitees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub draw_id: i32,
    pub panel_id: i32,
    /// The person's keyed hash in this panel (as `panel_members.person_hash`).
    pub person_hash: String,
    pub age_band: i16,
    pub gender: String,
    pub district: i16,
    /// `email` or `letter`.
    pub channel: String,
    /// The hash of the enrolment code (the code itself is derived, never kept).
    pub code_hash: String,
    /// `invited`, `enrolled` or `expired`.
    pub status: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub ended_at: Option<DateTimeUtc>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "panel_invitee {} ({})", self.id, self.status)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
