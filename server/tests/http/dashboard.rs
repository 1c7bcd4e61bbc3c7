//! The staff dashboard lists what needs action in the organisation, each with a link, as the
//! staff member's role allows; and each gets the digest they chose, once.

use crate::hearing_support::{COUNTY_ADMIN, ELECTED, OFFICER, STORGATA, demo_hearing};
use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use app::on_both_databases;
use app::ssr::services::dashboard::notices;
use app::testing::Backend;
use reqwest::StatusCode;

const MODERATOR: (&str, &str) = ("moderator@eksempel.kommune.no", "demo-passord-moderator");
const PAGE: &str = "/org/eksempel-kommune/ansatt";

async fn the_dashboard_lists_what_needs_action_each_with_a_link_by_role(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let officer = Someone::staff(&app, OFFICER).await;
    let (status, html) = officer.browser.get_text(PAGE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Dette venter på deg i Eksempel kommune"),
        "{html}"
    );
    assert!(html.contains("Innspill som venter på gjennomgang"));
    assert!(html.contains(&format!(
        "/org/eksempel-kommune/ansatt/horinger/{}/innspill",
        h.id
    )));
    assert!(
        html.contains("Flere benker langs elvepromenaden"),
        "a proposal to screen"
    );
    assert!(html.contains("Innbyggerforslag som skal kontrolleres innen"));
    assert!(!html.contains("Forfalt"), "nothing overdue yet");

    // A moderator screens submissions only; an elected official and another organisation's
    // admin have nothing here.
    let moderator = Someone::staff(&app, MODERATOR).await;
    let (status, html) = moderator.browser.get_text(PAGE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Innspill som venter på gjennomgang"));
    assert!(
        !html.contains("Flere benker langs elvepromenaden"),
        "{html}"
    );
    for who in [ELECTED, COUNTY_ADMIN] {
        let s = Someone::staff(&app, who).await;
        let (status, html) = s.browser.get_text(PAGE).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}", who.0);
        assert!(!html.contains("Flere benker"));
    }

    // Past the screening date, it is overdue.
    app.state.clock.advance(chrono::Duration::days(40));
    let (_, html) = officer.browser.get_text(PAGE).await;
    assert!(html.contains("Forfalt"), "{html}");
    app.stop().await;
}

async fn each_staff_member_gets_the_digest_they_chose_once(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let officer = Someone::staff(&app, OFFICER).await;
    let moderator = Someone::staff(&app, MODERATOR).await;
    // Kari comments, logged in: received and confirmed at once, waiting for screening.
    let kari = Someone::citizen(&app, "kari-nordmann", Some("kari@eksempel.no")).await;
    let h = demo_hearing(&app, STORGATA).await;
    let r = crate::hearing_support::submit(&kari.browser, &h, |token| {
        crate::hearing_support::submission_form(
            token,
            &h,
            &[
                ("kind", "private"),
                ("name", "Kari Nordmann"),
                ("email", "kari@eksempel.no"),
                ("general_comment", "Et innspill som venter på gjennomgang."),
                ("confirm_public", "on"),
            ],
            vec![],
        )
    })
    .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    // This morning's digest (of yesterday) is sent whenever the worker first runs; Kari's
    // comment came after it, so it is in tomorrow's.
    notices::run_due(&app.state).await.unwrap();
    app.run_mail_worker().await;
    let to = |who: &str| -> Vec<String> {
        app.state
            .mailer
            .sent()
            .into_iter()
            .filter(|m| m.recipient == who && m.subject.contains("oversikt"))
            .map(|m| m.text)
            .collect()
    };
    let (officer_before, moderator_before) = (to(OFFICER.0).len(), to(MODERATOR.0).len());
    assert_eq!(
        notices::run_due(&app.state).await.unwrap(),
        0,
        "once a morning"
    );
    app.state.clock.advance(chrono::Duration::days(1));
    assert!(notices::run_due(&app.state).await.unwrap() >= 2);
    assert_eq!(notices::run_due(&app.state).await.unwrap(), 0, "once");
    app.run_mail_worker().await;
    let officers = to(OFFICER.0);
    assert_eq!(officers.len(), officer_before + 1, "{officers:?}");
    let latest = officers.last().unwrap();
    assert!(
        latest.contains("1 nye innspill venter på gjennomgang"),
        "{latest}"
    );
    assert!(latest.contains(PAGE), "a link to the dashboard");
    let moderators = to(MODERATOR.0);
    assert_eq!(moderators.len(), moderator_before + 1);
    assert!(
        !moderators.last().unwrap().contains("Innbyggerforslag"),
        "none for a moderator"
    );

    // The officer wants nothing more; the moderator's next morning has nothing new.
    let r = officer
        .browser
        .call(
            "save_staff_notices",
            &[
                ("csrf_token", &officer.token),
                ("slug", "eksempel-kommune"),
                ("cadence", "hourly"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = officer
        .browser
        .call(
            "save_staff_notices",
            &[
                ("csrf_token", &officer.token),
                ("slug", "eksempel-kommune"),
                ("submissions", "on"),
                ("cadence", "never"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = officer.browser.get_text(PAGE).await;
    assert!(
        html.contains("value=\"never\" checked"),
        "the choice is shown"
    );
    app.state.clock.advance(chrono::Duration::days(1));
    let _ = notices::run_due(&app.state).await.unwrap();
    app.run_mail_worker().await;
    assert_eq!(
        to(OFFICER.0).len(),
        officer_before + 1,
        "nothing after choosing never"
    );
    let _ = moderator;
    app.stop().await;
}

on_both_databases!(
    the_dashboard_lists_what_needs_action_each_with_a_link_by_role,
    each_staff_member_gets_the_digest_they_chose_once,
);
