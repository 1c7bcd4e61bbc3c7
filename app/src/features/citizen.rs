//! Citizens logged in with ID-porten: who they are (as they may see it), their page, and their
//! email address. The login and logout themselves are plain HTTP routes (see `server`).

pub mod api;
pub mod citizen_menu;
pub mod confirm_email_page;
pub mod logged_out_page;
pub mod my_page;
