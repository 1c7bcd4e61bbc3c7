//! Citizens who log in with ID-porten: the person (keyed by issuer and `sub`, the national id
//! only as a keyed hash), each login (with the provider's `sid`, for front-channel logout) and
//! pending email confirmations.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("persons")
                .col(pk_auto("id"))
                .col(string("issuer"))
                .col(string("subject"))
                .col(string_len_null("pid_hash", 64))
                .col(string_null("given_name"))
                .col(string_null("family_name"))
                .col(string_null("email"))
                .col(string("lang"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_login_at"))
                .take(),
        )
        .await?;
        m.create_index(index("persons", &["issuer", "subject"], true))
            .await?;
        m.create_index(index("persons", &["pid_hash"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("citizen_logins")
                .col(big_pk_auto("id"))
                .col(integer("person_id"))
                .col(string("issuer"))
                .col(string_null("sid"))
                .col(string("acr"))
                .col(text("id_token_sealed"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .foreign_key(&mut fk("citizen_logins", "person_id", "persons"))
                .take(),
        )
        .await?;
        m.create_index(index("citizen_logins", &["issuer", "sid"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("email_confirmations")
                .col(pk_auto("id"))
                .col(integer("person_id"))
                .col(string("email"))
                .col(string_uniq("token_hash"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("confirmed_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("email_confirmations", "person_id", "persons"))
                .take(),
        )
        .await?;
        m.create_index(index("email_confirmations", &["person_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["email_confirmations", "citizen_logins", "persons"] {
            m.drop_table(Table::drop().table(t).take()).await?;
        }
        Ok(())
    }
}
