//! Surveys (spørreundersøkelser): a survey of an organisation, its questionnaire in numbered
//! versions (a version with answers is never changed but for typo fixes; any other change
//! makes the next version), the responses to it and their answers.
//!
//! Privacy by construction: `survey_responses` and `survey_answers` have no column that names a
//! person, a login, an address or a panel member. A response is reached by the hash of the
//! token in its resume link. "One answer per person" keeps only a keyed hash of the person
//! beside the survey, in `survey_once`, whose key is the pair (no id, no time, and on SQLite
//! no row id either), written in a transaction of its own; responses keep only the day they
//! were begun and sent. What remains: PostgreSQL's heap keeps rows roughly in the order they
//! were written, which someone with the database files and the installation's secret could
//! hold against the order of the responses. A free-text answer is published only once staff
//! have screened it (`survey_answers.screening`: `published` or `withheld`).

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("surveys")
                .col(pk_auto("id"))
                .col(integer("organisation_id"))
                .col(string("kind"))
                .col(string("status"))
                .col(string("title"))
                .col(text("intro"))
                .col(boolean("one_per_person").default(false))
                .col(integer_null("min_cell"))
                .col(integer("current_version").default(1))
                .col(timestamp_with_time_zone_null("opened_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(timestamp_with_time_zone_null("results_published_at"))
                .col(integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("surveys", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_index(index("surveys", &["organisation_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("survey_versions")
                .col(pk_auto("id"))
                .col(integer("survey_id"))
                .col(integer("number"))
                .col(text("questionnaire"))
                .col(boolean("answered").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("survey_versions", "survey_id", "surveys"))
                .take(),
        )
        .await?;
        m.create_index(index("survey_versions", &["survey_id", "number"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("survey_responses")
                .col(big_pk_auto("id"))
                .col(integer("survey_id"))
                .col(integer("version_id"))
                .col(string_len("token_hash", 64))
                .col(integer("sections_done").default(0))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .foreign_key(&mut fk("survey_responses", "survey_id", "surveys"))
                .foreign_key(&mut fk("survey_responses", "version_id", "survey_versions"))
                .take(),
        )
        .await?;
        m.create_index(index("survey_responses", &["token_hash"], true))
            .await?;
        m.create_index(index("survey_responses", &["survey_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("survey_answers")
                .col(big_pk_auto("id"))
                .col(big_integer("response_id"))
                .col(integer("question_id"))
                .col(text("answer"))
                .col(string_null("screening"))
                .foreign_key(&mut fk("survey_answers", "response_id", "survey_responses"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "survey_answers",
            &["response_id", "question_id"],
            true,
        ))
        .await?;
        // No row id on SQLite either (`WITHOUT ROWID`: rows are kept in the order of their
        // key, the hash), so that the table's order says nothing of when a person answered.
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            m.get_connection()
                .execute_unprepared(
                    "CREATE TABLE survey_once (\
                       survey_id integer NOT NULL, \
                       person_hash varchar(64) NOT NULL, \
                       PRIMARY KEY (survey_id, person_hash), \
                       CONSTRAINT fk_survey_once_survey_id FOREIGN KEY (survey_id) \
                         REFERENCES surveys (id) ON DELETE CASCADE\
                     ) WITHOUT ROWID",
                )
                .await?;
        } else {
            m.create_table(
                Table::create()
                    .table("survey_once")
                    .col(integer("survey_id"))
                    .col(string_len("person_hash", 64))
                    .primary_key(Index::create().col("survey_id").col("person_hash"))
                    .foreign_key(&mut fk("survey_once", "survey_id", "surveys"))
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "survey_once",
            "survey_answers",
            "survey_responses",
            "survey_versions",
            "surveys",
        ] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
