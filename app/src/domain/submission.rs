//! Submissions to a hearing (høringsinnspill): who stands behind one, and what screening
//! decided about publishing it.

pub mod comment;
pub mod screening;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmitterKind {
    Private,
    Organisation,
}

impl SubmitterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmitterKind::Private => "private",
            SubmitterKind::Organisation => "organisation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "private" => Some(SubmitterKind::Private),
            "organisation" => Some(SubmitterKind::Organisation),
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            SubmitterKind::Private => "submission.kind.private",
            SubmitterKind::Organisation => "submission.kind.organisation",
        }
    }
}

/// What screening decided. Only `Published` and `Redacted` are ever shown to the public, and of
/// a redacted one only the staff's public copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Publication {
    Pending,
    Published,
    Redacted,
    Withheld,
}

impl Publication {
    pub const ALL: [Publication; 4] = [
        Publication::Pending,
        Publication::Published,
        Publication::Redacted,
        Publication::Withheld,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Publication::Pending => "pending",
            Publication::Published => "published",
            Publication::Redacted => "redacted",
            Publication::Withheld => "withheld",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn is_public(self) -> bool {
        matches!(self, Publication::Published | Publication::Redacted)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Publication::Pending => "submission.publication.pending",
            Publication::Published => "submission.publication.published",
            Publication::Redacted => "submission.publication.redacted",
            Publication::Withheld => "submission.publication.withheld",
        }
    }
}

/// Why a submission is not published (offentleglova and the law on defamation and hate speech).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithholdReason {
    /// Personal data about others.
    PersonalData,
    Hateful,
    Defamatory,
    /// Exempt from public access by law (e.g. offentleglova § 13).
    ExemptByLaw,
}

impl WithholdReason {
    pub const ALL: [WithholdReason; 4] = [
        WithholdReason::PersonalData,
        WithholdReason::Hateful,
        WithholdReason::Defamatory,
        WithholdReason::ExemptByLaw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WithholdReason::PersonalData => "personal_data",
            WithholdReason::Hateful => "hateful",
            WithholdReason::Defamatory => "defamatory",
            WithholdReason::ExemptByLaw => "exempt_by_law",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            WithholdReason::PersonalData => "submission.withhold.personal_data",
            WithholdReason::Hateful => "submission.withhold.hateful",
            WithholdReason::Defamatory => "submission.withhold.defamatory",
            WithholdReason::ExemptByLaw => "submission.withhold.exempt_by_law",
        }
    }
}

/// A reference a person can quote: `INN-` and eight characters without look-alikes.
pub fn new_reference(random: [u8; 8]) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let s: String = random
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    format!("INN-{}-{}", &s[..4], &s[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_only_published_or_redacted_are_public() {
        for p in Publication::ALL {
            assert_eq!(Publication::parse(p.as_str()), Some(p));
        }
        for r in WithholdReason::ALL {
            assert_eq!(WithholdReason::parse(r.as_str()), Some(r));
        }
        assert!(Publication::Published.is_public() && Publication::Redacted.is_public());
        assert!(!Publication::Pending.is_public() && !Publication::Withheld.is_public());
        assert_eq!(
            SubmitterKind::parse("organisation"),
            Some(SubmitterKind::Organisation)
        );
    }

    #[test]
    fn references_are_readable() {
        let r = new_reference([0, 1, 2, 3, 250, 251, 252, 253]);
        assert_eq!(r.len(), 13);
        assert!(r.starts_with("INN-"));
        assert!(!r[4..].contains(['0', 'O', '1', 'I', 'L']));
    }
}
