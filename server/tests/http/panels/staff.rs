//! Staff set up a panel — told exactly what is wrong — and see its members against the
//! population per age band, gender and district; districts cannot be reordered once members
//! have them; another organisation sees nothing of it.

use super::*;
use crate::helpers::{TestApp, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

const OFFICER: (&str, &str) = crate::hearing_support::OFFICER;

fn panel_form<'a>(token: &'a str, districts: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("slug", SLUG),
        ("name", "Ungdomspanelet"),
        (
            "purpose",
            "Vi spør unge om fritidstilbudet to ganger i året.",
        ),
        ("district_kind", "skolekrets"),
        ("districts", districts),
        ("skip_limit", "2"),
        ("recruiting", "on"),
        ("background", DEMO_BACKGROUND),
    ]
}

async fn staff_set_up_a_panel_and_see_its_members_against_the_population(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;

    // Everything wrong at once, each at its field; then right.
    let r = app
        .call(
            "save_panel",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("name", " "),
                ("district_kind", "fylke"),
                ("skip_limit", "0"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for key in [
        "panel.form.name_missing",
        "panel.form.purpose_missing",
        "panel.form.district_kind_invalid",
        "panel.form.districts_missing",
        "panel.form.skip_limit_invalid",
    ] {
        assert!(body.contains(key), "{key}: {body}");
    }
    let r = app
        .call("save_panel", &panel_form(&token, "Byskogen\nHaugen"))
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let new: i32 = r.json().await.unwrap();
    let (status, html) = app
        .get_text(&format!("/org/{SLUG}/ansatt/innbyggerpanel/{new}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("0 medlemmer nå."), "{html}");
    assert!(
        html.contains("Medlemmer og befolkning etter skolekrets"),
        "{html}"
    );
    let (_, html) = app
        .get_text(&format!("/org/{SLUG}/ansatt/innbyggerpanel"))
        .await;
    assert!(html.contains("Ungdomspanelet") && html.contains(app::demo::panels::DEMO_PANEL));

    // The demo panel: 300 members, each variable's rows summing to them, beside a population
    // of about 20,000 (the synthetic one outside production).
    let id = demo_panel(&app).await;
    let (status, p) = app
        .get_json(&format!("/api/get_staff_panel?slug={SLUG}&id={id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(p["members"], 300);
    assert_eq!(p["population_known"], true);
    for table in ["by_age", "by_gender", "by_district"] {
        let rows = p[table].as_array().unwrap();
        let members: u64 = rows.iter().map(|r| r["members"].as_u64().unwrap()).sum();
        assert_eq!(members, 300, "{table}");
        let population: u64 = rows.iter().map(|r| r["population"].as_u64().unwrap()).sum();
        assert!(
            (19_000..=20_000).contains(&population),
            "{table}: {population}"
        );
    }
    assert_eq!(p["by_district"][0]["label"], "Sentrum");
    // 285 from the register's sample, 15 who came in on their own.
    assert_eq!(p["attrition"]["joined_sample"], 285);
    assert_eq!(p["attrition"]["joined_self"], 15);
    let (_, html) = app
        .get_text(&format!(
            "/org/{SLUG}/ansatt/innbyggerpanel/{id}/personvern"
        ))
        .await;
    assert!(
        html.contains("panel_profiles") && html.contains("artikkel 9"),
        "{html}"
    );

    // Members have districts: reordering or dropping one is refused, adding one at the end is not.
    let idstr = id.to_string();
    for (districts, ok) in [
        ("Nord\nSentrum\nSør\nØst\nVest", false),
        ("Sentrum\nNord\nSør\nØst", false),
        ("Sentrum\nNord\nSør\nØst\nVest\nHavna", true),
    ] {
        let mut form = panel_form(&token, districts);
        form.push(("id", &idstr));
        let r = app.call("save_panel", &form).await;
        if ok {
            assert!(r.status().is_success(), "{}", r.status());
        } else {
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                r.text()
                    .await
                    .unwrap()
                    .contains("panel.form.districts_locked")
            );
        }
    }

    // Another organisation's admin: refused here, and the panel is not found through their own.
    let other = TestApp::second_browser(&app);
    other
        .staff("admin@lillevik.kommune.no", "demo-passord-lillevik")
        .await;
    let (status, _) = other
        .get_json(&format!("/api/get_staff_panel?slug={SLUG}&id={id}"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = other
        .get_json(&format!(
            "/api/get_staff_panel?slug=lillevik-kommune&id={id}"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.stop().await;
}

on_both_databases!(staff_set_up_a_panel_and_see_its_members_against_the_population);
