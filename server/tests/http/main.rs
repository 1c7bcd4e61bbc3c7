//! HTTP tests against the real router on port 0, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)]

mod admin;
mod citizen_email;
mod csrf;
mod helpers;
mod idporten;
mod organisations;
mod staff_login;
#[path = "../common/idporten.rs"]
mod standin;
