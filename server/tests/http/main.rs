//! HTTP tests against the real router on port 0, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)]

mod admin;
mod admin_support;
mod authorisation;
mod citizen_email;
mod csrf;
mod dashboard;
mod delivery;
mod dialogue;
mod follows;
mod hearing_open_data;
mod hearing_page_queries;
mod hearing_submissions;
mod hearing_support;
mod hearings_staff;
mod helpers;
mod hostile_input;
mod idporten;
mod idporten_support;
mod initiative_builders;
mod initiative_support;
mod initiatives;
mod krr;
mod maskinporten;
mod my_data;
mod my_page;
mod object_storage;
mod onboarding;
mod organisations;
mod page_cache;
mod panels;
mod records;
#[path = "../common/registers.rs"]
mod registers;
mod retention;
#[path = "../common/s3.rs"]
mod s3;
mod second_factor;
mod staff_login;
mod staff_password_reset;
#[path = "../common/idporten.rs"]
mod standin;
mod survey_support;
mod surveys;
mod written_standard;
