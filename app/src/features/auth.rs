//! Staff authentication: login, logout, a forgotten password, and who is logged in. (Citizens
//! log in with ID-porten.)

pub mod api;
pub mod login_page;
pub mod password_pages;
pub mod second_factor_pages;
pub mod staff_home_page;
pub mod staff_menu;
