//! Sending submissions to a hearing, by journey: the deadline to the second and individual
//! extensions, confirmation by email, what the form checks, and what the public sees after
//! screening.

mod confirmation;
mod deadline;
mod form;
mod screening;
mod withdrawal;
