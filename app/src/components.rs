//! UI shared across features: layout, form fields, formatting, request context.

pub mod action;
pub mod context;
pub mod follow;
pub mod form;
pub mod islands;
pub mod layout;
pub mod list;
pub mod status;
pub mod upload;
