//! Server-only code, compiled only with the `ssr` feature. Never imports `features`,
//! `components` or `routes` (checked by `make lint`). Grouped by role:
//!
//! - `state`: what every handler shares (database, clock, settings, adapters);
//! - `http`: request plumbing (client address, CSRF, flash, multipart, pages, page cache,
//!   sessions);
//! - `security`: who is asking, passwords, keyed hashes, sealing, tokens, rate limits;
//! - `db`: entities and queries per aggregate; `services`: use cases per feature;
//! - `signing`: the hot path of signing an initiative, with its batching;
//! - `batch`: the generic coalescer of database work;
//! - outbound adapters: `contact` (KRR), `files`, `idporten`, `mail`, `residency` (with `maskinporten` for
//!   access to national registers and `outbound` for what calls to them share); and `formats` (Markdown,
//!   spreadsheet cells) they and the services write.
//!
//! Internal errors are logged with a reference id and reach the user only as that id
//! ([`internal`], [`OrInternal`]).

pub mod batch;
pub mod contact;
pub mod db;
pub mod files;
pub mod formats;
pub mod http;
pub mod idporten;
pub mod mail;
pub mod maskinporten;
pub mod outbound;
pub mod residency;
pub mod security;
pub mod services;
pub mod signing;
pub mod state;

pub use state::{AppState, app_state};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "innspill_session";

use crate::error::AppError;
use std::fmt::Display;

pub fn internal(detail: impl Display) -> AppError {
    let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    tracing::error!(reference = %reference, error = %detail, "internal error");
    AppError::Internal { reference }
}

/// `?`-friendly conversion of any displayable error into a logged internal error.
pub trait OrInternal<T> {
    fn or_internal(self) -> Result<T, AppError>;
}

impl<T, E: Display> OrInternal<T> for Result<T, E> {
    fn or_internal(self) -> Result<T, AppError> {
        self.map_err(internal)
    }
}
