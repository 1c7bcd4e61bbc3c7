//! Elected officials: the admin records the party groups and each official's seats (told
//! exactly what is wrong), which make the badge on the official's posts; an official with a seat
//! posts in a debate under their name and badge, one without a seat cannot, and nobody else
//! may post as an official.

use super::*;
use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

const ADMIN: (&str, &str) = ("admin@eksempel.kommune.no", "demo-passord-admin");
const OFFICIAL: (&str, &str) = ("folkevalgt@eksempel.kommune.no", "demo-passord-folkevalgt");

async fn user_id(app: &crate::helpers::TestApp, email: &str) -> i32 {
    app::ssr::db::staff::find_user_by_email(&app.state.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// `who` posts `text` in the space as an official, as the page's form does.
async fn official_post(who: &Someone, space: &str, text: &str) -> reqwest::Response {
    who.browser
        .call(
            "official_post_dialogue",
            &[
                ("csrf_token", &who.token),
                ("slug", SLUG),
                ("id", space),
                ("text", text),
            ],
        )
        .await
}

async fn officials(admin: &Someone) -> serde_json::Value {
    let (status, v) = admin
        .browser
        .get_json(&format!("/api/get_officials?slug={SLUG}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    v
}

async fn an_official_posts_with_the_badge_the_admin_gave_and_nobody_else_can(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_debate(&app).await;
    // The demo official's answer, with her badge.
    let (_, html) = app.get_text(&page(id)).await;
    assert!(html.contains("Frida Folkevalgt"), "{html}");
    assert!(
        html.contains("Folkevalgt, Kommunestyret, Bygdelista"),
        "{html}"
    );

    let admin = Someone::staff(&app, ADMIN).await;
    let frida = user_id(&app, OFFICIAL.0).await;
    let v = officials(&admin).await;
    let item = &v["officials"][0];
    assert_eq!(item["name"], "Frida Folkevalgt");
    assert_eq!(item["badge"], "Folkevalgt, Kommunestyret, Bygdelista");

    let call = |endpoint: &'static str, fields: Vec<(&'static str, String)>| {
        let admin = &admin;
        async move {
            let mut form: Vec<(&str, &str)> =
                vec![("csrf_token", admin.token.as_str()), ("slug", SLUG)];
            form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            admin.browser.call(endpoint, &form).await
        }
    };
    // Party groups: a name, once.
    let r = call("add_party_group", vec![("party_name", " ".into())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("dialogue.party.name_missing")
    );
    let r = call("add_party_group", vec![("party_name", "Bygdelista".into())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("dialogue.party.exists"));
    let r = call(
        "add_party_group",
        vec![("party_name", "Kystpartiet".into())],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(
        officials(&admin).await["parties"]
            .to_string()
            .contains("Kystpartiet")
    );

    // Seats: only for an official, on one of the organisation's bodies, once per body.
    let committee = v["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b[1] == "Utvalg for plan og miljø")
        .unwrap()[0]
        .as_i64()
        .unwrap()
        .to_string();
    let council = v["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b[1] == "Kommunestyret")
        .unwrap()[0]
        .as_i64()
        .unwrap()
        .to_string();
    let officer = user_id(&app, OFFICER.0).await.to_string();
    let r = call(
        "add_official_seat",
        vec![("official", officer), ("body", committee.clone())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("dialogue.seat.official_missing")
    );
    let r = call(
        "add_official_seat",
        vec![("official", frida.to_string()), ("body", council)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("dialogue.seat.exists"));
    let r = call(
        "add_official_seat",
        vec![("official", frida.to_string()), ("body", committee)],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let v = officials(&admin).await;
    assert_eq!(
        v["officials"][0]["badge"],
        "Folkevalgt, Kommunestyret, Utvalg for plan og miljø, Bygdelista"
    );

    // Frida posts as an official: under her name and badge.
    let official = Someone::staff(&app, OFFICIAL).await;
    let (_, html) = official.browser.get_text(&page(id)).await;
    assert!(html.contains("Du skriver som folkevalgt"), "{html}");
    let id_s = id.to_string();
    let r = official_post(
        &official,
        &id_s,
        "Jeg tar gjerne imot flere synspunkter på trærne.",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let p = posts_of(&app, id).await.pop().unwrap();
    assert_eq!((p.official_id, p.participant_id), (Some(frida), None));
    let (_, html) = app.get_text(&page(id)).await;
    assert!(
        html.contains("Folkevalgt, Kommunestyret, Utvalg for plan og miljø, Bygdelista"),
        "{html}"
    );

    // Nobody else posts as an official: not a case officer, not a citizen.
    let officer = Someone::staff(&app, OFFICER).await;
    let r = official_post(&officer, &id_s, "Hei").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let aisha = Someone::citizen(&app, "aisha-ali", None).await;
    let r = official_post(&aisha, &id_s, "Hei").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Without a seat, an official cannot post as one.
    for seat in officials(&admin).await["officials"][0]["seats"]
        .as_array()
        .unwrap()
        .clone()
    {
        let r = call(
            "remove_official_seat",
            vec![("seat", seat["id"].as_i64().unwrap().to_string())],
        )
        .await;
        assert!(r.status().is_success(), "{}", r.status());
    }
    let r = official_post(&official, &id_s, "Et innlegg til.").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("dialogue.official.no_seat")
    );
}
on_both_databases!(an_official_posts_with_the_badge_the_admin_gave_and_nobody_else_can);
