//! Staff authentication: login, logout, and who is logged in. (Citizens log in with ID-porten.)

pub mod api;
pub mod login_page;
pub mod staff_home_page;
pub mod staff_menu;
