//! Tests that run the real `innspill` binary: several servers on one database, the CLI, start-up
//! failures, and losing the database while running.

#![allow(clippy::unwrap_used)]

mod cli;
mod database_outage;
mod log_privacy;
mod proc;
#[path = "../common/idporten.rs"]
mod standin;
mod two_servers;
