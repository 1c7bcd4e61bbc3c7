//! Downloads of a citizen's own data (GDPR art. 15 and 20): asked for on Min side, built as a ZIP
//! by the worker, offered to the same person until it expires, then deleted with its file.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("data_exports")
                .col(big_pk_auto("id"))
                .col(integer("person_id"))
                .col(string("status"))
                .col(string_null("storage_key"))
                .col(big_integer_null("size_bytes"))
                .col(string_null("claimed_by"))
                .col(timestamp_with_time_zone_null("claimed_at"))
                .col(timestamp_with_time_zone("requested_at"))
                .col(timestamp_with_time_zone_null("ready_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("data_exports", "person_id", "persons"))
                .take(),
        )
        .await?;
        m.create_index(index("data_exports", &["person_id"], false))
            .await?;
        m.create_index(index("data_exports", &["status"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("data_exports").take())
            .await
    }
}
