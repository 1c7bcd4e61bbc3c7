//! Hearings: the case (dates, status, outcome) and its history, documents, numbered sections,
//! invited consultees and individual deadline extensions; submissions with their section
//! comments, attachments and tags.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("hearings")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string("title"))
                .col(text("summary"))
                .col(text("body_md"))
                .col(integer_null("body_id"))
                .col(string_null("case_number"))
                .col(string("contact_name"))
                .col(string_null("contact_email"))
                .col(timestamp_with_time_zone("opens_at"))
                .col(timestamp_with_time_zone("deadline"))
                .col(timestamp_with_time_zone_null("original_deadline"))
                .col(text_null("short_reason"))
                .col(string("status"))
                .col(text_null("outcome"))
                .col(string_null("decision_url"))
                .col(timestamp_with_time_zone_null("invitations_sent_at"))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("hearings", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_index(index("hearings", &["organisation_id", "status"], false))
            .await?;
        m.create_index(index("hearings", &["status", "deadline"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("hearing_events")
                .col(big_pk_auto("id"))
                .col(integer("hearing_id"))
                .col(string("from_status"))
                .col(string("to_status"))
                .col(integer_null("actor_user_id"))
                .col(text("note"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk("hearing_events", "hearing_id", "hearings"))
                .take(),
        )
        .await?;
        m.create_index(index("hearing_events", &["hearing_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("hearing_documents")
                .col(pk_auto("id"))
                .col(integer("hearing_id"))
                .col(string("title"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size_bytes"))
                .col(string("storage_key"))
                .col(integer("position"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("hearing_documents", "hearing_id", "hearings"))
                .take(),
        )
        .await?;
        m.create_index(index("hearing_documents", &["hearing_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("hearing_sections")
                .col(pk_auto("id"))
                .col(integer("hearing_id"))
                .col(integer("number"))
                .col(string("title"))
                .col(text("body"))
                .foreign_key(&mut fk("hearing_sections", "hearing_id", "hearings"))
                .take(),
        )
        .await?;
        m.create_index(index("hearing_sections", &["hearing_id", "number"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("hearing_consultees")
                .col(pk_auto("id"))
                .col(integer("hearing_id"))
                .col(string("name"))
                .col(string("email"))
                .col(string_null("org_number"))
                .col(timestamp_with_time_zone_null("invited_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("hearing_consultees", "hearing_id", "hearings"))
                .take(),
        )
        .await?;
        m.create_index(index("hearing_consultees", &["hearing_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("hearing_extensions")
                .col(pk_auto("id"))
                .col(integer("hearing_id"))
                .col(string("email"))
                .col(string("name"))
                .col(timestamp_with_time_zone("until"))
                .col(integer("granted_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("hearing_extensions", "hearing_id", "hearings"))
                .take(),
        )
        .await?;
        m.create_index(index("hearing_extensions", &["hearing_id", "email"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("submissions")
                .col(pk_auto("id"))
                .col(integer("hearing_id"))
                .col(integer("organisation_id"))
                .col(string_uniq("reference"))
                .col(string("submitter_kind"))
                .col(string("name"))
                .col(string_null("organisation_name"))
                .col(string_null("org_number"))
                .col(integer_null("person_id"))
                .col(string_null("email"))
                .col(boolean("show_name"))
                .col(boolean("objects_to_publication"))
                .col(text_null("objection_reason"))
                .col(text("general_comment"))
                .col(timestamp_with_time_zone("received_at"))
                .col(timestamp_with_time_zone_null("confirmed_at"))
                .col(string_len_null("confirm_token_hash", 64))
                .col(timestamp_with_time_zone_null("confirm_expires_at"))
                .col(string("publication"))
                .col(string_null("withhold_reason"))
                .col(text_null("withhold_note"))
                .col(text_null("public_general_comment"))
                .col(text_null("admin_comment"))
                .col(text_null("staff_summary"))
                .col(integer_null("screened_by"))
                .col(timestamp_with_time_zone_null("screened_at"))
                .col(boolean("late_by_extension"))
                .col(string("lang"))
                .foreign_key(&mut fk("submissions", "hearing_id", "hearings"))
                .take(),
        )
        .await?;
        m.create_index(index("submissions", &["hearing_id", "publication"], false))
            .await?;
        m.create_index(index("submissions", &["confirm_token_hash"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("submission_comments")
                .col(pk_auto("id"))
                .col(integer("submission_id"))
                .col(integer("section_id"))
                .col(text("body"))
                .col(text_null("public_body"))
                .foreign_key(&mut fk(
                    "submission_comments",
                    "submission_id",
                    "submissions",
                ))
                .take(),
        )
        .await?;
        m.create_index(index("submission_comments", &["submission_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("submission_attachments")
                .col(pk_auto("id"))
                .col(integer("submission_id"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size_bytes"))
                .col(string("storage_key"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "submission_attachments",
                    "submission_id",
                    "submissions",
                ))
                .take(),
        )
        .await?;
        m.create_index(index("submission_attachments", &["submission_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("submission_tags")
                .col(pk_auto("id"))
                .col(integer("submission_id"))
                .col(integer("hearing_id"))
                .col(string("tag"))
                .foreign_key(&mut fk("submission_tags", "submission_id", "submissions"))
                .take(),
        )
        .await?;
        m.create_index(index("submission_tags", &["submission_id", "tag"], true))
            .await?;
        m.create_index(index("submission_tags", &["hearing_id", "tag"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "submission_tags",
            "submission_attachments",
            "submission_comments",
            "submissions",
            "hearing_extensions",
            "hearing_consultees",
            "hearing_sections",
            "hearing_documents",
            "hearing_events",
            "hearings",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
