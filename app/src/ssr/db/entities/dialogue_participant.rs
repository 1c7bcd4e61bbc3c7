//! The `dialogue_participants` table: a citizen as they take part in one organisation's
//! dialogue (see the migration).

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dialogue_participants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// The person; none once their account is deleted.
    pub person_id: Option<i32>,
    pub display_name: Option<String>,
    pub name_key: Option<String>,
    pub published_posts: i32,
    pub suspended_until: Option<DateTimeUtc>,
    pub suspension_rule: Option<i32>,
    pub suspension_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

crate::domain::debug_only!(Model {
    id,
    organisation_id,
    published_posts,
    suspended_until
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
