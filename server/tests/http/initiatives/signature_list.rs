//! The signature list: only the organisation's handlers get it, as a page or a CSV, every
//! download is on record, and only a click inside Innspill gets it (a link elsewhere cannot
//! put a download on a staffer's record).

use crate::hearing_support::{COUNTY_ADMIN, OFFICER};
use crate::helpers::{TestApp, spawn_app};
use crate::initiative_support::*;
use app::on_both_databases;
use app::ssr::db::entities::audit_log;
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

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

    // A link on another site (or in a mail) that the logged-in handler follows: refused, with
    // what to do instead, and nothing on record. From Innspill's own pages it works.
    let exports = [
        page.clone(),
        csv.clone(),
        "/org/eksempel-kommune/ansatt/horinger/1/eksport.csv".to_string(),
        "/org/eksempel-kommune/ansatt/horinger/1/eksport.zip".to_string(),
    ];
    for path in &exports {
        for site in ["cross-site", "same-site"] {
            let r = app
                .client
                .get(app.url(path))
                .header("accept", "text/html")
                .header("sec-fetch-site", site)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path} {site}");
            let html = r.text().await.unwrap();
            assert!(html.contains("Åpne siden fra Innspill"), "{path}");
            assert!(!html.contains("Nordmann"));
        }
    }
    assert_eq!(logged(&app).await, 2, "nothing more on record");
    let r = app
        .client
        .get(app.url(&csv))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(logged(&app).await, 3);
    app.stop().await;
}

on_both_databases!(
    only_the_organisations_handlers_get_the_signature_list_and_every_download_is_logged,
);
