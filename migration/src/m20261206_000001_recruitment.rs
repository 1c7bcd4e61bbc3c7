//! A panel's probability sample: staff set a target per stratum (age band × gender × district),
//! and Innspill draws residents at random within each stratum from the population register,
//! inviting each by email (where KRR gives a usable address) or by letter, with a personal
//! enrolment code. Top-ups are later draws towards the same targets.
//!
//! - `panels.targets`: the targets as staff set them (JSON: proportional to the population with
//!   a total, or a fixed number per stratum, and the share of invitees expected to enrol);
//!   `panels.draws`: how many draws were made, claimed by a conditional update so that two
//!   draws planned at once cannot both be recorded.
//! - `panels.background` and `panel_profiles.background`: the organisation's background
//!   questions (JSON) and, under the pseudonym, a member's answers to them (JSON of option
//!   positions) — on the analysis side, never beside the contact data.
//! - `panel_draws`: one draw — its seed (for the audit), how many were invited in all, by email
//!   and by letter, and per stratum (counts only), when its invitations expire.
//! - `panel_invitees`: one drawn resident until the invitation ends: the keyed hash of the
//!   person (never the national id; unique per panel, so nobody is drawn twice), their stratum
//!   as the register gives it (bands), how they are reached, the hash of their enrolment code,
//!   and — only while the invitation is open — the address KRR gave or the name and postal
//!   address the letter needs. Those three are emptied when the invitee enrols or the invitation
//!   expires; the row itself goes a year after the draw.

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
                .add_column(text_null("targets"))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("panels")
                .add_column(integer("draws").default(0))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("panels")
                .add_column(text_null("background"))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("panel_profiles")
                .add_column(text_null("background"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("panel_draws")
                .col(pk_auto("id"))
                .col(integer("panel_id"))
                .col(big_integer("seed"))
                .col(integer("invited"))
                .col(integer("by_email"))
                .col(integer("by_letter"))
                .col(text("invited_strata"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("panel_draws", "panel_id", "panels"))
                .take(),
        )
        .await?;
        m.create_index(index("panel_draws", &["panel_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("panel_invitees")
                .col(big_pk_auto("id"))
                .col(integer("draw_id"))
                .col(integer("panel_id"))
                .col(string_len("person_hash", 64))
                .col(small_integer("age_band"))
                .col(string("gender"))
                .col(small_integer("district"))
                .col(string("channel"))
                .col(string_len("code_hash", 64))
                .col(string("status"))
                .col(string_null("email"))
                .col(string_null("name"))
                .col(string_null("address"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .foreign_key(&mut fk("panel_invitees", "draw_id", "panel_draws"))
                .foreign_key(&mut fk("panel_invitees", "panel_id", "panels"))
                .take(),
        )
        .await?;
        m.create_index(index("panel_invitees", &["panel_id", "person_hash"], true))
            .await?;
        m.create_index(index("panel_invitees", &["code_hash"], true))
            .await?;
        m.create_index(index("panel_invitees", &["draw_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["panel_invitees", "panel_draws"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        for (table, column) in [
            ("panel_profiles", "background"),
            ("panels", "background"),
            ("panels", "draws"),
            ("panels", "targets"),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(column).take())
                .await?;
        }
        Ok(())
    }
}
