//! Every type that crosses the wire: what server functions take and return, one file per
//! capability. Imports only `domain`; pages and services both read these, never the other way.

pub mod admin;
pub mod auth;
pub mod citizen;
pub mod dashboard;
pub mod dialogue;
pub mod follows;
pub mod hearings;
pub mod initiatives;
pub mod my_data;
pub mod organisations;
pub mod panels;
pub mod platform;
pub mod surveys;
