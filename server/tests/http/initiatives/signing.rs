//! Signing under load: many people signing at once each count exactly once, and the count
//! shown catches up with the truth.

use crate::initiative_support::*;
use app::on_both_databases;
use app::ssr::state::settings::SignLimits;
use app::testing::{Backend, mint_citizen_session, synthetic_residents};
use reqwest::StatusCode;
use std::sync::Arc;

async fn two_hundred_concurrent_sign_requests_from_a_hundred_persons_store_exactly_a_hundred(
    backend: Backend,
) {
    let residents = synthetic_residents(100, "9999");
    // Ten persons behind each of ten addresses (a trusted proxy says which); the per-client
    // limit has its own test.
    let limits = SignLimits {
        per_client: 10_000,
        per_person: 20,
    };
    let app = spawn_app_with_residents(backend, &residents, limits, true).await;
    let proposer = demo_person(&app, "ola-nordmann").await;
    let i = collecting_initiative(&app, "eksempel-kommune", proposer, "Lys i lysløypa", 30).await;
    let mut sessions = Vec::new();
    for p in &residents {
        sessions.push(Arc::new(mint_citizen_session(&app.state, p).await));
    }
    let client = reqwest::Client::new();
    let id = i.id;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..2 {
        for (n, s) in sessions.iter().enumerate() {
            let (client, base, s) = (client.clone(), app.base.clone(), s.clone());
            let address = format!("10.0.0.{}", n % 10);
            tasks
                .spawn(async move { sign_in_session(&client, &base, &s, id, Some(address)).await });
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

on_both_databases!(
    two_hundred_concurrent_sign_requests_from_a_hundred_persons_store_exactly_a_hundred,
);
