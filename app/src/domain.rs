//! Pure types and rules of Innspill: no I/O, no leptos, no database. Every type here parses and
//! normalises its input once, so that nothing unvalidated travels further.

pub mod email;
pub mod field_errors;
pub mod hearing;
pub mod initiative;
pub mod lang;
pub mod loa;
pub mod moment;
pub mod national_id;
pub mod org_number;
pub mod organisation;
pub mod password;
pub mod role;
pub mod submission;
