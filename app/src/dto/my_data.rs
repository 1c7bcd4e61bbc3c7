//! A citizen's own data on Min side: their download, and what deleting the account would do.

use serde::{Deserialize, Serialize};

/// The citizen's newest download of their data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataExportStatus {
    pub id: i64,
    /// Built and offered (else: being built).
    pub ready: bool,
    pub size_bytes: Option<i64>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// What deleting the account would delete and keep, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionPlan {
    pub submissions_deleted: usize,
    pub submissions_kept: usize,
    pub signatures_deleted: usize,
    pub signatures_kept: usize,
    pub proposals_deleted: usize,
    pub proposals_kept: usize,
    pub follows: usize,
    /// Invitations from a panel's sample draw (with the name, address and email they hold).
    pub panel_invitations: usize,
    /// Panels the person is a member of: the membership ends, the answers stay unlinked.
    pub panel_memberships: usize,
    /// Dialogue posts that stay, under no name (published or hidden).
    pub dialogue_posts_kept: usize,
    /// Dialogue posts that go (waiting for approval).
    pub dialogue_posts_deleted: usize,
    pub has_email: bool,
}
