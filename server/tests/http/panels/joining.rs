//! A resident joins on their own and leaves again: told exactly what is missing without
//! JavaScript and nothing lost; only residents of 16 and over with a national id get in; a
//! member leaves with one click, their answers kept with no link to them or deleted.

use super::*;
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use app::on_both_databases;
use app::ssr::db::entities::{survey, survey_answer, survey_response};
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

async fn a_resident_joins_told_what_is_missing_without_javascript_and_nothing_is_lost(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_panel(&app).await;
    let (status, html) = app.get_text(&page(id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Dette sier du ja til"), "{html}");
    assert!(html.contains("fødselsnummeret, som ikke lagres"), "{html}");
    assert!(html.contains("Logg inn for å bli med"), "{html}");

    app.citizen_login("kari-nordmann", "substantial", &page(id))
        .await;
    let (_, html) = app.get_text(&page(id)).await;
    assert!(html.contains("Bli med i panelet"), "{html}");
    let before = members(&app, id).await.len();

    // Nothing ticked or chosen and a broken address: a message at each field, the address kept.
    let r = join(&app, id, &[("email", "kari@")]).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = app.get_text(&crate::helpers::local(&app, &r)).await;
    for message in [
        "Kryss av for at du sier ja til å være med.",
        "Skriv en e-postadresse på formen navn@eksempel.no.",
        "Velg et av svarene, eller «Vil ikke oppgi».",
        "Velg området du bor i.",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(html.contains("value=\"kari@\""), "what was typed is kept");
    assert_eq!(members(&app, id).await.len(), before, "nothing stored");

    let r = join(&app, id, KARIS_ENROLMENT).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = app.get_text(&page(id)).await;
    assert!(html.contains("Du er med i panelet"), "{html}");
    let all = members(&app, id).await;
    assert_eq!(all.len(), before + 1);
    let kari = all
        .iter()
        .find(|m| m.email.as_deref() == Some("kari.panel@example.no"))
        .expect("Kari's membership");
    assert_eq!(
        (kari.source.as_str(), kari.status.as_str()),
        ("self", "active")
    );
    let hash = kari.person_hash.clone().unwrap();
    assert!(!hash.contains("01819012365") && hash.len() == 64);
    // Her profile is apart, under the pseudonym: bands only (born 1990: 25–39).
    let p = profile(&app, kari.pseudonym.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!((p.age_band, p.gender.as_str(), p.district), (1, "woman", 2));

    // Once only; and Min side lists it.
    let r = join(&app, id, KARIS_ENROLMENT).await;
    let (_, html) = app.get_text(&crate::helpers::local(&app, &r)).await;
    assert!(html.contains("Du er med i panelet"), "{html}");
    let token = app::testing::csrf_token_in(&html);
    let idstr = id.to_string();
    let mut again = vec![
        ("csrf_token", token.as_str()),
        ("slug", SLUG),
        ("id", &idstr),
    ];
    again.extend_from_slice(KARIS_ENROLMENT);
    assert_eq!(
        app.call("join_panel", &again).await.status(),
        StatusCode::CONFLICT
    );
    assert_eq!(members(&app, id).await.len(), before + 1);
    let (_, mine) = app.get_json("/api/my_panels").await;
    assert_eq!(mine[0]["name"], app::demo::panels::DEMO_PANEL, "{mine}");
    let (_, html) = app.get_text("/meg").await;
    assert!(html.contains("Meld meg ut og slett svarene mine"), "{html}");
    app.stop().await;
}

async fn only_residents_of_sixteen_and_over_logged_in_with_a_national_id_may_join(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_panel(&app).await;
    let before = members(&app, id).await.len();
    for (person, message) in [
        (
            "mari-solberg",
            "Folkeregisteret har deg ikke som bosatt her",
        ),
        (
            "nils-utflyttet",
            "Folkeregisteret har deg ikke som bosatt her",
        ),
        ("sara-larsen", "Panelet er for innbyggere fra 16 år."),
        ("epost-bruker", "Innloggingen din har ikke fødselsnummer"),
    ] {
        let b = TestApp::second_browser(&app);
        b.citizen_login(person, "substantial", &page(id)).await;
        let r = join(&b, id, KARIS_ENROLMENT).await;
        let (_, html) = b.get_text(&crate::helpers::local(&b, &r)).await;
        assert!(html.contains(message), "{person}: {html}");
    }
    assert_eq!(members(&app, id).await.len(), before, "nobody was let in");

    // A panel that takes no new members says so, and takes none.
    let staff = TestApp::second_browser(&app);
    let token = staff
        .staff(
            crate::hearing_support::OFFICER.0,
            crate::hearing_support::OFFICER.1,
        )
        .await;
    let idstr = id.to_string();
    let r = staff
        .call(
            "save_panel",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("id", &idstr),
                ("name", app::demo::panels::DEMO_PANEL),
                ("purpose", "Spørsmål om tjenestene."),
                ("district_kind", "bydel"),
                ("districts", "Sentrum\nNord\nSør\nØst\nVest"),
                ("skip_limit", "3"),
                ("background", DEMO_BACKGROUND),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app.citizen_login("kari-nordmann", "substantial", &page(id))
        .await;
    let (_, html) = app.get_text(&page(id)).await;
    assert!(
        html.contains("Panelet tar ikke inn nye medlemmer nå."),
        "{html}"
    );
    let r = join(&app, id, KARIS_ENROLMENT).await;
    let (_, html) = app.get_text(&crate::helpers::local(&app, &r)).await;
    assert!(html.contains("Panelet tar ikke inn nye medlemmer nå."));
    assert_eq!(members(&app, id).await.len(), before);
    app.stop().await;
}

/// A response of the member with this pseudonym to a survey of the organisation, with one
/// answer, as a wave's response will be.
async fn answered(app: &TestApp, pseudonym: &str) -> i64 {
    let s = survey::Entity::find()
        .filter(survey::Column::Title.eq(app::demo::surveys::PUBLISHED_SURVEY))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let v = app::ssr::db::surveys::current_version(&app.state.db, &s)
        .await
        .unwrap();
    let r = app::ssr::db::surveys::responses::start(
        &app.state.db,
        s.id,
        v.id,
        &format!("{pseudonym:0>64}"),
        app.state.clock.now(),
    )
    .await
    .unwrap();
    let mut a = r.clone().into_active_model();
    a.panel_pseudonym = Set(Some(pseudonym.to_string()));
    a.update(&app.state.db).await.unwrap();
    survey_answer::ActiveModel {
        response_id: Set(r.id),
        question_id: Set(1),
        answer: Set("{\"Choice\":0}".into()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    r.id
}

async fn a_member_leaves_with_one_click_keeping_their_answers_unlinked_or_deleting_them(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_panel(&app).await;
    let ola = TestApp::second_browser(&app);
    app.citizen_login("kari-nordmann", "substantial", &page(id))
        .await;
    ola.citizen_login("ola-nordmann", "substantial", &page(id))
        .await;
    join(&app, id, KARIS_ENROLMENT).await;
    join(
        &ola,
        id,
        &[
            ("consent", "on"),
            ("email", "ola.panel@example.no"),
            ("gender", "not_given"),
            ("district", "0"),
        ],
    )
    .await;
    let of = |email: &'static str| {
        let app = &app;
        async move {
            members(app, id)
                .await
                .into_iter()
                .find(|m| m.email.as_deref() == Some(email))
                .unwrap()
        }
    };
    let kari = of("kari.panel@example.no").await;
    let olas = of("ola.panel@example.no").await;
    let (kp, op) = (kari.pseudonym.unwrap(), olas.pseudonym.unwrap());
    let kr = answered(&app, &kp).await;
    let or = answered(&app, &op).await;

    // Leaving needs a choice.
    let (_, html) = app.get_text("/meg").await;
    let token = app::testing::csrf_token_in(&html);
    let idstr = id.to_string();
    let r = app
        .call(
            "leave_panel",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("id", &idstr),
                ("answers", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Kari leaves from Min side without JavaScript, keeping her answers.
    let r = app
        .post_form(
            "leave_panel",
            "/meg",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("id", &idstr),
                ("answers", "keep"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = app.get_text("/meg").await;
    assert!(
        html.contains("Du er ikke med i noe innbyggerpanel."),
        "{html}"
    );
    let gone = members(&app, id)
        .await
        .into_iter()
        .find(|m| m.id == kari.id)
        .unwrap();
    assert_eq!(gone.status, "left");
    assert!(gone.ended_at.is_some());
    assert_eq!(
        (gone.person_hash, gone.email, gone.pseudonym),
        (None, None, None),
        "nothing ties her to what is kept"
    );
    assert!(profile(&app, &kp).await.is_some(), "her profile stays");
    let response = survey_response::Entity::find_by_id(kr)
        .one(&app.state.db)
        .await
        .unwrap();
    assert!(response.is_some(), "her answers stay");

    // Ola leaves from the panel's page, deleting his.
    let (_, html) = ola.get_text(&page(id)).await;
    let token = app::testing::csrf_token_in(&html);
    let r = ola
        .post_form(
            "leave_panel",
            &page(id),
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("id", &idstr),
                ("answers", "delete"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    assert!(profile(&app, &op).await.is_none());
    assert!(
        survey_response::Entity::find_by_id(or)
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );
    let answers = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(or))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(answers, 0);
    // Leaving twice finds nothing; and Ola may join again later.
    let r = ola
        .call(
            "leave_panel",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("id", &idstr),
                ("answers", "keep"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (_, html) = ola.get_text(&page(id)).await;
    assert!(html.contains("Bli med i panelet"), "{html}");
    app.stop().await;
}

on_both_databases!(
    a_resident_joins_told_what_is_missing_without_javascript_and_nothing_is_lost,
    only_residents_of_sixteen_and_over_logged_in_with_a_national_id_may_join,
    a_member_leaves_with_one_click_keeping_their_answers_unlinked_or_deleting_them,
);
