//! Internal errors: logged with a reference id, shown to the user only as that id.

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
