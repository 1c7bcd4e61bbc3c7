//! Sending a response stores exactly the answers checked at the end: an earlier page's answer
//! to the same question is replaced (its screening reset), one to a question no longer answered
//! is removed, the version is marked answered, and a second send is refused — on PostgreSQL in
//! one statement, on SQLite in a transaction.

use app::domain::survey::SurveyFacts;
use app::domain::survey::questionnaire::{Answer, Questionnaire};
use app::on_both_databases;
use app::ssr::db::entities::{survey_answer, survey_version};
use app::ssr::db::surveys::{self as db, responses};
use app::testing::{Backend, seeded_test_state};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbBackend, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

async fn send(
    state: &app::ssr::state::AppState,
    (response, version): (i64, Option<i32>),
    answers: &[(u32, Answer)],
) -> bool {
    let now = state.clock.now();
    if state.db.get_database_backend() == DbBackend::Postgres {
        responses::send_in_one(&state.db, (response, version), 2, answers, now)
            .await
            .unwrap()
    } else {
        let txn = state.db.begin().await.unwrap();
        if let Some(v) = version {
            responses::mark_answered(&txn, v).await.unwrap();
        }
        let sent = responses::send(&txn, response, 2, answers, now)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        sent
    }
}

async fn sending_replaces_what_earlier_pages_kept_and_happens_once(backend: Backend) {
    let (state, _db) = seeded_test_state(backend).await;
    let org = app::ssr::db::organisations::find_by_slug(&state.db, "eksempel-kommune")
        .await
        .unwrap()
        .unwrap();
    let now = state.clock.now();
    let facts = SurveyFacts {
        title: "Sendetest".into(),
        intro: "".into(),
        one_per_person: false,
        min_cell: None,
    };
    let id = db::insert(
        &state.db,
        org.id,
        &facts,
        &Questionnaire::new("Side"),
        1,
        now,
    )
    .await
    .unwrap();
    let s = db::find(&state.db, org.id, id).await.unwrap().unwrap();
    let version = db::current_version(&state.db, &s).await.unwrap();
    let r = responses::start(&state.db, id, version.id, &"a".repeat(64), now)
        .await
        .unwrap();
    // Kept from earlier pages: answers to questions 1, 2 and 3 (question 1's screened).
    responses::save_section(
        &state.db,
        r.id,
        &[1, 2, 3],
        &[
            (1, Answer::Text("Først".into())),
            (2, Answer::Choice(1)),
            (3, Answer::Number(7)),
        ],
        1,
    )
    .await
    .unwrap();
    let first = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(r.id))
        .filter(survey_answer::Column::QuestionId.eq(1))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let mut a = first.into_active_model();
    a.screening = Set(Some("published".into()));
    a.update(&state.db).await.unwrap();

    // Sent with question 1 changed, question 2 no longer answered, question 4 new.
    let final_answers = [
        (1, Answer::Text("Til slutt".into())),
        (3, Answer::Number(7)),
        (4, Answer::Choice(0)),
    ];
    assert!(send(&state, (r.id, Some(version.id)), &final_answers).await);
    let stored: Vec<(i32, String, Option<String>)> = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(r.id))
        .order_by_asc(survey_answer::Column::QuestionId)
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.question_id, a.answer, a.screening))
        .collect();
    let json = |a: &Answer| serde_json::to_string(a).unwrap();
    assert_eq!(
        stored,
        vec![
            (1, json(&final_answers[0].1), None),
            (3, json(&final_answers[1].1), None),
            (4, json(&final_answers[2].1), None),
        ]
    );
    let sent = app::ssr::db::entities::survey_response::Entity::find_by_id(r.id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(sent.submitted_at.is_some());
    assert_eq!(sent.sections_done, 2);
    let v = survey_version::Entity::find_by_id(version.id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(v.answered, "the version is marked answered");

    // Once only: a second send changes nothing.
    assert!(!send(&state, (r.id, None), &[(1, Answer::Text("Igjen".into()))]).await);
    let again = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(r.id))
        .filter(survey_answer::Column::QuestionId.eq(1))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.answer, json(&final_answers[0].1));
}
on_both_databases!(sending_replaces_what_earlier_pages_kept_and_happens_once);
