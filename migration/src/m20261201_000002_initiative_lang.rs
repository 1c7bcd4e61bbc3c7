//! The language an initiative was written in (`nb`, `nn`, `en`): its text is marked with it
//! (`lang`) on every page, so a screen reader reads a nynorsk proposal as nynorsk on an English
//! page. Empty for initiatives proposed before it was recorded (their text is not marked).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("initiatives")
                .add_column(string_len_null("lang", 2))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("initiatives")
                .drop_column("lang")
                .take(),
        )
        .await
    }
}
