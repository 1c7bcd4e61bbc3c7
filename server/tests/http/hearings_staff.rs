//! Staff run hearings, by journey: writing and publishing (the six-week rule, invitations),
//! dates and the outcome, documents checked by content, and tenancy.

mod documents;
mod outcome;
mod tenancy;
mod writing;
