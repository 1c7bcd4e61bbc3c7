//! The `citizen_logins` table: one row per ID-porten login, ended by logout.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "citizen_logins")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i32,
    pub issuer: String,
    /// The provider's session id, which a front-channel logout names.
    pub sid: Option<String>,
    pub acr: String,
    /// The ID token (needed as `id_token_hint` at logout), sealed with AES-256-GCM: it holds
    /// the national id.
    #[sea_orm(column_type = "Text")]
    pub id_token_sealed: String,
    pub created_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id"
    )]
    Person,
}

impl Related<crate::ssr::db::entities::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    person_id,
    issuer,
    acr,
    created_at,
    ended_at
});
