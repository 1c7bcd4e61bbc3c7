use app::testing::{Backend, pg_database_url, test_state};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database};
use std::time::{Duration, Instant};

async fn admin_exec(sql: &str) {
    let admin = Database::connect(pg_database_url("postgres"))
        .await
        .unwrap();
    admin.execute_unprepared(sql).await.unwrap();
    let _ = admin.close().await;
}

/// Losing PostgreSQL while running: readiness fails and pages say so with a reference; when it
/// comes back, everything recovers without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_the_database_makes_readyz_fail_and_it_recovers_without_restart() {
    let (state, db) = test_state(Backend::Postgres).await;
    app::demo::seed_demo(&state).await.unwrap();
    let running = server::startup::start(state, "127.0.0.1:0".parse().unwrap(), false)
        .await
        .unwrap();
    let base = format!("http://{}", running.addr);
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    let name = db.pg_name().unwrap().to_string();
    admin_exec(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).await;
    admin_exec(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
    ))
    .await;

    let r = client.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let r = client
        .get(format!("{base}/"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let html = r.text().await.unwrap();
    assert!(html.contains("Noe gikk galt"));
    assert!(
        html.contains("Oppgi referansen"),
        "a reference the logs also carry"
    );

    admin_exec(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).await;
    let started = Instant::now();
    loop {
        if client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .unwrap()
            .status()
            == StatusCode::OK
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "did not recover"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let r = client.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Eksempel kommune"));
    running.stop().await;
}
