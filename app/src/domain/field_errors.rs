//! What was wrong with a form: one message per field, each a translation key, shown next to the
//! field it concerns in the user's language.

use serde::{Deserialize, Serialize};

/// One message per form field; `message` is a translation key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message_key: &str) {
        self.0.push((field.to_string(), message_key.to_string()));
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when no field failed, otherwise the errors of them all (a server function turns
    /// them into `AppError::Validation` with `?`).
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Adds every error of `other` (a form parsed in parts).
    pub fn merge(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }
}
