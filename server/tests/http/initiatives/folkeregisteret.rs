//! Signing in production against Folkeregisteret through Maskinporten: the real adapters talk
//! to the registers stand-in (`end2end/registers`) with a client of this test's own. A resident
//! signs; a non-resident, an emigrated and a dead person are refused with the register's
//! reason; a person with a confidential address signs and no address is stored; an outage,
//! a 429 and a slow register store nothing and say so, and a failing register is left alone.

use crate::helpers::{IdPortenOptions, TestApp, assert_refused, spawn_app_tweaked};
use crate::initiative_support::*;
use crate::registers::{EKSEMPEL_ORGNR, registers};
use app::on_both_databases;
use app::ssr::AppState;
use app::ssr::db::entities::initiative;
use app::ssr::residency::folkeregisteret::FolkeregisteretSettings;
use app::ssr::state::settings::{Environment, ResidencySetting};
use app::testing::Backend;
use reqwest::StatusCode;
use std::sync::Arc;

/// The demo app in production, checking residency in Folkeregisteret (the stand-in) with the
/// Maskinporten client `client_id`; and a new initiative of Eksempel kommune collecting.
async fn production_app(backend: Backend, client_id: &str) -> (TestApp, initiative::Model) {
    let reg = registers();
    let mp = reg.maskinporten(client_id);
    let base = reg.base.clone();
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), move |s| {
        let mut settings = (*s.settings).clone();
        settings.environment = Environment::Production;
        settings.test_persons = true;
        settings.maskinporten = Some(mp);
        settings.residency =
            ResidencySetting::Folkeregisteret(FolkeregisteretSettings { base_url: base });
        s.residency = Arc::new(AppState::residency_from(&settings).expect("the adapter"));
        s.settings = Arc::new(settings);
    })
    .await;
    let proposer = demo_person(&app, "ola-nordmann").await;
    let i = collecting_initiative(&app, "eksempel-kommune", proposer, "Lys i lysløypa", 30).await;
    (app, i)
}

async fn sign(app: &TestApp, person: &str, i: &initiative::Model) -> reqwest::Response {
    let someone = TestApp::second_browser(app);
    let token = someone.citizen(person, None).await;
    let id = i.id.to_string();
    someone
        .call("sign_initiative", &sign_form(&token, &id))
        .await
}

async fn residents_sign_and_others_hear_the_registers_reason(backend: Backend) {
    let reg = registers();
    let client = reg.new_client().await;
    let (app, i) = production_app(backend, &client).await;
    assert_eq!(
        app.state.settings.environment,
        Environment::Production,
        "in production"
    );

    let r = sign(&app, "kari-nordmann", &i).await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let r = sign(&app, "mari-solberg", &i).await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.not_resident").await;
    let r = sign(&app, "nils-utflyttet", &i).await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.emigrated").await;
    let r = sign(&app, "dag-avdod", &i).await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.not_registered").await;
    let r = sign(&app, "hanne-vern", &i).await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());

    let stored = signatures_of(&app, i.id).await;
    assert_eq!(stored.len(), 2, "Kari and Hanne, nobody else");
    let kari = stored
        .iter()
        .find(|s| s.name.as_deref() == Some("Kari Nordmann"));
    let kari = kari.expect("Kari's signature");
    assert_eq!(kari.address.as_deref(), Some("Storgata 1, 9999 Eksempelby"));
    assert_eq!(kari.residency_kommunenummer.as_deref(), Some("9999"));
    let hanne = stored
        .iter()
        .find(|s| s.name.as_deref() == Some("Hanne Vern"));
    let hanne = hanne.expect("Hanne's signature");
    assert_eq!(hanne.address, None, "a confidential address is not stored");
    assert!(hanne.resident);

    // One token served every lookup (on Eksempel kommune's behalf: its delegation), and each
    // person was asked for once.
    let (tokens, lookups, _) = reg.stats(&client).await;
    assert_eq!(tokens, 1, "the token is reused until it expires");
    assert_eq!(lookups, 5);
    app.stop().await;
}

async fn a_register_outage_stores_nothing_says_so_and_is_not_hammered(backend: Backend) {
    let reg = registers();
    let client = reg.new_client().await;
    let (app, i) = production_app(backend, &client).await;
    let fail = |mode: &str, extra: serde_json::Value| {
        let mut body = serde_json::json!({
            "client_id": client, "service": "folkeregisteret", "mode": mode,
        });
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };

    // A 500 once: Per hears to try again, and nothing is stored; then he signs.
    let per = crate::standin::test_person("per-johansen").pid.unwrap();
    reg.control(
        "fail",
        fail("500", serde_json::json!({"times": 1, "pid": per})),
    )
    .await;
    let r = sign(&app, "per-johansen", &i).await;
    assert_refused(
        r,
        StatusCode::CONFLICT,
        "initiative.sign.register_unavailable",
    )
    .await;
    assert!(signatures_of(&app, i.id).await.is_empty(), "nothing stored");
    let r = sign(&app, "per-johansen", &i).await;
    assert!(r.status().is_success(), "the register is back");

    // Too slow (the citizen waits three seconds at most): the same answer.
    reg.control(
        "fail",
        fail("slow", serde_json::json!({"times": 1, "delay_ms": 5000})),
    )
    .await;
    let r = sign(&app, "aisha-ali", &i).await;
    assert_refused(
        r,
        StatusCode::CONFLICT,
        "initiative.sign.register_unavailable",
    )
    .await;

    // 429 with Retry-After: the register is left alone meanwhile, and the citizen is told.
    reg.control(
        "fail",
        fail("429", serde_json::json!({"times": 1, "retry_after": 60})),
    )
    .await;
    let r = sign(&app, "lars-olsen", &i).await;
    assert_refused(
        r,
        StatusCode::CONFLICT,
        "initiative.sign.register_unavailable",
    )
    .await;
    let (_, asked, _) = reg.stats(&client).await;
    let r = sign(&app, "tomasz-kowalski", &i).await;
    assert_refused(
        r,
        StatusCode::CONFLICT,
        "initiative.sign.register_unavailable",
    )
    .await;
    let (_, asked_after, _) = reg.stats(&client).await;
    assert_eq!(asked_after, asked, "not asked again before Retry-After");

    // The page a citizen sees without JavaScript says it in words.
    let tomasz = TestApp::second_browser(&app);
    let token = tomasz.citizen("tomasz-kowalski", None).await;
    let id = i.id.to_string();
    let page = format!("/org/eksempel-kommune/innbyggerforslag/{}", i.id);
    let r = tomasz
        .post_form("sign_initiative", &page, &sign_form(&token, &id))
        .await;
    let (_, html) = tomasz.get_text(&crate::helpers::local(&app, &r)).await;
    assert!(
        html.contains("Vi får ikke sjekket bostedet ditt akkurat nå"),
        "{html}"
    );
    assert_eq!(
        signatures_of(&app, i.id).await.len(),
        1,
        "only Per's signature"
    );
    app.stop().await;
}

async fn a_municipality_that_has_not_delegated_gets_no_answer_and_nothing_is_stored(
    backend: Backend,
) {
    let reg = registers();
    let client = reg.new_client().await;
    let (app, i) = production_app(backend, &client).await;
    // Eksempel kommune's organisasjonsnummer is one that delegated nothing to this client.
    app::ssr::db::organisations::set_orgnr(&app.state.db, i.organisation_id, Some("999999997"))
        .await
        .unwrap();
    let r = sign(&app, "kari-nordmann", &i).await;
    assert_refused(
        r,
        StatusCode::CONFLICT,
        "initiative.sign.register_unavailable",
    )
    .await;
    assert!(signatures_of(&app, i.id).await.is_empty());
    let (_, lookups, _) = reg.stats(&client).await;
    assert_eq!(
        lookups, 0,
        "Maskinporten refused the grant; the register was not asked"
    );
    assert_ne!(EKSEMPEL_ORGNR, "999999997");
    app.stop().await;
}

on_both_databases!(
    residents_sign_and_others_hear_the_registers_reason,
    a_register_outage_stores_nothing_says_so_and_is_not_hammered,
    a_municipality_that_has_not_delegated_gets_no_answer_and_nothing_is_stored,
);
