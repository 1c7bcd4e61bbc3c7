//! The citizen logged in with ID-porten, as pages show them.

use crate::domain::loa::Loa;
use serde::{Deserialize, Serialize};

/// The logged-in citizen as they may see themselves (never their national id).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenSummary {
    /// From the login's `profile` scope; `None` when ID-porten gave no name.
    pub name: Option<String>,
    /// Logged in with a national id, so they can sign initiatives.
    pub can_sign: bool,
    pub level: Loa,
    pub email: Option<String>,
    /// An address waiting for its confirmation link to be followed.
    pub pending_email: Option<String>,
}

crate::debug_only!(CitizenSummary { can_sign, level });
