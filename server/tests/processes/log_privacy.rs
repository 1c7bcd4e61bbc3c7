use crate::proc::{Server, free_port};
use crate::standin::{AtLoginPage, standin, test_person, until_callback};

/// Logs are read by operators and shipped to log stores: a national id, a citizen's name,
/// address, email address or what they wrote must never be in one, even at debug level —
/// through login, email confirmation, a hearing submission, signing an initiative and the
/// staff's signature list, and answering a survey (its answers and its resume token).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_national_id_name_address_or_email_address_reaches_a_log_line() {
    let dir = std::env::temp_dir().join(format!("innspill-logs-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let s = standin();
    let client = s.register(&base, false).await;
    let db = format!("sqlite://{}/logs.db?mode=rwc", dir.display());
    let secret = client.secret.clone().unwrap();
    let server = Server::start_at(
        port,
        &[
            ("DATABASE_URL", &db),
            ("RUST_LOG", "debug"),
            ("INNSPILL_DEMO_SEED", "true"),
            ("INNSPILL_BASE_URL", &base),
            ("INNSPILL_MAIL_BACKEND", "files"),
            ("INNSPILL_MAIL_DIR", &dir.join("mail").display().to_string()),
            ("IDPORTEN_ISSUER", &s.issuer),
            ("IDPORTEN_CLIENT_ID", &client.client_id),
            ("IDPORTEN_CLIENT_SECRET", &secret),
        ],
    )
    .await;

    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let callback = until_callback(
        &browser,
        &base,
        "/meg",
        AtLoginPage::LogIn {
            person: "kari-nordmann",
            level: "high",
        },
    )
    .await;
    let r = browser.get(callback).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let html = browser
        .get(format!("{base}/meg"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Kari Nordmann"));
    let token = app::testing::csrf_token_in(&html);
    let r = browser
        .post(format!("{base}/api/set_citizen_email"))
        .header("accept", "application/json")
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "kari.nordmann@eksempel.no"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    // She signs an initiative (once; the second attempt is refused), which checks where she
    // lives in the register; staff download the signature list with her name and address.
    let list: serde_json::Value = browser
        .get(format!(
            "{base}/api/v1/initiatives?organisation=eksempel-kommune&status=collecting"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = list[0]["id"].to_string();
    for expected in [200, 409] {
        let r = browser
            .post(format!("{base}/api/sign_initiative"))
            .header("accept", "application/json")
            .form(&[
                ("csrf_token", token.as_str()),
                ("slug", "eksempel-kommune"),
                ("id", id.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), expected);
    }
    // She comments on an open hearing, which is acknowledged with a receipt mail.
    let hearings: serde_json::Value = browser
        .get(format!(
            "{base}/api/v1/hearings?organisation=eksempel-kommune&status=open"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let hearing_id = hearings[0]["id"].to_string();
    let r = browser
        .post(format!("{base}/api/submit_comment"))
        .header("accept", "application/json")
        .multipart(
            reqwest::multipart::Form::new()
                .text("csrf_token", token.clone())
                .text("slug", "eksempel-kommune")
                .text("hearing_id", hearing_id)
                .text("kind", "private")
                .text(
                    "general_comment",
                    "Jeg bor i Storgata 12 og støtter planen.",
                )
                .text("confirm_public", "on"),
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let staff = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = staff
        .get(format!("{base}/ansatt/logg-inn"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let staff_token = app::testing::csrf_token_in(&html);
    let r = staff
        .post(format!("{base}/api/staff_login"))
        .header("accept", "application/json")
        .form(&[
            ("csrf_token", staff_token.as_str()),
            ("email", "saksbehandler@eksempel.kommune.no"),
            ("password", "demo-passord-saksbehandler"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let csv = staff
        .get(format!(
            "{base}/org/eksempel-kommune/ansatt/innbyggerforslag/{id}/underskrifter.csv"
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let address = kari_address();
    assert!(csv.contains(&address), "the list has her address: {csv}");
    // She answers the open survey, with a free text.
    let surveys: serde_json::Value = browser
        .get(format!(
            "{base}/api/v1/surveys?organisation=eksempel-kommune"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let survey = surveys
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == app::demo::surveys::OPEN_SURVEY)
        .unwrap()["id"]
        .to_string();
    let r = browser
        .post(format!("{base}/api/start_survey"))
        .header("accept", "text/html")
        .header(
            "referer",
            format!("{base}/org/eksempel-kommune/undersokelser/{survey}"),
        )
        .form(&[
            ("csrf_token", token.as_str()),
            ("slug", "eksempel-kommune"),
            ("id", survey.as_str()),
        ])
        .send()
        .await
        .unwrap();
    let response = r.headers()["location"].to_str().unwrap().to_string();
    let response_token = response.rsplit('/').next().unwrap().to_string();
    let r = browser
        .post(format!("{base}/api/answer_survey"))
        .header("accept", "application/json")
        .multipart(
            reqwest::multipart::Form::new()
                .text("csrf_token", token.clone())
                .text("slug", "eksempel-kommune")
                .text("id", survey.clone())
                .text("token", response_token.clone())
                .text("section", "1")
                .text("q1", "2")
                .text("q2", "Jeg bor i Lillegata 7 og vil ha flere benker.")
                .text("go", "next"),
        )
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    // Give the mail worker a moment to send (and log) the confirmation and the receipt.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let r = browser
        .post(format!("{base}/auth/idporten/logout"))
        .header("accept", "text/html")
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let (clean, log) = server.terminate();
    assert!(clean);
    assert!(
        log.contains("citizen logged in with ID-porten"),
        "the log was captured: {log}"
    );
    assert!(log.contains("email confirmation queued"));
    assert!(log.contains("eksempel.no"), "the domain may be logged");
    assert!(log.contains("initiative signed"));
    assert!(log.contains("submission received"));
    assert!(log.contains("survey response submitted"));
    // Nothing went wrong, so nothing is logged as an error (operators are alerted on those).
    let errors: Vec<&str> = log.lines().filter(|l| l.contains("ERROR")).collect();
    assert!(
        errors.is_empty(),
        "error lines in a journey that succeeded: {errors:?}"
    );
    let pid = test_person("kari-nordmann").pid.unwrap();
    for secret in [
        pid.as_str(),
        "Kari",
        "Nordmann",
        "kari.nordmann@eksempel.no",
        address.as_str(),
        "støtter planen",
        "Lillegata",
        response_token.as_str(),
    ] {
        assert!(!log.contains(secret), "{secret:?} is in the log");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Kari Nordmann's address in the synthetic register.
fn kari_address() -> String {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/idporten/persons.json"
    ))
    .unwrap();
    let persons: serde_json::Value = serde_json::from_str(&raw).unwrap();
    persons
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "kari-nordmann")
        .and_then(|p| p["address"].as_str())
        .unwrap()
        .to_string()
}
