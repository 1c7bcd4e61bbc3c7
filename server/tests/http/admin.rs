//! An organisation's admin, by journey: who reaches it, inviting staff, and managing members.

mod access;
mod invitations;
mod members;
