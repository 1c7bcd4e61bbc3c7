//! What the hearing pages and the open-data API are given: the public view of a hearing (never
//! an email address, a national id, or an unpublished word), and the staff's fuller views.

use crate::domain::hearing::HearingStatus;
use crate::domain::submission::{Publication, SubmitterKind, WithholdReason};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A hearing in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingSummary {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    /// The language its title and summary are written in (the organisation's written standard).
    pub content_lang: crate::domain::lang::Lang,
    pub title: String,
    pub summary: String,
    /// As the dates make it now (a scheduled hearing past its opening date is open).
    pub status: HearingStatus,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingList {
    pub items: Vec<HearingSummary>,
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub pages: u64,
    /// The server's time, for "days left" (the same on the server and in the browser).
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDto {
    pub id: i32,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDto {
    pub id: i32,
    pub number: i32,
    pub title: String,
    pub body: String,
}

/// An invited consultee as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsulteeDto {
    pub name: String,
    pub org_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentDto {
    pub id: i32,
    pub file_name: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicComment {
    pub section_number: i32,
    pub section_title: String,
    pub text: String,
}

/// A submission as published: for a redacted one, the staff's public copy only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSubmission {
    pub reference: String,
    pub kind: SubmitterKind,
    /// The organisation's name, or the person's if they agreed; `None` shows as "Privatperson".
    pub submitter: Option<String>,
    pub received_at: DateTime<Utc>,
    pub general_comment: String,
    pub comments: Vec<PublicComment>,
    /// Attachments are published with a submission published as sent, never with a redacted one.
    pub attachments: Vec<AttachmentDto>,
    pub redacted: bool,
}

crate::domain::debug_only!(PublicSubmission {
    reference,
    kind,
    received_at,
    redacted
});

/// A hearing's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingPage {
    pub id: i32,
    pub organisation_slug: String,
    /// The language staff write the hearing in: the organisation's written standard.
    pub content_lang: crate::domain::lang::Lang,
    pub title: String,
    pub summary: String,
    /// Sanitised HTML from the staff's Markdown.
    pub body_html: String,
    pub body_id: Option<i32>,
    /// The body that decides (kommunestyret, an utvalg).
    pub body_name: Option<String>,
    pub case_number: Option<String>,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    /// Set when the deadline was extended for everyone.
    pub original_deadline: Option<DateTime<Utc>>,
    pub short_reason: Option<String>,
    pub status: HearingStatus,
    pub outcome: Option<String>,
    pub decision_url: Option<String>,
    pub documents: Vec<DocumentDto>,
    pub sections: Vec<SectionDto>,
    pub consultees: Vec<ConsulteeDto>,
    /// One page of the published submissions (`submission_page` of `submission_pages`).
    pub submissions: Vec<PublicSubmission>,
    /// All published submissions.
    pub submission_total: u64,
    pub submission_page: u64,
    pub submission_pages: u64,
    /// The published debates on the hearing ("Diskuter saken"): id and title.
    pub debates: Vec<(i32, String)>,
    pub now: DateTime<Utc>,
}

/// A hearing's page below the header, the same for every reader: its title and description for
/// the head, and its HTML (rendered once and shared for up to a second).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingBody {
    pub title: String,
    pub description: String,
    pub html: String,
}

/// What the submitter is told after sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub reference: String,
    pub hearing_id: i32,
    pub hearing_title: String,
    pub organisation_slug: String,
    pub received_at: DateTime<Utc>,
    /// `false` while it waits for the emailed confirmation link.
    pub confirmed: bool,
    /// A receipt was emailed when the comment was received (sent logged in, with an address).
    pub emailed: bool,
}

/// A hearing as staff edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffHearing {
    pub page: HearingPage,
    /// The public may see it (published once, not back in draft).
    pub public: bool,
    pub body_md: String,
    pub stored_status: HearingStatus,
    pub consultees: Vec<StaffConsultee>,
    pub extensions: Vec<ExtensionDto>,
    pub events: Vec<EventDto>,
    pub submission_counts: SubmissionCounts,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffConsultee {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub org_number: Option<String>,
    pub invited_at: Option<DateTime<Utc>>,
}

crate::domain::debug_only!(StaffConsultee {
    id,
    org_number,
    invited_at
});

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionDto {
    pub name: String,
    pub email: String,
    pub until: DateTime<Utc>,
}

crate::domain::debug_only!(ExtensionDto { until });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDto {
    pub from: HearingStatus,
    pub to: HearingStatus,
    /// The staff member, or `None` when the dates made the change.
    pub actor: Option<String>,
    pub note: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionCounts {
    pub received: u64,
    pub unconfirmed: u64,
    pub pending: u64,
    pub published: u64,
    pub redacted: u64,
    pub withheld: u64,
}

/// A hearing in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffHearingItem {
    pub summary: HearingSummary,
    pub stored_status: HearingStatus,
    pub received: u64,
    pub pending: u64,
}

/// A submission in the workbench: everything, including what is never published.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSubmission {
    pub id: i32,
    pub reference: String,
    pub kind: SubmitterKind,
    pub name: String,
    pub organisation_name: Option<String>,
    pub org_number: Option<String>,
    pub email: Option<String>,
    pub logged_in: bool,
    pub show_name: bool,
    pub objects_to_publication: bool,
    pub objection_reason: Option<String>,
    pub received_at: DateTime<Utc>,
    pub late_by_extension: bool,
    pub general_comment: String,
    pub comments: Vec<StaffComment>,
    pub attachments: Vec<AttachmentDto>,
    pub publication: Publication,
    pub withhold_reason: Option<WithholdReason>,
    pub withhold_note: Option<String>,
    pub public_general_comment: Option<String>,
    pub admin_comment: String,
    pub staff_summary: String,
    pub tags: Vec<String>,
    /// When it was last screened.
    pub screened_at: Option<DateTime<Utc>>,
    /// Published as sent moments ago: the publication may still be undone.
    pub undoable: bool,
}

crate::domain::debug_only!(StaffSubmission {
    id,
    reference,
    kind,
    publication,
    received_at
});

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffComment {
    pub section_id: i32,
    pub section_number: i32,
    pub section_title: String,
    pub text: String,
    pub public_text: Option<String>,
}

crate::domain::debug_only!(StaffComment {
    section_id,
    section_number
});

/// The workbench's filters (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkbenchFilter {
    pub section: Option<i32>,
    pub kind: Option<SubmitterKind>,
    pub publication: Option<Publication>,
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workbench {
    pub hearing_id: i32,
    pub title: String,
    pub status: HearingStatus,
    pub sections: Vec<SectionDto>,
    pub all_tags: Vec<String>,
    pub counts: SubmissionCounts,
    pub submissions: Vec<StaffSubmission>,
}

/// The comment form as typed: parsed by `NewComment::parse` in the domain.
pub use crate::domain::submission::comment::CommentForm;

/// The hearing form as typed: parsed by `HearingDraft::parse` in the domain.
pub use crate::domain::hearing::draft::HearingForm;

/// The workbench's screening and notes forms as typed: parsed by `Decision::from_form` with
/// `Screening::parse`, and by `Annotation::parse`, in the domain.
pub use crate::domain::submission::screening::{AnnotationForm, ScreeningForm};

/// The editor's status form as typed: parsed by `StatusMove::parse` in the domain.
pub use crate::domain::hearing::moves::StatusForm;

/// The editor's consultee and individual extension forms as typed: parsed by `Consultee::parse`
/// and `Grant::parse` in the domain.
pub use crate::domain::hearing::parts::{ConsulteeForm, GrantForm};

/// What became of a submission, for its sender behind the mailed link: whether it is published,
/// and whether they may still withdraw it (until it is screened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionFate {
    pub publication: crate::domain::submission::Publication,
    pub withhold_reason: Option<crate::domain::submission::WithholdReason>,
    pub can_withdraw: bool,
}
