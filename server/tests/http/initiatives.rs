//! Citizen initiatives over HTTP, by journey: proposing, screening, collecting and signing (who
//! may, under load, within rate limits, on paper), submitting, the council's decision, the main
//! path in one journey, the signature list, retention, the organisation's rules and open data;
//! and signing against Folkeregisteret (the registers stand-in) in production.

mod collecting;
mod decision;
mod eligibility;
mod enforced_rules;
mod folkeregisteret;
mod lifecycle;
mod open_data;
mod paper;
mod proposal;
mod rate_limits;
mod retention;
mod rules;
mod screening;
mod signature_list;
mod signing;
mod submission;
