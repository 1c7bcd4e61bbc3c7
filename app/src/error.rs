//! `AppError`, the error of every server function: serialisable, with a user-facing meaning and
//! an HTTP status. Internal details are logged with a reference and never sent to the user.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

pub use crate::domain::field_errors::FieldErrors;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not logged in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// A request that must be a click inside Innspill came from another site.
    #[error("from another site")]
    CrossSite,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Validation(FieldErrors),
    /// A message key explaining the conflict (e.g. an address already in use).
    #[error("conflict")]
    Conflict(String),
    /// Something the request needs is out of order for now (the message key says what);
    /// nothing was stored.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("too many attempts")]
    RateLimited { retry_after_minutes: u32 },
    #[error("internal error, reference {reference}")]
    Internal { reference: String },
    #[error("server function error: {0}")]
    ServerFn(ServerFnErrorErr),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::CrossSite => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Unavailable(_) => 503,
            AppError::RateLimited { .. } => 429,
            AppError::Internal { .. } => 500,
            // The request could not be read as the function's arguments: the client's fault.
            AppError::ServerFn(
                ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_)
                | ServerFnErrorErr::Request(_),
            ) => 400,
            AppError::ServerFn(ServerFnErrorErr::Registration(_)) => 404,
            AppError::ServerFn(ServerFnErrorErr::UnsupportedRequestMethod(_)) => 405,
            AppError::ServerFn(_) => 500,
        }
    }

    pub fn field(field: &str, message_key: &str) -> Self {
        let mut e = FieldErrors::new();
        e.add(field, message_key);
        AppError::Validation(e)
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(f) => Some(f),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}
