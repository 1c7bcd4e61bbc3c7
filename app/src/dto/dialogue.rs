//! What the dialogue's pages show: the spaces, a space with its threads as the public (and the
//! logged-in participant) sees them, the moderation queue and the public moderation log.

use crate::domain::dialogue::moderation::ModeratorRole;
use crate::domain::dialogue::{ModerationMode, PostState, SpaceKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A space in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpaceItem {
    pub id: i32,
    pub kind: SpaceKind,
    pub title: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: Option<DateTime<Utc>>,
    /// Taking posts now.
    pub open: bool,
    pub published: bool,
    /// Published posts in it.
    pub posts: u64,
    /// The elected officials hosting it: id and name.
    pub hosts: Vec<(i32, String)>,
}

/// The house rules: the default ones (`dialogue.rule.N`) or the organisation's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HouseRules {
    Default(usize),
    Own(Vec<String>),
}

impl HouseRules {
    pub fn len(&self) -> usize {
        match self {
            HouseRules::Default(n) => *n,
            HouseRules::Own(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why a post is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hidden {
    /// Hidden by a moderator for breaking rule N.
    Rule(u32),
    /// Hidden by participants' flags until a moderator has looked.
    PendingReview,
}

/// A post as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i64,
    /// The author's name; none for a deleted account (or a hidden post).
    pub author: Option<String>,
    /// The official's badge ("Folkevalgt, Kommunestyret, Parti").
    pub badge: Option<String>,
    /// The text as safe HTML; none when hidden.
    pub html: Option<String>,
    pub hidden: Option<Hidden>,
    /// Waiting for a moderator (shown only to its author).
    pub pending: bool,
    pub mine: bool,
    pub supports: u32,
    pub supported: bool,
    pub locked: bool,
    pub created_at: DateTime<Utc>,
}

/// A thread: its first post and the replies, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadView {
    pub root: PostView,
    pub replies: Vec<PostView>,
}

/// The participant's suspension, as they are told it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suspension {
    pub until: DateTime<Utc>,
    pub rule: u32,
    pub reason: String,
}

/// What the visitor may do in the space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub logged_in: bool,
    /// Why they cannot post now (a message key), if they cannot.
    pub cannot_post: Option<String>,
    pub suspension: Option<Suspension>,
    /// The visitor is one of the organisation's elected officials with a seat: the badge their
    /// posts get.
    pub official_badge: Option<String>,
}

/// A space as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpaceView {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub kind: SpaceKind,
    pub title: String,
    pub description: String,
    /// The hearing it belongs to: id and title.
    pub hearing: Option<(i32, String)>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: Option<DateTime<Utc>>,
    pub open: bool,
    pub moderation: ModerationMode,
    pub residents_only: bool,
    pub rules: HouseRules,
    pub threads: Vec<ThreadView>,
    pub viewer: Viewer,
}

/// One line of the public moderation log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    /// `approve`, `hide`, `restore`, `lock`, `unlock` or `suspend`.
    pub action: String,
    pub rule: Option<u32>,
    pub role: ModeratorRole,
    /// The post it concerns.
    pub post_id: Option<i64>,
}

/// The public moderation log of a space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModerationLog {
    pub space_id: i32,
    pub title: String,
    pub rules: HouseRules,
    pub lines: Vec<LogLine>,
}

/// A post waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub post_id: i64,
    pub space_id: i32,
    pub space_title: String,
    /// The thread it is in (its first post), none for a first post.
    pub thread_id: Option<i64>,
    /// Who wrote it: moderators always see it (and that view is logged).
    pub author: Option<String>,
    pub participant_id: Option<i32>,
    /// The text as the author wrote it.
    pub html: String,
    pub state: PostState,
    pub hidden_by_flags: bool,
    /// A host asked the moderators to hide it, citing this rule.
    pub hide_requested: Option<u32>,
    /// The open flags' reasons (their translation keys) and how many of each.
    pub flags: Vec<(String, u32)>,
    pub created_at: DateTime<Utc>,
}

/// The organisation's moderation queue and spaces, for its moderators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffDialogue {
    pub organisation_slug: String,
    pub spaces: Vec<SpaceItem>,
    pub rules: HouseRules,
    pub queue: Vec<QueueItem>,
    /// The latest posts moderators hid or rejected (to restore one).
    pub hidden: Vec<QueueItem>,
    /// The caller may set up spaces and name their hosts.
    pub can_create: bool,
    /// The caller is a hosting official (their hides are requests to the moderators).
    pub host: bool,
    /// The organisation's elected officials (for naming hosts): id and name.
    pub officials: Vec<(i32, String)>,
}

/// An official's seat as the admin sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatItem {
    pub id: i32,
    pub body: String,
    pub party: Option<String>,
}

/// One of the organisation's elected officials (a staff account with that role), and their
/// seats; `badge` is what their posts show (none until they have a seat).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialItem {
    pub user_id: i32,
    pub name: String,
    pub seats: Vec<SeatItem>,
    pub badge: Option<String>,
}

/// The admin's page of officials: party groups, bodies, officials with their seats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialsView {
    pub organisation_slug: String,
    pub parties: Vec<(i32, String)>,
    pub bodies: Vec<(i32, String)>,
    pub officials: Vec<OfficialItem>,
}
