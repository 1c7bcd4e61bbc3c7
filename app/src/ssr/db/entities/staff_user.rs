//! The `staff_users` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub active: bool,
    pub lang: String,
    pub created_at: DateTimeUtc,
    pub platform_admin: bool,
    /// The TOTP secret, sealed with the installation's secret.
    pub totp_secret: Option<String>,
    /// The last time step a code was accepted for.
    pub totp_step: Option<i64>,
    /// Raised when the password is reset: sessions from before end.
    pub session_epoch: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::domain::debug_only!(Model {
    id,
    active,
    lang,
    created_at,
    platform_admin,
    session_epoch
});
