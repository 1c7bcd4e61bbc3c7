//! Citizen initiatives: the proposal, its attachments and status history, and its signatures
//! (online and on paper; one per person, by the keyed hash of the national id). The
//! organisation gains its own limits (longest collection, how long signer data is kept, how
//! long screening takes). Fixed-window rate-limit counters, one row per bucket and window.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for (col, default) in [
            ("max_collection_months", 12),
            ("signer_retention_months", 12),
            ("screening_days", 14),
        ] {
            m.alter_table(
                Table::alter()
                    .table("organisations")
                    .add_column(integer(col).default(default))
                    .take(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table("initiatives")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(integer("person_id"))
                .col(string("title"))
                .col(text("ask"))
                .col(text("justification"))
                .col(string("contact_email"))
                .col(string("status"))
                .col(date("collection_ends"))
                .col(timestamp_with_time_zone_null("sent_to_screening_at"))
                .col(date_null("screening_due"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(text_null("rejected_reason"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(date_null("decision_due"))
                .col(text_null("outcome_text"))
                .col(date_null("outcome_date"))
                .col(string_null("minutes_url"))
                .col(integer_null("final_online"))
                .col(integer_null("final_paper"))
                .col(timestamp_with_time_zone_null("signer_data_deleted_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("initiatives", "organisation_id", "organisations"))
                .foreign_key(&mut fk("initiatives", "person_id", "persons"))
                .take(),
        )
        .await?;
        m.create_index(index("initiatives", &["organisation_id", "status"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("initiative_attachments")
                .col(pk_auto("id"))
                .col(integer("initiative_id"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size_bytes"))
                .col(string("storage_key"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "initiative_attachments",
                    "initiative_id",
                    "initiatives",
                ))
                .take(),
        )
        .await?;
        m.create_index(index("initiative_attachments", &["initiative_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("initiative_events")
                .col(big_pk_auto("id"))
                .col(integer("initiative_id"))
                .col(string("from_status"))
                .col(string("to_status"))
                .col(integer_null("actor_user_id"))
                .col(integer_null("actor_person_id"))
                .col(text("note"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk("initiative_events", "initiative_id", "initiatives"))
                .take(),
        )
        .await?;
        m.create_index(index("initiative_events", &["initiative_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("signatures")
                .col(big_pk_auto("id"))
                .col(integer("initiative_id"))
                .col(integer("organisation_id"))
                .col(string_len("pid_hash", 64))
                .col(string("source"))
                .col(integer_null("person_id"))
                .col(string_null("name"))
                .col(date_null("birth_date"))
                .col(string_null("address"))
                .col(boolean("resident"))
                .col(string_null("residency_kommunenummer"))
                .col(timestamp_with_time_zone("residency_checked_at"))
                .col(boolean("notify"))
                .col(timestamp_with_time_zone("signed_at"))
                .col(integer_null("entered_by"))
                .foreign_key(&mut fk("signatures", "initiative_id", "initiatives"))
                .take(),
        )
        .await?;
        // One signature per person and initiative, whether online or on paper.
        m.create_index(index("signatures", &["initiative_id", "pid_hash"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("rate_limit_counters")
                .col(string("bucket"))
                .col(timestamp_with_time_zone("window_start"))
                .col(integer("count"))
                .primary_key(Index::create().col("bucket").col("window_start"))
                .take(),
        )
        .await?;
        m.create_index(index("rate_limit_counters", &["window_start"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "rate_limit_counters",
            "signatures",
            "initiative_events",
            "initiative_attachments",
            "initiatives",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        for col in [
            "max_collection_months",
            "signer_retention_months",
            "screening_days",
        ] {
            m.alter_table(
                Table::alter()
                    .table("organisations")
                    .drop_column(col)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
