//! sea-orm entities: one per table, no business logic.

pub mod audit_log;
pub mod body;
pub mod citizen_login;
pub mod email_confirmation;
pub mod hearing;
pub mod hearing_consultee;
pub mod hearing_document;
pub mod hearing_event;
pub mod hearing_extension;
pub mod hearing_section;
pub mod initiative;
pub mod initiative_attachment;
pub mod initiative_event;
pub mod invitation;
pub mod mail_outbox;
pub mod membership;
pub mod organisation;
pub mod person;
pub mod rate_limit_counter;
pub mod session;
pub mod signature;
pub mod staff_user;
pub mod submission;
pub mod submission_attachment;
pub mod submission_comment;
pub mod submission_tag;
