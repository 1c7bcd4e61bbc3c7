//! Paper signatures: staff enter them, each is checked in the register, and a person never
//! counts twice, on paper or online.

use crate::hearing_support::OFFICER;
use crate::helpers::{IdPortenOptions, TestApp, assert_refused, spawn_app_with_idporten};
use crate::initiative_support::*;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn paper_signatures_are_checked_in_the_register_and_never_count_twice(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
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
    assert_refused(r, StatusCode::CONFLICT, "initiative.paper.already_signed").await;
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
    let invalid = "initiative.paper.national_id_invalid";
    assert_refused(r, StatusCode::UNPROCESSABLE_ENTITY, invalid).await;
    // Online, Kari is told she has already signed.
    let kari_token = app.citizen("kari-nordmann", None).await;
    let r = app
        .call("sign_initiative", &sign_form(&kari_token, &id))
        .await;
    assert_refused(r, StatusCode::CONFLICT, "initiative.sign.already_signed").await;
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

on_both_databases!(paper_signatures_are_checked_in_the_register_and_never_count_twice);
