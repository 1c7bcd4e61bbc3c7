//! Following cases: who follows what (a person, or an address confirmed by a link), the public
//! events of every case, recorded with the change that caused them, which the worker fans out
//! in batches (`fanout_cursor`: the last follow reached), and the events waiting for a
//! follower's digest. A queued mail may carry its one-click unsubscribe address. Signers who
//! asked for the outcome, and proposers, become followers of their own initiative.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("follows")
                .col(big_pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string("case_kind"))
                .col(integer("case_id"))
                .col(integer_null("person_id"))
                .col(string_null("email"))
                .col(string("lang"))
                .col(string("cadence"))
                .col(string("reason"))
                .col(string_len_null("confirm_hash", 64))
                .col(timestamp_with_time_zone_null("confirmed_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("follows", "organisation_id", "organisations"))
                .foreign_key(&mut fk("follows", "person_id", "persons"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "follows",
            &["case_kind", "case_id", "person_id"],
            true,
        ))
        .await?;
        m.create_index(index("follows", &["case_kind", "case_id", "email"], true))
            .await?;
        m.create_index(index("follows", &["person_id"], false))
            .await?;
        m.create_index(index("follows", &["confirm_hash"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("case_events")
                .col(big_pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string("case_kind"))
                .col(integer("case_id"))
                .col(string("kind"))
                .col(text("detail"))
                .col(string_null("once_key"))
                .col(timestamp_with_time_zone("at"))
                .col(big_integer("fanout_cursor").default(0))
                .col(string_null("claimed_by"))
                .col(timestamp_with_time_zone_null("claimed_at"))
                .col(timestamp_with_time_zone_null("fanned_out_at"))
                .foreign_key(&mut fk("case_events", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_index(index("case_events", &["case_kind", "case_id"], false))
            .await?;
        m.create_index(index("case_events", &["fanned_out_at"], false))
            .await?;
        m.create_index(index("case_events", &["once_key"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("digest_items")
                .col(big_pk_auto("id"))
                .col(big_integer("follow_id"))
                .col(big_integer("event_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("digest_items", "follow_id", "follows"))
                .foreign_key(&mut fk("digest_items", "event_id", "case_events"))
                .take(),
        )
        .await?;
        m.create_index(index("digest_items", &["follow_id"], false))
            .await?;
        m.create_index(index("digest_items", &["event_id"], false))
            .await?;
        m.alter_table(
            Table::alter()
                .table("mail_outbox")
                .add_column(string_null("list_unsubscribe"))
                .take(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO follows (organisation_id, case_kind, case_id, person_id, email, lang, \
               cadence, reason, confirmed_at, created_at) \
             SELECT i.organisation_id, 'initiative', i.id, i.person_id, i.contact_email, 'nb', \
               'immediate', 'proposed', i.created_at, i.created_at \
             FROM initiatives i WHERE i.status NOT IN ('draft', 'screening', 'rejected')",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO follows (organisation_id, case_kind, case_id, person_id, email, lang, \
               cadence, reason, confirmed_at, created_at) \
             SELECT s.organisation_id, 'initiative', s.initiative_id, s.person_id, NULL, \
               COALESCE(p.lang, 'nb'), 'immediate', 'signed', MIN(s.signed_at), MIN(s.signed_at) \
             FROM signatures s JOIN persons p ON p.id = s.person_id \
             WHERE s.notify AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.case_kind = \
               'initiative' AND f.case_id = s.initiative_id AND f.person_id = s.person_id) \
             GROUP BY s.organisation_id, s.initiative_id, s.person_id, p.lang",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("mail_outbox")
                .drop_column("list_unsubscribe")
                .take(),
        )
        .await?;
        for t in ["digest_items", "case_events", "follows"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
