//! Citizen login with ID-porten, against the real stand-in (oidc-provider), by journey.

mod login;
mod logout;
mod refused_login;
