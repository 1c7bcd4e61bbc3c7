//! A hearing's dates close it, and staff record the outcome for the public.

use crate::hearing_support::*;
use crate::helpers::spawn_app;
use app::on_both_databases;
use app::testing::Backend;
use chrono::Duration;

async fn dates_close_a_hearing_and_staff_record_the_outcome(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let h = demo_hearing(&app, STORGATA).await;
    set_clock(&app, h.deadline + Duration::seconds(1));
    assert!(
        app::ssr::services::hearings::status_by_dates::sync_all(&app.state)
            .await
            .unwrap()
            >= 1
    );
    let closed = demo_hearing(&app, STORGATA).await;
    assert_eq!(closed.status, "closed", "the dates closed it");
    let ids = h.id.to_string();
    let r = app
        .call(
            "change_hearing_status",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("id", &ids),
                ("action", "conclude"),
                ("outcome", "Kommunestyret vedtok planen med lavere høyder."),
                ("decision_url", "https://eksempel.kommune.no/vedtak/1"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert!(html.contains("Avgjort"));
    assert!(html.contains("Kommunestyret vedtok planen med lavere høyder."));
    assert!(html.contains("https://eksempel.kommune.no/vedtak/1"));
    app.stop().await;
}

on_both_databases!(dates_close_a_hearing_and_staff_record_the_outcome);
