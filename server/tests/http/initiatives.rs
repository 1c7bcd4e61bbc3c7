//! Citizen initiatives over HTTP: signing under concurrent load, who may sign and who is refused
//! (with nothing stored), the whole life of an initiative from proposal to the council's
//! decision, paper signatures, the signature list for the organisation's staff only, retention,
//! rate limits and open data.

use crate::hearing_support::{COUNTY_ADMIN, OFFICER, set_clock};
use crate::helpers::{IdPortenOptions, TestApp, is_json, local, spawn_app, spawn_app_tweaked};
use crate::initiative_support::*;
use app::domain::initiative::decision_due;
use app::domain::lang::Lang;
use app::i18n::format;
use app::on_both_databases;
use app::ssr::db::entities::audit_log;
use app::ssr::residency::{FixtureRegister, ResidencyRegister};
use app::ssr::state::settings::SignLimits;
use app::testing::{Backend, csrf_token_in, mint_citizen_session, synthetic_residents};
use reqwest::StatusCode;
use reqwest::multipart::Form;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;

fn sign_form<'a>(token: &'a str, id: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("slug", "eksempel-kommune"),
        ("id", id),
    ]
}

async fn demo_person(app: &TestApp, subject: &str) -> i32 {
    use app::ssr::db::entities::person;
    person::Entity::find()
        .filter(person::Column::Issuer.eq("demo"))
        .filter(person::Column::Subject.eq(subject))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn oslo_today(app: &TestApp) -> chrono::NaiveDate {
    app.state
        .clock
        .now()
        .with_timezone(&chrono_tz::Europe::Oslo)
        .date_naive()
}

async fn two_hundred_concurrent_sign_requests_from_a_hundred_persons_store_exactly_a_hundred(
    backend: Backend,
) {
    let residents = synthetic_residents(100, "9999");
    let register = residents.clone();
    let app = spawn_app_tweaked(backend, None, move |s| {
        s.residency = Arc::new(ResidencyRegister::Fixture(FixtureRegister::from_persons(
            register,
        )));
        let mut settings = (*s.settings).clone();
        // Ten persons behind each of ten addresses (a trusted proxy says which); the per-client
        // limit has its own test.
        settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        settings.sign_limits = SignLimits {
            per_client: 10_000,
            per_person: 20,
        };
        s.settings = Arc::new(settings);
    })
    .await;
    let proposer = demo_person(&app, "ola-nordmann").await;
    let i = collecting_initiative(&app, "eksempel-kommune", proposer, "Lys i lysløypa", 30).await;
    let mut sessions = Vec::new();
    for p in &residents {
        sessions.push(mint_citizen_session(&app.state, p).await);
    }
    let client = reqwest::Client::new();
    let url = app.url("/api/sign_initiative");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..2 {
        for (n, s) in sessions.iter().enumerate() {
            let (client, url, cookie, token) = (
                client.clone(),
                url.clone(),
                s.cookie.clone(),
                s.csrf_token.clone(),
            );
            let id = i.id.to_string();
            tasks.spawn(async move {
                let r = client
                    .post(url)
                    .header("cookie", cookie)
                    .header("x-forwarded-for", format!("10.0.0.{}", n % 10))
                    .header("accept", "application/json")
                    .form(&[
                        ("csrf_token", token.as_str()),
                        ("slug", "eksempel-kommune"),
                        ("id", id.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap();
                let status = r.status();
                (status, r.text().await.unwrap())
            });
        }
    }
    let answers = tasks.join_all().await;
    assert_eq!(answers.len(), 200);
    let signed = answers.iter().filter(|(s, _)| s.is_success()).count();
    let refused: Vec<&(StatusCode, String)> =
        answers.iter().filter(|(s, _)| !s.is_success()).collect();
    assert_eq!(signed, 100, "one of each person's two requests signs");
    assert!(
        refused.iter().all(|(s, body)| *s == StatusCode::CONFLICT
            && body.contains("initiative.sign.already_signed")),
        "the second is refused as a second attempt: {:?}",
        refused.iter().find(|(s, _)| *s != StatusCode::CONFLICT)
    );
    let rows = signatures_of(&app, i.id).await;
    assert_eq!(rows.len(), 100);
    let mut people: Vec<&str> = rows.iter().map(|r| r.pid_hash.as_str()).collect();
    people.sort();
    people.dedup();
    assert_eq!(people.len(), 100, "one signature per person");

    // The count shown catches up within two seconds and then equals the truth.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, json) = app.get_json(&format!("/api/v1/initiatives/{}", i.id)).await;
    assert_eq!(json["signature_count"], 100);
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/innbyggerforslag/{}", i.id))
        .await;
    assert!(html.contains("100 av 300 underskrifter"), "{html}");
    assert!(
        !html.contains("Testperson"),
        "the public page never names signers"
    );
    app.stop().await;
}

async fn a_non_resident_and_a_person_without_pid_are_refused_and_nothing_is_stored(
    backend: Backend,
) {
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), |_| {}).await;
    let i = initiative_by_title(&app, PARKING).await;
    let id = i.id.to_string();
    let page = format!("/org/eksempel-kommune/innbyggerforslag/{}", i.id);
    let before = signatures_of(&app, i.id).await.len();

    // Mari Solberg lives in Oslo.
    let mari = TestApp::second_browser(&app);
    let token = mari.citizen("mari-solberg", Some("mari@eksempel.no")).await;
    let r = mari.call("sign_initiative", &sign_form(&token, &id)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.sign.not_resident")
    );
    // Without JavaScript she sees why, next to the button.
    let r = mari
        .post_form("sign_initiative", &page, &sign_form(&token, &id))
        .await;
    assert!(r.status().is_redirection());
    let (_, html) = mari.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("ifølge folkeregisteret bor du ikke i denne kommunen"),
        "{html}"
    );

    // Marie Dubois logged in with a European eID: no national id.
    let marie = TestApp::second_browser(&app);
    let token = marie.citizen("marie-dubois-eidas", None).await;
    let (_, html) = marie.get_text(&page).await;
    assert!(html.contains("Du logget inn uten norsk fødselsnummer eller d-nummer"));
    assert!(
        !html.contains(">Skriv under</button>"),
        "no signing button for her"
    );
    let r = marie.call("sign_initiative", &sign_form(&token, &id)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("initiative.sign.no_pid"));

    // Without a CSRF token nobody signs.
    let kari = TestApp::second_browser(&app);
    let token = kari
        .citizen("kari-nordmann", Some("kari@eksempel.no"))
        .await;
    let r = kari
        .call("sign_initiative", &sign_form(&"0".repeat(64), &id))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    assert_eq!(
        signatures_of(&app, i.id).await.len(),
        before,
        "nothing is stored for any of them"
    );
    app.run_mail_worker().await;
    assert!(
        app.state.mailer.sent().is_empty(),
        "and nobody got a receipt"
    );

    // Kari lives here: she signs without JavaScript, gets a receipt, and cannot sign twice.
    let r = kari
        .post_form("sign_initiative", &page, &sign_form(&token, &id))
        .await;
    assert!(r.status().is_redirection());
    let (_, html) = kari.get_text(&local(&app, &r)).await;
    assert!(html.contains("Du har skrevet under på dette forslaget."));
    assert!(
        html.contains(&format!("{} av 300 underskrifter", before + 1)),
        "{html}"
    );
    let r = kari.call("sign_initiative", &sign_form(&token, &id)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.sign.already_signed")
    );
    assert_eq!(signatures_of(&app, i.id).await.len(), before + 1);
    app.run_mail_worker().await;
    let mails = app.state.mailer.sent();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].recipient, "kari@eksempel.no");
    assert!(mails[0].text.contains(PARKING), "{}", mails[0].text);
    assert!(
        !mails[0].subject.contains(PARKING),
        "what someone signed is not in a subject line"
    );
    app.stop().await;
}

async fn signing_is_disabled_with_a_clear_message_when_no_register_is_configured(backend: Backend) {
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), |s| {
        s.residency = Arc::new(ResidencyRegister::None);
    })
    .await;
    let i = initiative_by_title(&app, PARKING).await;
    let before = signatures_of(&app, i.id).await.len();
    let token = app.citizen("kari-nordmann", None).await;
    let r = app
        .call("sign_initiative", &sign_form(&token, &i.id.to_string()))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("initiative.sign.disabled"));
    assert_eq!(signatures_of(&app, i.id).await.len(), before);
    app.stop().await;
}

/// Lillevik kommune has 100 inhabitants: two signatures are enough.
async fn an_initiative_goes_from_proposal_to_the_councils_decision(backend: Backend) {
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), |_| {}).await;
    let base = "/org/lillevik-kommune/innbyggerforslag";

    // Lise proposes; a form with a mistake keeps what she wrote.
    let lise = &app;
    let token = lise
        .citizen("lise-lillevik", Some("lise@eksempel.no"))
        .await;
    let (_, html) = lise.get_text(&format!("{base}/nytt")).await;
    assert!(html.contains("Foreslå en sak"));
    let today = oslo_today(&app);
    let ends = (today + chrono::Duration::days(90)).to_string();
    let form = |title: &str| {
        Form::new()
            .text("csrf_token", token.clone())
            .text("slug", "lillevik-kommune")
            .text("title", title.to_string())
            .text(
                "ask",
                "Kommunestyret bes sette opp en ny gapahuk ved Lillevikvannet.",
            )
            .text(
                "justification",
                "Det er langt til nærmeste gapahuk, og skoleklassene bruker området mye.",
            )
            .text("collection_ends", ends.clone())
    };
    let r = lise
        .post_multipart("save_initiative", &format!("{base}/nytt"), form("Ny"))
        .await;
    assert!(r.status().is_redirection());
    let (_, html) = lise.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("Skriv en tittel på 5 til 150 tegn."),
        "{html}"
    );
    assert!(html.contains("ny gapahuk ved Lillevikvannet"), "kept");
    let r = lise
        .post_multipart(
            "save_initiative",
            &format!("{base}/nytt"),
            form("Gapahuk ved Lillevikvannet"),
        )
        .await;
    assert!(r.status().is_redirection());
    let draft = local(&app, &r);
    assert!(draft.starts_with(&format!("{base}/")), "{draft}");
    let id: i32 = draft.rsplit('/').next().unwrap().parse().unwrap();
    let ids = id.to_string();
    let (_, html) = lise.get_text(&draft).await;
    assert!(html.contains("Dette er et utkast. Bare du ser det."));
    let anonymous = TestApp::second_browser(&app);
    assert_eq!(
        anonymous.get_text(&draft).await.0,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );

    let lform = |token: &str| {
        vec![
            ("csrf_token", token.to_string()),
            ("slug", "lillevik-kommune".to_string()),
            ("id", ids.clone()),
        ]
    };
    let call = |who: &TestApp, endpoint: &'static str, form: Vec<(&'static str, String)>| {
        let who = who.client.clone();
        let url = app.url(&format!("/api/{endpoint}"));
        async move {
            who.post(url)
                .header("accept", "application/json")
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    let r = call(lise, "send_initiative_to_screening", lform(&token)).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = lise.get_text(&draft).await;
    let screening_due = today + chrono::Duration::days(14);
    assert!(
        html.contains(&format!(
            "Kommunen kontrollerer forslaget og svarer innen {}.",
            format::date(Lang::Nb, screening_due)
        )),
        "{html}"
    );
    app.run_mail_worker().await;
    assert!(
        app.state
            .mailer
            .sent()
            .iter()
            .any(|m| m.recipient == LILLEVIK_ADMIN.0),
        "the organisation's staff are told there is one to screen"
    );

    // Staff of another organisation cannot screen it; Lillevik's admin publishes it.
    let other = TestApp::second_browser(&app);
    let other_token = other.staff(OFFICER.0, OFFICER.1).await;
    let mut publish = lform(&other_token);
    publish.push(("action", "publish".into()));
    let r = call(&other, "screen_initiative", publish).await;
    assert!(
        matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        r.status()
    );
    let staff = TestApp::second_browser(&app);
    let staff_token = staff.staff(LILLEVIK_ADMIN.0, LILLEVIK_ADMIN.1).await;
    let mut publish = lform(&staff_token);
    publish.push(("action", "publish".into()));
    let r = call(&staff, "screen_initiative", publish).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (status, html) = anonymous.get_text(&draft).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Samler underskrifter"));
    assert!(html.contains("0 av 2 underskrifter"), "{html}");

    // Tor (who wants the outcome) and Eva sign; Mari, who lives in Oslo, cannot.
    let tor = TestApp::second_browser(&app);
    let tor_token = tor.citizen("tor-tvedt", Some("tor@eksempel.no")).await;
    let mut f = lform(&tor_token);
    f.push(("notify", "on".into()));
    assert!(call(&tor, "sign_initiative", f).await.status().is_success());
    let eva = TestApp::second_browser(&app);
    let eva_token = eva.citizen("eva-eng", Some("eva@eksempel.no")).await;
    assert!(
        call(&eva, "sign_initiative", lform(&eva_token))
            .await
            .status()
            .is_success()
    );
    let mari = TestApp::second_browser(&app);
    let mari_token = mari.citizen("mari-solberg", None).await;
    assert_eq!(
        call(&mari, "sign_initiative", lform(&mari_token))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    // Eva changes her mind and back: withdrawing is possible while it collects.
    assert!(
        call(&eva, "withdraw_signature", lform(&eva_token))
            .await
            .status()
            .is_success()
    );
    assert_eq!(signatures_of(&app, id).await.len(), 1);
    assert!(
        call(&eva, "sign_initiative", lform(&eva_token))
            .await
            .status()
            .is_success()
    );

    // Enough: Lise submits.
    let (_, html) = lise.get_text(&draft).await;
    assert!(html.contains("Forslaget har nok underskrifter."), "{html}");
    let r = call(lise, "submit_initiative", lform(&token)).await;
    assert!(r.status().is_success(), "{}", r.status());
    let due = decision_due(today);
    let (_, html) = anonymous.get_text(&draft).await;
    assert!(
        html.contains(&format!(
            "Kommunestyret må ta stilling innen {}.",
            format::date(Lang::Nb, due)
        )),
        "{html}"
    );
    let (_, json) = anonymous
        .get_json(&format!("/api/v1/initiatives/{id}"))
        .await;
    assert_eq!(json["status"], "submitted");
    assert_eq!(json["decision_due"], due.to_string());
    assert_eq!(json["signature_count"], 2);
    assert_eq!(json["threshold"], 2);
    app.run_mail_worker().await;
    assert!(
        app.state
            .mailer
            .sent()
            .iter()
            .any(|m| m.recipient == LILLEVIK_ADMIN.0 && m.subject.contains("fremmet")),
        "staff are told it was submitted: {:?}",
        app.state
            .mailer
            .sent()
            .iter()
            .map(|m| (&m.recipient, &m.subject))
            .collect::<Vec<_>>()
    );

    // Too late to withdraw now.
    let r = call(&eva, "withdraw_signature", lform(&eva_token)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.withdraw.not_possible")
    );
    assert_eq!(signatures_of(&app, id).await.len(), 2);

    // The staff list shows the deadline; the council decides; staff record it.
    let (_, html) = staff
        .get_text("/org/lillevik-kommune/ansatt/innbyggerforslag")
        .await;
    assert!(html.contains("Gapahuk ved Lillevikvannet"));
    assert!(html.contains(&format::date(Lang::Nb, due)), "{html}");
    let before = app.state.mailer.sent().len();
    let mut outcome = lform(&staff_token);
    outcome.extend([
        ("kind", "decided".to_string()),
        (
            "text",
            "Kommunestyret vedtok å bygge gapahuken i 2027.".to_string(),
        ),
        ("date", (today + chrono::Duration::days(40)).to_string()),
        (
            "minutes_url",
            "https://lillevik.kommune.no/moter/protokoll".to_string(),
        ),
    ]);
    let r = call(&staff, "record_initiative_outcome", outcome).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = anonymous.get_text(&draft).await;
    assert!(html.contains("Kommunestyret vedtok å bygge gapahuken i 2027."));
    assert!(html.contains("https://lillevik.kommune.no/moter/protokoll"));
    app.run_mail_worker().await;
    let outcome_mails: Vec<String> = app.state.mailer.sent()[before..]
        .iter()
        .map(|m| m.recipient.clone())
        .collect();
    assert!(outcome_mails.contains(&"lise@eksempel.no".to_string()));
    assert!(
        outcome_mails.contains(&"tor@eksempel.no".to_string()),
        "Tor asked for it"
    );
    assert!(
        !outcome_mails.contains(&"eva@eksempel.no".to_string()),
        "Eva did not: {outcome_mails:?}"
    );
    let (_, json) = anonymous
        .get_json(&format!("/api/v1/initiatives/{id}"))
        .await;
    assert_eq!(json["status"], "decided");
    assert_eq!(
        json["outcome"],
        "Kommunestyret vedtok å bygge gapahuken i 2027."
    );
    app.stop().await;
}

async fn a_proposer_sees_similar_initiatives_of_this_election_period(backend: Backend) {
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), |_| {}).await;
    let token = app.citizen("per-johansen", Some("per@eksempel.no")).await;
    let ends = (oslo_today(&app) + chrono::Duration::days(60)).to_string();
    let r = app
        .post_multipart(
            "save_initiative",
            "/org/eksempel-kommune/innbyggerforslag/nytt",
            Form::new()
                .text("csrf_token", token.clone())
                .text("slug", "eksempel-kommune")
                .text("title", "Gratis parkering i sentrum på lørdagene")
                .text(
                    "ask",
                    "Kommunestyret bes gjøre parkering i sentrum gratis på lørdager.",
                )
                .text("justification", "Det vil gi mer liv i sentrum.")
                .text("collection_ends", ends),
        )
        .await;
    assert!(r.status().is_redirection());
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Disse forslagene i samme valgperiode ligner på ditt."));
    assert!(html.contains(PARKING), "{html}");
    assert!(
        !html.contains("Lengre åpningstid på biblioteket"),
        "an unrelated one is not shown"
    );
    app.stop().await;
}

async fn only_the_organisations_handlers_get_the_signature_list_and_every_download_is_logged(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let i = initiative_by_title(&app, PARKING).await;
    let csv = format!(
        "/org/eksempel-kommune/ansatt/innbyggerforslag/{}/underskrifter.csv",
        i.id
    );
    let page = format!(
        "/org/eksempel-kommune/ansatt/innbyggerforslag/{}/underskrifter",
        i.id
    );
    let logged = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            audit_log::Entity::find()
                .filter(audit_log::Column::Action.eq("initiative_signature_list"))
                .all(&db)
                .await
                .unwrap()
                .len()
        }
    };

    let anonymous = TestApp::second_browser(&app);
    assert_eq!(anonymous.get(&csv).await.status(), StatusCode::UNAUTHORIZED);
    let county = TestApp::second_browser(&app);
    county.staff(COUNTY_ADMIN.0, COUNTY_ADMIN.1).await;
    let r = county.get(&csv).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(!r.text().await.unwrap().contains("Nordmann"));
    let (status, html) = county.get_text(&page).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("Nordmann"));
    let moderator = TestApp::second_browser(&app);
    moderator.staff(MODERATOR.0, MODERATOR.1).await;
    assert_eq!(moderator.get(&csv).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(logged(&app).await, 0, "nothing was handed out");

    app.staff(OFFICER.0, OFFICER.1).await;
    let r = app.get(&csv).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let body = r.text().await.unwrap();
    let mut lines = body.lines();
    assert_eq!(
        lines.next().unwrap().trim_start_matches('\u{feff}'),
        "navn,fødselsdato,adresse,underskrevet (norsk tid),måte,bosatt,kommunenummer"
    );
    assert_eq!(lines.count(), 7, "the seven demo signatures");
    assert!(body.contains("Ola Nordmann,1985-06-15,"), "{body}");
    assert!(body.contains(",papir,ja,9999"));
    let (status, html) = app.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ola Nordmann"));
    assert!(
        html.contains("5 underskrevet digitalt, 2 på papir"),
        "{html}"
    );
    assert_eq!(
        logged(&app).await,
        2,
        "the CSV and the page are both on record"
    );
    app.stop().await;
}

async fn paper_signatures_are_checked_in_the_register_and_never_count_twice(backend: Backend) {
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), |_| {}).await;
    let i = initiative_by_title(&app, PARKING).await;
    let id = i.id.to_string();
    let staff = TestApp::second_browser(&app);
    let token = staff.staff(OFFICER.0, OFFICER.1).await;
    let paper = |name: &'static str, birth: &'static str, nid: &'static str| {
        let token = token.clone();
        let id = id.clone();
        let staff = &staff;
        async move {
            staff
                .call(
                    "add_paper_signature",
                    &[
                        ("csrf_token", token.as_str()),
                        ("slug", "eksempel-kommune"),
                        ("id", id.as_str()),
                        ("paper_name", name),
                        ("paper_birth_date", birth),
                        ("paper_address", "Eksempelgata 1"),
                        ("paper_national_id", nid),
                    ],
                )
                .await
        }
    };
    let before = signatures_of(&app, i.id).await.len();
    // By name and date of birth, as written on the list.
    let r = paper("Kari  nordmann", "1990-01-01", "").await;
    assert!(r.status().is_success(), "{}", r.status());
    // Twice on paper, by national id this time: the same person.
    let r = paper("Kari Nordmann", "1990-01-01", "01819012365").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.paper.already_signed")
    );
    let r = paper("Mari Solberg", "1980-12-24", "").await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.paper.not_resident")
    );
    let r = paper("Nils Nesevis", "1970-01-01", "").await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.paper.not_found")
    );
    let r = paper("Kari Nordmann", "1990-01-01", "01819012366").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.paper.national_id_invalid")
    );
    // Online, Kari is told she has already signed.
    let kari_token = app.citizen("kari-nordmann", None).await;
    let r = app
        .call("sign_initiative", &sign_form(&kari_token, &id))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.sign.already_signed")
    );
    assert_eq!(signatures_of(&app, i.id).await.len(), before + 1);
    let (_, html) = staff
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/innbyggerforslag/{}",
            i.id
        ))
        .await;
    assert!(
        html.contains("5 underskrevet digitalt, 3 på papir"),
        "{html}"
    );
    assert!(html.contains("8 av 300 underskrifter"));
    app.stop().await;
}

async fn collection_ends_on_its_date_and_signer_data_goes_after_the_retention_period(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let library = initiative_by_title(&app, LIBRARY).await;
    assert_eq!(signatures_of(&app, library.id).await.len(), 303);
    let staff_token = app.staff(OFFICER.0, OFFICER.1).await;
    let today = oslo_today(&app);
    let r = app
        .call(
            "record_initiative_outcome",
            &[
                ("csrf_token", staff_token.as_str()),
                ("slug", "eksempel-kommune"),
                ("id", &library.id.to_string()),
                ("kind", "decided"),
                ("text", "Biblioteket holder åpent til kl. 21."),
                ("date", &today.to_string()),
                ("minutes_url", ""),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let parking = initiative_by_title(&app, PARKING).await;

    // The day after the parking initiative's last day, it stops collecting.
    set_clock(&app, app.state.clock.now() + chrono::Duration::days(121));
    app::ssr::services::initiatives::staff::dates::run_dates(&app.state)
        .await
        .unwrap();
    assert_eq!(initiative_by_id(&app, parking.id).await.status, "expired");
    let (_, json) = app
        .get_json(&format!("/api/v1/initiatives/{}", library.id))
        .await;
    assert_eq!(json["signature_count"], 303, "kept while within retention");
    assert_eq!(signatures_of(&app, library.id).await.len(), 303);

    // Twelve months after the decision (the default), the signers are gone; the count stays.
    set_clock(
        &app,
        app.state.clock.now() + chrono::Duration::days(366 - 121),
    );
    app::ssr::services::initiatives::staff::dates::run_dates(&app.state)
        .await
        .unwrap();
    assert!(signatures_of(&app, library.id).await.is_empty());
    let (_, json) = app
        .get_json(&format!("/api/v1/initiatives/{}", library.id))
        .await;
    assert_eq!(json["signature_count"], 303);
    let (_, html) = app
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/innbyggerforslag/{}/underskrifter",
            library.id
        ))
        .await;
    assert!(html.contains("Opplysningene om dem som skrev under, ble slettet"));
    assert!(!html.contains("Ola Nordmann"));
    app.stop().await;
}

async fn signing_is_rate_limited_per_person_and_per_client(backend: Backend) {
    let residents = synthetic_residents(4, "9999");
    let register = residents.clone();
    let app = spawn_app_tweaked(backend, None, move |s| {
        s.residency = Arc::new(ResidencyRegister::Fixture(FixtureRegister::from_persons(
            register,
        )));
        let mut settings = (*s.settings).clone();
        settings.sign_limits = SignLimits {
            per_client: 5,
            per_person: 2,
        };
        s.settings = Arc::new(settings);
    })
    .await;
    let proposer = demo_person(&app, "ola-nordmann").await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let i = collecting_initiative(
            &app,
            "eksempel-kommune",
            proposer,
            &format!("Forslag {n}"),
            30,
        )
        .await;
        ids.push(i.id.to_string());
    }
    let client = reqwest::Client::new();
    let sign = |cookie: String, token: String, id: String| {
        let client = client.clone();
        let url = app.url("/api/sign_initiative");
        async move {
            client
                .post(url)
                .header("cookie", cookie)
                .header("accept", "application/json")
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("slug", "eksempel-kommune"),
                    ("id", id.as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let a = mint_citizen_session(&app.state, &residents[0]).await;
    assert!(
        sign(a.cookie.clone(), a.csrf_token.clone(), ids[0].clone())
            .await
            .is_success()
    );
    assert!(
        sign(a.cookie.clone(), a.csrf_token.clone(), ids[1].clone())
            .await
            .is_success()
    );
    assert_eq!(
        sign(a.cookie.clone(), a.csrf_token.clone(), ids[2].clone()).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a third signature within ten minutes is one too many for one person"
    );
    // Others from the same address: the client's five are used up by the fifth signature (the
    // attempt refused per person did not reach the client's count).
    let b = mint_citizen_session(&app.state, &residents[1]).await;
    for id in &ids[..2] {
        assert!(
            sign(b.cookie.clone(), b.csrf_token.clone(), id.clone())
                .await
                .is_success()
        );
    }
    let c = mint_citizen_session(&app.state, &residents[2]).await;
    assert!(
        sign(c.cookie.clone(), c.csrf_token.clone(), ids[0].clone())
            .await
            .is_success()
    );
    assert_eq!(
        sign(c.cookie, c.csrf_token, ids[1].clone()).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a sixth from one address within ten minutes"
    );
    let total: usize = {
        let mut n = 0;
        for id in &ids {
            n += signatures_of(&app, id.parse().unwrap()).await.len();
        }
        n
    };
    assert_eq!(total, 5);
    // Ten minutes later the window has passed.
    app.state.clock.advance(chrono::Duration::minutes(11));
    assert!(
        sign(a.cookie, a.csrf_token, ids[2].clone())
            .await
            .is_success()
    );
    app.stop().await;
}

async fn open_data_lists_public_initiatives_with_counts_deadlines_and_outcomes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, json) = app
        .get_json("/api/v1/initiatives?organisation=eksempel-kommune")
        .await;
    assert_eq!(status, StatusCode::OK);
    let items = json.as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&PARKING));
    assert!(titles.contains(&LIBRARY));
    assert!(
        !titles.contains(&BENCHES),
        "one still in screening is not public"
    );
    let library = items.iter().find(|i| i["title"] == LIBRARY).unwrap();
    for key in [
        "id",
        "organisation",
        "title",
        "status",
        "signature_count",
        "threshold",
        "collection_ends",
        "submitted_at",
        "decision_due",
        "outcome",
    ] {
        assert!(library.get(key).is_some(), "{key} in {library}");
    }
    assert_eq!(library["organisation"], "eksempel-kommune");
    assert_eq!(library["status"], "submitted");
    assert_eq!(library["signature_count"], 303);
    assert_eq!(library["threshold"], 300);
    let serialized = json.to_string();
    assert!(
        !serialized.contains("Nordmann"),
        "no signer or proposer data"
    );
    assert!(
        !serialized.contains("forslagsstiller@"),
        "no contact address"
    );

    let (_, json) = app
        .get_json("/api/v1/initiatives?organisation=eksempel-kommune&status=decided")
        .await;
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]["signature_count"], 325,
        "final counts after deletion"
    );
    assert!(
        items[0]["outcome"]
            .as_str()
            .unwrap()
            .contains("skateparken")
    );
    let (status, _) = app.get_json("/api/v1/initiatives?status=draft").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let benches = initiative_by_title(&app, BENCHES).await;
    let (status, _) = app
        .get_json(&format!("/api/v1/initiatives/{}", benches.id))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let r = app
        .client
        .get(app.url("/api/v1/initiatives?organisation=eksempel-kommune&format=csv"))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = r.text().await.unwrap();
    assert!(body.lines().next().unwrap().contains("signature_count"));
    assert!(body.contains(LIBRARY));
    let r = app
        .client
        .get(app.url("/api/v1/organisations/eksempel-kommune/initiatives.atom"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!is_json(&r));
    let feed = r.text().await.unwrap();
    assert!(feed.contains("<feed"));
    assert!(feed.contains(PARKING));
    let (_, openapi) = app.get_json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/initiatives",
        "/api/v1/initiatives/{id}",
        "/api/v1/organisations/{slug}/initiatives.atom",
    ] {
        assert!(openapi["paths"].get(path).is_some(), "{path} documented");
    }
    app.stop().await;
}

async fn staff_screen_within_the_time_shown_and_reject_only_with_a_reason_sent_to_the_proposer(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let benches = initiative_by_title(&app, BENCHES).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let (_, html) = app
        .get_text("/org/eksempel-kommune/ansatt/innbyggerforslag")
        .await;
    assert!(html.contains(BENCHES));
    assert!(html.contains("Kontrolleres innen"), "{html}");
    let id = benches.id.to_string();
    let base = [
        ("csrf_token", token.as_str()),
        ("slug", "eksempel-kommune"),
        ("id", id.as_str()),
        ("action", "reject"),
    ];
    let r = app.call("screen_initiative", &base).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.screen.reason_required")
    );
    let mut with_reason = base.to_vec();
    with_reason.push((
        "reason",
        "Forslaget inneholder personangrep på navngitte ansatte.",
    ));
    let r = app.call("screen_initiative", &with_reason).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(initiative_by_id(&app, benches.id).await.status, "rejected");
    app.run_mail_worker().await;
    let mail = app
        .state
        .mailer
        .sent()
        .into_iter()
        .find(|m| m.recipient == "forslagsstiller@eksempel.no")
        .expect("the proposer is told");
    assert!(mail.text.contains("personangrep på navngitte ansatte"));
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("initiative_screen"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1);
    // Its page says why (its proposer and staff see it; it is not public).
    let (_, html) = app
        .get_text(&format!(
            "/org/eksempel-kommune/innbyggerforslag/{}",
            benches.id
        ))
        .await;
    assert!(html.contains("Forslaget ble avvist fordi: Forslaget inneholder personangrep"));
    app.stop().await;
}

async fn an_admin_sets_the_organisations_rules_and_proposals_follow_them(backend: Backend) {
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), |_| {}).await;
    let admin = TestApp::second_browser(&app);
    let token = admin.staff(LILLEVIK_ADMIN.0, LILLEVIK_ADMIN.1).await;
    let (_, html) = admin.get_text("/org/lillevik-kommune/admin").await;
    assert!(html.contains("Lengste innsamlingsperiode (måneder)"));
    let rules = |max: &'static str, keep: &'static str, days: &'static str| {
        let token = token.clone();
        let admin = &admin;
        async move {
            admin
                .call(
                    "update_initiative_settings",
                    &[
                        ("csrf_token", token.as_str()),
                        ("slug", "lillevik-kommune"),
                        ("max_collection_months", max),
                        ("signer_retention_months", keep),
                        ("screening_days", days),
                    ],
                )
                .await
        }
    };
    let r = rules("13", "-1", "0").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for key in [
        "admin.initiatives.months_invalid",
        "admin.initiatives.retention_invalid",
        "admin.initiatives.days_invalid",
    ] {
        assert!(body.contains(key), "{key} in {body}");
    }
    assert!(rules("3", "6", "7").await.status().is_success());
    let (_, html) = admin.get_text("/org/lillevik-kommune/admin").await;
    assert!(html.contains("value=\"3\""), "saved");
    // Only the organisation's admin: another organisation's admin is refused.
    let county = TestApp::second_browser(&app);
    let county_token = county.staff(COUNTY_ADMIN.0, COUNTY_ADMIN.1).await;
    let r = county
        .call(
            "update_initiative_settings",
            &[
                ("csrf_token", county_token.as_str()),
                ("slug", "lillevik-kommune"),
                ("max_collection_months", "12"),
                ("signer_retention_months", "12"),
                ("screening_days", "14"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A proposal collecting for four months is now too long.
    let lise_token = app.citizen("lise-lillevik", Some("lise@eksempel.no")).await;
    let form = |days: i64| {
        Form::new()
            .text("csrf_token", lise_token.clone())
            .text("slug", "lillevik-kommune")
            .text("title", "Benk ved butikken")
            .text("ask", "Kommunestyret bes sette opp en benk ved butikken.")
            .text("justification", "Det er godt å kunne hvile seg.")
            .text(
                "collection_ends",
                (oslo_today(&app) + chrono::Duration::days(days)).to_string(),
            )
    };
    let r = app
        .client
        .post(app.url("/api/save_initiative"))
        .header("accept", "application/json")
        .multipart(form(120))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("initiative.form.date_too_late")
    );
    let r = app
        .post_multipart(
            "save_initiative",
            "/org/lillevik-kommune/innbyggerforslag/nytt",
            form(80),
        )
        .await;
    assert!(r.status().is_redirection());
    let draft = local(&app, &r);
    let token = csrf_token_in(&app.get_text(&draft).await.1);
    let id = draft.rsplit('/').next().unwrap().to_string();
    let r = app
        .call(
            "send_initiative_to_screening",
            &[
                ("csrf_token", token.as_str()),
                ("slug", "lillevik-kommune"),
                ("id", id.as_str()),
            ],
        )
        .await;
    assert!(r.status().is_success());
    let (_, html) = app.get_text(&draft).await;
    let due = oslo_today(&app) + chrono::Duration::days(7);
    assert!(
        html.contains(&format!("svarer innen {}.", format::date(Lang::Nb, due))),
        "the organisation's seven screening days"
    );
    app.stop().await;
}

on_both_databases!(
    two_hundred_concurrent_sign_requests_from_a_hundred_persons_store_exactly_a_hundred,
    a_non_resident_and_a_person_without_pid_are_refused_and_nothing_is_stored,
    signing_is_disabled_with_a_clear_message_when_no_register_is_configured,
    an_initiative_goes_from_proposal_to_the_councils_decision,
    a_proposer_sees_similar_initiatives_of_this_election_period,
    only_the_organisations_handlers_get_the_signature_list_and_every_download_is_logged,
    paper_signatures_are_checked_in_the_register_and_never_count_twice,
    collection_ends_on_its_date_and_signer_data_goes_after_the_retention_period,
    signing_is_rate_limited_per_person_and_per_client,
    open_data_lists_public_initiatives_with_counts_deadlines_and_outcomes,
    staff_screen_within_the_time_shown_and_reject_only_with_a_reason_sent_to_the_proposer,
    an_admin_sets_the_organisations_rules_and_proposals_follow_them,
);
