//! UI shared across features: layout, form fields, formatting, request context.

pub mod context;
pub mod form;
pub mod format;
pub mod layout;
pub mod list;
pub mod status;
