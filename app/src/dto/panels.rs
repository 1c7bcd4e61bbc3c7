//! What the panel pages are given: a panel as a resident sees it before joining (and whether
//! they are a member), the staff's list, and the staff's view of the panel's composition
//! against its population — counts per band, never a member.

use crate::domain::lang::Lang;
use serde::{Deserialize, Serialize};

/// A panel's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPanel {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub content_lang: Lang,
    pub name: String,
    pub purpose: String,
    pub district_kind: String,
    pub districts: Vec<String>,
    pub recruiting: bool,
    /// Whether this visitor is logged in with ID-porten, and a member.
    pub logged_in: bool,
    pub member: bool,
    /// The logged-in visitor was drawn for the panel and may join though it does not recruit.
    pub invited: bool,
    /// The background questions a member is asked (answering is optional).
    pub background: Vec<crate::domain::survey::background::BackgroundQuestion>,
}

/// A panel in a list (staff: with its members; the public: recruiting ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelItem {
    pub id: i32,
    pub name: String,
    pub recruiting: bool,
    /// Active members (0 in the public list).
    pub members: u64,
}

/// A panel a citizen is a member of (Min side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPanel {
    pub id: i32,
    pub name: String,
    pub organisation_slug: String,
    pub organisation_name: String,
}

/// One row of a composition table: the members in a group against its population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompositionRow {
    pub label: String,
    pub members: u64,
    /// Per cent of the active members.
    pub member_share: f64,
    /// The group's residents and their share, where the population is known.
    pub population: Option<u64>,
    pub population_share: Option<f64>,
}

/// How many members came in and went, by how they came in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attrition {
    pub joined_self: u64,
    pub joined_sample: u64,
    pub left: u64,
    pub retired: u64,
}

/// The staff's page of a panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffPanel {
    pub id: i32,
    pub name: String,
    pub purpose: String,
    pub district_kind: String,
    pub districts: Vec<String>,
    pub skip_limit: u32,
    pub recruiting: bool,
    pub background: Vec<crate::domain::survey::background::BackgroundQuestion>,
    pub members: u64,
    /// Whether the population per stratum is known here (a synthetic population outside
    /// production; a register extract is not connected yet).
    pub population_known: bool,
    pub by_age: Vec<CompositionRow>,
    pub by_gender: Vec<CompositionRow>,
    pub by_district: Vec<CompositionRow>,
    pub attrition: Attrition,
    /// The panel's waves, newest first.
    pub waves: Vec<WaveItem>,
    /// The organisation's draft surveys a new wave may send.
    pub sendable: Vec<DraftSurvey>,
    /// The population staff imported for weighting, if any.
    pub margins: Option<crate::domain::survey::margins::PopulationMargins>,
    /// The probability sample: targets, how far each stratum is from its target, the draws.
    pub recruitment: Recruitment,
}

/// A panel's probability sample as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recruitment {
    /// The targets as set (to show in the form), if set.
    pub targets: Option<crate::domain::survey::recruitment::TargetForm>,
    /// Per stratum, once targets are set and the population is known.
    pub rows: Vec<TargetRow>,
    /// Invitations the next draw would send (0: every stratum is at its target).
    pub next_draw: u64,
    /// Draws so far, newest first.
    pub draws: Vec<DrawItem>,
}

/// One stratum against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRow {
    pub age: String,
    pub gender: String,
    pub district: String,
    pub population: u64,
    pub target: u64,
    pub members: u64,
    /// Invitations not yet answered.
    pub open: u64,
    /// The enrolment rate the next draw counts on, in per cent.
    pub rate: f64,
    /// Invitations the next draw would send here.
    pub to_invite: u64,
}

/// One draw of the probability sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawItem {
    pub id: i32,
    pub drawn_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// As text: a JavaScript number cannot hold every seed.
    pub seed: String,
    pub invited: u64,
    pub by_email: u64,
    pub by_letter: u64,
    pub enrolled: u64,
}

/// The letters of one draw, to print (or the rows of the CSV for a print house).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterSheet {
    pub organisation_name: String,
    pub panel_name: String,
    pub purpose: String,
    pub content_lang: Lang,
    /// Where the code is typed in.
    pub enrol_url: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub letters: Vec<Letter>,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub name: String,
    pub address: String,
    /// "ABCDE-FGHJK".
    pub code: String,
}

impl std::fmt::Debug for Letter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Letter(…)")
    }
}

/// What the holder of an enrolment code sees before joining.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeInvitation {
    pub code: String,
    pub panel: PublicPanel,
}

/// A survey a wave may send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSurvey {
    pub id: i32,
    pub title: String,
}

/// A wave on the panel's staff page: counts, never a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveItem {
    pub id: i32,
    pub survey_id: i32,
    pub survey_title: String,
    pub status: crate::domain::survey::wave::WaveStatus,
    /// `None`: every member.
    pub sample_size: Option<u32>,
    pub opens_at: chrono::DateTime<chrono::Utc>,
    pub closes_at: chrono::DateTime<chrono::Utc>,
    /// Reminder days after opening.
    pub reminders: Vec<u32>,
    pub invited: u64,
    pub answered: u64,
    /// The sub-sample's random seed, for the audit (as text: it does not fit a JSON number).
    pub seed: String,
    /// Invited and answered per age band, gender and district (once it has opened).
    pub rates: Vec<RateTable>,
}

/// A wave's response rate by one background variable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTable {
    /// `age`, `gender` or `district`.
    pub variable: String,
    pub rows: Vec<RateRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRow {
    pub label: String,
    pub invited: u64,
    pub answered: u64,
}

/// The page behind a panel mail's leave link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveLinkPreview {
    pub panel_name: String,
    pub organisation_name: String,
    /// Whether the membership is still there to end.
    pub active: bool,
}
