//! Waves: a survey sent to a panel's members (all, or a stratified sub-sample drawn with a
//! recorded seed when the wave opens), between an opening and a closing time, with up to two
//! reminders to those who have not answered.
//!
//! - `panel_waves`: the wave — its panel, its survey (one wave per survey), the sample's size
//!   and seed, the times, the reminders' days, its status, and how many were invited — in all
//!   and per stratum (counts only, for the response rate per group).
//! - `panel_invitations`: who was invited (the member's contact row, never the pseudonym) and
//!   the hash of the personal link's token; the link itself is derived from the wave and the
//!   member under the installation's secret when a mail is written, so no token is kept. When a member
//!   leaves, their invitations lose the member and the hash: the count stays, the link to the
//!   answers goes.
//! - One answer per member: `survey_responses (survey_id, panel_pseudonym)` is unique.
//! - `panels.margins`: the population a panel's results are weighted to, as staff import it
//!   (age and gender from SSB's Statbank CSV, the districts typed), JSON; counts only.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("panels")
                .add_column(text_null("margins"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("panel_waves")
                .col(pk_auto("id"))
                .col(integer("panel_id"))
                .col(integer("survey_id"))
                .col(integer_null("sample_size"))
                .col(big_integer("seed"))
                .col(timestamp_with_time_zone("opens_at"))
                .col(timestamp_with_time_zone("closes_at"))
                .col(integer_null("first_reminder_days"))
                .col(integer_null("second_reminder_days"))
                .col(string("status"))
                .col(integer("invited").default(0))
                .col(text_null("invited_strata"))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("panel_waves", "panel_id", "panels"))
                .foreign_key(&mut fk("panel_waves", "survey_id", "surveys"))
                .take(),
        )
        .await?;
        m.create_index(index("panel_waves", &["panel_id"], false))
            .await?;
        m.create_index(index("panel_waves", &["survey_id"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("panel_invitations")
                .col(big_pk_auto("id"))
                .col(integer("wave_id"))
                .col(integer_null("member_id"))
                .col(string_len_null("token_hash", 64))
                .col(small_integer("reminders").default(0))
                .col(timestamp_with_time_zone_null("mailed_at"))
                .foreign_key(&mut fk("panel_invitations", "wave_id", "panel_waves"))
                .foreign_key(&mut fk("panel_invitations", "member_id", "panel_members"))
                .take(),
        )
        .await?;
        m.create_index(index("panel_invitations", &["wave_id"], false))
            .await?;
        m.create_index(index("panel_invitations", &["member_id"], false))
            .await?;
        m.create_index(index("panel_invitations", &["token_hash"], true))
            .await?;
        m.create_index(index(
            "survey_responses",
            &["survey_id", "panel_pseudonym"],
            true,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_survey_responses_survey_id_panel_pseudonym")
                .table("survey_responses")
                .to_owned(),
        )
        .await?;
        for t in ["panel_invitations", "panel_waves"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        m.alter_table(Table::alter().table("panels").drop_column("margins").take())
            .await?;
        Ok(())
    }
}
