//! Officials host a space and moderate it with the organisation's moderators — but a host's
//! hide is only a request: a post in a space they host may criticise them, so a second
//! moderator decides. Hosts do not suspend, and moderate nothing outside their spaces.

use super::*;
use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use app::on_both_databases;
use app::ssr::db::entities::dialogue_moderation;
use app::testing::Backend;
use reqwest::StatusCode;

const OFFICIAL: (&str, &str) = ("folkevalgt@eksempel.kommune.no", "demo-passord-folkevalgt");

async fn a_hosts_hide_waits_for_a_second_moderator(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_debate(&app).await;
    let id_s = id.to_string();
    let frida = app::ssr::db::staff::find_user_by_email(&app.state.db, OFFICIAL.0)
        .await
        .unwrap()
        .unwrap()
        .id;
    let officer = Someone::staff(&app, OFFICER).await;
    let name_host = |official: String| {
        let officer = &officer;
        let id_s = id_s.clone();
        async move {
            officer
                .browser
                .call(
                    "set_dialogue_host",
                    &[
                        ("csrf_token", &officer.token),
                        ("slug", SLUG),
                        ("space", &id_s),
                        ("official", &official),
                        ("add", "on"),
                    ],
                )
                .await
        }
    };
    // Only an elected official may host.
    let not_official = app::ssr::db::staff::find_user_by_email(&app.state.db, OFFICER.0)
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = name_host(not_official.to_string()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("dialogue.seat.official_missing")
    );
    let r = name_host(frida.to_string()).await;
    assert!(r.status().is_success(), "{}", r.status());

    // Frida sees the space she hosts, and is told how her hides work.
    let host = Someone::staff(&app, OFFICIAL).await;
    let (status, v) = host
        .browser
        .get_json(&format!("/api/get_staff_dialogue?slug={SLUG}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["host"], true);
    assert_eq!(v["can_create"], false);
    assert_eq!(v["spaces"][0]["id"], id);
    let (_, html) = host
        .browser
        .get_text(&format!("/org/{SLUG}/ansatt/dialog"))
        .await;
    assert!(html.contains("kan handle om deg"), "{html}");

    // A citizen criticises her; she asks to hide it: the post stays, the public log says nothing.
    let aisha = Someone::citizen(&app, "aisha-ali", None).await;
    let r = post(
        &aisha,
        id,
        None,
        "Frida Folkevalgt har ikke svart på noe av det vi spør om.",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let critical = posts_of(&app, id).await.pop().unwrap();
    let r = moderate(&host, critical.id, &[("action", "hide"), ("rule", "1")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = app.get_text(&page(id)).await;
    assert!(
        html.contains("har ikke svart på noe"),
        "still shown: {html}"
    );
    let (_, log) = app
        .get_json(&format!("/api/get_dialogue_log?slug={SLUG}&id={id}"))
        .await;
    assert!(
        log["lines"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["post_id"] != critical.id),
        "{log}"
    );
    // Hosts do not suspend.
    let r = moderate(
        &host,
        critical.id,
        &[
            ("action", "suspend"),
            ("rule", "1"),
            ("days", "3"),
            ("reason", "Kritikk."),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // The moderator sees the request, and keeps the post: criticism is not a breach.
    let moderator = Someone::staff(&app, MODERATOR).await;
    let (_, v) = moderator
        .browser
        .get_json(&format!("/api/get_staff_dialogue?slug={SLUG}"))
        .await;
    let item = v["queue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["post_id"] == critical.id)
        .expect("the request in the moderators' queue")
        .clone();
    assert_eq!(item["hide_requested"], 1);
    let r = moderate(&moderator, critical.id, &[("action", "approve")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = app.get_text(&page(id)).await;
    assert!(html.contains("har ikke svart på noe"), "kept: {html}");
    let settled = dialogue_moderation::Entity::find()
        .filter(dialogue_moderation::Column::PostId.eq(critical.id))
        .filter(dialogue_moderation::Column::Role.eq("host"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(settled.status, "declined");

    // A real breach: the host asks, the moderator hides; the log says a moderator did.
    let r = post(
        &aisha,
        id,
        None,
        "Ring meg på 99887766, så gir jeg deg adressen til naboen.",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let breach = posts_of(&app, id).await.pop().unwrap();
    let r = moderate(&host, breach.id, &[("action", "hide"), ("rule", "3")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = moderate(&moderator, breach.id, &[("action", "hide"), ("rule", "3")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = app.get_text(&page(id)).await;
    assert!(
        html.contains("Skjult av moderator: brudd på regel 3."),
        "{html}"
    );
    let (_, log) = app
        .get_json(&format!("/api/get_dialogue_log?slug={SLUG}&id={id}"))
        .await;
    assert_eq!(log["lines"][0]["post_id"], breach.id);
    assert_eq!(log["lines"][0]["role"], "moderator");

    // Outside the spaces she hosts, Frida moderates nothing.
    app::ssr::db::dialogue::remove_host(&app.state.db, id, frida)
        .await
        .unwrap();
    let r = moderate(&host, critical.id, &[("action", "lock")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
on_both_databases!(a_hosts_hide_waits_for_a_second_moderator);
