//! HTTP tests against the real router on port 0, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)]

mod admin;
mod csrf;
mod helpers;
mod organisations;
mod staff_login;
