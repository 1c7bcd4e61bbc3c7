//! What the survey pages and the open-data API are given: the staff's view of a survey and its
//! questionnaire, a respondent's page, and published results (counts, never an answer of one
//! person or anything that leads to them).

use crate::domain::lang::Lang;
use crate::domain::survey::SurveyStatus;
use crate::domain::survey::questionnaire::{Questionnaire, Section};
use crate::domain::survey::results::{Breakdown, QuestionResult};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A survey in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSurveyItem {
    pub id: i32,
    pub title: String,
    pub status: SurveyStatus,
    pub responses: u64,
    pub results_published: bool,
}

/// A survey as its editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSurvey {
    pub id: i32,
    pub organisation_slug: String,
    pub title: String,
    pub intro: String,
    pub one_per_person: bool,
    pub min_cell: Option<u64>,
    /// The threshold in force (the setting, or the default).
    pub k: u64,
    pub status: SurveyStatus,
    /// The number of the version new answers go to, and whether it has answers (then only its
    /// wording can be fixed in place; any other change makes the next version).
    pub version: i32,
    pub answered: bool,
    pub responses: u64,
    pub results_published: bool,
    pub questionnaire: Questionnaire,
    /// The panel (id, name) a wave sends it to: it opens and closes with the wave.
    pub panel: Option<(i32, String)>,
}

/// A survey's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSurvey {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub content_lang: Lang,
    pub title: String,
    pub intro: String,
    pub status: SurveyStatus,
    pub one_per_person: bool,
    pub sections: usize,
    pub questions: usize,
    pub results_published: bool,
    /// For a one-answer-per-person survey: whether this visitor is logged in, and whether
    /// they have answered.
    pub logged_in: bool,
    pub already_answered: bool,
    /// A panel's survey: its members answer by the link in their invitation.
    pub panel: bool,
}

/// An open survey or published results in a public list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub title: String,
    pub status: SurveyStatus,
    pub results_published: bool,
}

/// One page of a response (or of the staff's preview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsePage {
    pub survey_id: i32,
    pub organisation_slug: String,
    pub content_lang: Lang,
    pub title: String,
    /// The resume token (empty in a preview).
    pub token: String,
    /// The page shown, from 0, and how many there are.
    pub section: usize,
    pub sections: usize,
    /// The furthest page the respondent may go to (the pages answered, and the next).
    pub reachable: usize,
    pub page: Section,
    /// The ids of the page's questions that are shown, given the earlier pages' answers (the
    /// page's own conditions are in `page`, for the script to apply as they are answered).
    pub shown: Vec<u32>,
    /// The answers kept so far, as form values (`q<id>`, …).
    pub values: Vec<(String, String)>,
    pub submitted: bool,
    pub preview: bool,
}

/// A survey's published results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub id: i32,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub content_lang: Lang,
    pub title: String,
    pub intro: String,
    pub status: SurveyStatus,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Submitted responses, and the threshold below which a figure is hidden.
    pub responses: u64,
    pub k: u64,
    pub questions: Vec<QuestionResult>,
    /// Whether the public may see them (staff see them before).
    pub published: bool,
    /// The single-choice questions the results may be broken down by, and the one they are.
    pub by_choices: Vec<(u32, String)>,
    pub by: Option<u32>,
    pub breakdowns: Vec<Breakdown>,
    /// A panel survey's weighting to the population, when it could be weighted.
    #[serde(default)]
    pub weighting: Option<WeightingSummary>,
    /// Why a panel survey's results are not weighted (a message key), when they are not.
    #[serde(default)]
    pub unweighted_reason: Option<String>,
}

/// How a panel survey's respondents were weighted: raking to the population's margins by age
/// band, gender and district, trimmed, and what that costs in precision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightingSummary {
    /// Respondents weighted.
    pub respondents: u64,
    /// The kind of district the third margin is (bydel, skolekrets, grunnkrets).
    pub district_kind: String,
    /// The date of the population figures staff imported; `None`: the synthetic population
    /// (outside production).
    pub population_as_of: Option<chrono::NaiveDate>,
    /// Sweeps over the margins, and whether every margin was met within the tolerance.
    pub iterations: usize,
    pub converged: bool,
    /// The largest distance, in percentage points, between a margin and its weighted share.
    pub max_error: f64,
    /// The trimming bounds, relative to the average weight, and the respondents they held.
    pub trim: (f64, f64),
    pub trimmed: usize,
    /// Kish's design effect and the effective number of respondents.
    pub design_effect: f64,
    pub effective_n: f64,
    /// The 95 % margin of error, in percentage points, of a weighted share of 50 %.
    pub margin_of_error: f64,
}

/// A free-text answer as staff screen it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnswerDto {
    pub id: i64,
    pub question_id: u32,
    pub question: String,
    pub text: String,
    /// `published`, `withheld`, or `None` while not screened.
    pub screening: Option<String>,
}

/// A survey's free-text answers for screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyTexts {
    pub survey_id: i32,
    pub organisation_slug: String,
    pub title: String,
    pub k: u64,
    pub texts: Vec<TextAnswerDto>,
}

/// The form values of a response's kept answers (what the page's fields show).
pub fn answer_values(
    answers: &[(u32, crate::domain::survey::questionnaire::Answer)],
) -> Vec<(String, String)> {
    use crate::domain::survey::questionnaire::{Answer, DONT_KNOW, OTHER, field};
    let mut out = Vec::new();
    let point = |p: &Option<u8>| p.map_or(DONT_KNOW.to_string(), |p| p.to_string());
    for (id, a) in answers {
        let name = field(*id);
        match a {
            Answer::Choice(i) => out.push((name, i.to_string())),
            Answer::Other(text) => {
                out.push((name.clone(), OTHER.to_string()));
                out.push((format!("{name}_{OTHER}"), text.clone()));
            }
            Answer::Choices(is) => out.extend(is.iter().map(|i| (name.clone(), i.to_string()))),
            Answer::Point(p) => out.push((name, point(p))),
            Answer::Points(ps) => out.extend(
                ps.iter()
                    .enumerate()
                    .map(|(n, p)| (format!("{name}_{n}"), point(p))),
            ),
            Answer::Ranked(order) => out.extend(
                order
                    .iter()
                    .enumerate()
                    .map(|(rank, item)| (format!("{name}_{item}"), (rank + 1).to_string())),
            ),
            Answer::Number(x) => out.push((name, x.to_string())),
            Answer::Text(t) => out.push((name, t.clone())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::questionnaire::{Answer, Fields};

    #[test]
    fn kept_answers_read_back_as_the_same_answers() {
        let qs: Questionnaire =
            serde_json::from_str(include_str!("../demo/reisevaner.json")).expect("fixture");
        let mut answers = vec![
            (1, Answer::Choice(1)),
            (2, Answer::Choices(vec![0, 2])),
            (3, Answer::Point(None)),
            (4, Answer::Points(vec![Some(2), Some(5)])),
            (5, Answer::Ranked(vec![2, 0])),
            (6, Answer::Number(3)),
            (7, Answer::Text("Flere benker".into())),
        ];
        let values = answer_values(&answers);
        let read = qs.read_section(0, &Fields(&values), &[]).expect("valid");
        assert_eq!(read, answers);
        // "Annet" with its text; question 3 (on public transport) is then not asked.
        answers[0] = (1, Answer::Other("Gange".into()));
        answers.remove(2);
        let values = answer_values(&answers);
        let read = qs.read_section(0, &Fields(&values), &[]).expect("valid");
        assert_eq!(read, answers);
    }
}
