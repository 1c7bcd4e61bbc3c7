//! Onboarding without SQL, and staff accounts' second factor:
//! - `staff_users.platform_admin`: the platform administrator, who creates and deactivates
//!   organisations (not tied to one of them);
//! - `staff_users.totp_secret` (sealed with the installation's secret) and `totp_step` (the
//!   last time step a code was accepted for, so a code is used once);
//! - `staff_users.session_epoch`: raised when the password is reset, which ends every session
//!   that logged in before;
//! - `organisations.name_nn`, `name_sami`: the organisation's name in nynorsk and in Sámi;
//! - `organisations.deactivated_at`: an organisation that no longer uses Innspill (its pages
//!   stay, and say so; nothing is deleted);
//! - `organisations.require_totp`: its administrators must use a second factor;
//! - `organisations.accent_colour`, `logo_key`, `logo_type`: its branding.
//!
//! One column per statement: SQLite adds one column at a time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn columns() -> Vec<(&'static str, ColumnDef)> {
    vec![
        (
            "staff_users",
            boolean("platform_admin").default(false).take(),
        ),
        ("staff_users", text_null("totp_secret").take()),
        ("staff_users", big_integer_null("totp_step").take()),
        ("staff_users", integer("session_epoch").default(0).take()),
        ("organisations", string_null("name_nn").take()),
        ("organisations", string_null("name_sami").take()),
        (
            "organisations",
            timestamp_with_time_zone_null("deactivated_at").take(),
        ),
        (
            "organisations",
            boolean("require_totp").default(false).take(),
        ),
        ("organisations", string_len_null("accent_colour", 7).take()),
        ("organisations", string_null("logo_key").take()),
        ("organisations", string_null("logo_type").take()),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut col) in columns() {
            m.alter_table(Table::alter().table(table).add_column(&mut col).take())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in columns().into_iter().rev() {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column(col.get_column_name())
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
