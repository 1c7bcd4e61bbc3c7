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

    /// One field's error.
    pub fn one(field: &str, message_key: &str) -> Self {
        let mut errors = Self::new();
        errors.add(field, message_key);
        errors
    }

    /// Both parts of a form parsed, or the errors of either or both (a form parsed in parts,
    /// such as its text and its files).
    pub fn both<A, B>(
        a: Result<A, FieldErrors>,
        b: Result<B, FieldErrors>,
    ) -> Result<(A, B), FieldErrors> {
        match (a, b) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (a, b) => {
                let mut errors = a.err().unwrap_or_default();
                errors.merge(b.err().unwrap_or_default());
                Err(errors)
            }
        }
    }

    pub fn add(&mut self, field: &str, message_key: &str) {
        self.0.push((field.to_string(), message_key.to_string()));
    }

    /// `field`'s message, in place of any it had.
    pub fn set(&mut self, field: &str, message_key: &str) {
        self.0.retain(|(f, _)| f != field);
        self.add(field, message_key);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_parts_give_their_values_or_every_error_of_either() {
        let ok: Result<i32, FieldErrors> = Ok(1);
        let title = || Err::<i32, _>(FieldErrors::one("title", "t.invalid"));
        let file = || Err::<&str, _>(FieldErrors::one("file", "f.missing"));
        assert_eq!(FieldErrors::both(ok.clone(), Ok("a")), Ok((1, "a")));
        assert_eq!(
            FieldErrors::both(title(), file()).unwrap_err().0,
            vec![
                ("title".to_string(), "t.invalid".to_string()),
                ("file".to_string(), "f.missing".to_string())
            ]
        );
        assert_eq!(
            FieldErrors::both(ok, file()).unwrap_err().get("file"),
            Some("f.missing")
        );
    }
}
