//! Organisations and their bodies, staff accounts and roles, invitations, sessions, rate-limit
//! hits, the mail queue and the audit log.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("organisations")
                .col(pk_auto("id"))
                .col(string_uniq("slug"))
                .col(string("name"))
                .col(string("kind"))
                .col(string_uniq("number"))
                .col(big_integer("population"))
                .col(date("population_date"))
                .col(string("written_standard"))
                .col(string_null("accessibility_url"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("bodies")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string("name"))
                .col(string("kind"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("bodies", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_index(index("bodies", &["organisation_id", "name"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("staff_users")
                .col(pk_auto("id"))
                .col(string_uniq("email"))
                .col(string("name"))
                .col(string("password_hash"))
                .col(boolean("active"))
                .col(string("lang"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("memberships")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(integer("user_id"))
                .col(string("role"))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("memberships", "organisation_id", "organisations"))
                .foreign_key(&mut fk("memberships", "user_id", "staff_users"))
                .take(),
        )
        .await?;
        m.create_index(index("memberships", &["organisation_id", "user_id"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("invitations")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string("email"))
                .col(string("role"))
                .col(string_uniq("token_hash"))
                .col(integer("invited_by"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("accepted_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("invitations", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sessions")
                .col(string_len("id", 64).primary_key())
                .col(text("data"))
                .col(timestamp_with_time_zone("expires_at"))
                .take(),
        )
        .await?;
        m.create_index(index("sessions", &["expires_at"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("rate_limit_hits")
                .col(big_pk_auto("id"))
                .col(string("bucket"))
                .col(timestamp_with_time_zone("at"))
                .take(),
        )
        .await?;
        m.create_index(index("rate_limit_hits", &["bucket", "at"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("mail_outbox")
                .col(big_pk_auto("id"))
                .col(string("recipient"))
                .col(string("subject"))
                .col(text("body_text"))
                .col(text("body_html"))
                .col(string("status"))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(string_null("claimed_by"))
                .col(timestamp_with_time_zone_null("claimed_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .col(string_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_index(index("mail_outbox", &["status", "next_attempt_at"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("audit_log")
                .col(big_pk_auto("id"))
                .col(integer_null("organisation_id"))
                .col(integer_null("actor_user_id"))
                .col(string("action"))
                .col(string("detail"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "audit_log",
            &["organisation_id", "created_at"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_log",
            "mail_outbox",
            "rate_limit_hits",
            "sessions",
            "invitations",
            "memberships",
            "staff_users",
            "bodies",
            "organisations",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
