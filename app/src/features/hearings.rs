//! Public hearings (høringer): staff publish a case with documents, sections and a deadline;
//! anyone submits comments; staff screen, answer and report.

pub mod api;
pub mod components;
pub mod editor_page;
pub mod editor_parts;
pub mod editor_status;
pub mod hearing_page;
pub mod list_page;
pub mod receipt_page;
pub mod staff_api;
pub mod staff_list_page;
pub mod submit_page;
pub mod summary_page;
pub mod workbench_api;
pub mod workbench_page;
