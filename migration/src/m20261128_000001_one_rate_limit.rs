//! One rate-limit model: every limit counts in `rate_limit_counters` (fixed windows), so the
//! sliding log of single hits goes.

use crate::shared::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("rate_limit_hits").take())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("rate_limit_hits")
                .col(big_pk_auto("id"))
                .col(string("bucket"))
                .col(timestamp_with_time_zone("at"))
                .take(),
        )
        .await?;
        m.create_index(index("rate_limit_hits", &["bucket", "at"], false))
            .await
    }
}
