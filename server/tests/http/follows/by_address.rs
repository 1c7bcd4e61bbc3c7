//! Anyone follows a hearing by address: a confirmation link whose page has a button, then the
//! hearing's extension by mail, with a one-click unsubscribe that works without login.

use super::{link_with, mails_to};
use crate::hearing_support::{OFFICER, STORGATA, demo_hearing};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};
use reqwest::StatusCode;

const KARI: &str = "kari.folger@eksempel.no";

fn pairs<'a>(f: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    f.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The officer extends the Storgata hearing's deadline by `days`.
async fn extend(app: &TestApp, officer: &Someone, days: i64) {
    use chrono_tz::Europe::Oslo;
    let h = demo_hearing(app, STORGATA).await;
    let new = (h.deadline + chrono::Duration::days(days)).with_timezone(&Oslo);
    let r = officer
        .browser
        .call(
            "extend_hearing_deadline",
            &[
                ("csrf_token", &officer.token),
                ("slug", "eksempel-kommune"),
                ("id", &h.id.to_string()),
                ("extend_date", &new.format("%Y-%m-%d").to_string()),
                ("extend_time", &new.format("%H:%M").to_string()),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
}

async fn anyone_follows_a_hearing_by_address_hears_of_its_extension_and_leaves_with_one_click(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let follow_page = format!("/org/eksempel-kommune/horinger/{}/folg", h.id);
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert!(
        html.contains(&follow_page),
        "the hearing links its follow page"
    );

    // A wrong address is refused next to its field, and what was typed is kept.
    let (status, html) = app.get_text(&follow_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Følg saken: Reguleringsplan for Storgata"));
    let token = csrf_token_in(&html);
    let form = |email: &'static str| {
        vec![
            ("csrf_token", token.clone()),
            ("kind", "hearing".to_string()),
            ("slug", "eksempel-kommune".to_string()),
            ("id", h.id.to_string()),
            ("email", email.to_string()),
            ("cadence", "immediate".to_string()),
        ]
    };
    let bad = form("kari.eksempel.no");
    let r = app
        .post_form("follow_by_email", &follow_page, &pairs(&bad))
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (_, html) = app.get_text(&crate::helpers::local(&app, &r)).await;
    assert!(html.contains("Skriv en gyldig e-postadresse"), "{html}");
    assert!(html.contains("kari.eksempel.no"), "what was typed is kept");

    let good = form(KARI);
    let r = app
        .post_form("follow_by_email", &follow_page, &pairs(&good))
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (_, html) = app.get_text(&crate::helpers::local(&app, &r)).await;
    assert!(html.contains("Sjekk e-posten din"), "{html}");
    app.run_mail_worker().await;
    let confirm = mails_to(&app, 0, KARI);
    assert_eq!(confirm.len(), 1, "one confirmation mail");
    assert!(confirm[0].subject.contains("Bekreft at du vil følge"));
    let link = link_with(&app, &confirm[0].text, "/folg/bekreft/");

    // Before the address is confirmed it hears nothing.
    let officer = Someone::staff(&app, OFFICER).await;
    extend(&app, &officer, 3).await;
    app.run_mail_worker().await;
    assert_eq!(
        mails_to(&app, 0, KARI).len(),
        1,
        "nothing before confirming"
    );

    // Opening the link (as a mail scanner does) confirms nothing; the button does.
    let elsewhere = TestApp::second_browser(&app);
    let (status, html) = elsewhere.get_text(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ja, jeg vil følge saken"));
    let token_in_link = link.rsplit('/').next().unwrap();
    let r = elsewhere
        .post_form(
            "confirm_follow",
            &link,
            &[
                ("csrf_token", &csrf_token_in(&html)),
                ("token", token_in_link),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (_, html) = elsewhere
        .get_text(&crate::helpers::local(&elsewhere, &r))
        .await;
    assert!(html.contains("Nå følger du saken"), "{html}");
    let (status, _) = elsewhere.get_text(&link).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a link confirms once");

    // The next extension reaches the follower, once, with the new deadline and a way out.
    let sent = app.state.mailer.sent().len();
    extend(&app, &officer, 7).await;
    app.run_mail_worker().await;
    app.run_mail_worker().await;
    let mails = mails_to(&app, sent, KARI);
    assert_eq!(mails.len(), 1, "one mail per event: {mails:?}");
    let h = demo_hearing(&app, STORGATA).await;
    let deadline = app::i18n::format::date_time(app::domain::lang::Lang::Nb, h.deadline);
    assert!(mails[0].text.contains(&deadline), "{}", mails[0].text);
    assert!(mails[0].text.contains("er forlenget til"));
    let unsubscribe = mails[0].unsubscribe.clone().expect("List-Unsubscribe");
    assert!(unsubscribe.starts_with(&format!("{}/avmeld/", app.base)));
    assert!(mails[0].text.contains(&unsubscribe), "and a visible link");
    assert!(
        !mails[0].subject.contains(STORGATA),
        "a subject names no case"
    );

    // A changed link is no link; the real one stops the mails with one POST, no cookie, no
    // form token (RFC 8058), and a second POST is fine.
    let path = unsubscribe.trim_start_matches(&app.base).to_string();
    let cookieless = reqwest::Client::new();
    let forged = format!("{}0", &path[..path.len() - 1]);
    for (p, expected) in [
        (&forged, StatusCode::NOT_FOUND),
        (&path, StatusCode::OK),
        (&path, StatusCode::OK),
    ] {
        let r = cookieless
            .post(app.url(p))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), expected, "{p}");
    }
    let (_, html) = elsewhere.get_text(&path).await;
    assert!(html.contains("Du får ingen e-poster fra oss om disse sakene lenger"));
    let sent = app.state.mailer.sent().len();
    extend(&app, &officer, 10).await;
    app.run_mail_worker().await;
    assert!(
        mails_to(&app, sent, KARI).is_empty(),
        "nothing after leaving"
    );
    app.stop().await;
}

/// The unsubscribe link's page shows what it stops and posts to itself; a browser pressing
/// its button lands on a page saying it is done.
async fn the_unsubscribe_pages_button_works_without_javascript(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let ola = Someone::citizen(&app, "ola-nordmann", Some("ola@eksempel.no")).await;
    super::follow(&ola, "hearing", h.id, "immediate").await;
    let officer = Someone::staff(&app, OFFICER).await;
    extend(&app, &officer, 5).await;
    app.run_mail_worker().await;
    let mail = mails_to(&app, 0, "ola@eksempel.no")
        .pop()
        .expect("Ola hears");
    assert!(mail.text.contains("fordi du følger"), "{}", mail.text);
    let path = mail
        .unsubscribe
        .unwrap()
        .trim_start_matches(&app.base)
        .to_string();
    let stranger = TestApp::second_browser(&app);
    let (status, html) = stranger.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(STORGATA), "it says what it stops");
    assert!(html.contains(&format!("action=\"{path}\"")), "{html}");
    let r = stranger
        .client
        .post(stranger.url(&path))
        .header("accept", "text/html")
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(crate::helpers::location(r.headers()), "/avmeldt");
    let (_, html) = ola.browser.get_text("/meg").await;
    assert!(
        html.contains("Du følger ingen saker"),
        "gone from Min side too"
    );
    app.stop().await;
}

on_both_databases!(
    anyone_follows_a_hearing_by_address_hears_of_its_extension_and_leaves_with_one_click,
    the_unsubscribe_pages_button_works_without_javascript,
);
