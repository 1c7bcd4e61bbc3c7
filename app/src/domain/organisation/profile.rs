//! The organisation profile form, parsed once: what its admin typed (`ProfileInput`) and a
//! profile right in every field (`Profile`): a name, a population figure with the date it was
//! counted (not in the future), a written standard, and an accessibility statement's address.

use crate::domain::field_errors::FieldErrors;
use crate::domain::organisation::{
    OrganisationError, WrittenStandard, parse_name, parse_population,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The organisation profile as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInput {
    pub name: String,
    pub population: String,
    pub population_date: String,
    pub written_standard: String,
    pub accessibility_url: String,
}

/// A profile right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub population: i64,
    pub population_date: NaiveDate,
    pub written_standard: WrittenStandard,
    pub accessibility_url: Option<String>,
}

impl Profile {
    pub const MESSAGE_KEYS: &[&str] = &[
        "admin.profile.name_invalid",
        "admin.profile.date_invalid",
        "admin.profile.date_future",
        "admin.profile.population_invalid",
        "admin.profile.written_standard_invalid",
        "admin.profile.url_invalid",
    ];

    /// Parses the form on `today`.
    pub fn parse(input: &ProfileInput, today: NaiveDate) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(&input.name)
            .map_err(|_| errors.add("name", "admin.profile.name_invalid"))
            .ok();
        let date = NaiveDate::parse_from_str(input.population_date.trim(), "%Y-%m-%d")
            .map_err(|_| errors.add("population_date", "admin.profile.date_invalid"))
            .ok();
        let population = date.and_then(|d| {
            parse_population(&input.population, d, today)
                .map_err(|e| match e {
                    OrganisationError::FuturePopulationDate => {
                        errors.add("population_date", "admin.profile.date_future")
                    }
                    _ => errors.add("population", "admin.profile.population_invalid"),
                })
                .ok()
        });
        let written_standard = WrittenStandard::parse(&input.written_standard);
        if written_standard.is_none() {
            errors.add("written_standard", "admin.profile.written_standard_invalid");
        }
        let url = input.accessibility_url.trim();
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            errors.add("accessibility_url", "admin.profile.url_invalid");
        }
        errors.into_result()?;
        match (name, date, population, written_standard) {
            (Some(name), Some(population_date), Some(population), Some(written_standard)) => {
                Ok(Profile {
                    name,
                    population,
                    population_date,
                    written_standard,
                    accessibility_url: (!url.is_empty()).then(|| url.to_string()),
                })
            }
            _ => Err(FieldErrors::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date")
    }

    fn input() -> ProfileInput {
        ProfileInput {
            name: " Eksempel kommune ".into(),
            population: "15 002".into(),
            population_date: "2026-06-30".into(),
            written_standard: "nn".into(),
            accessibility_url: "".into(),
        }
    }

    #[test]
    fn a_right_profile_is_trimmed_and_an_empty_address_is_none() {
        let p = Profile::parse(&input(), today()).expect("valid");
        assert_eq!(
            (p.name.as_str(), p.population),
            ("Eksempel kommune", 15_002)
        );
        assert_eq!(
            (p.written_standard, p.accessibility_url),
            (WrittenStandard::Nn, None)
        );
    }

    /// A change to a right form, the field it spoils and the message that field gets.
    type Case = (fn(&mut ProfileInput), &'static str, &'static str);

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        let cases: Vec<Case> = vec![
            (
                |i| i.name = "E".into(),
                "name",
                "admin.profile.name_invalid",
            ),
            (
                |i| i.population_date = "30.06.2026".into(),
                "population_date",
                "admin.profile.date_invalid",
            ),
            (
                |i| i.population_date = "2027-01-01".into(),
                "population_date",
                "admin.profile.date_future",
            ),
            (
                |i| i.population = "mange".into(),
                "population",
                "admin.profile.population_invalid",
            ),
            (
                |i| i.written_standard = "sv".into(),
                "written_standard",
                "admin.profile.written_standard_invalid",
            ),
            (
                |i| i.accessibility_url = "uustatus.no".into(),
                "accessibility_url",
                "admin.profile.url_invalid",
            ),
        ];
        for (change, field, key) in cases {
            let mut i = input();
            change(&mut i);
            let errors = Profile::parse(&i, today()).unwrap_err();
            assert_eq!(
                errors.0,
                vec![(field.to_string(), key.to_string())],
                "{key}"
            );
            assert!(Profile::MESSAGE_KEYS.contains(&key));
        }
    }
}
