//! Answering an open survey as a browser without JavaScript: page by page, a refused page with
//! what was typed and a message at the field, back and forth, resuming from the link in
//! another browser, a question shown only for some answers, and one submission per response.

use crate::helpers::{IdPortenOptions, TestApp, local, spawn_app, spawn_app_with_idporten};
use crate::survey_support::*;
use app::domain::survey::questionnaire::Answer;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

const OFFICER: (&str, &str) = crate::hearing_support::OFFICER;

async fn a_respondent_answers_page_by_page_goes_back_and_resumes_from_the_link(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, false).await;
    let public_browser = TestApp::second_browser(&app);
    let (status, html) = public_browser.get_text(&public(id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("5 spørsmål på 2 sider."), "{html}");
    let path = start(&public_browser, id).await;
    let (_, html) = public_browser.get_text(&path).await;
    assert!(html.contains("Side 1 av 2"));
    assert!(
        html.contains("Hvordan reiser du oftest? (må besvares)"),
        "{html}"
    );
    assert!(
        html.contains("Svar bare hvis du svarte «Kollektivt» på «Hvordan reiser du oftest?»."),
        "a same-page condition is said in words: {html}"
    );

    // Nothing chosen, then "annet" without its text: told at the field, the choice kept.
    let r = answer(&public_browser, &path, 1, &[], "next").await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = public_browser.get_text(&local(&public_browser, &r)).await;
    assert!(html.contains("Svar på dette spørsmålet."), "{html}");
    let r = answer(
        &public_browser,
        &path,
        1,
        &[("q1", "annet"), ("q2", "4")],
        "next",
    )
    .await;
    let (_, html) = public_browser.get_text(&local(&public_browser, &r)).await;
    assert!(html.contains("Skriv hva du mener med «annet»."), "{html}");
    assert!(
        html.contains("value=\"annet\" checked"),
        "the choice is kept: {html}"
    );

    // Public transport, satisfied (4): on to page 2.
    let r = answer(
        &public_browser,
        &path,
        1,
        &[("q1", "1"), ("q2", "4")],
        "next",
    )
    .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let page2 = local(&public_browser, &r);
    assert!(page2.ends_with("?side=2"), "{page2}");
    let (_, html) = public_browser.get_text(&page2).await;
    assert!(html.contains("Side 2 av 2"));
    assert!(html.contains("Send svarene"));

    // A number that is not one keeps the page as typed.
    let r = answer(
        &public_browser,
        &page2,
        2,
        &[
            ("q3", "0"),
            ("q3", "2"),
            ("q4", "tolv"),
            ("q5", "Flere benker"),
        ],
        "next",
    )
    .await;
    let (_, html) = public_browser.get_text(&local(&public_browser, &r)).await;
    assert!(
        html.contains("Skriv et helt tall, for eksempel 12."),
        "{html}"
    );
    assert!(html.contains("value=\"tolv\""), "{html}");
    assert!(html.contains("Flere benker"));
    assert!(html.contains("name=\"q3\" value=\"2\" checked"), "{html}");

    // Back to page 1 keeps what was answered there.
    let r = answer(&public_browser, &page2, 2, &[("q4", "2")], "back").await;
    let back = local(&public_browser, &r);
    assert!(back.ends_with("?side=1"), "{back}");
    let (_, html) = public_browser.get_text(&back).await;
    assert!(html.contains("name=\"q1\" value=\"1\" checked"), "{html}");
    assert!(html.contains("name=\"q2\" value=\"4\" checked"), "{html}");

    // The link without a page opens the furthest page in another browser too.
    let elsewhere = TestApp::second_browser(&app);
    let (status, html) = elsewhere.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Side 2 av 2"), "{html}");
    assert!(
        html.contains("value=\"2\""),
        "the number kept from going back: {html}"
    );

    let r = answer(
        &elsewhere,
        &page2,
        2,
        &[
            ("q3", "0"),
            ("q3", "2"),
            ("q4", "2"),
            ("q5", "Flere benker"),
        ],
        "next",
    )
    .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let thanks = local(&elsewhere, &r);
    assert_eq!(thanks, format!("{}/takk", public(id)));
    let (_, html) = elsewhere.get_text(&thanks).await;
    assert!(html.contains("Takk for svarene!"));

    let rows = submitted(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].1,
        vec![
            (1, Answer::Choice(1)),
            (2, Answer::Point(Some(4))),
            (3, Answer::Choices(vec![0, 2])),
            (4, Answer::Number(2)),
            (5, Answer::Text("Flere benker".into())),
        ]
    );
    // Sent is sent: the page says so, and a second post is refused.
    let (_, html) = public_browser.get_text(&path).await;
    assert!(html.contains("Svarene dine er sendt."));
    let r = answer(&public_browser, &page2, 2, &[("q4", "3")], "next").await;
    let back = local(&public_browser, &r);
    // The refusal travels in the address: {"Conflict":"survey.answer.submitted"} in base64.
    assert!(
        back.contains("__err=eyJDb25mbGljdCI6InN1cnZleS5hbnN3ZXIuc3VibWl0dGVkIn0"),
        "{back}"
    );
    let (_, html) = public_browser.get_text(&back).await;
    assert!(html.contains("Svarene dine er sendt."), "{html}");
    assert_eq!(submitted(&app, id).await[0].1[3], (4, Answer::Number(2)));
    app.stop().await;
}

async fn a_question_not_shown_keeps_no_answer_and_an_unknown_link_finds_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, false).await;
    let path = start(&app, id).await;
    // By car, yet a satisfaction sent with it (a page whose script did not run): not kept.
    let r = answer(&app, &path, 1, &[("q1", "0"), ("q2", "5")], "next").await;
    let page2 = local(&app, &r);
    let r = answer(&app, &page2, 2, &[], "next").await;
    assert_eq!(local(&app, &r), format!("{}/takk", public(id)));
    assert_eq!(submitted(&app, id).await[0].1, vec![(1, Answer::Choice(0))]);

    let (status, _) = app
        .get_text(&format!("{}/svar/{}", public(id), "0".repeat(64)))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A closed survey takes no more answers, and says so.
    let path = start(&app, id).await;
    assert!(
        change_status(&app, &token, id, "close")
            .await
            .status()
            .is_success()
    );
    let r = answer(&app, &path, 1, &[("q1", "2")], "next").await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("Undersøkelsen tar ikke imot svar lenger."),
        "{html}"
    );
    let (_, html) = app.get_text(&public(id)).await;
    assert!(html.contains("Undersøkelsen tar ikke imot svar nå."));

    // Given a third page, and on page 2 a required question for those who take
    // the bus, and opened again: a respondent by car reaches page 3, goes back to say "Kollektivt" on page 1,
    // and jumps to page 3 to send. The final check sends them to page 2, saying why.
    let idstr = id.to_string();
    let bus = [
        ("section", "2"),
        ("kind", "short"),
        ("text", "Hvilken linje tar du?"),
        ("required", "on"),
        ("show_if_question", "1"),
        ("show_if_options", "2"),
    ];
    assert!(
        add_question(&app, &token, id, &bus)
            .await
            .status()
            .is_success()
    );
    let r = app
        .call(
            "change_survey_section",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("id", &idstr),
                ("section_title", "Til slutt"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let r = add_question(
        &app,
        &token,
        id,
        &[("section", "3"), ("kind", "short"), ("text", "Noe mer?")],
    )
    .await;
    assert!(r.status().is_success());
    assert!(
        change_status(&app, &token, id, "open")
            .await
            .status()
            .is_success()
    );
    let path = start(&app, id).await;
    let r = answer(&app, &path, 1, &[("q1", "0")], "next").await;
    let r = answer(&app, &local(&app, &r), 2, &[], "next").await;
    let page3 = local(&app, &r);
    assert!(page3.ends_with("side=3"), "{page3}");
    answer(&app, &format!("{path}?side=1"), 1, &[("q1", "1")], "next").await;
    let r = answer(&app, &page3, 3, &[("q7", "Nei")], "next").await;
    let back = local(&app, &r);
    let (_, html) = app.get_text(&back).await;
    assert!(html.contains("Side 2 av 3"), "{back}: {html}");
    assert!(html.contains("Svar på dette spørsmålet."), "{html}");
    assert!(submitted(&app, id).await.len() == 1, "not sent");
    let r = answer(&app, &back, 2, &[("q6", "Linje 3")], "next").await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("value=\"Nei\""),
        "the last page was kept: {html}"
    );
    let r = answer(&app, &local(&app, &r), 3, &[("q7", "Nei")], "next").await;
    assert_eq!(local(&app, &r), format!("{}/takk", public(id)));
    let (_, sent) = submitted(&app, id).await.pop().unwrap();
    assert!(
        sent.contains(&(6, Answer::Text("Linje 3".into()))),
        "{sent:?}"
    );
    assert!(sent.contains(&(7, Answer::Text("Nei".into()))), "{sent:?}");
    app.stop().await;
}

async fn one_answer_per_person_takes_a_login_and_only_one_of_two_concurrent_sends_counts(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, true).await;
    let citizen = TestApp::second_browser(&app);
    let (_, html) = citizen.get_text(&public(id)).await;
    assert!(html.contains("Logg inn med ID-porten"), "{html}");
    let csrf = app::testing::csrf_token_in(&html);
    let idstr = id.to_string();
    let r = citizen
        .call(
            "start_survey",
            &[("csrf_token", &csrf), ("slug", SLUG), ("id", &idstr)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    citizen
        .citizen_login("kari-nordmann", "substantial", &public(id))
        .await;
    // Two responses begun, both answered to the last page, both sent at once.
    let a = start(&citizen, id).await;
    let b = start(&citizen, id).await;
    let mut lasts = Vec::new();
    for path in [&a, &b] {
        let r = answer(&citizen, path, 1, &[("q1", "2")], "next").await;
        lasts.push(local(&citizen, &r));
    }
    let (ra, rb) = tokio::join!(
        answer(&citizen, &lasts[0], 2, &[("q4", "1")], "next"),
        answer(&citizen, &lasts[1], 2, &[("q4", "3")], "next"),
    );
    let thanks = format!("{}/takk", public(id));
    let went: Vec<String> = [ra, rb].iter().map(|r| local(&citizen, r)).collect();
    assert_eq!(
        went.iter().filter(|w| **w == thanks).count(),
        1,
        "exactly one is taken: {went:?}"
    );
    assert_eq!(submitted(&app, id).await.len(), 1);
    let (_, html) = citizen.get_text(&public(id)).await;
    assert!(
        html.contains("Du har allerede svart på denne undersøkelsen."),
        "{html}"
    );
    let r = citizen
        .call(
            "start_survey",
            &[
                ("csrf_token", &app::testing::csrf_token_in(&html)),
                ("slug", SLUG),
                ("id", &idstr),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Another person may answer.
    let other = TestApp::second_browser(&app);
    other
        .citizen_login("ola-nordmann", "substantial", &public(id))
        .await;
    let path = start(&other, id).await;
    let r = answer(&other, &path, 1, &[("q1", "0")], "next").await;
    let r = answer(&other, &local(&other, &r), 2, &[], "next").await;
    assert_eq!(local(&other, &r), thanks);
    assert_eq!(submitted(&app, id).await.len(), 2);
    app.stop().await;
}

async fn an_unfinished_response_is_deleted_thirty_days_after_it_began_and_a_sent_one_stays(
    backend: Backend,
) {
    use app::ssr::db::entities::{survey_answer, survey_response};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = example_survey(&app, &token, false).await;
    let sent = start(&app, id).await;
    let r = answer(&app, &sent, 1, &[("q1", "0")], "next").await;
    answer(&app, &local(&app, &r), 2, &[], "next").await;
    let halfway = start(&app, id).await;
    answer(&app, &halfway, 1, &[("q1", "2")], "next").await;
    let count = || async {
        survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(id))
            .count(&app.state.db)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 2);
    let purge = app::ssr::services::surveys::purge::purge_unfinished;
    app.state.clock.advance(chrono::Duration::days(29));
    assert_eq!(purge(&app.state).await.unwrap(), 0, "the link still works");
    app.state.clock.advance(chrono::Duration::days(2));
    assert_eq!(purge(&app.state).await.unwrap(), 1);
    assert_eq!(count().await, 1);
    assert_eq!(submitted(&app, id).await.len(), 1, "the sent one stays");
    // Its answers went with it.
    let answers = survey_answer::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    let kept: usize = submitted(&app, id).await.iter().map(|(_, a)| a.len()).sum();
    let demo: u64 = {
        let demo_ids: Vec<i64> = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.ne(id))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        survey_answer::Entity::find()
            .filter(survey_answer::Column::ResponseId.is_in(demo_ids))
            .count(&app.state.db)
            .await
            .unwrap()
    };
    assert_eq!(answers, demo + kept as u64);
    let (status, _) = app.get_text(&halfway).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}

on_both_databases!(
    a_respondent_answers_page_by_page_goes_back_and_resumes_from_the_link,
    a_question_not_shown_keeps_no_answer_and_an_unknown_link_finds_nothing,
    one_answer_per_person_takes_a_login_and_only_one_of_two_concurrent_sends_counts,
    an_unfinished_response_is_deleted_thirty_days_after_it_began_and_a_sent_one_stays,
);
