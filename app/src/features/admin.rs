//! An organisation admin manages the organisation profile, its bodies and its staff.

pub mod accept_invitation_page;
pub mod actions;
pub mod admin_page;
pub mod api;
mod bodies_section;
mod branding_section;
mod initiative_settings;
mod profile_form;
mod staff_section;
