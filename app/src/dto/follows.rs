//! Following cases, as the follow page, the confirmation and unsubscribe pages and Min side
//! show it.

use crate::domain::follow::{Cadence, CaseKind, Reason};
use serde::{Deserialize, Serialize};

/// The follow page of one case, for the visitor reading it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowPageData {
    pub kind: CaseKind,
    pub title: String,
    /// The case page.
    pub case_path: String,
    /// Its Atom feed.
    pub feed_path: String,
    /// Logged in with ID-porten (follows with one click).
    pub citizen: bool,
    /// The citizen's confirmed address, to say where mail goes (their own, on their own page).
    pub citizen_email: Option<String>,
    /// The citizen already follows it: how often they hear, and why.
    pub following: Option<(Cadence, Reason)>,
}

crate::domain::debug_only!(FollowPageData {
    kind,
    citizen,
    following
});

/// One case the citizen hears of, on Min side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFollow {
    pub id: i64,
    pub kind: CaseKind,
    pub title: String,
    pub path: String,
    pub cadence: Cadence,
    pub reason: Reason,
}
