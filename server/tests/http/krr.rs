//! Kontakt- og reservasjonsregisteret through Maskinporten, against the registers stand-in:
//! who may be mailed and who goes on the letter list, the same answers the development
//! fixture gives, and a failing register left alone.

use crate::registers::{EKSEMPEL_ORGNR, registers};
use app::domain::national_id::NationalId;
use app::ssr::AppState;
use app::ssr::contact::krr::KrrSettings;
use app::ssr::contact::{ContactRegister, Reach};
use app::ssr::state::settings::{ContactSetting, Settings};

fn ids(persons: &[&str]) -> Vec<NationalId> {
    persons
        .iter()
        .map(|p| {
            let pid = crate::standin::test_person(p).pid.unwrap();
            NationalId::parse(&pid, true).unwrap()
        })
        .collect()
}

fn krr(client_id: &str) -> ContactRegister {
    let reg = registers();
    let mut settings = Settings::for_tests();
    settings.maskinporten = Some(reg.maskinporten(client_id));
    settings.contact = ContactSetting::Krr(KrrSettings {
        base_url: reg.base.clone(),
    });
    AppState::contacts_from(&settings).unwrap()
}

const PERSONS: [&str; 6] = [
    "kari-nordmann",
    "ola-nordmann",
    "ingrid-hansen",
    "per-johansen",
    "mari-solberg",
    "nils-utflyttet",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reserved_the_unregistered_and_the_stale_go_on_the_letter_list() {
    let reg = registers();
    let client = reg.new_client().await;
    let now = chrono::Utc::now();
    let reach = krr(&client)
        .reach(&ids(&PERSONS), Some(EKSEMPEL_ORGNR), now)
        .await
        .unwrap();
    assert_eq!(
        reach,
        vec![
            Reach::Email("kari.nordmann@eksempel.no".into()),
            // Verified 400 days ago: within 18 months.
            Reach::Email("ola.nordmann@eksempel.no".into()),
            // Reserved against digital contact.
            Reach::Paper,
            // Verified 900 days ago: too old to use.
            Reach::Paper,
            // Not in KRR.
            Reach::Paper,
            Reach::Paper,
        ]
    );
    // The development fixture answers as the register does.
    let fixture = AppState::contacts_from(&Settings::for_tests()).unwrap();
    assert_eq!(
        fixture.reach(&ids(&PERSONS), None, now).await.unwrap(),
        reach
    );
    assert_eq!(
        reg.stats(&client).await,
        (1, 0, 1),
        "one token, one request"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_register_is_an_error_not_paper_and_is_left_alone() {
    let reg = registers();
    let client = reg.new_client().await;
    reg.control(
        "fail",
        serde_json::json!({"client_id": client, "service": "krr", "mode": "503", "times": 5}),
    )
    .await;
    let register = krr(&client);
    let now = chrono::Utc::now();
    for _ in 0..3 {
        let r = register.reach(&ids(&PERSONS[..1]), None, now).await;
        assert!(r.is_err(), "an outage is not told as 'reach them on paper'");
    }
    let (_, _, asked) = reg.stats(&client).await;
    assert_eq!(asked, 3);
    assert!(
        register
            .reach(&ids(&PERSONS[..1]), None, now)
            .await
            .is_err()
    );
    assert_eq!(
        reg.stats(&client).await.2,
        3,
        "after three failures in a row KRR is not asked for a while"
    );
}
