//! Demo surveys of Eksempel kommune: "Reisevaner og tjenester" (one page of every kind of
//! question, 60 answers, closed, results published), a user survey for the library open for
//! answers, and a draft resident survey (one answer per person, a threshold of 10).

use crate::domain::survey::SurveyFacts;
use crate::domain::survey::SurveyStatus;
use crate::domain::survey::questionnaire::{Answer, Fields, Questionnaire};
use crate::domain::survey::sampling::SplitMix64;
use crate::dto::surveys::answer_values;
use crate::ssr::db::surveys::{self as db, responses};
use crate::ssr::security::tokens::{random_token, token_hash};
use crate::ssr::state::AppState;
use sea_orm::DbErr;

/// The surveys' titles (tests find them by them).
pub const PUBLISHED_SURVEY: &str = "Reisevaner og tjenester i Eksempel kommune";
pub const OPEN_SURVEY: &str = "Brukerundersøkelse for biblioteket";
pub const DRAFT_SURVEY: &str = "Innbyggerundersøkelse 2027";

pub(super) fn questionnaire() -> Questionnaire {
    serde_json::from_str(include_str!("reisevaner.json"))
        .unwrap_or_else(|_| Questionnaire::new("Side 1"))
}

/// One respondent's answers, drawn from `rng` and kept only if the questionnaire's own rules
/// accept them (so the demo never holds an answer a respondent could not give).
pub(super) fn respondent(qs: &Questionnaire, rng: &mut SplitMix64) -> Vec<(u32, Answer)> {
    let mut pick = |n: u64| rng.below(n) as usize;
    let travel = [0, 0, 0, 1, 1, 2][pick(6)];
    let mut a = vec![(1, Answer::Choice(travel))];
    if travel == 1 {
        a.push((
            3,
            Answer::Point([Some(2), Some(3), Some(4), Some(4), None][pick(5)]),
        ));
    }
    let used: Vec<usize> = (0..3).filter(|_| pick(2) == 1).collect();
    if !used.is_empty() {
        a.push((2, Answer::Choices(used)));
    }
    a.push((
        4,
        Answer::Points(vec![Some(2 + pick(3) as u8), Some(1 + pick(5) as u8)]),
    ));
    a.push((
        5,
        Answer::Ranked(vec![pick(3), 3].into_iter().filter(|i| *i < 3).collect()),
    ));
    a.push((6, Answer::Number(pick(4) as i64)));
    a.sort_by_key(|(id, _)| *id);
    let values = answer_values(&a);
    qs.read_section(0, &Fields(&values), &[])
        .unwrap_or_default()
}

pub async fn seed(state: &AppState, kommune: i32, officer: i32) -> Result<(), DbErr> {
    let now = state.clock.now();
    let qs = questionnaire();
    let facts = SurveyFacts {
        title: PUBLISHED_SURVEY.into(),
        intro: "Kommunen lager ny plan for samferdsel og vil vite hvordan du reiser og hva du \
                mener om tjenestene. Undersøkelsen tar om lag fem minutter."
            .into(),
        one_per_person: false,
        min_cell: None,
    };
    let open = db::insert(&state.db, kommune, &facts, &qs, officer, now).await?;
    let Some(s) = db::find(&state.db, kommune, open).await? else {
        return Ok(());
    };
    db::set_status(&state.db, s.clone(), SurveyStatus::Open, None, now).await?;
    let version = db::current_version(&state.db, &s).await?;
    let ids: Vec<u32> = qs.questions().map(|q| q.id).collect();
    let mut rng = SplitMix64::new(2026);
    for _ in 0..60 {
        let answers = respondent(&qs, &mut rng);
        let r = responses::start(
            &state.db,
            open,
            version.id,
            &token_hash(&random_token()),
            now,
        )
        .await?;
        responses::save_section(&state.db, r.id, &ids, &answers, 1).await?;
        responses::submit(&state.db, r.id, now).await?;
    }
    responses::mark_answered(&state.db, version.id).await?;
    // Closed, then its results published (results are published only once closed).
    if let Some(s) = db::find(&state.db, kommune, open).await? {
        db::set_status(&state.db, s, SurveyStatus::Closed, Some(true), now).await?;
    }

    let mut library = Questionnaire::new("Om besøket ditt");
    let draft_questions = serde_json::json!([
        {"id": 1, "text": "Hvor ofte besøker du biblioteket?", "help": null, "required": true,
         "kind": {"SingleChoice": {"options": ["Hver uke", "Hver måned", "Sjeldnere"], "other": false}},
         "show_if": null},
        {"id": 2, "text": "Hva kan biblioteket gjøre bedre?", "help": null, "required": false,
         "kind": {"LongText": {"max_len": 2000}}, "show_if": null}
    ]);
    library.sections[0].questions = serde_json::from_value(draft_questions).unwrap_or_default();
    let facts = SurveyFacts {
        title: OPEN_SURVEY.into(),
        intro: "Hjelp oss å gjøre biblioteket bedre.".into(),
        one_per_person: false,
        min_cell: None,
    };
    let id = db::insert(&state.db, kommune, &facts, &library, officer, now).await?;
    if let Some(s) = db::find(&state.db, kommune, id).await? {
        db::set_status(&state.db, s, SurveyStatus::Open, None, now).await?;
    }
    let facts = SurveyFacts {
        title: DRAFT_SURVEY.into(),
        intro: "Hvordan er det å bo i Eksempel kommune?".into(),
        one_per_person: true,
        min_cell: Some(10),
    };
    db::insert(&state.db, kommune, &facts, &qs, officer, now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_respondent_gives_answers_the_questionnaire_accepts() {
        let qs = questionnaire();
        assert_eq!(qs.questions().count(), 7);
        let mut rng = SplitMix64::new(2026);
        for _ in 0..60 {
            let a = respondent(&qs, &mut rng);
            assert!(a.len() >= 4, "{a:?}");
        }
    }
}
