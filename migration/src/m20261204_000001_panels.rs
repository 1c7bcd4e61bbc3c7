//! Citizen panels (innbyggerpanel): a standing group of residents who agreed to answer an
//! organisation's surveys.
//!
//! Privacy by construction, in three places that are joined only by a pseudonym:
//! - `panel_members` is the contact side: who is a member (a keyed hash of the person, never
//!   the national id), the email address the member gave, how they came in and whether they
//!   are still a member. Its `pseudonym` is the one link to the other two; it is emptied (with
//!   the hash and the address) when a member leaves, so that nothing the panel kept of a former
//!   member can be tied to them again.
//! - `panel_profiles` is the analysis side, keyed by the pseudonym: the age band, gender and
//!   district the results are weighted by — bands, never a birth date.
//! - `survey_responses.panel_pseudonym`: a panel member's answers carry the pseudonym, never the
//!   member's id.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("panels")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string("name"))
                .col(text("purpose"))
                .col(string("district_kind"))
                .col(text("districts"))
                .col(integer("skip_limit").default(3))
                .col(boolean("recruiting").default(true))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("panels", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_index(index("panels", &["organisation_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("panel_members")
                .col(pk_auto("id"))
                .col(integer("panel_id"))
                .col(string_len_null("person_hash", 64))
                .col(string_null("email"))
                .col(string_len_null("pseudonym", 32))
                .col(string("source"))
                .col(string("status"))
                .col(integer("skipped_in_row").default(0))
                .col(timestamp_with_time_zone("joined_at"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .foreign_key(&mut fk("panel_members", "panel_id", "panels"))
                .take(),
        )
        .await?;
        m.create_index(index("panel_members", &["panel_id", "person_hash"], true))
            .await?;
        m.create_index(index("panel_members", &["pseudonym"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("panel_profiles")
                .col(string_len("pseudonym", 32).primary_key())
                .col(integer("panel_id"))
                .col(small_integer("age_band"))
                .col(string("gender"))
                .col(small_integer("district"))
                .foreign_key(&mut fk("panel_profiles", "panel_id", "panels"))
                .take(),
        )
        .await?;
        m.create_index(index("panel_profiles", &["panel_id"], false))
            .await?;
        m.alter_table(
            Table::alter()
                .table("survey_responses")
                .add_column(string_len_null("panel_pseudonym", 32))
                .take(),
        )
        .await?;
        m.create_index(index("survey_responses", &["panel_pseudonym"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_survey_responses_panel_pseudonym")
                .table("survey_responses")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("survey_responses")
                .drop_column("panel_pseudonym")
                .take(),
        )
        .await?;
        for t in ["panel_profiles", "panel_members", "panels"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
