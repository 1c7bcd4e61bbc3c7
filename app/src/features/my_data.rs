//! A citizen's own data: the download section on Min side, and the page that explains and
//! then deletes their account.

pub mod api;
pub mod delete_page;
pub mod my_data_section;
