//! The `dialogue_posts` table: a post, a reply, a question to officials or an official's answer
//! (see the migration).

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dialogue_posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub space_id: i32,
    /// The thread's first post; none for that post itself.
    pub thread_id: Option<i64>,
    /// The post this one replies to.
    pub parent_id: Option<i64>,
    pub participant_id: Option<i32>,
    /// The staff account of the official who wrote it.
    pub official_id: Option<i32>,
    /// The official's badge as it was when posted.
    #[sea_orm(column_type = "Text", nullable)]
    pub badge: Option<String>,
    /// `post`, `question` or `answer`.
    pub kind: String,
    pub to_body_id: Option<i32>,
    pub to_party_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub text_hash: String,
    /// `pending`, `visible` or `hidden`.
    pub state: String,
    pub hidden_rule: Option<i32>,
    pub hidden_by_flags: bool,
    pub locked: bool,
    pub answer_due: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
    pub supports: i32,
    pub open_flags: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::domain::debug_only!(Model {
    id,
    space_id,
    thread_id,
    kind,
    state
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
