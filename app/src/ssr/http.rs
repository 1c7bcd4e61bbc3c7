//! Request plumbing shared by every route and server function: the client's address, CSRF,
//! flash messages and kept form values, multipart forms, plain pages and cookies, the page
//! cache, the session store, and an organisation's written standard as its pages' default.

pub mod client_addr;
pub mod csrf;
pub mod fetch_site;
pub mod flash;
pub mod multipart;
pub mod nul;
pub mod page;
pub mod page_cache;
pub mod session_store;
pub mod site;
pub mod written_standard;
