//! The authorisation matrix: every server function and every route, called by everyone who
//! could call it — nobody, the citizen whose object it is, another citizen, each staff role of
//! the organisation, and the admin of another organisation. Each answer's status is the one in
//! the table; a refused answer carries nothing of the object, and nobody outside the
//! organisation's staff sees anything that is not public (or their own). A server function or
//! route without a row fails the test.

mod rows;

use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::header::ACCEPT;
use reqwest::multipart::Form;
use reqwest::{Client, Method};
use rows::{Expect, Fixture, Req, Row};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The columns of the table, in order.
pub const WHO: [&str; 9] = [
    "nobody (not logged in)",
    "the citizen whose object it is (Ingrid)",
    "another citizen (Ola)",
    "the organisation's admin",
    "its case officer",
    "its moderator",
    "its elected official",
    "another organisation's admin",
    "the platform administrator (no organisation's staff)",
];

/// Whoever is one of the organisation's staff (columns 3–6) may see what is not public.
fn is_own_staff(who: usize) -> bool {
    (3..=6).contains(&who)
}

/// Someone calling, in a browser of their own.
pub struct Caller {
    pub client: Client,
    pub token: String,
}

pub async fn anonymous(app: &TestApp) -> Caller {
    let b = TestApp::second_browser(app);
    let token = b.csrf_token().await;
    Caller {
        client: b.client,
        token,
    }
}

async fn staff(app: &TestApp, (email, password): (&str, &str)) -> Caller {
    let b = TestApp::second_browser(app);
    let token = b.staff(email, password).await;
    Caller {
        client: b.client,
        token,
    }
}

/// A demo citizen logged in (a session minted as a login through ID-porten leaves it).
pub async fn citizen(app: &TestApp, subject: &str, pid: &str) -> Caller {
    use app::ssr::db::entities::person;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let p = person::Entity::find()
        .filter(person::Column::Issuer.eq("demo"))
        .filter(person::Column::Subject.eq(subject))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let id = app::domain::national_id::NationalId::parse(pid, true).unwrap();
    let minted = app::testing::mint_session_for(&app.state, p.id, &id).await;
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let url: reqwest::Url = app.base.parse().unwrap();
    for c in minted.cookie.split("; ") {
        jar.add_cookie_str(&format!("{c}; Path=/"), &url);
    }
    Caller {
        client: Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap(),
        token: minted.csrf_token,
    }
}

/// What one caller got.
struct Answer {
    status: u16,
    body: String,
}

async fn send(app: &TestApp, caller: &Caller, who: usize, req: &Req) -> Answer {
    let fill = |s: &str| {
        s.replace("{csrf}", &caller.token)
            .replace("{who}", &who.to_string())
    };
    let r = match req {
        Req::Get(path) => {
            caller
                .client
                .get(app.url(path))
                .header(ACCEPT, "text/html")
                .send()
                .await
        }
        Req::Call(endpoint, form) => {
            let form: Vec<(String, String)> =
                form.iter().map(|(k, v)| (k.clone(), fill(v))).collect();
            caller
                .client
                .post(app.url(&format!("/api/{endpoint}")))
                .header(ACCEPT, "application/json")
                .form(&form)
                .send()
                .await
        }
        Req::Query(endpoint, query) => {
            caller
                .client
                .get(app.url(&format!("/api/{endpoint}?{query}")))
                .header(ACCEPT, "application/json")
                .send()
                .await
        }
        Req::Multipart(endpoint, parts) => {
            let mut form = Form::new();
            for (k, v) in parts {
                form = match v {
                    rows::Part::Text(t) => form.text(k.to_string(), fill(t)),
                    rows::Part::File(name, bytes) => form.part(
                        k.to_string(),
                        reqwest::multipart::Part::bytes(bytes.clone())
                            .file_name(name.to_string())
                            .mime_str("application/pdf")
                            .unwrap(),
                    ),
                };
            }
            caller
                .client
                .post(app.url(&format!("/api/{endpoint}")))
                .header(ACCEPT, "application/json")
                .multipart(form)
                .send()
                .await
        }
        Req::Post(path, form) => {
            let form: Vec<(String, String)> =
                form.iter().map(|(k, v)| (k.clone(), fill(v))).collect();
            caller
                .client
                .request(Method::POST, app.url(path))
                .header(ACCEPT, "text/html")
                .form(&form)
                .send()
                .await
        }
    };
    let r = r.unwrap_or_else(|e| panic!("{req:?}: {e}"));
    Answer {
        status: r.status().as_u16(),
        body: r.text().await.unwrap_or_default(),
    }
}

/// The rows' findings: what differs from the table, and what leaked.
fn judge(row: &Row, who: usize, a: &Answer, fixture: &Fixture, findings: &mut Vec<String>) {
    let allowed = match row.expect[who] {
        Expect::Y => {
            if matches!(a.status, 401 | 403 | 404) || a.status >= 500 {
                findings.push(format!(
                    "{} for {}: expected to be let through, got {}",
                    row.key, WHO[who], a.status
                ));
            }
            true
        }
        Expect::S => return,
        Expect::Any => {
            if matches!(a.status, 401 | 403) || a.status >= 500 {
                findings.push(format!(
                    "{} for {}: expected a static file or 404, got {}",
                    row.key, WHO[who], a.status
                ));
            }
            true
        }
        Expect::N(code) => {
            if a.status != code {
                findings.push(format!(
                    "{} for {}: expected {code}, got {}",
                    row.key, WHO[who], a.status
                ));
            }
            false
        }
    };
    for s in fixture.never {
        if a.body.contains(s) {
            findings.push(format!("{} for {}: answer holds {s:?}", row.key, WHO[who]));
        }
    }
    if is_own_staff(who) && allowed {
        return;
    }
    for (owner, s) in &fixture.private {
        if *owner == Some(who) && allowed {
            continue;
        }
        if a.body.contains(s.as_str()) {
            findings.push(format!(
                "{} for {}: answer ({}) holds the private {s:?}",
                row.key, WHO[who], a.status
            ));
        }
    }
}

async fn every_endpoint_answers_each_caller_as_the_table_says(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let fixture = Fixture::new(&app).await;
    // Columns in the order of `WHO`.
    let callers = [
        anonymous(&app).await,
        citizen(&app, "ingrid-hansen", "09835234565").await,
        citizen(&app, "ola-nordmann", "15868523589").await,
        staff(&app, ("admin@eksempel.kommune.no", "demo-passord-admin")).await,
        staff(
            &app,
            (
                "saksbehandler@eksempel.kommune.no",
                "demo-passord-saksbehandler",
            ),
        )
        .await,
        staff(
            &app,
            ("moderator@eksempel.kommune.no", "demo-passord-moderator"),
        )
        .await,
        staff(
            &app,
            ("folkevalgt@eksempel.kommune.no", "demo-passord-folkevalgt"),
        )
        .await,
        staff(
            &app,
            ("admin@eksempel.fylkeskommune.no", "demo-passord-fylke"),
        )
        .await,
        staff(
            &app,
            ("plattform@innspill.example", "demo-passord-plattform"),
        )
        .await,
    ];
    let table = rows::rows(&fixture);
    let mut findings = Vec::new();
    let mut calls = 0;
    for row in &table {
        // Those refused first, so that an allowed change cannot alter what they are shown.
        let mut order: Vec<usize> = (0..WHO.len()).collect();
        order.sort_by_key(|w| matches!(row.expect[*w], Expect::Y));
        for who in order {
            if matches!(row.expect[who], Expect::S) {
                continue;
            }
            let a = send(&app, &callers[who], who, &row.req).await;
            calls += 1;
            judge(row, who, &a, &fixture, &mut findings);
        }
    }
    assert!(
        findings.is_empty(),
        "{} of {calls} answers differ from the table:\n{}",
        findings.len(),
        findings.join("\n")
    );

    // Every server function and route has a row.
    let covered: BTreeSet<&str> = table.iter().map(|r| r.key).collect();
    let mut missing: Vec<String> = endpoints()
        .into_iter()
        .filter(|e| !covered.contains(e.as_str()))
        .collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the authorisation matrix: {missing:?}"
    );
    eprintln!(
        "authorisation matrix: {} rows × {} callers, {calls} answers",
        table.len(),
        WHO.len()
    );
    app.stop().await;
}

/// Every server function (by its name), every page route and every other route the server
/// answers, as the router names them.
fn endpoints() -> Vec<String> {
    let mut out: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    out.extend(server::startup::page_paths());
    // The router's own routes, read from where it is built.
    let source = include_str!("../../src/startup.rs");
    let mut rest = source;
    while let Some(at) = rest.find(".route") {
        rest = &rest[at..];
        let Some(q) = rest.find('"') else { break };
        let after = &rest[q + 1..];
        let end = after.find('"').unwrap();
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    rest = source;
    while let Some(at) = rest.find(".nest_service(\"") {
        let after = &rest[at + ".nest_service(\"".len()..];
        let end = after.find('"').unwrap();
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out.sort();
    out.dedup();
    out
}

on_both_databases!(every_endpoint_answers_each_caller_as_the_table_says);
