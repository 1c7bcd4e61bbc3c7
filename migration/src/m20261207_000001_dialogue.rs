//! Dialogue with elected officials: debates, "Spør politikerne" and digital town halls, and the
//! moderation that officials and moderators share in public.
//!
//! - `dialogue_settings`: per organisation — whether citizens appear under their name from
//!   ID-porten or a display name they choose (`names`: `real` | `chosen`), the answer deadline
//!   for questions to officials in days, how many flags hide a post pending review, and the
//!   house rules (JSON list of texts; none: the default rules in the organisation's language).
//! - `party_groups`: the organisation's party groups (partigrupper), by name.
//! - `official_seats`: an elected official (a staff account) on a body (kommunestyre, utvalg),
//!   with their party group there: what the public badge on their posts says.
//! - `dialogue_spaces`: a debate, a "Spør politikerne" space or a town hall: its kind, title,
//!   text, the hearing or initiative it belongs to (if any), when it is open, pre- or
//!   post-moderation, whether only residents may take part, and whether it is published.
//! - `dialogue_hosts`: the officials who host a space (they answer, and moderate it with the
//!   organisation's moderators).
//! - `dialogue_participants`: a citizen as they take part in one organisation's dialogue — the
//!   person (by id; emptied when the account is deleted), the display name they chose (and its
//!   folded form, unique per organisation), how many of their posts were published (the
//!   first-time rules), and a suspension (until when, under which rule, why).
//! - `dialogue_posts`: a post, a reply (thread and parent), a question to officials or an
//!   official's answer. Written by a participant or by an official (then with the badge as it
//!   was when posted). `state`: `pending` (pre-moderation), `visible` or `hidden` (with the rule
//!   broken, and whether flags hid it pending review); a thread may be locked; a question has
//!   its addressee, its answer deadline and when it was answered. `text_hash` finds a
//!   participant's duplicate posts. Counts of supports and open flags are kept on the row.
//! - `dialogue_supports`: one support per participant and post.
//! - `dialogue_flags`: a participant's flag on a post with its reason; resolved by a review.
//! - `dialogue_moderation`: every moderation decision — approve, hide, restore, lock, unlock,
//!   suspend — with the rule it cites, the role that made it (moderator, host, admin, or the
//!   flags themselves), and, for a host's hide in their own space, a request that waits for a
//!   second moderator. The public log shows action, rule, role and time — never the person.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 10] = [
    "dialogue_moderation",
    "dialogue_flags",
    "dialogue_supports",
    "dialogue_posts",
    "dialogue_participants",
    "dialogue_hosts",
    "dialogue_spaces",
    "official_seats",
    "party_groups",
    "dialogue_settings",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("dialogue_settings")
                .col(integer("organisation_id").primary_key())
                .col(string_len("names", 16).default("real"))
                .col(integer("answer_days").default(14))
                .col(integer("flags_to_hide").default(3))
                .col(text_null("rules"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "dialogue_settings",
                    "organisation_id",
                    "organisations",
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("party_groups")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string_len("name", 120))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("party_groups", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_index(index("party_groups", &["organisation_id", "name"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("official_seats")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(integer("user_id"))
                .col(integer("body_id"))
                .col(integer_null("party_group_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "official_seats",
                    "organisation_id",
                    "organisations",
                ))
                .foreign_key(&mut fk("official_seats", "user_id", "staff_users"))
                .foreign_key(&mut fk("official_seats", "body_id", "bodies"))
                .take(),
        )
        .await?;
        m.create_index(index("official_seats", &["user_id", "body_id"], true))
            .await?;
        m.create_index(index("official_seats", &["organisation_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("dialogue_spaces")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string_len("kind", 16))
                .col(string_len("title", 200))
                .col(text("description"))
                .col(integer_null("hearing_id"))
                .col(integer_null("initiative_id"))
                .col(timestamp_with_time_zone("opens_at"))
                .col(timestamp_with_time_zone_null("closes_at"))
                .col(string_len("moderation", 8))
                .col(boolean("residents_only").default(false))
                .col(boolean("published").default(false))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "dialogue_spaces",
                    "organisation_id",
                    "organisations",
                ))
                .take(),
        )
        .await?;
        m.create_index(index("dialogue_spaces", &["organisation_id"], false))
            .await?;
        m.create_index(index("dialogue_spaces", &["hearing_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("dialogue_hosts")
                .col(integer("space_id"))
                .col(integer("user_id"))
                .primary_key(Index::create().col("space_id").col("user_id"))
                .foreign_key(&mut fk("dialogue_hosts", "space_id", "dialogue_spaces"))
                .foreign_key(&mut fk("dialogue_hosts", "user_id", "staff_users"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("dialogue_participants")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(integer_null("person_id"))
                .col(string_len_null("display_name", 60))
                .col(string_len_null("name_key", 60))
                .col(integer("published_posts").default(0))
                .col(timestamp_with_time_zone_null("suspended_until"))
                .col(integer_null("suspension_rule"))
                .col(text_null("suspension_reason"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "dialogue_participants",
                    "organisation_id",
                    "organisations",
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "dialogue_participants",
            &["organisation_id", "person_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "dialogue_participants",
            &["organisation_id", "name_key"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("dialogue_posts")
                .col(big_pk_auto("id"))
                .col(integer("space_id"))
                .col(big_integer_null("thread_id"))
                .col(big_integer_null("parent_id"))
                .col(integer_null("participant_id"))
                .col(integer_null("official_id"))
                .col(text_null("badge"))
                .col(string_len("kind", 16))
                .col(integer_null("to_body_id"))
                .col(integer_null("to_party_id"))
                .col(text("text"))
                .col(string_len("text_hash", 64))
                .col(string_len("state", 16))
                .col(integer_null("hidden_rule"))
                .col(boolean("hidden_by_flags").default(false))
                .col(boolean("locked").default(false))
                .col(timestamp_with_time_zone_null("answer_due"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(integer("supports").default(0))
                .col(integer("open_flags").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("dialogue_posts", "space_id", "dialogue_spaces"))
                .take(),
        )
        .await?;
        for cols in [
            &["space_id", "state"][..],
            &["thread_id"],
            &["participant_id", "text_hash"],
            &["state", "open_flags"],
        ] {
            m.create_index(index("dialogue_posts", cols, false)).await?;
        }
        m.create_table(
            Table::create()
                .table("dialogue_supports")
                .col(big_integer("post_id"))
                .col(integer("participant_id"))
                .primary_key(Index::create().col("post_id").col("participant_id"))
                .foreign_key(&mut fk("dialogue_supports", "post_id", "dialogue_posts"))
                .foreign_key(&mut fk(
                    "dialogue_supports",
                    "participant_id",
                    "dialogue_participants",
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("dialogue_flags")
                .col(big_pk_auto("id"))
                .col(big_integer("post_id"))
                .col(integer("participant_id"))
                .col(string_len("reason", 32))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .foreign_key(&mut fk("dialogue_flags", "post_id", "dialogue_posts"))
                .foreign_key(&mut fk(
                    "dialogue_flags",
                    "participant_id",
                    "dialogue_participants",
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "dialogue_flags",
            &["post_id", "participant_id"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("dialogue_moderation")
                .col(big_pk_auto("id"))
                .col(integer("organisation_id"))
                .col(integer_null("space_id"))
                .col(big_integer_null("post_id"))
                .col(integer_null("participant_id"))
                .col(string_len("action", 16))
                .col(integer_null("rule"))
                .col(string_len("role", 16))
                .col(integer_null("actor_id"))
                .col(string_len("status", 16))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .foreign_key(&mut fk(
                    "dialogue_moderation",
                    "organisation_id",
                    "organisations",
                ))
                .take(),
        )
        .await?;
        m.create_index(index("dialogue_moderation", &["space_id"], false))
            .await?;
        m.create_index(index("dialogue_moderation", &["post_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
