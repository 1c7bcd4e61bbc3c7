//! Use cases spanning the database, mail and the rules. Each checks authorisation itself.

pub mod admin;
pub mod citizen_auth;
pub mod citizen_email;
pub mod hearing_exports;
pub mod hearing_status;
pub mod hearings;
pub mod initiative_staff;
pub mod initiatives;
pub mod screening;
pub mod signing;
pub mod staff_auth;
pub mod submissions;
pub mod users;
