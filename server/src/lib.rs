//! The `innspill` server: configuration, telemetry, router assembly, the few plain HTTP routes,
//! and the command-line subcommands. Wiring only; the application lives in the `app` crate.

// The OpenAPI document is one `json!` literal, deeper than the default limit.
#![recursion_limit = "256"]

pub mod branding;
pub mod cli;
pub mod config;
pub mod files;
pub mod idporten;
pub mod open_data;
pub mod routes;
pub mod security;
pub mod startup;
pub mod static_files;
pub mod telemetry;
pub mod worker;
