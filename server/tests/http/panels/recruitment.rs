//! The probability sample: staff set targets per stratum — told exactly what is wrong — and
//! draw; each drawn resident is invited by mail where KRR gives a usable address, else on the
//! letter list (a printable page and a CSV, every view logged); they join with the code however
//! they type it, without logging in, once; or with ID-porten even when the panel does not
//! recruit; the worker lapses what was not answered and forgets the addresses; a top-up draws
//! only people not drawn before.

use super::*;
use crate::helpers::{IdPortenOptions, TestApp, spawn_app, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use app::on_both_databases;
use app::ssr::db::entities::{audit_log, mail_outbox, panel_draw, panel_invitee};
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use std::collections::HashSet;

const OFFICER: (&str, &str) = crate::hearing_support::OFFICER;

async fn invitees(app: &TestApp, panel: i32) -> Vec<panel_invitee::Model> {
    panel_invitee::Entity::find()
        .filter(panel_invitee::Column::PanelId.eq(panel))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn recruit_mails(app: &TestApp) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Subject.contains("trukket ut"))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn staff_panel(app: &TestApp, panel: i32) -> serde_json::Value {
    let (status, v) = app
        .get_json(&format!("/api/get_staff_panel?slug={SLUG}&id={panel}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v
}

async fn audit_lines(app: &TestApp, action: &str) -> Vec<String> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.detail)
        .collect()
}

/// The code in an invitation mail's link.
fn code_in(mail: &mail_outbox::Model) -> String {
    mail.body_text
        .split_whitespace()
        .find_map(|w| w.split("/innmelding?kode=").nth(1))
        .unwrap_or_else(|| panic!("no enrolment link in {}", mail.body_text))
        .to_string()
}

/// Enrols with a code as a browser without JavaScript: the page with the code, then its form.
async fn enrol(app: &TestApp, code: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let page = format!("/innmelding?kode={}", code.replace(' ', "+"));
    let (status, html) = app.get_text(&page).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let csrf = app::testing::csrf_token_in(&html);
    let mut form = vec![("csrf_token", csrf.as_str()), ("code", code)];
    form.extend_from_slice(fields);
    app.post_form("enrol_panel_code", &page, &form).await
}

/// The panel takes no more volunteers (as unticking "recruiting" on its form does).
async fn stop_recruiting(app: &TestApp, id: i32) {
    let p = app::ssr::db::entities::panel::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut a = p.into_active_model();
    a.recruiting = Set(false);
    a.update(&app.state.db).await.unwrap();
}

async fn draw(app: &TestApp, token: &str, panel: i32) -> reqwest::Response {
    app.call(
        "draw_panel_sample",
        &[
            ("csrf_token", token),
            ("slug", SLUG),
            ("panel", &panel.to_string()),
            ("confirm", "on"),
        ],
    )
    .await
}

async fn staff_set_targets_draw_and_the_drawn_enrol_by_mail_or_letter_code(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let panel = demo_panel(&app).await;
    let panel_s = panel.to_string();

    // No targets yet: nothing to draw towards.
    let r = draw(&app, &token, panel).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("panel.draw.no_targets"));

    // Wrong targets: a message at each field.
    let r = app
        .call(
            "save_panel_targets",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("panel", &panel_s),
                ("mode", "proportional"),
                ("size", "0"),
                ("expected_rate", "120"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("panel.targets.size_invalid"), "{body}");
    assert!(body.contains("panel.targets.rate_invalid"), "{body}");

    // 420 members in proportion to the population; half of those invited expected to enrol.
    let r = app
        .call(
            "save_panel_targets",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("panel", &panel_s),
                ("mode", "proportional"),
                ("size", "420"),
                ("expected_rate", "50"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let view = staff_panel(&app, panel).await;
    let rec = &view["recruitment"];
    let next = rec["next_draw"].as_u64().unwrap();
    let rows = rec["rows"].as_array().unwrap();
    let target: u64 = rows.iter().map(|r| r["target"].as_u64().unwrap()).sum();
    assert_eq!(target, 420, "the targets add up to the size");
    let members_before = members(&app, panel).await.len();
    // Each stratum short of its target invites twice what it lacks (half enrol).
    let expected: u64 = rows
        .iter()
        .map(|r| {
            let lack = r["target"].as_u64().unwrap() as i64 - r["members"].as_u64().unwrap() as i64;
            (lack.max(0) * 2) as u64
        })
        .sum();
    assert_eq!(next, expected);
    assert!(next > 100, "{next}");

    // Not without the box ticked that says staff mean it.
    let r = app
        .call(
            "draw_panel_sample",
            &[("csrf_token", &token), ("slug", SLUG), ("panel", &panel_s)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("panel.draw.confirm_missing")
    );

    // The draw: as many as planned, by email where KRR allows, else by letter; the seed audited.
    // Two at once (a double click, or two staff): one draw is made, the other refused.
    let (a, b) = tokio::join!(draw(&app, &token, panel), draw(&app, &token, panel));
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "one draw");
    assert_eq!(
        panel_draw::Entity::find()
            .filter(panel_draw::Column::PanelId.eq(panel))
            .all(&app.state.db)
            .await
            .unwrap()
            .len(),
        1
    );
    // Whichever came second, a draw planned before another was recorded cannot be recorded.
    assert!(
        !app::ssr::db::panels::recruitment::claim_draw(&app.state.db, panel, 0)
            .await
            .unwrap(),
        "a stale claim"
    );
    let d = panel_draw::Entity::find()
        .filter(panel_draw::Column::PanelId.eq(panel))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the draw");
    assert_eq!(d.invited as u64, next);
    assert!(
        d.by_email > 0 && d.by_letter > 0,
        "{} {}",
        d.by_email,
        d.by_letter
    );
    assert_eq!(d.by_email + d.by_letter, d.invited);
    let audit = audit_lines(&app, "panel_draw").await;
    assert!(audit[0].contains(&format!("seed {}", d.seed)), "{audit:?}");
    let first = invitees(&app, panel).await;
    assert_eq!(first.len() as i32, d.invited);
    let mails = recruit_mails(&app).await;
    assert_eq!(mails.len() as i32, d.by_email);
    assert!(mails.iter().all(|m| m.recipient.ends_with("@eksempel.no")));
    // Nobody already in the panel is drawn.
    let hashes: HashSet<String> = members(&app, panel)
        .await
        .into_iter()
        .filter_map(|m| m.person_hash)
        .collect();
    assert!(first.iter().all(|i| !hashes.contains(&i.person_hash)));

    // The open invitations are counted on: every stratum at its target, no second draw.
    let view = staff_panel(&app, panel).await;
    assert_eq!(
        view["recruitment"]["next_draw"], 0,
        "{}",
        view["recruitment"]
    );
    let r = draw(&app, &token, panel).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("panel.draw.at_target"));

    // The letter list: a page and a CSV, every view in the audit log.
    let (status, sheet) = app
        .get_json(&format!(
            "/api/get_panel_letters?slug={SLUG}&panel={panel}&draw={}",
            d.id
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let letters = sheet["letters"].as_array().unwrap();
    assert_eq!(letters.len() as i32, d.by_letter);
    assert!(
        letters[0]["name"]
            .as_str()
            .unwrap()
            .starts_with("Panelperson ")
    );
    assert!(
        letters[0]["address"]
            .as_str()
            .unwrap()
            .contains("Utvalgsveien")
    );
    let letter_code = letters[0]["code"].as_str().unwrap().to_string();
    assert_eq!(letter_code.len(), 11, "ABCDE-FGHJK: {letter_code}");
    let (status, html) = app
        .get_text(&format!(
            "/org/{SLUG}/ansatt/innbyggerpanel/{panel}/trekk/{}/brev",
            d.id
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&letter_code) && html.contains("Din personlige kode"),
        "{html}"
    );
    let r = app
        .get(&format!(
            "/org/{SLUG}/ansatt/innbyggerpanel/{panel}/trekk/{}/brev.csv",
            d.id
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.unwrap();
    assert!(
        csv.starts_with("\u{feff}Navn") || csv.starts_with("Navn"),
        "{csv}"
    );
    assert!(csv.contains(&letter_code), "{csv}");
    assert_eq!(csv.lines().count() as i32, d.by_letter + 1);
    assert_eq!(audit_lines(&app, "panel_letters").await.len(), 3);

    // A mailed invitation: its link shows the panel; without consent or address, each is said
    // and the address typed kept; then in, with the register's stratum, the address forgotten.
    // (Enrolling needs no login: the staff's session plays no part in it.)
    let visitor = &app;
    let code = code_in(&mails[0]);
    let (status, html) = visitor.get_text(&format!("/innmelding?kode={code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(app::demo::panels::DEMO_PANEL), "{html}");
    assert!(
        html.contains("Dette sier du ja til"),
        "the consent text: {html}"
    );
    let r = enrol(visitor, &code, &[("email", "ny@")]).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = visitor.get_text(&crate::helpers::local(visitor, &r)).await;
    assert!(
        html.contains("Kryss av for at du sier ja til å være med."),
        "{html}"
    );
    assert!(
        html.contains("Skriv en e-postadresse på formen navn@eksempel.no."),
        "{html}"
    );
    assert!(html.contains("value=\"ny@\""), "what was typed is kept");
    // …and the consent it was not given is not shown given.
    let consent = html
        .split("<input")
        .find(|t| t.contains("name=\"consent\""))
        .and_then(|t| t.split('>').next())
        .expect("the consent box");
    assert!(!consent.contains("checked"), "{consent}");
    assert_eq!(members(&app, panel).await.len(), members_before);
    let r = enrol(
        visitor,
        &code,
        &[("email", "trukket.ut@example.no"), ("consent", "on")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = visitor.get_text(&crate::helpers::local(visitor, &r)).await;
    assert!(html.contains("Du er med i panelet"), "{html}");
    let all = members(&app, panel).await;
    let new = all
        .iter()
        .find(|m| m.email.as_deref() == Some("trukket.ut@example.no"))
        .expect("the new member");
    assert_eq!(
        (new.source.as_str(), new.status.as_str()),
        ("sample", "active")
    );
    let inv = invitees(&app, panel)
        .await
        .into_iter()
        .find(|i| Some(&i.person_hash) == new.person_hash.as_ref())
        .expect("their invitation");
    assert_eq!(inv.status, "enrolled");
    assert_eq!((inv.email.clone(), inv.name.clone()), (None, None));
    let p = profile(&app, new.pseudonym.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(
        (p.age_band, p.gender.as_str(), p.district),
        (inv.age_band, inv.gender.as_str(), inv.district)
    );
    // The same code again: no longer open.
    let r = enrol(
        visitor,
        &code,
        &[("email", "igjen@example.no"), ("consent", "on")],
    )
    .await;
    let (_, html) = visitor.get_text(&crate::helpers::local(visitor, &r)).await;
    assert!(
        html.contains("Vi finner ingen åpen invitasjon med denne koden"),
        "{html}"
    );
    // A letter's code, typed in lower case with a space for the dash.
    let typed = letter_code.to_lowercase().replace('-', " ");
    let r = enrol(
        visitor,
        &typed,
        &[("email", "brev@example.no"), ("consent", "on")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    assert!(
        members(&app, panel)
            .await
            .iter()
            .any(|m| m.email.as_deref() == Some("brev@example.no") && m.source == "sample")
    );
    // A code that cannot be one is told apart from one that is not open.
    let (_, html) = visitor.get_text("/innmelding?kode=123").await;
    assert!(html.contains("Koden har ti tegn"), "{html}");

    // Sixty days on, a code no longer lets anyone in, even before the worker has run.
    app.state.clock.advance(chrono::Duration::days(61));
    let r = enrol(
        visitor,
        &code_in(&mails[1]),
        &[("email", "for.sent@example.no"), ("consent", "on")],
    )
    .await;
    let (_, html) = visitor.get_text(&crate::helpers::local(visitor, &r)).await;
    assert!(
        html.contains("Vi finner ingen åpen invitasjon med denne koden"),
        "{html}"
    );

    // The worker lapses the rest and forgets every address, name and postal
    // address; the staff page counts on them no more, and a top-up draws only new people.
    app::ssr::services::panels::recruitment::run_due(&app.state)
        .await
        .unwrap();
    let after = invitees(&app, panel).await;
    assert_eq!(after.iter().filter(|i| i.status == "enrolled").count(), 2);
    assert!(after.iter().all(|i| i.status != "invited"));
    assert!(
        after
            .iter()
            .all(|i| i.email.is_none() && i.name.is_none() && i.address.is_none())
    );
    let view = staff_panel(&app, panel).await;
    assert!(view["recruitment"]["next_draw"].as_u64().unwrap() > 0);
    let r = draw(&app, &token, panel).await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let before: HashSet<String> = first.into_iter().map(|i| i.person_hash).collect();
    let topped = invitees(&app, panel).await;
    let fresh: Vec<_> = topped.iter().filter(|i| i.status == "invited").collect();
    assert!(!fresh.is_empty());
    assert!(
        fresh.iter().all(|i| !before.contains(&i.person_hash)),
        "nobody drawn twice"
    );

    // A year after the first draw, its rows go; the draw keeps its counts.
    app.state.clock.advance(chrono::Duration::days(305));
    app::ssr::services::panels::recruitment::run_due(&app.state)
        .await
        .unwrap();
    let left = invitees(&app, panel).await;
    assert!(
        left.iter().all(|i| i.draw_id != d.id),
        "the first draw's rows are gone"
    );
    let kept = panel_draw::Entity::find_by_id(d.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.invited, d.invited);
}
on_both_databases!(staff_set_targets_draw_and_the_drawn_enrol_by_mail_or_letter_code);

/// Kari is drawn for the panel, reached by mail (her keyed hash, as a draw writes it); the hash.
async fn draw_kari(app: &TestApp, id: i32) -> String {
    let pid = crate::standin::test_person("kari-nordmann").pid.unwrap();
    let nid = app::domain::national_id::NationalId::parse(&pid, true).unwrap();
    let hash = app::ssr::services::panels::member_hash(
        &app.state,
        id,
        &app::ssr::security::pid::pid_hash(app.state.settings.pid_key(), &nid),
    );
    let now = app.state.clock.now();
    app::ssr::db::panels::recruitment::insert_draw(
        &app.state.db,
        id,
        7,
        &[app::ssr::db::panels::recruitment::NewInvitee {
            person_hash: hash.clone(),
            stratum: app::domain::survey::strata::Stratum {
                age: app::domain::survey::strata::AgeBand(2),
                gender: app::domain::survey::strata::Gender::Woman,
                district: 2,
            },
            code_hash: "d".repeat(64),
            email: Some("kari.nordmann@eksempel.no".into()),
            name: None,
            address: None,
        }],
        "[]".into(),
        now + chrono::Duration::days(60),
        1,
        now,
    )
    .await
    .unwrap();
    hash
}

/// One drawn may instead log in with ID-porten on the panel's page — even when it takes no
/// members of its own accord — and is counted as drawn.
async fn one_drawn_joins_with_id_porten_though_the_panel_does_not_recruit(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_panel(&app).await;
    stop_recruiting(&app, id).await;
    let hash = draw_kari(&app, id).await;

    app.citizen_login("kari-nordmann", "substantial", &page(id))
        .await;
    let (_, html) = app.get_text(&page(id)).await;
    assert!(html.contains("Du er trukket ut til panelet"), "{html}");
    assert!(html.contains("Bli med i panelet"), "{html}");
    // The panel's background questions: a stranger answer is told at its question.
    let mut fields = KARIS_ENROLMENT.to_vec();
    fields.push(("bg0", "9"));
    let r = join(&app, id, &fields).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = app.get_text(&crate::helpers::local(&app, &r)).await;
    assert!(
        html.contains("Velg et av svarene, eller «Vil ikke svare»."),
        "{html}"
    );
    assert!(
        html.contains("Hvor lenge har du bodd i kommunen?"),
        "{html}"
    );
    assert!(
        members(&app, id)
            .await
            .iter()
            .all(|m| m.person_hash.as_deref() != Some(hash.as_str()))
    );
    let mut fields = KARIS_ENROLMENT.to_vec();
    fields.extend([("bg0", "2"), ("bg1", "")]);
    let r = join(&app, id, &fields).await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let kari = members(&app, id)
        .await
        .into_iter()
        .find(|m| m.person_hash.as_deref() == Some(hash.as_str()))
        .expect("Kari is a member");
    assert_eq!(kari.source, "sample");
    // Her answer is kept with her profile, under the pseudonym; the one she left out as such.
    let p = profile(&app, kari.pseudonym.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(p.background.as_deref(), Some("[2,null]"));
    let inv = invitees(&app, id).await;
    assert_eq!(inv[0].status, "enrolled");
    assert_eq!(inv[0].email, None);

    // Her data download holds the membership with her profile's bands and her answers in words
    // (the one she left out, not at all).
    let token = app.csrf_token().await;
    let r = app
        .call("request_data_export", &[("csrf_token", &token)])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app::ssr::services::my_data::export::build_pending(&app.state)
        .await
        .unwrap();
    let (_, html) = app.get_text("/meg").await;
    let path = html
        .split('"')
        .find(|s| s.starts_with("/meg/data/"))
        .expect("a download link on Min side")
        .to_string();
    let r = app.get(&path).await;
    let (data, _, _) = crate::my_data::unzip(&r.bytes().await.unwrap());
    let membership = data["citizen_panels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["came_in"] == "sample")
        .expect("the membership in her data")
        .clone();
    assert_eq!(membership["gender"], "woman", "{membership}");
    assert_eq!(
        membership["background"],
        serde_json::json!([{"question": "Hvor lenge har du bodd i kommunen?", "answer": "Mer enn 20 år"}]),
        "{membership}"
    );
}
on_both_databases!(one_drawn_joins_with_id_porten_though_the_panel_does_not_recruit);

/// One drawn finds the invitation — and what it holds of them — in the download of their
/// data; deleting the account says it goes, and it goes.
async fn the_drawn_find_their_invitation_in_their_data_and_it_goes_with_their_account(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_panel(&app).await;
    let hash = draw_kari(&app, id).await;
    let kari = Someone::citizen(&app, "kari-nordmann", Some("kari@eksempel.no")).await;

    let r = kari
        .browser
        .call("request_data_export", &[("csrf_token", &kari.token)])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app::ssr::services::my_data::export::build_pending(&app.state)
        .await
        .unwrap();
    let (_, html) = kari.browser.get_text("/meg").await;
    let path = html
        .split('"')
        .find(|s| s.starts_with("/meg/data/"))
        .expect("a download link on Min side")
        .to_string();
    let r = kari.browser.get(&path).await;
    let (data, _, _) = crate::my_data::unzip(&r.bytes().await.unwrap());
    let panels = data["citizen_panels"].as_array().unwrap();
    assert_eq!(panels.len(), 1, "{panels:?}");
    let drawn = &panels[0];
    assert_eq!(drawn["drawn_for_the_sample"], true);
    assert_eq!(drawn["invitation"], "invited");
    assert_eq!(drawn["reached_by"], "email");
    assert_eq!(drawn["email"], "kari.nordmann@eksempel.no");
    assert_eq!(drawn["gender"], "woman");
    assert_eq!(drawn["panel"], app::demo::panels::DEMO_PANEL);

    // Deleting the account: the page says the invitation goes; then it is gone.
    let (_, html) = kari.browser.get_text("/meg/slett").await;
    assert!(
        html.contains("Invitasjoner fra trekning til innbyggerpanel (med navn, adresse og e-post fra trekningen): 1"),
        "{html}"
    );
    assert!(html.contains("Panelene: 0"), "{html}");
    let r = kari
        .browser
        .post_form(
            "delete_my_account",
            "/meg/slett",
            &[("csrf_token", &kari.token), ("confirm", "on")],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(
        invitees(&app, id)
            .await
            .iter()
            .all(|i| i.person_hash != hash),
        "the invitation is deleted"
    );
}
on_both_databases!(the_drawn_find_their_invitation_in_their_data_and_it_goes_with_their_account);

/// Codes are looked up at most 60 times an hour from one address; and a panel that takes no
/// volunteers still shows one drawn (not logged in) the way in.
async fn codes_are_rate_limited_and_the_drawn_find_the_way_into_a_closed_panel(backend: Backend) {
    let app = spawn_app(backend).await;
    for n in 0..60 {
        let (status, _) = app
            .get_json("/api/get_code_invitation?code=ABCDE-FGHJK")
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "look-up {n}");
    }
    let (status, _) = app
        .get_json("/api/get_code_invitation?code=ABCDE-FGHJK")
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

    let id = demo_panel(&app).await;
    stop_recruiting(&app, id).await;
    let (_, html) = app.get_text(&page(id)).await;
    assert!(
        html.contains("Panelet tar ikke inn nye medlemmer nå."),
        "{html}"
    );
    assert!(html.contains("Er du trukket ut til panelet?"), "{html}");
    assert!(html.contains("Logg inn for å bli med"), "{html}");
    assert!(html.contains("href=\"/innmelding\""), "{html}");
}
on_both_databases!(codes_are_rate_limited_and_the_drawn_find_the_way_into_a_closed_panel);

/// Staff set background questions; once anyone has answered, they may only grow at the end.
async fn background_questions_may_only_grow_once_answered(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let id = demo_panel(&app).await;
    let save = |background: &'static str| {
        let token = token.clone();
        let id = id.to_string();
        let app = &app;
        async move {
            app.call(
                "save_panel",
                &[
                    ("csrf_token", &token),
                    ("slug", SLUG),
                    ("id", &id),
                    ("name", app::demo::panels::DEMO_PANEL),
                    ("purpose", "Kommunen spør panelet."),
                    ("district_kind", "bydel"),
                    ("districts", "Sentrum\nNord\nSør\nØst\nVest"),
                    ("skip_limit", "3"),
                    ("recruiting", "on"),
                    ("background", background),
                ],
            )
            .await
        }
    };
    let r = save("Har du bil?\nJa").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("panel.background.too_few_options")
    );
    // The demo's members answered the first two: reordering them is refused.
    let r = save("Bor det barn under 18 år hjemme hos deg?\nJa\nNei\n\nHvor lenge har du bodd i kommunen?\nUnder 5 år\n5–20 år\nMer enn 20 år").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("panel.background.locked"));
    // Adding one at the end is fine; the join form then asks it.
    let r = save("Hvor lenge har du bodd i kommunen?\nUnder 5 år\n5–20 år\nMer enn 20 år\n\nBor det barn under 18 år hjemme hos deg?\nJa\nNei\n\nHar du bil?\nJa\nNei").await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let (_, v) = app
        .get_json(&format!("/api/get_panel?slug={SLUG}&id={id}"))
        .await;
    assert_eq!(v["background"][2]["text"], "Har du bil?", "{v}");
}
on_both_databases!(background_questions_may_only_grow_once_answered);
