//! Citizen panels (innbyggerpanel): staff set up a panel and see its composition against the
//! population; residents join on their own with ID-porten (residency checked, consent given)
//! and leave when they like, from the panel's page or Min side.

pub mod api;
pub mod list_page;
pub mod my_panels;
pub mod panel_page;
pub mod privacy_page;
pub mod staff_api;
pub mod staff_list_page;
pub mod staff_panel_page;
