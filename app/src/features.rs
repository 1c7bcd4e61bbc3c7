//! One folder per capability: its server functions (`api.rs`) and its pages and forms.

pub mod admin;
pub mod auth;
pub mod citizen;
pub mod dashboard;
pub mod dialogue;
pub mod follows;
pub mod hearings;
pub mod info;
pub mod initiatives;
pub mod my_data;
pub mod organisations;
pub mod panels;
pub mod platform;
pub mod surveys;
