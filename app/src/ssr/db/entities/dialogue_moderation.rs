//! The `dialogue_moderation` table: every moderation decision, for the public log (action,
//! rule, role, time) and the audit (who).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dialogue_moderation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i32,
    pub space_id: Option<i32>,
    pub post_id: Option<i64>,
    pub participant_id: Option<i32>,
    /// `approve`, `hide`, `restore`, `lock`, `unlock` or `suspend`.
    pub action: String,
    pub rule: Option<i32>,
    /// `moderator`, `host` or `flags`.
    pub role: String,
    /// The staff account that decided (never shown in public).
    pub actor_id: Option<i32>,
    /// `done`, or `requested` (a host's hide waiting for a second moderator) and `declined`.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
