//! The `panel_members` table: the contact side of a panel (see the migration). Its pseudonym
//! is the one link to the member's profile and answers, and it is emptied when they leave.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub panel_id: i32,
    /// A keyed hash of the person for this panel; `None` once they have left.
    pub person_hash: Option<String>,
    pub email: Option<String>,
    pub pseudonym: Option<String>,
    /// `self` (joined on their own) or `sample` (drawn and invited).
    pub source: String,
    /// `active`, `left` or `retired`.
    pub status: String,
    /// Waves in a row the member did not answer.
    pub skipped_in_row: i32,
    pub joined_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
