//! Citizen panels (innbyggerpanel): staff set up a panel and see its composition against the
//! population; residents join on their own with ID-porten (residency checked, consent given)
//! and leave when they like, from the panel's page, Min side or the link in any panel mail;
//! staff send surveys to the members in waves.

pub mod api;
pub mod enrol_page;
pub mod leave_link_page;
pub mod letters_page;
pub mod list_page;
pub mod my_panels;
pub mod panel_page;
pub mod privacy_page;
pub mod staff_api;
pub mod staff_list_page;
pub mod staff_margins;
pub mod staff_panel_page;
pub mod staff_recruitment;
pub mod staff_waves;
