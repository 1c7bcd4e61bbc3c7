//! What the initiative pages and the open-data API are given. The public never gets a signer's
//! name: counts only.

use crate::domain::initiative::InitiativeStatus;
use crate::domain::organisation::OrgKind;
use crate::dto::hearings::AttachmentDto;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeSummary {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    /// The language its title is written in, when recorded.
    pub content_lang: Option<crate::domain::lang::Lang>,
    pub title: String,
    pub status: InitiativeStatus,
    pub signatures: i64,
    pub threshold: i64,
    pub collection_ends: NaiveDate,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decision_due: Option<NaiveDate>,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeList {
    pub items: Vec<InitiativeSummary>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

/// The person looking at an initiative, as far as it concerns them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub logged_in: bool,
    /// Logged in with a national id.
    pub has_pid: bool,
    pub has_email: bool,
    pub signed: bool,
    pub is_proposer: bool,
    /// Staff of the organisation.
    pub is_staff: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarInitiative {
    pub id: i32,
    pub title: String,
    pub status: InitiativeStatus,
    /// 0–100.
    pub score: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitiativePage {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub organisation_kind: OrgKind,
    pub population: i64,
    pub population_date: NaiveDate,
    pub title: String,
    pub ask: String,
    pub justification: String,
    /// The language the title, ask and justification were written in, when recorded.
    pub content_lang: Option<crate::domain::lang::Lang>,
    pub proposer_name: Option<String>,
    pub status: InitiativeStatus,
    pub collection_ends: NaiveDate,
    pub published_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decision_due: Option<NaiveDate>,
    pub outcome_text: Option<String>,
    pub outcome_date: Option<NaiveDate>,
    pub minutes_url: Option<String>,
    pub online: i64,
    pub paper: i64,
    pub threshold: i64,
    pub attachments: Vec<AttachmentDto>,
    /// For the proposer: when screening will be done, and why it was refused.
    pub screening_due: Option<NaiveDate>,
    pub rejected_reason: Option<String>,
    /// For the proposer of a draft: earlier proposals alike this one in this election period.
    pub similar: Vec<SimilarInitiative>,
    pub viewer: Viewer,
    pub now: DateTime<Utc>,
}

impl InitiativePage {
    pub fn total(&self) -> i64 {
        self.online + self.paper
    }
}

/// An initiative in the staff's list, with how long the council has left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInitiativeItem {
    pub summary: InitiativeSummary,
    pub screening_due: Option<NaiveDate>,
    /// Days until the council must decide (negative: past due).
    pub days_to_decision: Option<i64>,
}

/// One signature as staff see it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRow {
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub address: Option<String>,
    pub paper: bool,
    pub signed_at: DateTime<Utc>,
    pub resident: bool,
    pub kommunenummer: Option<String>,
}

crate::domain::debug_only!(SignatureRow {
    paper,
    signed_at,
    resident
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureList {
    pub title: String,
    pub organisation_name: String,
    pub online: i64,
    pub paper: i64,
    pub rows: Vec<SignatureRow>,
    /// Set when the signer data has been deleted after the retention period (counts remain).
    pub deleted_at: Option<DateTime<Utc>>,
    /// The organisation's written standard: the language of the CSV's headings and words.
    pub lang: crate::domain::lang::Lang,
}

/// The proposal form as typed: parsed by `Proposal::parse` in the domain.
pub use crate::domain::initiative::proposal::ProposalForm;

/// A paper signature as staff type it: parsed by `PaperSigner::parse` in the domain.
pub use crate::domain::initiative::paper::PaperSignature;

/// The council's outcome as staff type it: parsed by `Outcome::parse` in the domain.
pub use crate::domain::initiative::outcome::OutcomeForm;
