//! The staff dashboard of an organisation: what needs action, and the staff member's digests.

pub mod api;
pub mod dashboard_page;
