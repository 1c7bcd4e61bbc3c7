//! sea-orm entities: one per table, no business logic.

pub mod audit_log;
pub mod body;
pub mod invitation;
pub mod mail_outbox;
pub mod membership;
pub mod organisation;
pub mod rate_limit_hit;
pub mod session;
pub mod staff_user;
