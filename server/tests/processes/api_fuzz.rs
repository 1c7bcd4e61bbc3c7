//! The open-data API fuzzed from its own OpenAPI document by schemathesis (a property-based API
//! fuzzer from PyPI; `make test` installs it and names it in `SCHEMATHESIS`), against the real
//! binary with the demo data on SQLite: every check (no server error, status codes, content
//! types, headers and bodies as documented, invalid input refused, valid input accepted).

use crate::proc::{Server, free_port};
use std::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_data_api_holds_to_its_own_document_under_fuzzing() {
    let st = std::env::var("SCHEMATHESIS").unwrap_or_else(|_| "st".into());
    let dir = std::env::temp_dir().join(format!("innspill-fuzz-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let db = format!("sqlite://{}/fuzz.db?mode=rwc", dir.display());
    let server = Server::start_at(
        port,
        &[
            ("DATABASE_URL", &db),
            ("INNSPILL_DEMO_SEED", "true"),
            ("INNSPILL_BASE_URL", &base),
            ("RUST_LOG", "warn"),
        ],
    )
    .await;
    let schema = format!("{base}/api/v1/openapi.json");
    let out = Command::new(&st)
        .current_dir(&dir)
        .args([
            "run",
            &schema,
            "--checks",
            "all",
            "--max-examples",
            "100",
            "--workers",
            "2",
            "--seed",
            "20261129",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| {
            panic!("schemathesis ({st}) does not run: {e}; `make test` installs it")
        });
    let report = String::from_utf8_lossy(&out.stdout);
    let (_, log) = server.terminate();
    assert!(
        out.status.success(),
        "schemathesis found failures:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // It did test every operation, and generated a fair number of cases.
    assert!(report.contains("Tested: 12"), "{report}");
    let generated: u32 = report
        .lines()
        .find_map(|l| l.trim().split_once(" generated"))
        .and_then(|(n, _)| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(generated >= 500, "{generated} cases: {report}");
    assert!(!log.contains("panicked"), "{log}");
    eprintln!("schemathesis: {generated} cases, no failures");
    let _ = std::fs::remove_dir_all(&dir);
}
