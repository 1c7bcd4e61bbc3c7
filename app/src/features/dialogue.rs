//! Dialogue with elected officials: the organisation's spaces (`list_page`), a space with its
//! threads and forms (`space_page`), its public moderation log (`log_page`), and the staff's
//! spaces and moderation queue (`staff_page`), and the admin's elected officials with their
//! seats and party groups (`officials_page`).

pub mod api;
pub mod list_page;
pub mod log_page;
pub mod officials_page;
pub mod space_page;
pub mod staff_api;
pub mod staff_page;
