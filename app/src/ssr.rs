//! Server-only code: state, database, authentication, mail and the services that server
//! functions call. Compiled only with the `ssr` feature.

pub mod auth;
pub mod batch;
pub mod client_addr;
pub mod clock;
pub mod csrf;
pub mod db;
pub mod files;
pub mod flash;
pub mod idporten;
pub mod initiative_cache;
pub mod internal;
pub mod mail;
pub mod markdown;
pub mod multipart;
pub mod page;
pub mod page_cache;
pub mod password;
pub mod pid;
pub mod rate_counter;
pub mod rate_limit;
pub mod residency;
pub mod seal;
pub mod seed;
pub mod services;
pub mod session_store;
pub mod settings;
pub mod signature_counts;
pub mod signing_writer;
pub mod spreadsheet;
pub mod state;
pub mod testing;

pub use state::{AppState, app_state};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "innspill_session";
