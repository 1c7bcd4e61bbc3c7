//! The platform administrator: every organisation on the installation, creating one (with its
//! first administrator invited), and deactivating one.

pub mod api;
pub mod new_organisation_page;
pub mod platform_page;
