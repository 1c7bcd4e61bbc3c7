//! Followers who chose a digest hear nothing at once, and then one mail with everything: at
//! 06:00 the next morning (daily) or on Monday (weekly). A digest's unsubscribe link ends
//! every follow of its recipient.

use super::{follow, mails_to};
use crate::hearing_support::{OFFICER, STORGATA, demo_hearing};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use app::on_both_databases;
use app::ssr::services::notifications::digest;
use app::testing::Backend;
use chrono::Datelike;

async fn extend_twice(app: &TestApp) {
    use chrono_tz::Europe::Oslo;
    let officer = Someone::staff(app, OFFICER).await;
    for days in [2, 4] {
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
}

async fn a_daily_follower_gets_one_morning_mail_and_a_weekly_one_on_monday(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    // On a Tuesday morning, so that the next morning is not a Monday.
    let now = app.state.clock.now();
    let tuesday = (1..=7)
        .map(|d| (now + chrono::Duration::days(d)).date_naive())
        .find(|d| d.weekday() == chrono::Weekday::Tue)
        .unwrap();
    crate::hearing_support::set_clock(&app, tuesday.and_hms_opt(9, 0, 0).unwrap().and_utc());
    let h = demo_hearing(&app, STORGATA).await;
    let ola = Someone::citizen(&app, "ola-nordmann", Some("ola@eksempel.no")).await;
    let kari = Someone::citizen(&app, "kari-nordmann", Some("kari@eksempel.no")).await;
    follow(&ola, "hearing", h.id, "daily").await;
    follow(&kari, "hearing", h.id, "weekly").await;
    extend_twice(&app).await;
    app.run_mail_worker().await;
    assert_eq!(
        digest::run_due(&app.state).await.unwrap(),
        0,
        "nothing due yet"
    );
    app.run_mail_worker().await;
    assert!(
        mails_to(&app, 0, "ola@eksempel.no").is_empty(),
        "nothing at once"
    );
    assert!(mails_to(&app, 0, "kari@eksempel.no").is_empty());

    app.state.clock.advance(chrono::Duration::days(1));
    assert_eq!(
        digest::run_due(&app.state).await.unwrap(),
        1,
        "Ola's daily digest"
    );
    assert_eq!(
        digest::run_due(&app.state).await.unwrap(),
        0,
        "and only once"
    );
    app.run_mail_worker().await;
    let ola_mails = mails_to(&app, 0, "ola@eksempel.no");
    assert_eq!(ola_mails.len(), 1, "{ola_mails:?}");
    assert_eq!(ola_mails[0].subject, "Dagens nytt fra sakene du følger (2)");
    assert_eq!(
        ola_mails[0].text.matches("er forlenget til").count(),
        2,
        "both extensions: {}",
        ola_mails[0].text
    );
    assert!(ola_mails[0].text.contains("/meg"), "where to change it");
    assert!(
        mails_to(&app, 0, "kari@eksempel.no").is_empty(),
        "Kari waits for Monday"
    );

    app.state.clock.advance(chrono::Duration::days(6));
    assert_eq!(
        digest::run_due(&app.state).await.unwrap(),
        1,
        "Kari's weekly digest"
    );
    app.run_mail_worker().await;
    let kari_mails = mails_to(&app, 0, "kari@eksempel.no");
    assert_eq!(kari_mails.len(), 1);
    assert_eq!(kari_mails[0].subject, "Ukens nytt fra sakene du følger (2)");

    // The digest's link ends every follow of its recipient, without login.
    let path = kari_mails[0]
        .unsubscribe
        .clone()
        .unwrap()
        .trim_start_matches(&app.base)
        .to_string();
    let r = reqwest::Client::new()
        .post(app.url(&path))
        .body("List-Unsubscribe=One-Click")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    let follows_of = |person: i32| {
        let db = app.state.db.clone();
        async move {
            app::ssr::db::follows::of_person_all(&db, person)
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(
        follows_of(kari.browser.person_id("kari-nordmann").await).await,
        0
    );
    assert_eq!(
        follows_of(ola.browser.person_id("ola-nordmann").await).await,
        1,
        "Ola still follows"
    );
    app.stop().await;
}

on_both_databases!(a_daily_follower_gets_one_morning_mail_and_a_weekly_one_on_monday);
