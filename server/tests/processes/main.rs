//! Tests that run the real `innspill` binary: several servers on one database and one bucket, the CLI, start-up
//! failures, losing the database while running, and the open-data API under a fuzzer.

#![allow(clippy::unwrap_used)]

mod api_fuzz;
mod cli;
mod database_outage;
mod faults;
mod log_privacy;
mod proc;
#[path = "../common/s3.rs"]
mod s3;
#[path = "../common/idporten.rs"]
mod standin;
mod two_servers;
