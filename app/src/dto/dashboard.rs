//! What needs a staff member's action in an organisation, as their dashboard lists it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of action an item needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Confirmed hearing submissions waiting for screening (`count` of them).
    SubmissionsToScreen,
    /// A proposal waiting for screening, to be screened by `due`.
    InitiativeToScreen,
    /// An open hearing closing on `due`.
    HearingCloses,
    /// An initiative's collection ending on `due`.
    CollectionEnds,
    /// The council's six-month deadline for a submitted initiative.
    CouncilDeadline,
}

impl ActionKind {
    pub fn label_key(self) -> &'static str {
        match self {
            ActionKind::SubmissionsToScreen => "dashboard.kind.submissions",
            ActionKind::InitiativeToScreen => "dashboard.kind.initiative_screening",
            ActionKind::HearingCloses => "dashboard.kind.hearing_closes",
            ActionKind::CollectionEnds => "dashboard.kind.collection_ends",
            ActionKind::CouncilDeadline => "dashboard.kind.council_deadline",
        }
    }
}

/// One thing to act on, with a link to where it is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub kind: ActionKind,
    pub title: String,
    pub path: String,
    pub count: i64,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

/// A staff member's notification choices in one organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNotices {
    pub submissions: bool,
    pub deadlines: bool,
    pub initiatives: bool,
    /// `daily`, `weekly` or `never`.
    pub cadence: String,
}

impl Default for StaffNotices {
    fn default() -> Self {
        Self {
            submissions: true,
            deadlines: true,
            initiatives: true,
            cadence: "daily".into(),
        }
    }
}

/// The dashboard of one organisation for one staff member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub organisation: String,
    pub items: Vec<ActionItem>,
    pub notices: StaffNotices,
}
