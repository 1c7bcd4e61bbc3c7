//! A hearing's followers hear it open, close and get its outcome; an initiative's hear its
//! collection end — each once, however often the worker runs, and only after they followed.

use super::{follow, mails_to};
use crate::hearing_support::{OFFICER, demo_hearing};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use app::on_both_databases;
use app::testing::Backend;

const PLAN: &str = "Kommunedelplan for kulturminner";
const OLA: &str = "ola@eksempel.no";

/// What the worker does by the dates, then its fan-out, twice over.
async fn the_dates_pass(app: &TestApp, days: i64) {
    app.state.clock.advance(chrono::Duration::days(days));
    for _ in 0..2 {
        app::ssr::services::hearings::status_by_dates::sync_all(&app.state)
            .await
            .unwrap();
        app::ssr::services::initiatives::staff::dates::run_dates(&app.state)
            .await
            .unwrap();
        app.run_mail_worker().await;
    }
}

fn news(app: &TestApp, from: usize) -> Vec<String> {
    mails_to(app, from, OLA)
        .into_iter()
        .filter(|m| m.subject.starts_with("Nytt i en sak du følger"))
        .map(|m| m.text)
        .collect()
}

async fn a_hearings_followers_hear_it_open_close_and_conclude_once_each(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, PLAN).await;
    let ola = Someone::citizen(&app, "ola-nordmann", Some(OLA)).await;
    follow(&ola, "hearing", h.id, "immediate").await;

    the_dates_pass(&app, 11).await;
    let opened = news(&app, 0);
    assert_eq!(opened.len(), 1, "{opened:?}");
    assert!(opened[0].contains(&format!("Høringen «{PLAN}» er åpnet for innspill")));
    let sent = app.state.mailer.sent().len();
    the_dates_pass(&app, 95).await;
    let closed = news(&app, sent);
    assert_eq!(closed.len(), 1, "{closed:?}");
    assert!(closed[0].contains("er ute"), "{}", closed[0]);

    let sent = app.state.mailer.sent().len();
    let officer = Someone::staff(&app, OFFICER).await;
    let r = officer
        .browser
        .call(
            "change_hearing_status",
            &[
                ("csrf_token", &officer.token),
                ("slug", "eksempel-kommune"),
                ("id", &h.id.to_string()),
                ("action", "conclude"),
                ("outcome", "Planen ble vedtatt med to nye kulturminner."),
                (
                    "decision_url",
                    "https://eksempel.kommune.no/vedtak/kulturminner",
                ),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    the_dates_pass(&app, 0).await;
    let concluded = news(&app, sent);
    assert_eq!(concluded.len(), 1, "{concluded:?}");
    assert!(concluded[0].contains("Planen ble vedtatt med to nye kulturminner."));
    assert!(concluded[0].contains("https://eksempel.kommune.no/vedtak/kulturminner"));
    app.stop().await;
}

async fn an_initiatives_followers_hear_its_collection_end(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let i = crate::initiative_support::initiative_by_title(
        &app,
        "Gratis parkering i sentrum på lørdager",
    )
    .await;
    let ola = Someone::citizen(&app, "ola-nordmann", Some(OLA)).await;
    follow(&ola, "initiative", i.id, "immediate").await;
    let today = crate::initiative_support::oslo_today(&app);
    let days = (i.collection_ends - today).num_days() + 2;
    the_dates_pass(&app, days).await;
    let ended = news(&app, 0);
    // Reaching the threshold may come first (the worker checks it), but the end comes once.
    let expired: Vec<_> = ended
        .iter()
        .filter(|t| t.contains("er avsluttet uten at"))
        .collect();
    assert_eq!(expired.len(), 1, "{ended:?}");
    app.stop().await;
}

on_both_databases!(
    a_hearings_followers_hear_it_open_close_and_conclude_once_each,
    an_initiatives_followers_hear_its_collection_end,
);
