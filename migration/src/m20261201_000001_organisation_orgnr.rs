//! An organisation's organisasjonsnummer (Enhetsregisteret, nine digits): the party national
//! registers are asked on behalf of. A supplier's Maskinporten client names it as
//! `consumer_org` once the municipality has delegated the register's scope in Altinn; empty
//! where the platform's own client is the municipality's (a self-hosted installation).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("organisations")
                .add_column(string_len_null("orgnr", 9))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("organisations")
                .drop_column("orgnr")
                .take(),
        )
        .await
    }
}
