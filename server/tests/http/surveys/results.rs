//! Results: nothing public until staff publish them; then counts, percentages and a chart with
//! every figure on fewer than five answers hidden — and one more, so that the hidden one cannot
//! be worked out from the total. And the tables that hold answers have no column that could
//! name a person.

use crate::helpers::{TestApp, local, spawn_app};
use crate::survey_support::*;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

const OFFICER: (&str, &str) = crate::hearing_support::OFFICER;

/// One response: travel by option `q1`, and used the services `q3`.
async fn respond(app: &TestApp, id: i32, q1: &str, q3: &[&str]) {
    let path = start(app, id).await;
    let r = answer(app, &path, 1, &[("q1", q1)], "next").await;
    let page2 = local(app, &r);
    let fields: Vec<(&str, &str)> = q3.iter().map(|v| ("q3", *v)).collect();
    let r = answer(app, &page2, 2, &fields, "next").await;
    assert_eq!(local(app, &r), format!("{}/takk", public(id)));
}

async fn published_results_hide_small_figures_and_nothing_is_public_before(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, false).await;
    let respondent = TestApp::second_browser(&app);
    // 6 by car, 5 by public transport, 1 by bicycle; every one used the library.
    for (q1, n) in [("0", 6), ("1", 5), ("2", 1)] {
        for _ in 0..n {
            respond(&respondent, id, q1, &["0"]).await;
        }
    }
    let results = format!("{}/resultater", public(id));
    let (status, _) = respondent.get_text(&results).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "not before they are published"
    );
    let (status, _) = respondent
        .get_json(&format!("/api/get_survey_results?slug={SLUG}&id={id}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Staff see them as they will be published.
    let (status, html) = app.get_text(&format!("{}/resultater", editor(id))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Resultatene er ikke publisert."), "{html}");

    assert!(
        change_status(&app, &token, id, "close")
            .await
            .status()
            .is_success()
    );
    assert!(
        change_status(&app, &token, id, "publish")
            .await
            .status()
            .is_success()
    );
    let (status, html) = respondent.get_text(&results).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<caption>n = 12"), "{html}");
    assert!(
        html.contains("class=\"survey-chart\""),
        "a chart drawn on the server"
    );
    assert!(
        html.contains("de 12 som svarte"),
        "the note on method: {html}"
    );
    let (_, json) = respondent
        .get_json(&format!("/api/get_survey_results?slug={SLUG}&id={id}"))
        .await;
    let rows = &json["questions"][0]["tables"][0]["rows"];
    // Bicycle (1) is hidden, and one more figure with it: else 12 − 6 − 5 − 0 gives the 1.
    assert_eq!(rows[2]["count"], serde_json::Value::Null, "{json}");
    assert_eq!(rows[2]["percent"], serde_json::Value::Null, "{json}");
    let hidden = (0..4).filter(|n| rows[*n]["count"].is_null()).count();
    assert!(hidden >= 2, "{json}");
    assert!(html.contains("skjult"), "{html}");
    // Satisfaction was answered by no one: no figure at all.
    let satisfaction = &json["questions"][1]["tables"][0];
    assert_eq!(satisfaction["n"], serde_json::Value::Null, "{json}");
    let used = &json["questions"][2]["tables"][0];
    assert_eq!(used["rows"][0]["count"], 12);
    assert_eq!(used["several_each"], true);
    let text = serde_json::to_string(&json).unwrap();
    assert!(!text.contains("token"), "{text}");

    // Staff may break the results down by how they travel: the bicycle group (1) is hidden,
    // all of it. The public may not (its tables would share totals with the overall ones).
    let (status, html) = app
        .get_text(&format!("{}/resultater?etter=1", editor(id)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Fordelt på svarene på «Hvordan reiser du oftest?»"),
        "{html}"
    );
    let (_, by) = app
        .get_json(&format!(
            "/api/get_staff_survey_results?slug={SLUG}&id={id}&by=1"
        ))
        .await;
    let tables = by["breakdowns"].as_array().unwrap();
    assert!(
        tables.iter().all(|b| b["id"] != 3),
        "a multiple choice does not add up"
    );
    assert_eq!(
        tables[0]["groups"],
        serde_json::json!(["Bil", "Kollektivt", "Sykkel", "Annet"])
    );
    assert_eq!(
        tables[0]["group_totals"][2],
        serde_json::Value::Null,
        "{by}"
    );
    let (_, public_by) = respondent
        .get_json(&format!("/api/get_survey_results?slug={SLUG}&id={id}&by=1"))
        .await;
    assert_eq!(public_by["breakdowns"], serde_json::json!([]));
    let (_, html) = respondent.get_text(&format!("{results}?etter=1")).await;
    assert!(!html.contains("Fordelt på svarene på"));

    // The open-data API gives the same figures, hidden ones left out, as JSON and as CSV.
    let (status, open) = respondent
        .get_json(&format!("/api/v1/surveys/{id}/results"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        open["questions"][0]["tables"][0]["rows"],
        json["questions"][0]["tables"][0]["rows"]
    );
    assert_eq!(
        (open["responses"].clone(), open["min_cell"].clone()),
        (12.into(), 5.into())
    );
    let (_, list) = respondent
        .get_json(&format!("/api/v1/surveys?organisation={SLUG}"))
        .await;
    let listed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .expect("listed");
    assert_eq!(listed["results_published"], true);
    let csv = respondent
        .get(&format!("/api/v1/surveys/{id}/results?format=csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains(
            "question_id,question,kind,statement,answer,count,percent,weighted_percent,\
             margin_of_error,n,mean,median,weighted_mean,weighted_mean_margin_of_error"
        ),
        "{csv}"
    );
    // An open survey is not weighted: its weighted columns are empty.
    assert!(
        csv.contains("1,Hvordan reiser du oftest?,single,,Bil,6,50,,,12,,,,"),
        "{csv}"
    );
    assert!(
        csv.contains("1,Hvordan reiser du oftest?,single,,Sykkel,,,,,12,,,,"),
        "hidden is empty: {csv}"
    );
    app.stop().await;
}

/// The columns of `table`, sorted.
async fn columns(app: &TestApp, table: &str) -> Vec<String> {
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => format!(
            "SELECT column_name AS name FROM information_schema.columns WHERE table_name = '{table}'"
        ),
        _ => format!("SELECT name FROM pragma_table_info('{table}')"),
    };
    let mut names: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<String>("", "name").unwrap())
        .collect();
    names.sort();
    names
}

async fn the_tables_that_hold_answers_have_no_column_that_names_a_person(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(
        columns(&app, "survey_answers").await,
        ["answer", "id", "question_id", "response_id", "screening"]
    );
    // A wave's response carries the member's random pseudonym in that panel: it names nobody,
    // and its link to a member (in `panel_members`) is erased when they leave.
    assert_eq!(
        columns(&app, "survey_responses").await,
        [
            "id",
            "panel_pseudonym",
            "sections_done",
            "started_at",
            "submitted_at",
            "survey_id",
            "token_hash",
            "version_id"
        ]
    );
    // "One answer per person" is a keyed hash beside the survey: no time, no response.
    assert_eq!(
        columns(&app, "survey_once").await,
        ["person_hash", "survey_id"]
    );
    app.stop().await;
}

async fn free_texts_appear_once_screened_and_only_as_a_set_of_at_least_k(backend: Backend) {
    use app::ssr::db::entities::survey_answer;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, false).await;
    let respondent = TestApp::second_browser(&app);
    let texts = [
        "Flere benker i parken",
        "Bedre belysning",
        "Lengre åpningstid",
        "Sykkelvei til skolen",
        "Jeg heter Per Hansen og bor i Storgata 3",
        "Flere søppelkasser",
    ];
    for text in texts {
        let path = start(&respondent, id).await;
        let r = answer(&respondent, &path, 1, &[("q1", "0")], "next").await;
        let r = answer(
            &respondent,
            &local(&respondent, &r),
            2,
            &[("q5", text)],
            "next",
        )
        .await;
        assert_eq!(local(&respondent, &r), format!("{}/takk", public(id)));
    }
    // Staff read them in the order of their text, not the order they came.
    let (status, html) = app.get_text(&format!("{}/tekstsvar", editor(id))).await;
    assert_eq!(status, StatusCode::OK);
    let first = html.find("Bedre belysning").unwrap();
    assert!(first < html.find("Flere benker").unwrap(), "sorted");
    assert!(html.contains("Ikke gjennomgått"));
    let ids: Vec<(i64, String)> = survey_answer::Entity::find()
        .filter(survey_answer::Column::QuestionId.eq(5))
        .order_by_asc(survey_answer::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .take(6)
        .map(|a| (a.id, a.answer))
        .collect();
    let idstr = id.to_string();
    let screen = |answer: i64, decision: &'static str| {
        let (app, token, idstr) = (&app, &token, &idstr);
        async move {
            let answer = answer.to_string();
            app.call(
                "screen_survey_text",
                &[
                    ("csrf_token", token),
                    ("slug", SLUG),
                    ("id", idstr),
                    ("answer_id", &answer),
                    ("decision", decision),
                ],
            )
            .await
        }
    };
    // Published only once closed.
    let r = change_status(&app, &token, id, "publish").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        change_status(&app, &token, id, "close")
            .await
            .status()
            .is_success()
    );
    assert!(
        change_status(&app, &token, id, "publish")
            .await
            .status()
            .is_success()
    );
    let results = format!("{}/resultater", public(id));
    let mut published = 0;
    for (answer, text) in &ids {
        let decision = if text.contains("Per Hansen") {
            "withheld"
        } else {
            "published"
        };
        assert!(screen(*answer, decision).await.status().is_success());
        if decision == "published" {
            published += 1;
        }
        let (_, html) = respondent.get_text(&results).await;
        // Four published are too few to show; the fifth shows them all.
        assert_eq!(
            html.contains("Utvalgte tekstsvar"),
            published >= 5,
            "{published}: {html}"
        );
    }
    let (_, html) = respondent.get_text(&results).await;
    assert!(html.contains("Sykkelvei til skolen"));
    assert!(!html.contains("Per Hansen"), "withheld");
    // A text of another survey, or a decision that is neither, changes nothing.
    let r = screen(ids[0].0, "maybe").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = screen(i64::from(i32::MAX), "published").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn staff_export_pseudonymous_microdata_and_the_export_is_on_record(backend: Backend) {
    use app::ssr::db::entities::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, false).await;
    let respondent = TestApp::second_browser(&app);
    respond(&respondent, id, "1", &["0", "2"]).await;
    respond(&respondent, id, "2", &[]).await;
    let path = start(&respondent, id).await;
    answer(&respondent, &path, 1, &[("q1", "0")], "next").await;
    let csv = app.get(&format!("{}/svar.csv", editor(id))).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Respondent (pseudonym),q1 Hvordan reiser du oftest?,q2 Hvor fornøyd er du med kollektivtilbudet?,\
         q3 Hvilke tilbud har du brukt? – Bibliotek,q3 Hvilke tilbud har du brukt? – Svømmehall,\
         q3 Hvilke tilbud har du brukt? – Park,q4 Hvor mange barn bor hos deg?,q5 Har du andre innspill?"
    );
    // The two sent responses (the one half-way is not), under 16-character pseudonyms.
    assert_eq!(lines.len(), 3, "{body}");
    let rows: Vec<Vec<&str>> = lines[1..].iter().map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r[0].len() == 16));
    assert!(
        rows.iter()
            .any(|r| r[1..6] == ["Kollektivt", "", "1", "0", "1"]),
        "{body}"
    );
    let on_record = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("survey_microdata"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(on_record.len(), 1);
    // Not for the public.
    let (status, _) = respondent
        .get_text(&format!("{}/svar.csv", editor(id)))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.stop().await;
}

on_both_databases!(
    published_results_hide_small_figures_and_nothing_is_public_before,
    the_tables_that_hold_answers_have_no_column_that_names_a_person,
    free_texts_appear_once_screened_and_only_as_a_set_of_at_least_k,
    staff_export_pseudonymous_microdata_and_the_export_is_on_record,
);
