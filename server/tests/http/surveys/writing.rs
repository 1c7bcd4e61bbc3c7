//! Staff write a questionnaire: a survey made without JavaScript, questions of each kind, a
//! refused question that keeps what was typed, conditions that must point back, a page
//! without questions that stops opening; once answered, the questionnaire is frozen (a typo fix
//! in place and logged, anything else a new version); and another organisation is refused.

use crate::helpers::{TestApp, local, spawn_app};
use crate::survey_support::*;
use app::on_both_databases;
use app::ssr::db::entities::{audit_log, survey, survey_response, survey_version};
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const OFFICER: (&str, &str) = crate::hearing_support::OFFICER;

async fn staff_write_a_questionnaire_and_a_refused_question_keeps_what_was_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    // Without JavaScript: the new survey's form goes on to its editor.
    let new = format!("/org/{SLUG}/ansatt/undersokelser/ny");
    let (status, _) = app.get_text(&new).await;
    assert_eq!(status, StatusCode::OK);
    let r = app
        .post_form(
            "save_survey",
            &new,
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("title", "Brukerundersøkelse bibliotek"),
                ("intro", ""),
                ("min_cell", "2"),
            ],
        )
        .await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Skriv et helt tall fra 3 til 100"), "{html}");
    assert!(
        html.contains("value=\"Brukerundersøkelse bibliotek\""),
        "{html}"
    );
    let r = app
        .post_form(
            "save_survey",
            &new,
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("title", "Brukerundersøkelse bibliotek"),
                ("intro", ""),
                ("min_cell", ""),
            ],
        )
        .await;
    let editor_path = local(&app, &r);
    let id: i32 = editor_path.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(editor_path, editor(id));

    // A multiple choice with one option and a word for a number: both told, all kept.
    let form = [
        ("csrf_token", token.as_str()),
        ("slug", SLUG),
        ("id", &id.to_string()),
        ("section", "1"),
        ("kind", "multiple"),
        ("text", "Hva låner du?"),
        ("options", "Bøker"),
        ("max_choices", "to"),
    ];
    let r = app
        .post_form("add_survey_question", &editor(id), &form)
        .await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Skriv minst to svaralternativer"), "{html}");
    assert!(html.contains("Skriv et helt tall."), "{html}");
    assert!(html.contains("value=\"Hva låner du?\""), "{html}");
    assert!(html.contains(">Bøker</textarea>"), "{html}");

    let ok = add_question(
        &app,
        &token,
        id,
        &[
            ("section", "1"),
            ("kind", "single"),
            ("text", "Hvor ofte besøker du biblioteket?"),
            ("options", "Ukentlig\nMånedlig\nSjeldnere"),
        ],
    )
    .await;
    assert!(ok.status().is_success());
    // A condition on a question that is not a choice, or on options it does not have.
    let r = add_question(
        &app,
        &token,
        id,
        &[
            ("section", "1"),
            ("kind", "long"),
            ("text", "Hvorfor?"),
            ("show_if_question", "1"),
            ("show_if_options", "4"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("survey.editor.condition_options_invalid")
    );
    let r = add_question(
        &app,
        &token,
        id,
        &[
            ("section", "1"),
            ("kind", "long"),
            ("text", "Hvorfor sjelden?"),
            ("show_if_question", "1"),
            ("show_if_options", "3"),
        ],
    )
    .await;
    assert!(r.status().is_success());

    // An empty page stops the survey from opening; removing it lets it open.
    let idstr = id.to_string();
    app.call(
        "change_survey_section",
        &[
            ("csrf_token", &token),
            ("slug", SLUG),
            ("id", &idstr),
            ("section_title", "Om deg"),
        ],
    )
    .await;
    let r = change_status(&app, &token, id, "open").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("survey.editor.empty_section")
    );
    let (_, html) = app.get_text(&editor(id)).await;
    assert!(html.contains("Side 2: Om deg"), "{html}");
    assert!(
        html.contains("vises hvis spørsmål 1 er besvart med Sjeldnere"),
        "{html}"
    );
    // The preview shows the page as a respondent sees it, every question on it.
    let (status, html) = app
        .get_text(&format!("{}/forhandsvis?side=1", editor(id)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Forhåndsvisning"));
    assert!(html.contains("Hvorfor sjelden?"));
    let r = app
        .call(
            "change_survey_section",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("id", &idstr),
                ("remove", "2"),
            ],
        )
        .await;
    assert!(r.status().is_success());
    assert!(
        change_status(&app, &token, id, "open")
            .await
            .status()
            .is_success()
    );
    let (status, _) = TestApp::second_browser(&app).get_text(&public(id)).await;
    assert_eq!(status, StatusCode::OK);
    app.stop().await;
}

async fn current_version(app: &TestApp, id: i32) -> (i32, survey_version::Model) {
    let s = survey::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let v = survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(id))
        .filter(survey_version::Column::Number.eq(s.current_version))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    (s.current_version, v)
}

async fn once_answered_wording_is_fixed_in_place_and_logged_and_other_changes_make_a_version(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, false).await;
    // Before any answer: changes are made in place.
    let idstr = id.to_string();
    let reword = |text: &'static str| {
        [
            ("csrf_token", token.clone()),
            ("slug", SLUG.to_string()),
            ("id", idstr.clone()),
            ("question_id", "4".to_string()),
            ("text", text.to_string()),
            ("help", String::new()),
        ]
    };
    let call = |f: [(&'static str, String); 6]| {
        let app = &app;
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call("reword_survey_question", &f).await
        }
    };
    assert!(
        call(reword("Hvor mange barn bor hos deg"))
            .await
            .status()
            .is_success()
    );
    assert_eq!(current_version(&app, id).await.0, 1);

    let respondent = TestApp::second_browser(&app);
    let path = start(&respondent, id).await;
    let r = answer(&respondent, &path, 1, &[("q1", "2")], "next").await;
    let page2 = local(&respondent, &r);
    // One respondent is half-way (page 2 of version 1) when the questionnaire changes.
    let halfway = start(&respondent, id).await;
    answer(&respondent, &halfway, 1, &[("q1", "0")], "next").await;
    answer(&respondent, &page2, 2, &[("q4", "1")], "next").await;
    let (_, v1) = current_version(&app, id).await;
    assert!(v1.answered);

    // A typo fix: in place, logged as one.
    assert!(
        call(reword("Hvor mange barn bor hos deg?"))
            .await
            .status()
            .is_success()
    );
    let (number, v) = current_version(&app, id).await;
    assert_eq!(number, 1);
    assert!(v.questionnaire.contains("Hvor mange barn bor hos deg?"));
    let fixes = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("survey_typo_fix"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0].detail, format!("survey {id} version 1"));

    // A new question: version 2, which new respondents answer; the one half-way finishes 1.
    let r = add_question(
        &app,
        &token,
        id,
        &[
            ("section", "2"),
            ("kind", "short"),
            ("text", "Hvilken bydel bor du i?"),
        ],
    )
    .await;
    assert!(r.status().is_success());
    let (number, v2) = current_version(&app, id).await;
    assert_eq!(number, 2);
    assert!(!v2.answered);
    assert!(v2.questionnaire.contains("Hvilken bydel"));
    let v1_again = survey_version::Entity::find_by_id(v1.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !v1_again.questionnaire.contains("Hvilken bydel"),
        "version 1 is unchanged"
    );
    let (_, html) = respondent.get_text(&format!("{halfway}?side=2")).await;
    assert!(!html.contains("Hvilken bydel"), "{html}");
    let fresh = start(&respondent, id).await;
    let r = answer(&respondent, &fresh, 1, &[("q1", "0")], "next").await;
    let (_, html) = respondent.get_text(&local(&respondent, &r)).await;
    assert!(html.contains("Hvilken bydel bor du i?"), "{html}");
    let versions: Vec<i32> = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(id))
        .order_by_asc(survey_response::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.version_id)
        .collect();
    assert_eq!(versions, vec![v1.id, v1.id, v2.id]);
    app.stop().await;
}

async fn another_organisation_sees_nothing_and_a_moderator_may_not_write(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let draft = new_survey(&app, &token, "Utkast om skolevei", false).await;
    let other = TestApp::second_browser(&app);
    let (a, p) = crate::initiative_support::LILLEVIK_ADMIN;
    let other_token = other.staff(a, p).await;
    // Refused as staff of another organisation, with nothing of the survey.
    let (status, html) = other.get_text(&editor(draft)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("Utkast om skolevei"));
    let r = add_question(
        &other,
        &other_token,
        draft,
        &[("section", "1"), ("kind", "short"), ("text", "Hei")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Nor through their own organisation's address: the survey is not one of its own.
    let (status, _) = other
        .get_text(&format!(
            "/org/lillevik-kommune/ansatt/undersokelser/{draft}"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let idstr = draft.to_string();
    let r = other
        .call(
            "change_survey_status",
            &[
                ("csrf_token", &other_token),
                ("slug", "lillevik-kommune"),
                ("id", &idstr),
                ("action", "open"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let moderator = TestApp::second_browser(&app);
    let (m, mp) = crate::initiative_support::MODERATOR;
    let mod_token = moderator.staff(m, mp).await;
    let r = change_status(&moderator, &mod_token, draft, "open").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A draft is not public, nor its results.
    let public_browser = TestApp::second_browser(&app);
    let (status, _) = public_browser.get_text(&public(draft)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = public_browser
        .get_text(&format!("{}/resultater", public(draft)))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}

on_both_databases!(
    staff_write_a_questionnaire_and_a_refused_question_keeps_what_was_typed,
    once_answered_wording_is_fixed_in_place_and_logged_and_other_changes_make_a_version,
    another_organisation_sees_nothing_and_a_moderator_may_not_write,
);
