//! What each staff member wants to hear of in each organisation (new submissions, deadlines,
//! initiatives) and how often; `last_sent_at` is where their last digest ended, moved by a
//! conditional update so that two processes never send the same digest.

use crate::shared::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("staff_notices")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(integer("organisation_id"))
                .col(boolean("submissions"))
                .col(boolean("deadlines"))
                .col(boolean("initiatives"))
                .col(string("cadence"))
                .col(timestamp_with_time_zone_null("last_sent_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("staff_notices", "user_id", "staff_users"))
                .foreign_key(&mut fk("staff_notices", "organisation_id", "organisations"))
                .take(),
        )
        .await?;
        m.create_index(index(
            "staff_notices",
            &["user_id", "organisation_id"],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("staff_notices").take())
            .await
    }
}
