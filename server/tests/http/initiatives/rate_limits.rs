//! Signing is rate limited per person and per client address, within a ten-minute window.

use crate::helpers::TestApp;
use crate::initiative_support::*;
use app::on_both_databases;
use app::ssr::state::settings::SignLimits;
use app::testing::{Backend, MintedSession, mint_citizen_session, synthetic_residents};
use reqwest::{Client, StatusCode};

async fn sign_as(client: &Client, app: &TestApp, session: &MintedSession, id: i32) -> StatusCode {
    sign_in_session(client, &app.base, session, id, None)
        .await
        .0
}

async fn signing_is_rate_limited_per_person_and_per_client(backend: Backend) {
    let residents = synthetic_residents(4, "9999");
    let limits = SignLimits {
        per_client: 5,
        per_person: 2,
    };
    let app = spawn_app_with_residents(backend, &residents, limits, false).await;
    let ids: Vec<i32> = collecting_initiatives(&app, 3)
        .await
        .iter()
        .map(|i| i.id)
        .collect();
    let client = reqwest::Client::new();
    let a = mint_citizen_session(&app.state, &residents[0]).await;
    assert!(sign_as(&client, &app, &a, ids[0]).await.is_success());
    assert!(sign_as(&client, &app, &a, ids[1]).await.is_success());
    assert_eq!(
        sign_as(&client, &app, &a, ids[2]).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a third signature within ten minutes is one too many for one person"
    );
    // Others from the same address: the client's five are used up by the fifth signature (the
    // attempt refused per person did not reach the client's count).
    let b = mint_citizen_session(&app.state, &residents[1]).await;
    for id in &ids[..2] {
        assert!(sign_as(&client, &app, &b, *id).await.is_success());
    }
    let c = mint_citizen_session(&app.state, &residents[2]).await;
    assert!(sign_as(&client, &app, &c, ids[0]).await.is_success());
    assert_eq!(
        sign_as(&client, &app, &c, ids[1]).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a sixth from one address within ten minutes"
    );
    let mut total = 0;
    for id in &ids {
        total += signatures_of(&app, *id).await.len();
    }
    assert_eq!(total, 5);
    // Ten minutes later the window has passed.
    app.state.clock.advance(chrono::Duration::minutes(11));
    assert!(sign_as(&client, &app, &a, ids[2]).await.is_success());
    app.stop().await;
}

/// Once a person is over the limit, their attempts are refused before the population register
/// is asked: ten attempts with a limit of two ask it three times (the third finds the limit).
async fn a_person_over_the_limit_does_not_reach_the_register(backend: Backend) {
    let residents = synthetic_residents(1, "9999");
    let limits = SignLimits {
        per_client: 100,
        per_person: 2,
    };
    let app = spawn_app_with_residents(backend, &residents, limits, false).await;
    let ids: Vec<i32> = collecting_initiatives(&app, 10)
        .await
        .iter()
        .map(|i| i.id)
        .collect();
    let app::ssr::residency::ResidencyRegister::Fixture(register) = &*app.state.residency else {
        panic!("a fixture register");
    };
    let before = register.lookups();
    let client = reqwest::Client::new();
    let a = mint_citizen_session(&app.state, &residents[0]).await;
    let mut refused = 0;
    for id in &ids {
        if sign_as(&client, &app, &a, *id).await == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    assert_eq!(refused, 8);
    assert_eq!(register.lookups() - before, 3);
    app.stop().await;
}

on_both_databases!(
    signing_is_rate_limited_per_person_and_per_client,
    a_person_over_the_limit_does_not_reach_the_register,
);
