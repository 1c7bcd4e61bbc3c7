//! The `persons` table: citizens who have logged in with ID-porten.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "persons")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub issuer: String,
    pub subject: String,
    /// HMAC-SHA256 of the national id under `INNSPILL_PID_KEY`; `None` for logins without one.
    pub pid_hash: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// A confirmed address for receipts and notifications.
    pub email: Option<String>,
    pub lang: String,
    pub created_at: DateTimeUtc,
    pub last_login_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    issuer,
    lang,
    created_at,
    last_login_at
});
