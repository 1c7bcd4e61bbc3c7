//! Citizen initiatives (innbyggerforslag, kommuneloven § 12-1): the status machine, the legal
//! threshold, the council's six months, the election period, and how alike two proposals are.

pub mod outcome;
pub mod paper;
pub mod proposal;
pub mod screening;

use crate::domain::organisation::OrgKind;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeStatus {
    /// Being written by the proposer; only they see it.
    Draft,
    /// Sent to the municipality, which checks it is lawful and not abusive (never its politics).
    Screening,
    /// Refused at screening, with a reason sent to the proposer.
    Rejected,
    /// Published; residents sign.
    Collecting,
    /// The collection period ended without the proposal being submitted.
    Expired,
    /// Submitted (fremmet) with enough signatures: the council has six months.
    Submitted,
    /// Referred to an ongoing planning case (no deadline then).
    Referred,
    /// The council decided it.
    Decided,
    /// Not treated: the same content was treated in this election period (a council decision).
    NotTreated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an initiative cannot go from {from:?} to {to:?}")]
pub struct TransitionError {
    pub from: InitiativeStatus,
    pub to: InitiativeStatus,
}

impl InitiativeStatus {
    pub const ALL: [InitiativeStatus; 9] = [
        InitiativeStatus::Draft,
        InitiativeStatus::Screening,
        InitiativeStatus::Rejected,
        InitiativeStatus::Collecting,
        InitiativeStatus::Expired,
        InitiativeStatus::Submitted,
        InitiativeStatus::Referred,
        InitiativeStatus::Decided,
        InitiativeStatus::NotTreated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InitiativeStatus::Draft => "draft",
            InitiativeStatus::Screening => "screening",
            InitiativeStatus::Rejected => "rejected",
            InitiativeStatus::Collecting => "collecting",
            InitiativeStatus::Expired => "expired",
            InitiativeStatus::Submitted => "submitted",
            InitiativeStatus::Referred => "referred",
            InitiativeStatus::Decided => "decided",
            InitiativeStatus::NotTreated => "not_treated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            InitiativeStatus::Draft => "initiative.status.draft",
            InitiativeStatus::Screening => "initiative.status.screening",
            InitiativeStatus::Rejected => "initiative.status.rejected",
            InitiativeStatus::Collecting => "initiative.status.collecting",
            InitiativeStatus::Expired => "initiative.status.expired",
            InitiativeStatus::Submitted => "initiative.status.submitted",
            InitiativeStatus::Referred => "initiative.status.referred",
            InitiativeStatus::Decided => "initiative.status.decided",
            InitiativeStatus::NotTreated => "initiative.status.not_treated",
        }
    }

    /// Whether the public may see it (once it has passed screening).
    pub fn is_public(self) -> bool {
        !matches!(
            self,
            InitiativeStatus::Draft | InitiativeStatus::Screening | InitiativeStatus::Rejected
        )
    }

    /// The council has dealt with it: signer data may be deleted after the retention period.
    pub fn is_concluded(self) -> bool {
        matches!(
            self,
            InitiativeStatus::Decided | InitiativeStatus::NotTreated | InitiativeStatus::Expired
        )
    }

    /// The one place the allowed moves are written down.
    pub fn transition(self, to: InitiativeStatus) -> Result<InitiativeStatus, TransitionError> {
        use InitiativeStatus::*;
        let allowed = matches!(
            (self, to),
            (Draft, Screening)
                | (Screening, Collecting)
                | (Screening, Rejected)
                | (Collecting, Submitted)
                | (Collecting, Expired)
                | (Submitted, Referred)
                | (Submitted, Decided)
                | (Submitted, NotTreated)
                | (Referred, Decided)
        );
        if allowed {
            Ok(to)
        } else {
            Err(TransitionError { from: self, to })
        }
    }
}

/// How many residents must stand behind a proposal for the council to have to decide it:
/// 2 % of the population, but never more than 300 in a municipality or 500 in a county.
pub fn threshold(kind: OrgKind, population: i64) -> i64 {
    let two_percent = (population.max(0) * 2 + 99) / 100;
    let cap = match kind {
        OrgKind::Municipality => 300,
        OrgKind::County => 500,
    };
    two_percent.min(cap)
}

/// The council must decide within six months of the day the proposal was submitted (a day
/// that does not exist in the sixth month is that month's last day).
pub fn decision_due(submitted: NaiveDate) -> NaiveDate {
    submitted
        .checked_add_months(Months::new(6))
        .unwrap_or(submitted)
}

/// The longest collection period the law's practice allows here.
pub const MAX_COLLECTION_MONTHS: u32 = 12;

/// The municipal election period `date` falls in: elections are held every four years in
/// September (2023, 2027, …) and the new council takes over on 1 October.
pub fn election_period(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let y = date.year();
    let mut start_year = y - (y - 2023).rem_euclid(4);
    let start = |year: i32| NaiveDate::from_ymd_opt(year, 10, 1).unwrap_or(date);
    if date < start(start_year) {
        start_year -= 4;
    }
    let end = start(start_year + 4).pred_opt().unwrap_or(date);
    (start(start_year), end)
}

fn trigrams(text: &str) -> HashSet<[char; 3]> {
    let norm: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut set = HashSet::new();
    for word in norm.split_whitespace() {
        let padded: Vec<char> = std::iter::once(' ')
            .chain(word.chars())
            .chain(std::iter::once(' '))
            .collect();
        for w in padded.windows(3) {
            set.insert([w[0], w[1], w[2]]);
        }
    }
    set
}

/// How alike two texts are: the Jaccard index (shared / all) of their sets of character
/// trigrams (words padded with a space), from 0 (nothing shared) to 1 (the same). Robust to word
/// order, inflection ("parkering"/"parkeringen") and typing errors, and cheap.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (trigrams(a), trigrams(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count() as f64;
    shared / a.union(&b).count() as f64
}

/// Proposals this alike (in title, or in what the council is asked to decide) are shown to a
/// proposer before they publish. Reworded proposals of the same matter score 0.6–0.8; unrelated
/// ones that share a place name ("sentrum") 0.1–0.2; 0.35 sits well between.
pub const SIMILARITY_THRESHOLD: f64 = 0.35;

/// The larger of the title and the ask similarities.
pub fn proposal_similarity(title_a: &str, ask_a: &str, title_b: &str, ask_b: &str) -> f64 {
    similarity(title_a, title_b).max(similarity(ask_a, ask_b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use InitiativeStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_threshold_is_two_percent_but_at_most_300_or_500() {
        let m = OrgKind::Municipality;
        let c = OrgKind::County;
        for (pop, muni, county) in [
            (0, 0, 0),
            (1, 1, 1),
            (14_999, 300, 300),
            (15_000, 300, 300),
            (15_001, 300, 301),
            (24_999, 300, 500),
            (700_000, 300, 500),
        ] {
            assert_eq!(threshold(m, pop), muni, "municipality of {pop}");
            assert_eq!(threshold(c, pop), county, "county of {pop}");
        }
        assert_eq!(threshold(m, 149), 3, "2 % of 149 is 2.98, rounded up");
        assert_eq!(threshold(m, 150), 3);
        assert_eq!(threshold(m, 151), 4);
    }

    #[test]
    fn six_months_after_submission_month_ends_and_leap_years() {
        assert_eq!(decision_due(d(2027, 1, 15)), d(2027, 7, 15));
        assert_eq!(decision_due(d(2027, 8, 31)), d(2028, 2, 29), "leap year");
        assert_eq!(decision_due(d(2026, 8, 31)), d(2027, 2, 28));
        assert_eq!(decision_due(d(2027, 2, 28)), d(2027, 8, 28));
        assert_eq!(decision_due(d(2028, 2, 29)), d(2028, 8, 29));
        assert_eq!(decision_due(d(2026, 12, 31)), d(2027, 6, 30));
        assert_eq!(decision_due(d(2027, 3, 31)), d(2027, 9, 30));
    }

    #[test]
    fn every_allowed_move_is_allowed_and_every_other_refused() {
        let allowed = [
            (Draft, Screening),
            (Screening, Collecting),
            (Screening, Rejected),
            (Collecting, Submitted),
            (Collecting, Expired),
            (Submitted, Referred),
            (Submitted, Decided),
            (Submitted, NotTreated),
            (Referred, Decided),
        ];
        for from in InitiativeStatus::ALL {
            for to in InitiativeStatus::ALL {
                let res = from.transition(to);
                if allowed.contains(&(from, to)) {
                    assert_eq!(res, Ok(to), "{from:?} -> {to:?}");
                } else {
                    assert_eq!(res, Err(TransitionError { from, to }), "{from:?} -> {to:?}");
                }
            }
        }
        for s in InitiativeStatus::ALL {
            assert_eq!(InitiativeStatus::parse(s.as_str()), Some(s));
        }
        assert!(!Screening.is_public() && Collecting.is_public());
    }

    #[test]
    fn election_periods_run_from_october_after_an_election() {
        assert_eq!(
            election_period(d(2026, 11, 22)),
            (d(2023, 10, 1), d(2027, 9, 30))
        );
        assert_eq!(
            election_period(d(2027, 9, 30)),
            (d(2023, 10, 1), d(2027, 9, 30))
        );
        assert_eq!(
            election_period(d(2027, 10, 1)),
            (d(2027, 10, 1), d(2031, 9, 30))
        );
        assert_eq!(
            election_period(d(2023, 9, 1)),
            (d(2019, 10, 1), d(2023, 9, 30))
        );
    }

    #[test]
    fn similar_proposals_score_above_the_threshold_and_others_below() {
        let a = "Gratis parkering i sentrum på lørdager";
        assert!((similarity(a, a) - 1.0).abs() < 1e-9);
        for (b, similar) in [
            ("Gratis parkering i sentrum", true),
            ("Gratis lørdagsparkering i sentrum", true),
            ("Parkeringen i sentrum bør være gratis på lørdager", true),
            ("Ny skatepark ved skolen", false),
            ("Bedre brøyting av fortau i sentrum", false),
            ("Lengre åpningstid på biblioteket", false),
        ] {
            let s = similarity(a, b);
            assert_eq!(s >= SIMILARITY_THRESHOLD, similar, "{b}: {s:.2}");
        }
        assert_eq!(similarity("", a), 0.0);
    }
}
