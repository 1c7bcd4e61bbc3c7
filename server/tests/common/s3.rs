//! A local S3-compatible server for the tests: moto in server mode, installed from PyPI into
//! the test venv by `make test` (`INNSPILL_TEST_PYTHON`), started once per test process and
//! stopped with it; a bucket per test.

// Shared by two test crates, each of which uses a part of it.
#![allow(dead_code)]

use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub struct S3 {
    pub endpoint: String,
    // Held so that its stdin stays open: moto is stopped when the test process ends.
    _process: Mutex<(Child, ChildStdin)>,
}

static S3_SERVER: OnceLock<S3> = OnceLock::new();

/// The running server (moto), started on first use.
pub fn s3() -> &'static S3 {
    S3_SERVER.get_or_init(|| {
        let python = std::env::var("INNSPILL_TEST_PYTHON").expect(
            "INNSPILL_TEST_PYTHON: the test venv's python with moto (run `make unit` once)",
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // moto does not watch its stdin, so a shell does: when the test process ends (and its
        // end of the pipe closes), moto is stopped with it.
        let script = "\"$0\" -m moto.server -H 127.0.0.1 -p \"$1\" >/dev/null 2>&1 & moto=$!; \
                      cat >/dev/null; kill \"$moto\"";
        let mut child = Command::new("sh")
            .args(["-c", script, &python, &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto (python -m moto.server)");
        let stdin = child.stdin.take().expect("moto's stdin");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "moto did not start within 30 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        S3 {
            endpoint: format!("http://127.0.0.1:{port}"),
            _process: Mutex::new((child, stdin)),
        }
    })
}

impl S3 {
    /// A new, empty bucket; returns its name.
    pub async fn bucket(&self) -> String {
        let name = format!(
            "innspill-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        let r = reqwest::Client::new()
            .put(format!("{}/{name}", self.endpoint))
            .send()
            .await
            .expect("moto answers");
        assert!(r.status().is_success(), "create bucket: {}", r.status());
        name
    }

    pub fn access(&self) -> app::ssr::files::S3Access {
        app::ssr::files::S3Access {
            endpoint: self.endpoint.clone(),
            access_key_id: "innspill-test".into(),
            secret_access_key: "innspill-test-secret".into(),
            region: "us-east-1".into(),
        }
    }

    /// The environment a server process reads the same access from.
    pub fn env(&self, bucket: &str) -> Vec<(String, String)> {
        [
            ("INNSPILL_FILE_STORE", format!("s3://{bucket}/filer")),
            ("AWS_ENDPOINT", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_ACCESS_KEY_ID", "innspill-test".into()),
            ("AWS_SECRET_ACCESS_KEY", "innspill-test-secret".into()),
            ("AWS_REGION", "us-east-1".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// The keys of the objects in `bucket` (S3's ListObjectsV2, read plainly).
    pub async fn keys(&self, bucket: &str) -> Vec<String> {
        let xml = reqwest::get(format!("{}/{bucket}?list-type=2", self.endpoint))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        xml.split("<Key>")
            .skip(1)
            .filter_map(|s| s.split("</Key>").next())
            .map(str::to_string)
            .collect()
    }
}
