//! The `panel_invitations` table: a member invited to a wave, and the hash of their link's
//! token (see the migration). Both are emptied when the member leaves.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub wave_id: i32,
    pub member_id: Option<i32>,
    pub token_hash: Option<String>,
    /// Reminders sent (0–2).
    pub reminders: i16,
    /// When the last mail (the invitation or a reminder) was queued.
    pub mailed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
