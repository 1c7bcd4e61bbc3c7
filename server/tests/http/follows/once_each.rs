//! Each event of an initiative reaches the right people once: its proposer, the signers who
//! asked, a citizen who follows it and an address that follows it — and nobody else, however
//! often the worker runs.

use super::{link_with, mails_to};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::{DECISION, GAPAHUK, Gapahuk, MINUTES, Someone};
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};

const ANNE: &str = "anne.adresse@eksempel.no";

/// Anne follows the gapahuk by address (and confirms); Ola follows it logged in.
async fn followers(app: &TestApp, g: &Gapahuk) -> Someone {
    let visitor = TestApp::second_browser(app);
    let page = format!("/org/lillevik-kommune/innbyggerforslag/{}/folg", g.id);
    let (_, html) = visitor.get_text(&page).await;
    let token = csrf_token_in(&html);
    let id = g.id.to_string();
    let r = visitor
        .call(
            "follow_by_email",
            &[
                ("csrf_token", &token),
                ("kind", "initiative"),
                ("slug", "lillevik-kommune"),
                ("id", &id),
                ("email", ANNE),
                ("cadence", "immediate"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app.run_mail_worker().await;
    let mail = mails_to(app, 0, ANNE).pop().expect("confirmation");
    let link = link_with(app, &mail.text, "/folg/bekreft/");
    let (_, html) = visitor.get_text(&link).await;
    let r = visitor
        .call(
            "confirm_follow",
            &[
                ("csrf_token", &csrf_token_in(&html)),
                ("token", link.rsplit('/').next().unwrap()),
            ],
        )
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let ola = Someone::citizen(app, "ola-nordmann", Some("ola@eksempel.no")).await;
    let r = ola
        .browser
        .call(
            "follow_case",
            &[
                ("csrf_token", &ola.token),
                ("kind", "initiative"),
                ("slug", "lillevik-kommune"),
                ("id", &id),
                ("cadence", "immediate"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    ola
}

/// Runs what the worker runs, twice over (a second run must add nothing).
async fn worker_twice(app: &TestApp) {
    for _ in 0..2 {
        app::ssr::services::notifications::threshold::record_reached(&app.state)
            .await
            .unwrap();
        app.run_mail_worker().await;
    }
}

async fn each_event_of_an_initiative_reaches_each_of_its_people_once(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let mut g = Gapahuk::collecting(&app).await;
    let _ola = followers(&app, &g).await;
    worker_twice(&app).await;
    let published = app.state.mailer.sent().len();

    // Tor asks to hear how it goes, Eva does not; with Eva it reaches its threshold.
    g.signed_by(&app, "tor-tvedt", "tor@eksempel.no", true)
        .await;
    g.signed_by(&app, "eva-eng", "eva@eksempel.no", false).await;
    worker_twice(&app).await;
    let threshold = app.state.mailer.sent().len();
    g.submit(&app).await;
    worker_twice(&app).await;
    let submitted = app.state.mailer.sent().len();
    g.record_decision().await;
    worker_twice(&app).await;

    let subjects = |from: usize, to: &str| -> Vec<String> {
        mails_to(&app, from, to)
            .iter()
            .filter(|m| {
                m.subject.starts_with("Nytt i en sak du følger") && m.text.contains(GAPAHUK)
            })
            .map(|m| m.text.clone())
            .collect()
    };
    // Publication: only Lise, whose follow began with it (Anne and Ola came after).
    assert_eq!(
        subjects(0, "lise@eksempel.no").len(),
        4,
        "published, threshold, submitted, decided"
    );
    for who in [ANNE, "ola@eksempel.no"] {
        let got = subjects(published, who);
        assert_eq!(
            got.len(),
            3,
            "{who}: threshold, submitted, decided: {got:?}"
        );
    }
    // Tor signed before the threshold was reached: he hears of it and of what follows.
    let tor = subjects(published, "tor@eksempel.no");
    assert_eq!(tor.len(), 3, "Tor: {tor:?}");
    assert!(subjects(0, "eva@eksempel.no").is_empty(), "Eva did not ask");
    assert_eq!(subjects(threshold, "tor@eksempel.no").len(), 2);
    let decided = subjects(submitted, "tor@eksempel.no");
    assert_eq!(decided.len(), 1);
    assert!(decided[0].contains(DECISION), "{}", decided[0]);
    assert!(decided[0].contains(MINUTES));
    assert!(decided[0].contains("skrev under på"), "why Tor gets it");
    let anne = subjects(submitted, ANNE);
    assert!(anne[0].contains("fordi du følger"));
    app.stop().await;
}

/// A signer who withdraws stops hearing of the initiative because they signed.
async fn a_withdrawn_signature_hears_no_more(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let mut g = Gapahuk::collecting(&app).await;
    g.signed_by(&app, "tor-tvedt", "tor@eksempel.no", true)
        .await;
    let (_, html) = g.signers[0].browser.get_text("/meg").await;
    assert!(
        html.contains("Saker du følger") && html.contains(GAPAHUK),
        "{html}"
    );
    let r = g.withdraw(&g.signers[0]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = g.signers[0].browser.get_text("/meg").await;
    assert!(html.contains("Du følger ingen saker"));
    g.signed_by(&app, "eva-eng", "eva@eksempel.no", false).await;
    worker_twice(&app).await;
    assert!(
        mails_to(&app, 0, "tor@eksempel.no")
            .iter()
            .all(|m| !m.subject.contains("Nytt i saken"))
    );
    app.stop().await;
}

on_both_databases!(
    each_event_of_an_initiative_reaches_each_of_its_people_once,
    a_withdrawn_signature_hears_no_more,
);
