use crate::proc::{Server, free_port};
use crate::standin::{AtLoginPage, standin, test_person, until_callback};

/// Logs are read by operators and shipped to log stores: a national id, a citizen's name or
/// email address must never be in one, even at debug level.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_national_id_name_or_email_address_reaches_a_log_line() {
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
    let token = app::ssr::testing::csrf_token_in(&html);
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
    // Give the mail worker a moment to send (and log) the confirmation.
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
    let pid = test_person("kari-nordmann").pid.unwrap();
    for secret in [
        pid.as_str(),
        "Kari",
        "Nordmann",
        "kari.nordmann@eksempel.no",
    ] {
        assert!(!log.contains(secret), "{secret:?} is in the log");
    }
    let _ = std::fs::remove_dir_all(dir);
}
