//! Citizen initiatives (innbyggerforslag, kommuneloven § 12-1): residents propose, residents
//! sign, the proposer submits when enough have signed, and the council must decide within six
//! months.

pub mod api;
pub mod components;
pub mod initiative_page;
pub mod list_page;
pub mod propose_page;
pub mod signature_list_page;
pub mod staff_api;
pub mod staff_list_page;
pub mod staff_page;
