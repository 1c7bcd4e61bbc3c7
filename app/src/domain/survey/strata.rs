//! A panel's strata: age band (from the birth date in the national id — never asked) × gender
//! (asked, with "vil ikke oppgi") × district (a list the organisation keeps). Demographics are
//! stored as bands, never as a birth date.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The age bands of a panel, by their lower bounds: the panel takes residents from 16 (as
/// municipal youth councils and surveys do); the last band is open.
pub const AGE_BANDS: [(u32, Option<u32>); 6] = [
    (16, Some(24)),
    (25, Some(39)),
    (40, Some(54)),
    (55, Some(66)),
    (67, Some(79)),
    (80, None),
];

/// An age band: an index into `AGE_BANDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AgeBand(pub u8);

impl AgeBand {
    /// The band of a person born on `born`, on `today`; `None` under 16.
    pub fn of(born: NaiveDate, today: NaiveDate) -> Option<AgeBand> {
        let mut age = today.year() - born.year();
        if (today.month(), today.day()) < (born.month(), born.day()) {
            age -= 1;
        }
        let age = u32::try_from(age).ok()?;
        AGE_BANDS
            .iter()
            .position(|(lo, hi)| age >= *lo && hi.is_none_or(|h| age <= h))
            .map(|i| AgeBand(i as u8))
    }

    /// The band of an age in whole years (a population table's row).
    pub fn of_age(age: u32) -> Option<AgeBand> {
        AGE_BANDS
            .iter()
            .position(|(lo, hi)| age >= *lo && hi.is_none_or(|h| age <= h))
            .map(|i| AgeBand(i as u8))
    }

    /// "16–24", "80 +".
    pub fn label(self) -> String {
        match AGE_BANDS.get(self.0 as usize) {
            Some((lo, Some(hi))) => format!("{lo}–{hi}"),
            Some((lo, None)) => format!("{lo} +"),
            None => String::new(),
        }
    }
}

/// Gender as the member gives it; "vil ikke oppgi" has no population margin, so such a member
/// is weighted on the other variables only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Woman,
    Man,
    NotGiven,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Woman, Gender::Man, Gender::NotGiven];

    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Woman => "woman",
            Gender::Man => "man",
            Gender::NotGiven => "not_given",
        }
    }

    pub fn parse(s: &str) -> Option<Gender> {
        Gender::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// Its category in the population's gender margin (women 0, men 1), if it has one.
    pub fn margin_category(self) -> Option<usize> {
        match self {
            Gender::Woman => Some(0),
            Gender::Man => Some(1),
            Gender::NotGiven => None,
        }
    }
}

/// A cell of the sampling frame: age band × gender × district (an index into the
/// organisation's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Stratum {
    pub age: AgeBand,
    pub gender: Gender,
    pub district: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn the_age_band_comes_from_the_birth_date_on_the_day() {
        let today = d("2026-11-29");
        assert_eq!(
            AgeBand::of(d("2010-11-30"), today),
            None,
            "15 until tomorrow"
        );
        assert_eq!(
            AgeBand::of(d("2010-11-29"), today),
            Some(AgeBand(0)),
            "16 today"
        );
        assert_eq!(AgeBand::of(d("2001-11-30"), today), Some(AgeBand(0)), "24");
        assert_eq!(AgeBand::of(d("2001-11-29"), today), Some(AgeBand(1)), "25");
        assert_eq!(AgeBand::of(d("1930-01-01"), today), Some(AgeBand(5)));
        assert_eq!(AgeBand(5).label(), "80 +");
        assert_eq!(AgeBand(1).label(), "25–39");
        assert_eq!(AgeBand::of_age(67), Some(AgeBand(4)));
    }

    #[test]
    fn a_gender_not_given_has_no_margin() {
        assert_eq!(
            Gender::parse("not_given").and_then(Gender::margin_category),
            None
        );
        assert_eq!(
            Gender::parse("woman").and_then(Gender::margin_category),
            Some(0)
        );
        assert_eq!(Gender::parse("other"), None);
    }
}
