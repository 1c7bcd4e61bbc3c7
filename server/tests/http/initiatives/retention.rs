//! Dates and retention: collection ends on its date, and signer data goes after the retention
//! period while the counts stay.

use crate::hearing_support::{OFFICER, set_clock};
use crate::helpers::spawn_app;
use crate::initiative_support::*;
use app::on_both_databases;
use app::testing::Backend;

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

/// Referred to a planning case is the council's outcome too: twelve months after it the signers
/// are gone, the count stays.
async fn signer_data_of_a_referred_initiative_goes_after_the_retention_period(backend: Backend) {
    let app = spawn_app(backend).await;
    let library = initiative_by_title(&app, LIBRARY).await;
    let staff_token = app.staff(OFFICER.0, OFFICER.1).await;
    let r = app
        .call(
            "record_initiative_outcome",
            &[
                ("csrf_token", staff_token.as_str()),
                ("slug", "eksempel-kommune"),
                ("id", &library.id.to_string()),
                ("kind", "referred"),
                ("text", "Tatt inn i biblioteksplanen."),
                ("date", &oslo_today(&app).to_string()),
                ("minutes_url", ""),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    set_clock(&app, app.state.clock.now() + chrono::Duration::days(360));
    app::ssr::services::initiatives::staff::dates::run_dates(&app.state)
        .await
        .unwrap();
    assert_eq!(signatures_of(&app, library.id).await.len(), 303, "within");
    set_clock(&app, app.state.clock.now() + chrono::Duration::days(6));
    app::ssr::services::initiatives::staff::dates::run_dates(&app.state)
        .await
        .unwrap();
    assert!(signatures_of(&app, library.id).await.is_empty());
    let (_, json) = app
        .get_json(&format!("/api/v1/initiatives/{}", library.id))
        .await;
    assert_eq!(json["signature_count"], 303);
    assert_eq!(json["status"], "referred");
    app.stop().await;
}

on_both_databases!(
    collection_ends_on_its_date_and_signer_data_goes_after_the_retention_period,
    signer_data_of_a_referred_initiative_goes_after_the_retention_period,
);
