//! Organisations (tenants): municipalities and counties, and the bodies inside them.

pub mod branding;
pub mod forms;
pub mod onboarding;
pub mod profile;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Municipality,
    County,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Municipality => "municipality",
            OrgKind::County => "county",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "municipality" => Some(OrgKind::Municipality),
            "county" => Some(OrgKind::County),
            _ => None,
        }
    }
}

/// The official number: four digits for a municipality (kommunenummer), two for a county
/// (fylkesnummer).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrgNumberCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationError {
    #[error("kommunenummer must be four digits, fylkesnummer two")]
    BadNumber,
    #[error("the slug may hold only a-z, 0-9 and hyphens (2–60 characters)")]
    BadSlug,
    #[error("the name must be 2–120 characters")]
    BadName,
    #[error("the population must be a whole number from 0 to 10 000 000")]
    BadPopulation,
    #[error("the population date cannot be in the future")]
    FuturePopulationDate,
}

impl OrgNumberCode {
    pub fn parse(kind: OrgKind, s: &str) -> Result<Self, OrganisationError> {
        let s = s.trim();
        let len = match kind {
            OrgKind::Municipality => 4,
            OrgKind::County => 2,
        };
        if s.len() == len && s.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(s.to_string()))
        } else {
            Err(OrganisationError::BadNumber)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A URL-safe organisation identifier, e.g. `eksempel-kommune`.
pub fn parse_slug(s: &str) -> Result<String, OrganisationError> {
    let s = s.trim();
    let ok = (2..=60).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(OrganisationError::BadSlug)
    }
}

pub fn parse_name(s: &str) -> Result<String, OrganisationError> {
    let s = s.trim();
    if (2..=120).contains(&s.chars().count()) {
        Ok(s.to_string())
    } else {
        Err(OrganisationError::BadName)
    }
}

/// The population figure that the legal thresholds (e.g. for citizen initiatives) are computed
/// from, with the date it was taken; a figure from the future is a typing error.
pub fn parse_population(
    figure: &str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<i64, OrganisationError> {
    let n: i64 = figure
        .trim()
        .replace([' ', '\u{a0}'], "")
        .parse()
        .map_err(|_| OrganisationError::BadPopulation)?;
    if !(0..=10_000_000).contains(&n) {
        return Err(OrganisationError::BadPopulation);
    }
    if date > today {
        return Err(OrganisationError::FuturePopulationDate);
    }
    Ok(n)
}

/// The written standard (målform) the organisation has chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WrittenStandard {
    Nb,
    Nn,
}

impl WrittenStandard {
    /// The language the organisation's pages, mails, feeds and exports default to.
    pub fn lang(self) -> crate::domain::lang::Lang {
        match self {
            WrittenStandard::Nb => crate::domain::lang::Lang::Nb,
            WrittenStandard::Nn => crate::domain::lang::Lang::Nn,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            WrittenStandard::Nb => "nb",
            WrittenStandard::Nn => "nn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "nb" => Some(WrittenStandard::Nb),
            "nn" => Some(WrittenStandard::Nn),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    Council,
    Committee,
    DistrictCommittee,
    Other,
}

impl BodyKind {
    pub const ALL: [BodyKind; 4] = [
        BodyKind::Council,
        BodyKind::Committee,
        BodyKind::DistrictCommittee,
        BodyKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Council => "council",
            BodyKind::Committee => "committee",
            BodyKind::DistrictCommittee => "district_committee",
            BodyKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        BodyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            BodyKind::Council => "body.council",
            BodyKind::Committee => "body.committee",
            BodyKind::DistrictCommittee => "body.district_committee",
            BodyKind::Other => "body.other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn municipality_numbers_have_four_digits_and_county_numbers_two() {
        assert!(OrgNumberCode::parse(OrgKind::Municipality, "0301").is_ok());
        assert!(OrgNumberCode::parse(OrgKind::Municipality, "301").is_err());
        assert!(OrgNumberCode::parse(OrgKind::Municipality, "03a1").is_err());
        assert!(OrgNumberCode::parse(OrgKind::County, "46").is_ok());
        assert!(OrgNumberCode::parse(OrgKind::County, "4601").is_err());
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(
            parse_slug(" eksempel-kommune "),
            Ok("eksempel-kommune".into())
        );
        for bad in ["Eksempel", "eksempel kommune", "-x", "x-", "a", "øvre"] {
            assert!(parse_slug(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn population_accepts_spaces_and_refuses_future_dates() {
        let today = d("2026-11-22");
        assert_eq!(
            parse_population("15 001", d("2026-01-01"), today),
            Ok(15_001)
        );
        assert_eq!(
            parse_population("-1", d("2026-01-01"), today),
            Err(OrganisationError::BadPopulation)
        );
        assert_eq!(
            parse_population("mange", d("2026-01-01"), today),
            Err(OrganisationError::BadPopulation)
        );
        assert_eq!(
            parse_population("100", d("2027-01-01"), today),
            Err(OrganisationError::FuturePopulationDate)
        );
    }
}
