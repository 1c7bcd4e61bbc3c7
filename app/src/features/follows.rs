//! Following a case: its follow page (one click when logged in, an address confirmed by a link
//! otherwise, and the case's Atom feed), the pages behind the confirmation and unsubscribe
//! links, and the list of follows on Min side.

pub mod api;
pub mod confirm_follow_page;
pub mod follow_page;
pub mod my_follows;
pub mod unsubscribe_page;
