//! Organisations and their bodies as pages read them: open information.

use crate::domain::organisation::{BodyKind, OrgKind, WrittenStandard};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyDto {
    pub id: i32,
    pub name: String,
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDto {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub kind: OrgKind,
    /// Kommunenummer (4 digits) or fylkesnummer (2 digits).
    pub number: String,
    pub population: i64,
    pub population_date: NaiveDate,
    pub written_standard: WrittenStandard,
    pub accessibility_url: Option<String>,
    pub bodies: Vec<BodyDto>,
    /// The longest collection period a proposer may set for an initiative (at most 12).
    pub max_collection_months: i32,
    /// How long signer data of a concluded initiative is kept.
    pub signer_retention_months: i32,
    /// How many days staff take to screen a new initiative (shown to the proposer).
    pub screening_days: i32,
    /// The name in nynorsk, where it differs.
    pub name_nn: Option<String>,
    /// The name in the Sámi language the municipality uses.
    pub name_sami: Option<String>,
    /// When the organisation stopped using Innspill: its pages stay, and say so.
    pub deactivated_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Its administrators must use a second factor.
    pub require_totp: bool,
    /// Its accent colour (`#rrggbb`, contrast at least 4.5:1 against white).
    pub accent_colour: Option<String>,
    /// The logo's address (with its version), when it has one.
    pub logo_url: Option<String>,
}

/// What the band above an organisation's pages shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationBand {
    pub slug: String,
    pub name: String,
    pub accessibility_url: Option<String>,
    /// The organisation no longer uses Innspill.
    pub deactivated: bool,
    /// The organisation's theme stylesheet (its accent colour), when it has one.
    pub theme_url: Option<String>,
    /// The logo's address, when it has one.
    pub logo_url: Option<String>,
}

/// What is open now, across the installation or in one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenNow {
    /// Open hearings, the deadline nearest first.
    pub hearings: Vec<crate::dto::hearings::HearingSummary>,
    pub hearings_total: u64,
    /// Initiatives collecting signatures, the nearest their threshold (by share) first.
    pub initiatives: Vec<crate::dto::initiatives::InitiativeSummary>,
    pub initiatives_total: u64,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// One processing activity on an organisation's records of processing (GDPR art. 30): its key
/// (`records.<key>.…` texts) and the figures its retention text names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessingActivity {
    pub key: String,
    pub figures: Vec<(String, String)>,
}

/// An organisation's records of processing, in its written standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessingRecords {
    pub organisation: String,
    pub lang: crate::domain::lang::Lang,
    pub activities: Vec<ProcessingActivity>,
}
