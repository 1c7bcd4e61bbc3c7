//! Onboarding without SQL, in the browser: the platform administrator creates a municipality
//! (its number checked against SSB's classification, its population read from a Statbank CSV,
//! its Sámi name from SSB), its first administrator accepts the mailed invitation, brands it
//! (a colour refused for its contrast, an SVG refused for a script, a PNG logo) and staffs it;
//! and an organisation deactivated keeps its pages, says so, and takes nothing in.

use crate::admin_support::invitation_path;
use crate::hearing_support::{STORGATA, anonymous, demo_hearing, submissions_of, submit};
use crate::helpers::{TestApp, assert_refused, local, spawn_app};
use app::on_both_databases;
use app::ssr::db::entities::{body, organisation};
use app::testing::Backend;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const PLATFORM_ADMIN: (&str, &str) = ("plattform@innspill.example", "demo-passord-plattform");

/// Statbank table 07459 as its CSV export.
const KARASJOK_CSV: &str = "\"07459: Befolkning, etter region, statistikkvariabel og år\"\n\n\
    \"region\";\"statistikkvariabel\";\"år\";\"07459: Befolkning\"\n\
    \"5610 Kárášjohka - Karasjok\";\"Personer\";\"2024\";2556\n\
    \"5610 Kárášjohka - Karasjok\";\"Personer\";\"2025\";2531\n";

/// A PNG of one white pixel.
fn png() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89".to_vec();
    b.extend_from_slice(
        b"\x00\x00\x00\x0dIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84",
    );
    b.extend_from_slice(b"\x00\x00\x00\x00IEND\xaeB`\x82");
    b
}

fn organisation_form(token: &str, fields: &[(&str, &str)], csv: Option<&str>) -> Form {
    let mut form = Form::new().text("csrf_token", token.to_string());
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    match csv {
        Some(c) => form.part(
            "population_file",
            Part::bytes(c.as_bytes().to_vec()).file_name("07459.csv"),
        ),
        None => form,
    }
}

const KARASJOK: &[(&str, &str)] = &[
    ("kind", "municipality"),
    ("number", "5610"),
    ("name", "Karasjok kommune"),
    ("name_nn", ""),
    ("name_sami", ""),
    ("slug", ""),
    ("written_standard", "nb"),
    ("population", ""),
    ("population_date", ""),
    ("bodies", "Kommunestyret\nFormannskapet"),
    ("max_collection_months", "12"),
    ("signer_retention_months", "12"),
    ("screening_days", "14"),
    ("admin_email", "postmottak@karasjok.example"),
];

async fn the_platform_administrator_creates_a_municipality_its_admin_brands_and_staffs(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let platform = TestApp::second_browser(&app);
    let token = platform.staff(PLATFORM_ADMIN.0, PLATFORM_ADMIN.1).await;
    let (status, page) = platform.get_text("/plattform").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Plattformadministrasjon") && page.contains("Eksempel kommune"));
    let (_, form) = platform.get_text("/plattform/ny-organisasjon").await;
    assert!(form.contains("5610 Kárášjohka - Karasjok") && form.contains("46 Vestland"));
    assert!(
        form.contains("gyldig fra 1. januar 2026"),
        "the classification's date"
    );

    // Without JavaScript: a number SSB does not have, a bad address; the form comes back with
    // what was typed and a message next to each field.
    let mut wrong: Vec<(&str, &str)> = KARASJOK.to_vec();
    wrong.retain(|(k, _)| !["number", "admin_email"].contains(k));
    wrong.push(("number", "5699"));
    wrong.push(("admin_email", "postmottak"));
    let r = platform
        .post_multipart(
            "create_organisation",
            "/plattform/ny-organisasjon",
            organisation_form(&token, &wrong, Some(KARASJOK_CSV)),
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (_, back) = platform.get_text(&local(&platform, &r)).await;
    assert!(back.contains("Dette nummeret finnes ikke i SSBs gjeldende inndeling"));
    assert!(back.contains("Skriv en gyldig e-postadresse"));
    assert!(
        back.contains("value=\"Karasjok kommune\""),
        "the name is kept"
    );
    assert!(
        organisation::Entity::find()
            .filter(organisation::Column::Number.eq("5699"))
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );

    // Right: the population comes from the CSV, the Sámi name from SSB.
    let r = platform
        .post_multipart(
            "create_organisation",
            "/plattform/ny-organisasjon",
            organisation_form(&token, KARASJOK, Some(KARASJOK_CSV)),
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let landed = local(&platform, &r);
    assert_eq!(landed, "/plattform?opprettet=karasjok-kommune");
    let (_, done) = platform.get_text(&landed).await;
    assert!(
        done.contains("Karasjok kommune er opprettet, og den første administratoren er invitert")
    );
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq("karasjok-kommune"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("created");
    assert_eq!((org.number.as_str(), org.population), ("5610", 2531));
    assert_eq!(org.population_date.to_string(), "2025-01-01");
    assert_eq!(org.name_sami.as_deref(), Some("Kárášjohka"));
    let bodies = body::Entity::find()
        .filter(body::Column::OrganisationId.eq(org.id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(bodies.len(), 2);
    let (status, public) = app.get_text("/org/karasjok-kommune").await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.contains("Karasjok kommune") && public.contains("lang=\"smi\""));
    assert!(public.contains("Kárášjohka"));

    // The same number again is refused, as the page's script sees it.
    let twice = platform
        .client
        .post(platform.url("/api/create_organisation"))
        .header(reqwest::header::ACCEPT, "application/json")
        .multipart(organisation_form(&token, KARASJOK, None))
        .send()
        .await
        .unwrap();
    assert_refused(
        twice,
        StatusCode::UNPROCESSABLE_ENTITY,
        "onboarding.number_taken",
    )
    .await;
    // The platform administrator is not the municipality's administrator.
    let (status, _) = platform
        .get_json("/api/get_admin_overview?slug=karasjok-kommune")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The invited administrator sets a password, logs in, brands and staffs the municipality.
    assert_eq!(app.run_mail_worker().await, 1);
    let path = invitation_path(&app);
    let admin = TestApp::second_browser(&app);
    let (_, invitation) = admin.get_text(&path).await;
    assert!(invitation.contains("Karasjok kommune"));
    let t = admin.csrf_token().await;
    let r = admin
        .call(
            "accept_invitation",
            &[
                ("csrf_token", t.as_str()),
                ("token", path.trim_start_matches("/invitasjon/")),
                ("name", "Kari Karasjok"),
                ("password", "et langt og godt passord"),
            ],
        )
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let t = admin
        .staff("postmottak@karasjok.example", "et langt og godt passord")
        .await;
    let brand = |colour: &'static str| {
        let (admin, t) = (&admin, t.clone());
        async move {
            admin
                .call(
                    "update_branding",
                    &[
                        ("csrf_token", t.as_str()),
                        ("slug", "karasjok-kommune"),
                        ("accent_colour", colour),
                    ],
                )
                .await
        }
    };
    assert_refused(
        brand("#ffcc00").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "admin.brand.colour_contrast",
    )
    .await;
    assert!(brand("#7A1F3D").await.status().is_success());
    let logo = |bytes: Vec<u8>, name: &'static str| {
        Form::new()
            .text("csrf_token", t.clone())
            .text("slug", "karasjok-kommune")
            .part("logo_file", Part::bytes(bytes).file_name(name))
    };
    let evil = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let r = admin
        .client
        .post(admin.url("/api/upload_logo"))
        .header(reqwest::header::ACCEPT, "application/json")
        .multipart(logo(evil.to_vec(), "logo.svg"))
        .send()
        .await
        .unwrap();
    assert_refused(
        r,
        StatusCode::UNPROCESSABLE_ENTITY,
        "admin.brand.logo_active",
    )
    .await;
    // A PNG named .svg is a PNG: judged by its content.
    let r = admin
        .post_multipart(
            "upload_logo",
            "/org/karasjok-kommune/admin",
            logo(png(), "logo.svg"),
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (_, public) = app.get_text("/org/karasjok-kommune").await;
    assert!(public.contains("/org/karasjok-kommune/tema/7a1f3d.css"));
    let logo_path = public
        .split('"')
        .find(|s| s.starts_with("/org/karasjok-kommune/logo/"))
        .expect("the logo in the band")
        .to_string();
    let css = app.get("/org/karasjok-kommune/tema/7a1f3d.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        css.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let css = css.text().await.unwrap();
    assert!(css.contains("--ds-color-accent-base-default: #7a1f3d;"));
    let served = app.get(&logo_path).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert!(
        served.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(served.bytes().await.unwrap().to_vec(), png());
    // An old colour's stylesheet is gone.
    assert_eq!(
        app.get("/org/karasjok-kommune/tema/0062ba.css")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Staffed: the new administrator invites a case officer.
    let r = admin
        .call(
            "invite_staff",
            &[
                ("csrf_token", t.as_str()),
                ("slug", "karasjok-kommune"),
                ("invite_email", "sakshandsamar@karasjok.example"),
                ("invite_role", "case_officer"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(app.run_mail_worker().await, 1);
    app.stop().await;
}

async fn a_deactivated_organisation_keeps_its_pages_and_takes_nothing_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = TestApp::second_browser(&app);
    let token = platform.staff(PLATFORM_ADMIN.0, PLATFORM_ADMIN.1).await;
    let set = |active: &'static str| {
        let (platform, token) = (&platform, token.clone());
        async move {
            platform
                .call(
                    "set_organisation_active",
                    &[
                        ("csrf_token", token.as_str()),
                        ("slug", "eksempel-kommune"),
                        ("active", active),
                    ],
                )
                .await
        }
    };
    assert!(set("false").await.status().is_success());
    let (_, page) = platform.get_text("/plattform").await;
    assert!(page.contains("Deaktivert"));
    let (status, public) = app.get_text("/org/eksempel-kommune").await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.contains("Eksempel kommune bruker ikke lenger Innspill"));

    // Not listed as open for comments or collecting signatures, on its page or the front page.
    let (_, open) = app
        .get_json("/api/open_now?organisation=eksempel-kommune")
        .await;
    assert_eq!(open["hearings_total"], 0, "{open}");
    assert_eq!(open["initiatives_total"], 0, "{open}");
    let (_, front) = app.get_text("/").await;
    assert!(!front.contains(STORGATA));

    // Its hearing is still there to read; a comment is refused and nothing is stored.
    let h = demo_hearing(&app, STORGATA).await;
    let before = submissions_of(&app, h.id).await.len();
    let (status, _) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    let visitor = TestApp::second_browser(&app);
    let r = submit(&visitor, &h, |t| {
        anonymous(t, &h, "nina@eksempel.no", "Jeg vil ha flere benker.")
    })
    .await;
    assert!(r.status().is_redirection());
    let (_, back) = visitor.get_text(&local(&visitor, &r)).await;
    assert!(back.contains("Denne organisasjonen bruker ikke lenger Innspill"));
    assert_eq!(submissions_of(&app, h.id).await.len(), before);

    // In use again: the notice is gone and a comment is taken.
    assert!(set("true").await.status().is_success());
    let (_, public) = app.get_text("/org/eksempel-kommune").await;
    assert!(!public.contains("bruker ikke lenger Innspill"));
    let (_, open) = app
        .get_json("/api/open_now?organisation=eksempel-kommune")
        .await;
    assert!(open["hearings_total"].as_u64().unwrap_or(0) > 0, "{open}");
    assert!(
        open["initiatives_total"].as_u64().unwrap_or(0) > 0,
        "{open}"
    );
    let r = submit(&visitor, &h, |t| {
        anonymous(t, &h, "nina@eksempel.no", "Jeg vil ha flere benker.")
    })
    .await;
    assert!(r.status().is_redirection());
    assert_eq!(submissions_of(&app, h.id).await.len(), before + 1);
    let actions: Vec<String> = app::ssr::db::entities::audit_log::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(actions.iter().any(|a| a == "organisation_deactivate"));
    assert!(actions.iter().any(|a| a == "organisation_reactivate"));
    app.stop().await;
}

on_both_databases!(
    the_platform_administrator_creates_a_municipality_its_admin_brands_and_staffs,
    a_deactivated_organisation_keeps_its_pages_and_takes_nothing_in,
);
