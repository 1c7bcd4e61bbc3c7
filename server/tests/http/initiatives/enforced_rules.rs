//! Rules the code enforced without a test: no age limit for signing, no proposing from outside
//! the municipality, a login without a national id may take part in a hearing but not sign,
//! extending a hearing's deadline for everyone, the outcomes "referred to a planning case" and
//! "not treated (the same matter this period)", and the staff seeing similar earlier proposals
//! when they screen one and record its outcome.

use crate::hearing_support::{OFFICER, STORGATA, demo_hearing, submissions_of, submit_page};
use crate::helpers::{IdPortenOptions, TestApp, assert_refused, local, spawn_app_with_idporten};
use crate::initiative_builders::{Gapahuk, Someone};
use crate::initiative_support::*;
use app::on_both_databases;
use app::ssr::db::entities::initiative;
use app::testing::Backend;
use reqwest::StatusCode;
use reqwest::multipart::Form;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

/// Sara Larsen was born in 2011: there is no age limit for signing (kommuneloven § 12-1).
async fn a_signer_born_in_2011_signs_there_is_no_age_limit(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let i = &collecting_initiatives(&app, 1).await[0];
    let token = app.citizen("sara-larsen", None).await;
    let r = app
        .call("sign_initiative", &sign_form(&token, &i.id.to_string()))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let signed = signatures_of(&app, i.id).await;
    assert_eq!(signed.len(), 1);
    assert_eq!(
        signed[0].birth_date,
        chrono::NaiveDate::from_ymd_opt(2011, 5, 5)
    );
    app.stop().await;
}

/// Mari Solberg lives in Oslo: she cannot propose an initiative to Eksempel kommune, and nothing
/// of her proposal is stored.
async fn a_non_resident_cannot_propose_and_nothing_is_stored(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let before = initiative::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    let token = app.citizen("mari-solberg", Some("mari@eksempel.no")).await;
    let ends = (oslo_today(&app) + chrono::Duration::days(60)).to_string();
    let r = app
        .client
        .post(app.url("/api/save_initiative"))
        .header("accept", "application/json")
        .multipart(
            Form::new()
                .text("csrf_token", token)
                .text("slug", "eksempel-kommune")
                .text("title", "Ny ballbinge på Nordsletta")
                .text("ask", "Kommunestyret bes bygge en ballbinge på Nordsletta.")
                .text("justification", "Barna mangler et sted å spille.")
                .text("collection_ends", ends),
        )
        .send()
        .await
        .unwrap();
    assert_refused(r, StatusCode::CONFLICT, "initiative.propose.not_resident").await;
    assert_eq!(
        initiative::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        before
    );
    app.stop().await;
}

/// Marie Dubois logged in with a European eID, without a Norwegian national id: she takes part
/// in a hearing like anyone, but cannot sign an initiative.
async fn a_login_without_a_national_id_submits_to_a_hearing_but_cannot_sign(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    app.citizen("marie-dubois-eidas", None).await;
    let (_, html) = app.get_text(&submit_page(&h)).await;
    let token = app::testing::csrf_token_in(&html);
    let form = crate::hearing_support::submission_form(
        &token,
        &h,
        &[
            ("kind", "private"),
            ("email", "marie@eksempel.eu"),
            (
                "general_comment",
                "Je soutiens le projet, mais il faut plus d'arbres.",
            ),
            ("confirm_public", "on"),
        ],
        vec![],
    );
    let r = app
        .post_multipart("submit_comment", &submit_page(&h), form)
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let stored = submissions_of(&app, h.id).await;
    let hers = stored
        .iter()
        .find(|s| s.general_comment.contains("plus d'arbres"))
        .expect("her submission is stored");
    assert!(hers.person_id.is_some(), "as the person who logged in");

    let i = initiative_by_title(&app, PARKING).await;
    let token = app.csrf_token().await;
    let r = app
        .call("sign_initiative", &sign_form(&token, &i.id.to_string()))
        .await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.no_pid").await;
    app.stop().await;
}

/// The case officer extends a hearing's deadline by a week: after the old deadline anyone may
/// still submit, and the public page and the API tell the new deadline and the original one.
async fn extending_a_hearings_deadline_lets_everyone_submit_until_the_new_one(backend: Backend) {
    use chrono_tz::Europe::Oslo;
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let officer = Someone::staff(&app, OFFICER).await;
    let new = (h.deadline + chrono::Duration::days(7)).with_timezone(&Oslo);
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

    crate::hearing_support::set_clock(&app, h.deadline + chrono::Duration::days(1));
    let visitor = TestApp::second_browser(&app);
    let r = crate::hearing_support::submit(&visitor, &h, |token| {
        crate::hearing_support::anonymous(
            token,
            &h,
            "sen@eksempel.no",
            "Et innspill etter den opprinnelige fristen.",
        )
    })
    .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(
        submissions_of(&app, h.id)
            .await
            .iter()
            .any(|s| s.general_comment.contains("etter den opprinnelige fristen")),
        "accepted after the original deadline"
    );
    let (_, json) = visitor
        .get_json(&format!("/api/v1/hearings/{}", h.id))
        .await;
    assert_eq!(json["status"], "open");
    assert!(json["original_deadline"].is_string(), "{json}");
    let deadline: chrono::DateTime<chrono::Utc> =
        json["deadline"].as_str().unwrap().parse().unwrap();
    assert_eq!(deadline.timestamp() / 60, new.timestamp() / 60);
    // After the new deadline it is closed for everyone.
    crate::hearing_support::set_clock(&app, h.deadline + chrono::Duration::days(8));
    let r = crate::hearing_support::submit(&visitor, &h, |token| {
        crate::hearing_support::anonymous(token, &h, "for-sen@eksempel.no", "For sent.")
    })
    .await;
    let (_, html) = visitor.get_text(&local(&app, &r)).await;
    assert!(
        !submissions_of(&app, h.id)
            .await
            .iter()
            .any(|s| s.general_comment == "For sent.")
    );
    assert!(html.contains("frist"), "told why: {html}");
    app.stop().await;
}

/// The council's outcome `kind` recorded for Lise's gapahuk: its page, its status in the API and
/// the mail to Lise say it.
async fn an_outcome_is_recorded_and_shown(app: &TestApp, kind: &str, text: &str, shown: &str) {
    let g = Gapahuk::submitted(app).await;
    app.run_mail_worker().await;
    let before = app.state.mailer.sent().len();
    let date = oslo_today(app).to_string();
    let r = g
        .call(
            &g.staff.browser,
            &g.staff.token,
            "record_initiative_outcome",
            &[
                ("kind", kind),
                ("text", text),
                ("date", &date),
                ("minutes_url", ""),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let anonymous = TestApp::second_browser(app);
    let (_, html) = anonymous.get_text(&g.page).await;
    assert!(html.contains(shown), "{html}");
    assert!(html.contains(text), "{html}");
    let (_, json) = anonymous
        .get_json(&format!("/api/v1/initiatives/{}", g.id))
        .await;
    assert_eq!(json["status"], kind);
    assert_eq!(json["outcome"], text);
    app.run_mail_worker().await;
    assert!(
        app.state.mailer.sent()[before..]
            .iter()
            .any(|m| m.recipient == "lise@eksempel.no"),
        "Lise is told"
    );
}

async fn referred_to_a_planning_case_end_to_end(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    an_outcome_is_recorded_and_shown(
        &app,
        "referred",
        "Forslaget er tatt inn i arbeidet med kommunedelplanen for friluftsliv.",
        "Tatt inn i en plansak",
    )
    .await;
    app.stop().await;
}

async fn not_treated_the_same_matter_this_period_end_to_end(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    an_outcome_is_recorded_and_shown(
        &app,
        "not_treated",
        "Kommunestyret behandlet et likt forslag i mars, sak 12/26.",
        "Ikke behandlet – samme sak er behandlet i valgperioden",
    )
    .await;
    app.stop().await;
}

/// Per proposes free Saturday parking, which Ola proposed earlier this period: the staff see
/// Ola's when they screen Per's, and when they record its outcome.
async fn the_staff_see_similar_earlier_proposals_when_screening_and_recording_the_outcome(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let token = app.citizen("per-johansen", Some("per@eksempel.no")).await;
    let r = propose_free_saturday_parking(&app, &token).await;
    let id: i32 = local(&app, &r).rsplit('/').next().unwrap().parse().unwrap();
    let r = app
        .call(
            "send_initiative_to_screening",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("id", &id.to_string()),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let staff_page = format!("/org/eksempel-kommune/ansatt/innbyggerforslag/{id}");
    let officer = Someone::staff(&app, OFFICER).await;
    let parking = initiative_by_title(&app, PARKING).await;
    let (_, html) = officer.browser.get_text(&staff_page).await;
    assert!(
        html.contains("Lignende forslag i samme valgperiode"),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "href=\"/org/eksempel-kommune/innbyggerforslag/{}\"",
            parking.id
        )),
        "{html}"
    );
    assert!(!html.contains("Lengre åpningstid på biblioteket"));

    // Later, collected and submitted: still there when the outcome is recorded.
    let mut am: initiative::ActiveModel = initiative_by_id(&app, id).await.into();
    am.status = Set("submitted".into());
    am.update(&app.state.db).await.unwrap();
    let (_, html) = officer.browser.get_text(&staff_page).await;
    assert!(html.contains("Lignende forslag i samme valgperiode"));
    assert!(html.contains(PARKING));
    // A moderator does not handle initiatives, and sees none of it.
    let moderator = Someone::staff(&app, MODERATOR).await;
    let (status, html) = moderator.browser.get_text(&staff_page).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("Lignende forslag"));
    app.stop().await;
}

on_both_databases!(
    a_signer_born_in_2011_signs_there_is_no_age_limit,
    a_non_resident_cannot_propose_and_nothing_is_stored,
    a_login_without_a_national_id_submits_to_a_hearing_but_cannot_sign,
    extending_a_hearings_deadline_lets_everyone_submit_until_the_new_one,
    referred_to_a_planning_case_end_to_end,
    not_treated_the_same_matter_this_period_end_to_end,
    the_staff_see_similar_earlier_proposals_when_screening_and_recording_the_outcome,
);
