//! The Maskinporten client against the stand-in's token endpoint: one token per scope and
//! party however many ask at once, a clock that is off corrected from Maskinporten's, and a
//! refusal told by its reason without the grant.

use crate::registers::{EKSEMPEL_ORGNR, Registers, registers};
use app::ssr::maskinporten::Maskinporten;
use secrecy::ExposeSecret;
use std::sync::Arc;

const FREG: &str = "folkeregister:deling/offentligmedhjemmel";
const KRR: &str = "krr:global/kontaktinformasjon.read";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_callers_at_once_share_one_token_per_scope_and_party() {
    let reg = registers();
    let client = reg.new_client().await;
    let mp = Arc::new(Maskinporten::new(reg.maskinporten(&client)).unwrap());
    let tokens = futures::future::join_all((0..20).map(|_| {
        let mp = mp.clone();
        async move { mp.token(FREG, Some(EKSEMPEL_ORGNR)).await.unwrap() }
    }))
    .await;
    let first = tokens[0].expose_secret().to_string();
    assert!(tokens.iter().all(|t| t.expose_secret() == first));
    assert_eq!(
        reg.stats(&client).await.0,
        1,
        "one request for twenty callers"
    );

    // Another scope, or the platform itself as the party, is another token.
    let krr = mp.token(KRR, Some(EKSEMPEL_ORGNR)).await.unwrap();
    let own = mp.token(FREG, None).await.unwrap();
    assert_ne!(krr.expose_secret(), first);
    assert_ne!(own.expose_secret(), first);
    assert_eq!(reg.stats(&client).await.0, 3);

    // A token the API refused is fetched anew.
    mp.forget(FREG, Some(EKSEMPEL_ORGNR));
    let again = mp.token(FREG, Some(EKSEMPEL_ORGNR)).await.unwrap();
    assert_ne!(again.expose_secret(), first);
    assert_eq!(reg.stats(&client).await.0, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_is_renewed_before_it_expires() {
    // A stand-in of its own: its tokens live four seconds.
    let reg = Registers::start();
    reg.control("ttl", serde_json::json!({"seconds": 4})).await;
    let client = reg.new_client().await;
    let mp = Maskinporten::new(reg.maskinporten(&client)).unwrap();
    let first = mp.token(FREG, None).await.unwrap();
    let same = mp.token(FREG, None).await.unwrap();
    assert_eq!(first.expose_secret(), same.expose_secret());
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let renewed = mp.token(FREG, None).await.unwrap();
    assert_ne!(renewed.expose_secret(), first.expose_secret());
    assert_eq!(reg.stats(&client).await.0, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clock_a_minute_off_is_corrected_from_maskinporten_answers() {
    // A stand-in of its own, whose clock runs a minute behind ours.
    let reg = Registers::start();
    reg.control("clock", serde_json::json!({"offset_seconds": -60}))
        .await;
    let client = reg.new_client().await;
    let mp = Maskinporten::new(reg.maskinporten(&client)).unwrap();
    let token = mp.token(FREG, None).await;
    assert!(token.is_ok(), "{:?}", token.err());
    assert_eq!(
        reg.stats(&client).await.0,
        2,
        "refused once for its times, then granted on Maskinporten's clock"
    );
    // Later grants are on its clock from the start.
    mp.token(KRR, None).await.unwrap();
    assert_eq!(reg.stats(&client).await.0, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_says_why_and_never_shows_the_grant() {
    let reg = registers();
    let client = reg.new_client().await;
    let mp = Maskinporten::new(reg.maskinporten(&client)).unwrap();
    let err = mp
        .token("skatteetaten:noe-annet", None)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid_scope"), "{err}");
    assert!(err.contains("skatteetaten:noe-annet"), "{err}");
    assert!(!err.contains("eyJ"), "no JWT in the message: {err}");
    let err = mp
        .token(FREG, Some("999999997"))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("consumer_org"), "{err}");
    assert!(err.contains("delegation in Altinn"), "{err}");
}
