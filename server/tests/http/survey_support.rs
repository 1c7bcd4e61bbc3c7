//! Builders for the survey tests: a survey written through the editor's server functions, a
//! respondent starting and answering it as a browser without JavaScript, and the rows that
//! result.

use crate::helpers::{TestApp, local};
use app::domain::survey::questionnaire::Answer;
use app::ssr::db::entities::{survey_answer, survey_response};
use reqwest::Response;
use reqwest::multipart::Form;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

pub const SLUG: &str = "eksempel-kommune";

pub fn editor(id: i32) -> String {
    format!("/org/{SLUG}/ansatt/undersokelser/{id}")
}

pub fn public(id: i32) -> String {
    format!("/org/{SLUG}/undersokelser/{id}")
}

/// A new draft survey, made as the editor's script does; its id.
pub async fn new_survey(app: &TestApp, token: &str, title: &str, once: bool) -> i32 {
    let mut form = vec![
        ("csrf_token", token),
        ("slug", SLUG),
        ("title", title),
        ("intro", "Vi vil vite hva du mener om tjenestene."),
        ("min_cell", ""),
    ];
    if once {
        form.push(("one_per_person", "on"));
    }
    let r = app.call("save_survey", &form).await;
    assert!(r.status().is_success(), "{}", r.status());
    r.json().await.expect("the new id")
}

/// Adds a question (`fields` beside the survey's own) as the editor's script does.
pub async fn add_question(
    app: &TestApp,
    token: &str,
    id: i32,
    fields: &[(&str, &str)],
) -> Response {
    let id = id.to_string();
    let mut form = vec![("csrf_token", token), ("slug", SLUG), ("id", id.as_str())];
    form.extend_from_slice(fields);
    app.call("add_survey_question", &form).await
}

pub async fn change_status(app: &TestApp, token: &str, id: i32, action: &str) -> Response {
    let id = id.to_string();
    app.call(
        "change_survey_status",
        &[
            ("csrf_token", token),
            ("slug", SLUG),
            ("id", &id),
            ("action", action),
        ],
    )
    .await
}

/// "Reisevaner og tjenester": page 1 asks how one travels (1: Bil, Kollektivt, Sykkel, with
/// "annet"; required) and, for those who travel by public transport, how satisfied they are
/// (2: a scale 1–5 with "vet ikke"); page 2 asks which services they used (3: several of
/// Bibliotek, Svømmehall, Park), how many children (4: 0–20) and for more (5: a long text).
/// Opened for answers.
pub async fn example_survey(app: &TestApp, token: &str, once: bool) -> i32 {
    let id = new_survey(app, token, "Reisevaner og tjenester", once).await;
    let page1: [&[(&str, &str)]; 2] = [
        &[
            ("section", "1"),
            ("kind", "single"),
            ("text", "Hvordan reiser du oftest?"),
            ("options", "Bil\nKollektivt\nSykkel"),
            ("other", "on"),
            ("required", "on"),
        ],
        &[
            ("section", "1"),
            ("kind", "scale"),
            ("text", "Hvor fornøyd er du med kollektivtilbudet?"),
            ("low_label", "Svært misfornøyd"),
            ("high_label", "Svært fornøyd"),
            ("dont_know", "on"),
            ("show_if_question", "1"),
            ("show_if_options", "2"),
        ],
    ];
    for q in page1 {
        let r = add_question(app, token, id, q).await;
        assert!(
            r.status().is_success(),
            "{}",
            r.text().await.unwrap_or_default()
        );
    }
    let idstr = id.to_string();
    let r = app
        .call(
            "change_survey_section",
            &[
                ("csrf_token", token),
                ("slug", SLUG),
                ("id", &idstr),
                ("section_title", "Tjenestene"),
            ],
        )
        .await;
    assert!(r.status().is_success());
    let page2: [&[(&str, &str)]; 3] = [
        &[
            ("section", "2"),
            ("kind", "multiple"),
            ("text", "Hvilke tilbud har du brukt?"),
            ("options", "Bibliotek\nSvømmehall\nPark"),
        ],
        &[
            ("section", "2"),
            ("kind", "number"),
            ("text", "Hvor mange barn bor hos deg?"),
            ("number_min", "0"),
            ("number_max", "20"),
        ],
        &[
            ("section", "2"),
            ("kind", "long"),
            ("text", "Har du andre innspill?"),
            ("max_len", "500"),
        ],
    ];
    for q in page2 {
        let r = add_question(app, token, id, q).await;
        assert!(
            r.status().is_success(),
            "{}",
            r.text().await.unwrap_or_default()
        );
    }
    let r = change_status(app, token, id, "open").await;
    assert!(
        r.status().is_success(),
        "{}",
        r.text().await.unwrap_or_default()
    );
    id
}

/// Starts answering as a browser without JavaScript; the response's address (the resume link).
pub async fn start(app: &TestApp, id: i32) -> String {
    let page = public(id);
    let (_, html) = app.get_text(&page).await;
    let token = app::testing::csrf_token_in(&html);
    let idstr = id.to_string();
    let r = app
        .post_form(
            "start_survey",
            &page,
            &[("csrf_token", &token), ("slug", SLUG), ("id", &idstr)],
        )
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::FOUND);
    let to = local(app, &r);
    assert!(to.contains("/svar/"), "{to}");
    to
}

/// Posts page `section` (from 1) of the response at `path`, as a browser without JavaScript
/// does from that page (`go`: `next` or `back`).
pub async fn answer(
    app: &TestApp,
    path: &str,
    section: usize,
    fields: &[(&str, &str)],
    go: &str,
) -> Response {
    let (_, html) = app.get_text(path).await;
    let csrf = app::testing::csrf_token_in(&html);
    let base = path.split('?').next().unwrap_or(path);
    let mut parts = base.trim_start_matches('/').split('/');
    let (_, _, _, id, _, token) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next().unwrap_or_default().to_string(),
        parts.next(),
        parts.next().unwrap_or_default().to_string(),
    );
    let mut form = Form::new()
        .text("csrf_token", csrf)
        .text("slug", SLUG)
        .text("id", id)
        .text("token", token)
        .text("section", section.to_string());
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    form = form.text("go", go.to_string());
    app.post_multipart("answer_survey", path, form).await
}

/// The survey's submitted responses, with their answers.
pub async fn submitted(
    app: &TestApp,
    id: i32,
) -> Vec<(survey_response::Model, Vec<(u32, Answer)>)> {
    let responses = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .order_by_asc(survey_response::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    let mut out = Vec::new();
    for r in responses {
        let answers = survey_answer::Entity::find()
            .filter(survey_answer::Column::ResponseId.eq(r.id))
            .order_by_asc(survey_answer::Column::QuestionId)
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| {
                (
                    a.question_id as u32,
                    serde_json::from_str(&a.answer).unwrap(),
                )
            })
            .collect();
        out.push((r, answers));
    }
    out
}
