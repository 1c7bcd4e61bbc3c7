//! Following a case ("følg saken"): which cases can be followed, which of their moves notify,
//! how often a follower hears, and the anonymous follow form. Only public moves are events:
//! nothing that happens to a case before it is public, and no staff note, ever reaches a mail.

use crate::domain::email::Email;
use crate::domain::field_errors::FieldErrors;
use crate::domain::hearing::HearingStatus;
use crate::domain::initiative::InitiativeStatus;
use serde::{Deserialize, Serialize};

/// The kinds of case one can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseKind {
    Hearing,
    Initiative,
}

impl CaseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Hearing => "hearing",
            CaseKind::Initiative => "initiative",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "hearing" => Some(CaseKind::Hearing),
            "initiative" => Some(CaseKind::Initiative),
            _ => None,
        }
    }
}

/// How often a follower hears: each event at once, or a digest of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    #[default]
    Immediate,
    Daily,
    Weekly,
}

impl Cadence {
    pub const ALL: [Cadence; 3] = [Cadence::Immediate, Cadence::Daily, Cadence::Weekly];

    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Immediate => "immediate",
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Cadence::Immediate => "follow.cadence.immediate",
            Cadence::Daily => "follow.cadence.daily",
            Cadence::Weekly => "follow.cadence.weekly",
        }
    }
}

/// Why someone hears of a case: they chose to follow it, or it is their own item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    Follow,
    Signed,
    Submitted,
    Proposed,
}

impl Reason {
    pub const ALL: [Reason; 4] = [
        Reason::Follow,
        Reason::Signed,
        Reason::Submitted,
        Reason::Proposed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Follow => "follow",
            Reason::Signed => "signed",
            Reason::Submitted => "submitted",
            Reason::Proposed => "proposed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The line in every mail that says why it came.
    pub fn why_key(self) -> &'static str {
        match self {
            Reason::Follow => "follow.why.follow",
            Reason::Signed => "follow.why.signed",
            Reason::Submitted => "follow.why.submitted",
            Reason::Proposed => "follow.why.proposed",
        }
    }
}

/// A public move of a case that its followers hear of. (The council's deadline is set when an
/// initiative is submitted, so the submitted event carries it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    HearingOpened,
    HearingExtended,
    HearingClosed,
    HearingConcluded,
    HearingCancelled,
    InitiativePublished,
    InitiativeThreshold,
    InitiativeSubmitted,
    InitiativeDecided,
    InitiativeExpired,
}

impl EventKind {
    pub const ALL: [EventKind; 10] = [
        EventKind::HearingOpened,
        EventKind::HearingExtended,
        EventKind::HearingClosed,
        EventKind::HearingConcluded,
        EventKind::HearingCancelled,
        EventKind::InitiativePublished,
        EventKind::InitiativeThreshold,
        EventKind::InitiativeSubmitted,
        EventKind::InitiativeDecided,
        EventKind::InitiativeExpired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::HearingOpened => "hearing_opened",
            EventKind::HearingExtended => "hearing_extended",
            EventKind::HearingClosed => "hearing_closed",
            EventKind::HearingConcluded => "hearing_concluded",
            EventKind::HearingCancelled => "hearing_cancelled",
            EventKind::InitiativePublished => "initiative_published",
            EventKind::InitiativeThreshold => "initiative_threshold",
            EventKind::InitiativeSubmitted => "initiative_submitted",
            EventKind::InitiativeDecided => "initiative_decided",
            EventKind::InitiativeExpired => "initiative_expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The case kind whose event this is.
    pub fn case_kind(self) -> CaseKind {
        if self.as_str().starts_with("hearing") {
            CaseKind::Hearing
        } else {
            CaseKind::Initiative
        }
    }

    /// The sentence that says what happened (`follow.event.<kind>`).
    pub fn headline_key(self) -> String {
        format!("follow.event.{}", self.as_str())
    }

    /// The event a hearing's move is, if it is one: only moves the public sees. (A new deadline
    /// is its own event, recorded where the deadline is extended.)
    pub fn of_hearing_move(from: HearingStatus, to: HearingStatus) -> Option<Self> {
        use HearingStatus as S;
        match (from, to) {
            (S::Scheduled, S::Open) => Some(EventKind::HearingOpened),
            (S::Open, S::Closed) => Some(EventKind::HearingClosed),
            (S::Open | S::Closed, S::Concluded) => Some(EventKind::HearingConcluded),
            (S::Scheduled | S::Open | S::Closed, S::Cancelled) => Some(EventKind::HearingCancelled),
            _ => None,
        }
    }

    /// The event an initiative's move is, if it is one. Screening and drafts are the proposer's
    /// and the municipality's business until the proposal is published.
    pub fn of_initiative_move(from: InitiativeStatus, to: InitiativeStatus) -> Option<Self> {
        use InitiativeStatus as S;
        match (from, to) {
            (S::Screening, S::Collecting) => Some(EventKind::InitiativePublished),
            (S::Collecting, S::Submitted) => Some(EventKind::InitiativeSubmitted),
            (S::Collecting, S::Expired) => Some(EventKind::InitiativeExpired),
            (_, S::Decided | S::Referred | S::NotTreated) => Some(EventKind::InitiativeDecided),
            _ => None,
        }
    }
}

/// The anonymous follow form: an address to confirm, and how often to hear.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FollowForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub cadence: String,
}

/// A parsed anonymous follow.
#[derive(Clone, PartialEq, Eq)]
pub struct AnonymousFollow {
    pub email: Email,
    pub cadence: Cadence,
}

crate::domain::debug_only!(AnonymousFollow { cadence });

impl AnonymousFollow {
    pub fn parse(form: &FollowForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = Email::parse(&form.email)
            .map_err(|_| errors.add("email", "follow.email_invalid"))
            .ok();
        let cadence = parse_cadence(&form.cadence);
        if cadence.is_none() {
            errors.add("cadence", "follow.cadence_invalid");
        }
        errors.into_result()?;
        match (email, cadence) {
            (Some(email), Some(cadence)) => Ok(Self { email, cadence }),
            _ => Err(FieldErrors::one("email", "follow.email_invalid")),
        }
    }
}

/// A cadence from a form: empty means at once; `None` for anything unknown.
pub fn parse_cadence(input: &str) -> Option<Cadence> {
    if input.trim().is_empty() {
        return Some(Cadence::Immediate);
    }
    Cadence::parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str, cadence: &str) -> FollowForm {
        FollowForm {
            email: email.into(),
            cadence: cadence.into(),
        }
    }

    #[test]
    fn an_anonymous_follow_needs_a_real_address_and_a_known_cadence() {
        let ok = AnonymousFollow::parse(&form(" Kari@Eksempel.NO ", "weekly")).unwrap();
        assert_eq!(ok.email.as_str(), "kari@eksempel.no");
        assert_eq!(ok.cadence, Cadence::Weekly);
        assert_eq!(
            AnonymousFollow::parse(&form("kari@eksempel.no", ""))
                .unwrap()
                .cadence,
            Cadence::Immediate
        );
        let bad = AnonymousFollow::parse(&form("kari", "hourly")).unwrap_err();
        assert_eq!(bad.get("email"), Some("follow.email_invalid"));
        assert_eq!(bad.get("cadence"), Some("follow.cadence_invalid"));
    }

    #[test]
    fn only_public_moves_of_a_hearing_notify() {
        use HearingStatus as S;
        assert_eq!(
            EventKind::of_hearing_move(S::Scheduled, S::Open),
            Some(EventKind::HearingOpened)
        );
        assert_eq!(
            EventKind::of_hearing_move(S::Closed, S::Concluded),
            Some(EventKind::HearingConcluded)
        );
        assert_eq!(EventKind::of_hearing_move(S::Draft, S::Scheduled), None);
        assert_eq!(EventKind::of_hearing_move(S::Draft, S::Cancelled), None);
        assert_eq!(EventKind::of_hearing_move(S::Scheduled, S::Draft), None);
        // Reopened by a later deadline: that is the extension event, not an opening.
        assert_eq!(EventKind::of_hearing_move(S::Closed, S::Open), None);
    }

    #[test]
    fn screening_and_drafts_of_an_initiative_never_notify() {
        use InitiativeStatus as S;
        assert_eq!(EventKind::of_initiative_move(S::Draft, S::Screening), None);
        assert_eq!(
            EventKind::of_initiative_move(S::Screening, S::Rejected),
            None
        );
        assert_eq!(
            EventKind::of_initiative_move(S::Screening, S::Collecting),
            Some(EventKind::InitiativePublished)
        );
        assert_eq!(
            EventKind::of_initiative_move(S::Submitted, S::NotTreated),
            Some(EventKind::InitiativeDecided)
        );
    }

    #[test]
    fn every_name_reads_back_as_itself() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        for r in Reason::ALL {
            assert_eq!(Reason::parse(r.as_str()), Some(r));
        }
        for c in Cadence::ALL {
            assert_eq!(Cadence::parse(c.as_str()), Some(c));
        }
        assert_eq!(
            EventKind::InitiativeDecided.case_kind(),
            CaseKind::Initiative
        );
        assert_eq!(EventKind::HearingExtended.case_kind(), CaseKind::Hearing);
    }
}
