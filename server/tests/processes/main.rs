//! Tests that run the real `innspill` binary: several servers on one database, the CLI, start-up
//! failures, and losing the database while running.

mod cli;
mod database_outage;
mod proc;
mod two_servers;
