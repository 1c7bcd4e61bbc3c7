//! Hostile input: every public form field and API parameter gets payloads meant to break it
//! (markup and script, SQL, path traversal, header injection, NUL bytes, invalid UTF-8, overlong
//! text, huge and negative numbers, wrong content types, a truncated multipart body). Nothing
//! answers with a server error, no page shows a payload's markup unescaped, and a refused
//! request stores nothing.

use crate::authorisation::{Caller, anonymous, citizen};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use app::on_both_databases;
use app::ssr::db::entities::{hearing, initiative, submission};
use app::testing::Backend;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SCRIPT: &str = "<script>alert('x')</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// The payloads every field gets; the overlong one is made per call.
fn payloads() -> Vec<String> {
    [
        SCRIPT,
        IMG,
        "' OR '1'='1' --",
        "'; DROP TABLE submissions; --",
        "1; SELECT pg_sleep(5)",
        "../../../../etc/passwd",
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "a\r\nSet-Cookie: injected=1",
        "a\u{0}b",
        "99999999999999999999999999",
        "-1",
        "-2147483649",
        "0",
        "1e309",
        "NaN",
        "\u{202e}gnp.exe",
        "{{7*7}}${7*7}",
        "%00%ff",
        "\u{feff}\u{200b}",
        "𝕴𝖓𝖓𝖘𝖕𝖎𝖑𝖑 ￼",
    ]
    .into_iter()
    .map(String::from)
    .chain(["å".repeat(100_000), "x".repeat(2_000_000)])
    .collect()
}

/// What the run saw.
#[derive(Default)]
struct Tally {
    requests: usize,
    findings: Vec<String>,
}

impl Tally {
    async fn judge(&mut self, what: &str, r: reqwest::Result<reqwest::Response>) -> Option<u16> {
        self.requests += 1;
        let r = match r {
            Ok(r) => r,
            // A body refused while it is sent (over the size limit) may end the connection.
            Err(e) if e.is_request() || e.is_body() => return None,
            Err(e) => {
                self.findings.push(format!("{what}: {e}"));
                return None;
            }
        };
        let status = r.status().as_u16();
        let html = r
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let body = r.text().await.unwrap_or_default();
        if status >= 500 {
            self.findings
                .push(format!("{what}: {status} {}", cut(&body)));
        }
        if html && (body.contains(SCRIPT) || body.contains("<img src=x onerror")) {
            self.findings
                .push(format!("{what}: the page shows the payload unescaped"));
        }
        Some(status)
    }
}

fn cut(s: &str) -> &str {
    &s[..s.char_indices().nth(200).map_or(s.len(), |(i, _)| i)]
}

fn enc(s: &str) -> String {
    app::paths::urlencode(s)
}

async fn counts(app: &TestApp) -> (u64, u64, u64) {
    let db = &app.state.db;
    (
        submission::Entity::find().count(db).await.unwrap(),
        initiative::Entity::find().count(db).await.unwrap(),
        hearing::Entity::find().count(db).await.unwrap(),
    )
}

/// A multipart form of text fields, one of them replaced by `value`.
fn multipart(fields: &[(&str, String)], field: &str, value: &str) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        let v = if *k == field {
            value.to_string()
        } else {
            v.clone()
        };
        form = form.text(k.to_string(), v);
    }
    form
}

async fn hostile_input_gets_no_server_error_no_reflected_markup_and_stores_nothing(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let storgata = hearing::Entity::find()
        .filter(hearing::Column::Title.eq("Reguleringsplan for Storgata 10–14"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let collecting = initiative::Entity::find()
        .filter(initiative::Column::Title.eq("Gratis parkering i sentrum på lørdager"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let visitor: Caller = anonymous(&app).await;
    let ola = citizen(&app, "ola-nordmann", "15868523589").await;
    let mut t = Tally::default();
    let payloads = payloads();
    let short = |p: &String| {
        if p.len() > 10_000 {
            p[..10_000].to_string()
        } else {
            p.clone()
        }
    };

    // The hearing form, as the page's script sends it: each field, each payload.
    let comment = |token: &str| -> Vec<(&'static str, String)> {
        vec![
            ("csrf_token", token.to_string()),
            ("slug", "eksempel-kommune".into()),
            ("hearing_id", storgata.to_string()),
            ("kind", "private".into()),
            ("name", "Nina Nabo".into()),
            ("email", "nina@eksempel.no".into()),
            ("organisation_name", String::new()),
            ("org_number", String::new()),
            ("general_comment", "Et innspill.".into()),
            ("show_name", "on".into()),
            ("confirm_public", "on".into()),
            ("objection_reason", String::new()),
        ]
    };
    let fields = comment(&visitor.token);
    for (field, _) in fields.iter().skip(1) {
        for p in &payloads {
            let before = counts(&app).await;
            let status = t
                .judge(
                    &format!("submit_comment {field}"),
                    visitor
                        .client
                        .post(app.url("/api/submit_comment"))
                        .header(ACCEPT, "application/json")
                        .multipart(multipart(&fields, field, p))
                        .send()
                        .await,
                )
                .await;
            if status.is_none_or(|s| s >= 400) && counts(&app).await != before {
                t.findings
                    .push(format!("submit_comment {field}: refused, but stored"));
            }
        }
    }
    // Without JavaScript a refused form comes back with what was typed: escaped.
    for p in [SCRIPT, IMG] {
        let mut fields = comment(&visitor.token);
        fields.retain(|(k, _)| *k != "email");
        let form = multipart(&fields, "name", p);
        let page = format!("/org/eksempel-kommune/horinger/{storgata}/innspill");
        let r = visitor
            .client
            .post(app.url("/api/submit_comment"))
            .header(ACCEPT, "text/html")
            .header("referer", app.url(&page))
            .multipart(form.text("general_comment_extra", p.to_string()))
            .send()
            .await;
        t.judge("submit_comment without JavaScript", r).await;
        let r = visitor.client.get(app.url(&page)).send().await;
        t.judge("the form shown again", r).await;
    }

    // Server functions read with GET, and the pages and open data with query parameters.
    let gets: Vec<(&str, Vec<&str>)> = vec![
        (
            "/api/list_hearings?",
            vec!["organisation", "status", "q", "page"],
        ),
        (
            "/api/list_initiatives?",
            vec!["organisation", "status", "q", "page"],
        ),
        ("/api/open_now?", vec!["organisation"]),
        ("/api/get_organisation?", vec!["slug"]),
        ("/api/get_organisation_band?", vec!["slug"]),
        (
            "/api/get_hearing?slug=eksempel-kommune&id=1&page=1&",
            vec!["slug", "id", "page"],
        ),
        (
            "/api/get_initiative?slug=eksempel-kommune&id=1&",
            vec!["slug", "id"],
        ),
        (
            "/api/get_receipt?slug=eksempel-kommune&id=1&reference=x&",
            vec!["slug", "id", "reference"],
        ),
        ("/api/preview_submission_confirmation?", vec!["token"]),
        ("/api/preview_citizen_email?", vec!["token"]),
        ("/api/get_invitation?", vec!["token"]),
        ("/horinger?", vec!["q", "status", "organisation", "page"]),
        (
            "/innbyggerforslag?",
            vec!["q", "status", "organisation", "page"],
        ),
        (
            "/org/eksempel-kommune/horinger?",
            vec!["q", "status", "page"],
        ),
        ("/sprak/nn?", vec!["til"]),
        ("/auth/idporten/login?", vec!["return_to", "til"]),
        (
            "/api/v1/hearings?",
            vec!["organisation", "status", "q", "page", "per_page", "format"],
        ),
        (
            "/api/v1/initiatives?",
            vec!["organisation", "status", "q", "page", "per_page", "format"],
        ),
    ];
    let gets: Vec<(String, Vec<&str>)> = gets
        .into_iter()
        .map(|(p, f)| (p.to_string(), f))
        .chain([
            (
                format!("/org/eksempel-kommune/horinger/{storgata}?"),
                vec!["page"],
            ),
            (
                format!("/api/v1/hearings/{storgata}?"),
                vec!["page", "format"],
            ),
            (format!("/api/v1/initiatives/{collecting}?"), vec!["format"]),
        ])
        .collect();
    for (path, params) in &gets {
        for param in params {
            for p in &payloads {
                let url = app.url(&format!("{path}{param}={}", enc(&short(p))));
                let r = visitor
                    .client
                    .get(url)
                    .header(ACCEPT, "text/html")
                    .send()
                    .await;
                t.judge(
                    &format!("{path}{param}={:?}", &short(p)[..short(p).len().min(24)]),
                    r,
                )
                .await;
            }
        }
    }
    // Path segments.
    let paths = [
        "/org/{}",
        "/org/{}/horinger",
        "/org/eksempel-kommune/horinger/{}",
        "/org/eksempel-kommune/innbyggerforslag/{}",
        "/innspill/bekreft/{}",
        "/invitasjon/{}",
        "/forlat-panel/{}",
        "/innmelding?kode={}",
        "/meg/epost/{}",
        "/sprak/{}",
        "/filer/dokument/{}/x.pdf",
        "/filer/vedlegg/1/{}",
        "/api/v1/hearings/{}",
        "/api/v1/initiatives/{}",
        "/api/v1/organisations/{}/hearings.atom",
        "/api/v1/organisations/{}/initiatives.atom",
    ];
    for path in paths {
        for p in &payloads {
            let url = app.url(&path.replace("{}", &enc(&short(p))));
            let r = visitor
                .client
                .get(url)
                .header(ACCEPT, "text/html")
                .send()
                .await;
            t.judge(
                &format!("{path} {:?}", &short(p)[..short(p).len().min(24)]),
                r,
            )
            .await;
        }
    }

    // Staff login, and what a logged-in citizen sends.
    for field in ["email", "password"] {
        for p in &payloads {
            let mut form = vec![
                ("csrf_token", visitor.token.clone()),
                ("email", "ingen@eksempel.kommune.no".to_string()),
                ("password", "feil".to_string()),
            ];
            for (k, v) in form.iter_mut() {
                if *k == field {
                    *v = p.clone();
                }
            }
            let r = visitor
                .client
                .post(app.url("/api/staff_login"))
                .header(ACCEPT, "application/json")
                .form(&form)
                .send()
                .await;
            t.judge(&format!("staff_login {field}"), r).await;
        }
    }
    // A panel mail's leave link, posted to as its page and mail clients do.
    for p in &payloads {
        let r = visitor
            .client
            .post(app.url(&format!("/forlat-panel/{}", enc(&short(p)))))
            .header(ACCEPT, "text/html")
            .form(&[("answers", p.as_str())])
            .send()
            .await;
        t.judge("/forlat-panel/{token}", r).await;
    }
    // Joining a panel with a code (public: the code is the proof).
    for p in &payloads {
        let r = visitor
            .client
            .post(app.url("/api/enrol_panel_code"))
            .header(ACCEPT, "application/json")
            .form(&[
                ("csrf_token", visitor.token.as_str()),
                ("code", p.as_str()),
                ("email", p.as_str()),
                ("consent", p.as_str()),
            ])
            .send()
            .await;
        t.judge("enrol_panel_code", r).await;
    }
    // The second step of a staff login (public: no login waits for a code here).
    for p in &payloads {
        let r = visitor
            .client
            .post(app.url("/api/staff_second_factor"))
            .header(ACCEPT, "application/json")
            .form(&[
                ("csrf_token", visitor.token.as_str()),
                ("code", p.as_str()),
                ("return_to", p.as_str()),
            ])
            .send()
            .await;
        t.judge("staff_second_factor", r).await;
    }
    for p in &payloads {
        let r = ola
            .client
            .post(app.url("/api/set_citizen_email"))
            .header(ACCEPT, "application/json")
            .form(&[("csrf_token", ola.token.as_str()), ("email", p)])
            .send()
            .await;
        t.judge("set_citizen_email email", r).await;
        for (id, notify) in [(p.as_str(), "on"), ("1", p.as_str())] {
            let r = ola
                .client
                .post(app.url("/api/sign_initiative"))
                .header(ACCEPT, "application/json")
                .form(&[
                    ("csrf_token", ola.token.as_str()),
                    ("slug", "eksempel-kommune"),
                    ("id", id),
                    ("notify", notify),
                ])
                .send()
                .await;
            t.judge("sign_initiative", r).await;
        }
    }
    let proposal = |token: &str| -> Vec<(&'static str, String)> {
        vec![
            ("csrf_token", token.to_string()),
            ("slug", "eksempel-kommune".into()),
            ("title", "Benker i parken".into()),
            ("ask", "Kommunestyret bes sette opp benker.".into()),
            ("justification", "Det mangler benker.".into()),
            ("collection_ends", "2027-03-01".into()),
        ]
    };
    let fields = proposal(&ola.token);
    for (field, _) in fields.iter().skip(1) {
        for p in &payloads {
            let before = counts(&app).await;
            let status = t
                .judge(
                    &format!("save_initiative {field}"),
                    ola.client
                        .post(app.url("/api/save_initiative"))
                        .header(ACCEPT, "application/json")
                        .multipart(multipart(&fields, field, p))
                        .send()
                        .await,
                )
                .await;
            if status.is_none_or(|s| s >= 400) && counts(&app).await != before {
                t.findings
                    .push(format!("save_initiative {field}: refused, but stored"));
            }
        }
    }

    // A page of the demo's open survey, each field with each payload, on a response of its own.
    let survey = app::ssr::db::entities::survey::Entity::find()
        .filter(app::ssr::db::entities::survey::Column::Title.eq(app::demo::surveys::OPEN_SURVEY))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = |token: &str, response: String| -> Vec<(&'static str, String)> {
        vec![
            ("csrf_token", token.to_string()),
            ("slug", "eksempel-kommune".into()),
            ("id", survey.to_string()),
            ("token", response),
            ("section", "1".into()),
            ("q1", "1".into()),
            ("q1_annet", String::new()),
            ("q2", "0".into()),
            ("q3", "4".into()),
            ("q4_0", "2".into()),
            ("q5_0", "1".into()),
            ("q6", "2".into()),
            ("q7", "Et svar.".into()),
            ("go", "next".into()),
        ]
    };
    for (n, (field, _)) in page(&visitor.token, String::new())
        .iter()
        .enumerate()
        .skip(1)
    {
        for (m, p) in payloads.iter().enumerate() {
            let response = app::ssr::services::surveys::answer::start(
                &app.state,
                "eksempel-kommune",
                survey,
                None,
                &format!("hostile-{n}-{m}"),
            )
            .await
            .unwrap();
            let fields = page(&visitor.token, response);
            t.judge(
                &format!("answer_survey {field}"),
                visitor
                    .client
                    .post(app.url("/api/answer_survey"))
                    .header(ACCEPT, "application/json")
                    .multipart(multipart(&fields, field, p))
                    .send()
                    .await,
            )
            .await;
        }
    }

    // Invalid UTF-8, the wrong content types, and a multipart body cut short.
    let before = counts(&app).await;
    let raw = |ct: &str, body: Vec<u8>| {
        visitor
            .client
            .post(app.url("/api/submit_comment"))
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, ct.to_string())
            .body(body)
    };
    let cut_multipart = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then noth",
        visitor.token
    );
    for (what, req) in [
        (
            "JSON to a multipart function",
            raw("application/json", br#"{"name":"x"}"#.to_vec()),
        ),
        (
            "text to a multipart function",
            raw("text/plain", b"name=x".to_vec()),
        ),
        (
            "a truncated multipart body",
            raw(
                "multipart/form-data; boundary=XyZ",
                cut_multipart.into_bytes(),
            ),
        ),
        (
            "a multipart body without a boundary",
            raw("multipart/form-data", b"--\r\n".to_vec()),
        ),
    ] {
        t.judge(what, req.send().await).await;
    }
    // A form of thousands of empty parts is refused at the first part too many.
    let mut many = reqwest::multipart::Form::new().text("csrf_token", visitor.token.clone());
    for n in 0..2_100 {
        many = many.text(format!("x{n}"), "");
    }
    let r = visitor
        .client
        .post(app.url("/api/submit_comment"))
        .header(ACCEPT, "application/json")
        .multipart(many)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.unwrap().contains("form.too_many_parts"));
    for (endpoint, body) in [
        (
            "staff_login",
            b"csrf_token=x&email=%FF%FE%FD&password=x".to_vec(),
        ),
        (
            "set_citizen_email",
            format!("csrf_token={}&email=%C3%28", ola.token).into_bytes(),
        ),
        ("staff_login", b"\xff\xfe=\xfd".to_vec()),
    ] {
        let client = if endpoint == "staff_login" {
            &visitor.client
        } else {
            &ola.client
        };
        let r = client
            .post(app.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await;
        t.judge(&format!("{endpoint} with invalid UTF-8"), r).await;
    }
    for (ct, body) in [
        (
            "application/json",
            r#"{"csrf_token":"x","email":"a","password":"b"}"#,
        ),
        ("text/plain", "csrf_token=x"),
        ("multipart/form-data; boundary=XyZ", "--XyZ--"),
    ] {
        let r = visitor
            .client
            .post(app.url("/api/staff_login"))
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, ct)
            .body(body)
            .send()
            .await;
        t.judge(&format!("staff_login as {ct}"), r).await;
    }
    assert_eq!(
        counts(&app).await,
        before,
        "refused requests stored nothing"
    );

    eprintln!(
        "hostile input: {} payloads, {} requests, {} findings",
        payloads.len(),
        t.requests,
        t.findings.len()
    );
    assert!(
        t.findings.is_empty(),
        "{} of {} requests:\n{}",
        t.findings.len(),
        t.requests,
        t.findings.join("\n")
    );
    app.stop().await;
}

on_both_databases!(hostile_input_gets_no_server_error_no_reflected_markup_and_stores_nothing);
