//! Organisations (municipalities and counties): the public list and each organisation's page.

pub mod api;
pub mod home_page;
pub mod open_now;
pub mod organisation_page;
pub mod records_page;
