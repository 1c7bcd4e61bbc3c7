//! What staff decide when they screen a proposed initiative (the organisation checks it is a
//! matter for it and lawful before it is published): publish it, or reject it with a reason
//! the proposer is told.

use crate::domain::field_errors::FieldErrors;
use crate::domain::initiative::InitiativeStatus;

/// The shortest and longest reason for a rejection.
pub const REASON_CHARS: std::ops::RangeInclusive<usize> = 10..=2000;

/// The decision, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Publish,
    Reject { reason: String },
}

impl Verdict {
    pub const MESSAGE_KEYS: &[&str] = &["initiative.screen.reason_required"];

    /// `action` `publish` publishes; anything else rejects, which needs a reason.
    pub fn parse(action: &str, reason: &str) -> Result<Self, FieldErrors> {
        if action == "publish" {
            return Ok(Verdict::Publish);
        }
        let reason = reason.trim();
        if !REASON_CHARS.contains(&reason.chars().count()) {
            return Err(FieldErrors::one(
                "reason",
                "initiative.screen.reason_required",
            ));
        }
        Ok(Verdict::Reject {
            reason: reason.to_string(),
        })
    }

    /// Where the initiative goes: collecting signatures, or rejected.
    pub fn status(action: &str) -> InitiativeStatus {
        if action == "publish" {
            InitiativeStatus::Collecting
        } else {
            InitiativeStatus::Rejected
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_needs_nothing_and_a_rejection_a_trimmed_reason() {
        assert_eq!(Verdict::parse("publish", ""), Ok(Verdict::Publish));
        assert_eq!(
            Verdict::parse("reject", "  Ikke en kommunal sak.  "),
            Ok(Verdict::Reject {
                reason: "Ikke en kommunal sak.".into()
            })
        );
        assert_eq!(Verdict::status("publish"), InitiativeStatus::Collecting);
        assert_eq!(Verdict::status("reject"), InitiativeStatus::Rejected);
    }

    #[test]
    fn a_rejection_without_a_reason_of_10_to_2000_characters_is_refused_at_the_reason() {
        for reason in ["", "   kort   ", &"x".repeat(2001)] {
            let errors = Verdict::parse("reject", reason).unwrap_err();
            assert_eq!(
                errors.get("reason"),
                Some("initiative.screen.reason_required")
            );
        }
        assert!(Verdict::parse("reject", &"x".repeat(2000)).is_ok());
    }
}
