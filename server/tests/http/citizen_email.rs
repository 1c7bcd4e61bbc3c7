//! A citizen's email address: asked for, confirmed by the emailed link, removed.

use crate::helpers::{IdPortenOptions, location, spawn_app_with_idporten};
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};
use reqwest::StatusCode;

async fn a_citizen_adds_an_address_confirms_it_by_the_emailed_link_and_removes_it(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let token = app.csrf_token().await;
    let r = app
        .call(
            "set_citizen_email",
            &[("csrf_token", &token), ("email", "kari@eksempel.no")],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "only for a logged-in citizen"
    );

    app.citizen_login("kari-nordmann", "substantial", "/meg")
        .await;
    let (_, html) = app.get_text("/meg").await;
    assert!(html.contains("Du har ikke lagt inn noen e-postadresse."));
    let token = csrf_token_in(&html);
    let r = app
        .call(
            "set_citizen_email",
            &[("csrf_token", &token), ("email", "kari.eksempel.no")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("me.email.invalid"));
    let r = app
        .call(
            "set_citizen_email",
            &[("csrf_token", &token), ("email", " Kari@Eksempel.no ")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = app.get_text("/meg").await;
    assert!(html.contains("Vi har sendt en lenke til kari@eksempel.no."));
    assert!(
        html.contains("Du har ikke lagt inn noen e-postadresse."),
        "not in use before it is confirmed"
    );

    assert_eq!(app.run_mail_worker().await, 1);
    let mail = app.state.mailer.sent().pop().unwrap();
    assert_eq!(mail.recipient, "kari@eksempel.no");
    assert_eq!(mail.subject, "Bekreft e-postadressen din i Innspill");
    let link = mail
        .text
        .split_whitespace()
        .find(|w| w.contains("/meg/epost/"))
        .unwrap()
        .to_string();
    let path = link.trim_start_matches(&app.base).to_string();
    assert!(path.starts_with("/meg/epost/"), "{link}");

    // The link works in any browser, once; opening it (as a mail scanner would) shows the
    // address and a button, and confirms nothing.
    let elsewhere = crate::helpers::TestApp::second_browser(&app);
    for _ in 0..2 {
        let (status, html) = elsewhere.get_text(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Vil du bruke kari@eksempel.no til kvitteringer og varsler"));
    }
    let (_, html) = app.get_text("/meg").await;
    assert!(html.contains("Du har ikke lagt inn noen e-postadresse."));
    let (_, html) = elsewhere.get_text(&path).await;
    let csrf = csrf_token_in(&html);
    let link_token = path.rsplit('/').next().unwrap().to_string();
    let r = elsewhere
        .post_form(
            "confirm_citizen_email",
            &path,
            &[("csrf_token", &csrf), ("token", &link_token)],
        )
        .await;
    assert_eq!(location(r.headers()), "/meg/epost-bekreftet");
    let (_, html) = elsewhere.get_text("/meg/epost-bekreftet").await;
    assert!(html.contains("E-postadressen er bekreftet"));
    let (status, html) = elsewhere.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Lenken virker ikke"));
    let (_, html) = app.get_text("/meg").await;
    assert!(html.contains("Adressen din er kari@eksempel.no."));

    let r = app
        .call("remove_citizen_email", &[("csrf_token", &token)])
        .await;
    assert!(r.status().is_success());
    let (_, html) = app.get_text("/meg").await;
    assert!(html.contains("Du har ikke lagt inn noen e-postadresse."));
    app.stop().await;
}

async fn a_bad_address_without_javascript_comes_back_with_the_message_and_what_was_typed(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    app.citizen_login("ola-nordmann", "substantial", "/meg")
        .await;
    let (_, html) = app.get_text("/meg").await;
    let token = csrf_token_in(&html);
    let r = app
        .post_form(
            "set_citizen_email",
            "/meg",
            &[("csrf_token", &token), ("email", "ola@ikke-gyldig")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let back = location(r.headers());
    assert!(!back.contains("ola@"), "an address never travels in a URL");
    let (status, html) = app.get_text(back.trim_start_matches(&app.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Skriv en gyldig e-postadresse"));
    assert!(html.contains("value=\"ola@ikke-gyldig\""));
    app.stop().await;
}

async fn twenty_requests_at_once_send_at_most_five_confirmation_mails(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let limit = app::ssr::services::citizen_email::LIMIT;
    let now = app.state.clock.now();
    let next = app::ssr::security::rate_limit::window_start(limit, now) + limit.window;
    app.state.clock.advance(next - now);
    app.citizen_login("kari-nordmann", "substantial", "/meg")
        .await;
    let (_, html) = app.get_text("/meg").await;
    let token = csrf_token_in(&html);
    let asks = (0..20).map(|i| {
        let (app, token) = (&app, &token);
        async move {
            let email = format!("kari{i}@eksempel.no");
            app.call(
                "set_citizen_email",
                &[("csrf_token", token.as_str()), ("email", &email)],
            )
            .await
            .status()
        }
    });
    let answers = futures::future::join_all(asks).await;
    let sent = answers.iter().filter(|s| s.is_success()).count();
    let limited = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((sent, limited), (5, 15), "{answers:?}");
    assert_eq!(app.run_mail_worker().await, 5, "five mails, no more");
    app.stop().await;
}

on_both_databases!(
    twenty_requests_at_once_send_at_most_five_confirmation_mails,
    a_citizen_adds_an_address_confirms_it_by_the_emailed_link_and_removes_it,
    a_bad_address_without_javascript_comes_back_with_the_message_and_what_was_typed,
);
