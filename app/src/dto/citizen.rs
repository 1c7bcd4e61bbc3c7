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

crate::domain::debug_only!(CitizenSummary { can_sign, level });

/// One of the citizen's own hearing submissions, as "Min side" lists it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySubmission {
    pub reference: String,
    pub organisation_slug: String,
    pub hearing_id: i32,
    pub hearing_title: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// The address they typed is confirmed (a logged-in citizen's confirmed address counts).
    pub confirmed: bool,
    pub publication: crate::domain::submission::Publication,
    /// Why it is not published, when it is withheld.
    pub withhold_reason: Option<crate::domain::submission::WithholdReason>,
}

crate::domain::debug_only!(MySubmission {
    reference,
    hearing_id,
    publication
});

/// One of the citizen's signatures (online, or on paper with their national id).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySignature {
    pub organisation_slug: String,
    pub initiative_id: i32,
    pub initiative_title: String,
    pub status: crate::domain::initiative::InitiativeStatus,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    pub paper: bool,
    /// Online, and the initiative still collects: they may withdraw it.
    pub can_withdraw: bool,
}

crate::domain::debug_only!(MySignature {
    initiative_id,
    status,
    signed_at,
    paper
});

/// What the citizen has taken part in: their submissions and signatures, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakenPart {
    pub submissions: Vec<MySubmission>,
    pub signatures: Vec<MySignature>,
}
