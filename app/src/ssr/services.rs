//! Use cases spanning the database, mail and the rules. Each checks authorisation itself.

pub mod admin;
pub mod citizen_auth;
pub mod citizen_email;
pub mod staff_auth;
pub mod users;
