//! When a hearing was first published (left draft for anything but cancelled): a hearing that
//! was never published stays private, also once cancelled. Existing rows take the first such
//! move from their history, or, without one, their creation when they are neither draft nor
//! cancelled.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("hearings")
                .add_column(timestamp_with_time_zone_null("published_at"))
                .take(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE hearings SET published_at = COALESCE(\
                   (SELECT MIN(e.at) FROM hearing_events e WHERE e.hearing_id = hearings.id \
                    AND e.from_status = 'draft' AND e.to_status <> 'cancelled'), \
                   CASE WHEN status NOT IN ('draft', 'cancelled') THEN created_at END)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("hearings")
                .drop_column("published_at")
                .take(),
        )
        .await
    }
}
