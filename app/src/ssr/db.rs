//! The database: connecting, migrating, and the queries of each aggregate.

pub mod audit;
pub mod case_events;
pub mod citizens;
pub mod dialogue;
pub mod entities;
pub mod follows;
pub mod hearings;
pub mod initiatives;
pub mod organisations;
pub mod panels;
pub mod password_resets;
pub mod signatures;
pub mod staff;
pub mod submissions;
pub mod surveys;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Whether a commit returns only once it is on disk (`Durable`: an acknowledged submission is
/// stored), or may return before (`Relaxed`: tests, whose databases a power cut loses anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Durable,
    Relaxed,
}

/// Connects to `url` (`sqlite://…?mode=rwc` or `postgres://…`) and applies all migrations.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_and_migrate_with(url, Durability::Durable).await
}

pub async fn connect_and_migrate_with(
    url: &str,
    durability: Durability,
) -> Result<DatabaseConnection, DbErr> {
    let db = connect_with(url, durability).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, Durability::Durable).await
}

/// `connect`; on SQLite a `Relaxed` database syncs its write-ahead log at checkpoints only
/// (`synchronous = NORMAL`). (PostgreSQL's is set per test database: `testing`.)
pub async fn connect_with(url: &str, durability: Durability) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    if durability == Durability::Relaxed {
        use sea_orm::sqlx::sqlite::SqliteSynchronous;
        opts.map_sqlx_sqlite_opts(|o| o.synchronous(SqliteSynchronous::Normal));
    }
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5));
    if url.starts_with("sqlite:") {
        // One writer at a time is SQLite's nature; a small pool avoids lock contention, and an
        // in-memory database must live on a single connection.
        let max = if url.contains(":memory:") || url.contains("mode=memory") {
            1
        } else {
            4
        };
        opts.max_connections(max).min_connections(1);
    } else {
        // Half the pool is kept open: a connection opened under load (a TLS handshake and a
        // new server process) held up the requests waiting for it by a tenth of a second.
        opts.max_connections(20).min_connections(10);
    }
    let db = Database::connect(opts).await?;
    if url.starts_with("sqlite:") {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
            .await?;
        if !url.contains("memory") {
            db.execute_unprepared("PRAGMA journal_mode = WAL;").await?;
        }
    }
    Ok(db)
}

/// Whether the database refused a write for a unique key, told by the error's kind (SQLSTATE
/// 23505 on PostgreSQL, extended code 2067/1555 on SQLite), not by its text.
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
