//! Surveys and the citizen panel: the rules their pages and results rest on.
//! `questionnaire` (questions of eight kinds, conditional display, answers checked page by
//! page), `strata` (age band from the birth date × gender × district), `sampling` (proportional
//! allocation and a reproducible simple random sample per stratum), `weighting` (raking with
//! trimming, design effect, margins of error) and `suppression` (small cells hidden, with
//! complementary suppression so none can be worked out); `editor` (a question's form and the
//! changes made to a questionnaire), `microdata` (the staff's export), `results` (answers counted per question, small figures
//! hidden), the panel's facts and a resident's enrolment (`panel`), a synthetic population for
//! development and tests (`population`), and the survey's own facts
//! (`SurveyForm`, `SurveyStatus`), and a wave sent to a panel (`wave`).

pub mod background;
pub mod editor;
pub mod margins;
pub mod microdata;
pub mod panel;
pub mod population;
pub mod questionnaire;
pub mod recruitment;
pub mod results;
pub mod sampling;
pub mod strata;
pub mod suppression;
pub mod wave;
pub mod weighted;
pub mod weighting;

use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// A survey's state: written (`Draft`), taking answers (`Open`), no longer taking them
/// (`Closed`; it may be opened again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurveyStatus {
    Draft,
    Open,
    Closed,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<SurveyStatus> {
        [Self::Draft, Self::Open, Self::Closed]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The state after `action` (`open` or `close`), if that move is allowed.
    pub fn transition(self, action: &str) -> Option<SurveyStatus> {
        match (self, action) {
            (SurveyStatus::Draft | SurveyStatus::Closed, "open") => Some(SurveyStatus::Open),
            (SurveyStatus::Open, "close") => Some(SurveyStatus::Closed),
            _ => None,
        }
    }
}

pub const MAX_TITLE: usize = 200;
pub const MAX_INTRO: usize = 5_000;

/// A survey's facts as typed by staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyForm {
    pub title: String,
    pub intro: String,
    /// Ticked: one answer per person, which asks the respondent to log in with ID-porten.
    pub one_per_person: Option<String>,
    /// The smallest number a published figure may rest on (empty: the default).
    pub min_cell: String,
}

/// A survey's facts, right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyFacts {
    pub title: String,
    pub intro: String,
    pub one_per_person: bool,
    pub min_cell: Option<u64>,
}

impl SurveyForm {
    pub fn parse(&self) -> Result<SurveyFacts, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            e.add("title", "survey.form.title_missing");
        } else if title.chars().count() > MAX_TITLE {
            e.add("title", "survey.form.too_long");
        }
        let intro = self.intro.trim().to_string();
        if intro.chars().count() > MAX_INTRO {
            e.add("intro", "survey.form.too_long");
        }
        let min_cell = match self.min_cell.trim() {
            "" => None,
            s => match s.parse::<u64>() {
                Ok(k) if (suppression::MIN_K..=100).contains(&k) => Some(k),
                _ => {
                    e.add("min_cell", "survey.form.min_cell_invalid");
                    None
                }
            },
        };
        e.into_result()?;
        Ok(SurveyFacts {
            title,
            intro,
            one_per_person: self.one_per_person.is_some(),
            min_cell,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_survey_opens_closes_and_opens_again_but_never_returns_to_draft() {
        use SurveyStatus::*;
        assert_eq!(Draft.transition("open"), Some(Open));
        assert_eq!(Open.transition("close"), Some(Closed));
        assert_eq!(Closed.transition("open"), Some(Open));
        assert_eq!(Draft.transition("close"), None);
        assert_eq!(Open.transition("open"), None);
        assert_eq!(SurveyStatus::parse("closed"), Some(Closed));
    }

    #[test]
    fn the_threshold_may_be_raised_but_never_set_below_three() {
        let form = |k: &str| SurveyForm {
            title: "Brukerundersøkelse".into(),
            min_cell: k.into(),
            ..Default::default()
        };
        assert_eq!(form("").parse().expect("valid").min_cell, None);
        assert_eq!(form("10").parse().expect("valid").min_cell, Some(10));
        for bad in ["2", "0", "fem"] {
            assert_eq!(
                form(bad).parse().unwrap_err().get("min_cell"),
                Some("survey.form.min_cell_invalid")
            );
        }
        let e = SurveyForm::default().parse().unwrap_err();
        assert_eq!(e.get("title"), Some("survey.form.title_missing"));
    }
}
