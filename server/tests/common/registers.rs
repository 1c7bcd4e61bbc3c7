//! The local stand-in for Maskinporten, Folkeregisteret and KRR (`end2end/registers`, Node),
//! started once per test process and stopped with it; a Maskinporten client registered per
//! test (so failure modes and counts armed for one test touch no other), and the settings that
//! point an app's real adapters at it.

// Shared by two test crates, each of which uses a part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

pub const KEY_ID: &str = "innspill-dev-key";
/// The demo's Eksempel kommune, delegated to every test client.
pub const EKSEMPEL_ORGNR: &str = "999999999";

pub struct Registers {
    pub base: String,
    _process: Mutex<(Child, ChildStdin)>,
}

static REGISTERS: OnceLock<Registers> = OnceLock::new();

/// The stand-in this test process shares.
pub fn registers() -> &'static Registers {
    REGISTERS.get_or_init(Registers::start)
}

impl Registers {
    /// A stand-in of one's own (for a test that turns its clock).
    pub fn start() -> Registers {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../end2end/registers/server.mjs"
        );
        let mut child = Command::new("node")
            .arg(script)
            .env("REGISTERS_STANDIN_PORT", "0")
            .env("REGISTERS_STANDIN_EXIT_WITH_STDIN", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the registers stand-in (node end2end/registers/server.mjs)");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(base) = line.strip_prefix("Registers stand-in: ") {
                    let _ = tx.send(base.trim().to_string());
                }
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the registers stand-in did not start within 30 s");
        Registers {
            base,
            _process: Mutex::new((child, stdin)),
        }
    }
}

pub fn dev_key_pem() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/idporten/dev-client-key.pem"
    ))
    .expect("end2end/idporten/dev-client-key.pem")
}

impl Registers {
    /// Registers a new Maskinporten client with the dev key, allowed both registers' scopes,
    /// delegated by Eksempel kommune; returns its id.
    pub async fn new_client(&self) -> String {
        let client_id = format!("innspill-test-{}", uuid::Uuid::new_v4().simple());
        let mut jwk = app::ssr::idporten::client_auth::public_jwk(
            &secrecy::SecretString::from(dev_key_pem()),
            Some(KEY_ID),
        )
        .unwrap();
        jwk["alg"] = "RS256".into();
        self.control(
            "clients",
            serde_json::json!({
                "client_id": client_id,
                "jwk": jwk,
                "scopes": ["folkeregister:deling/offentligmedhjemmel", "krr:global/kontaktinformasjon.read"],
                "delegations": [EKSEMPEL_ORGNR],
            }),
        )
        .await;
        client_id
    }

    /// `POST /__test/<what>` with `body`.
    pub async fn control(&self, what: &str, body: serde_json::Value) {
        let r = reqwest::Client::new()
            .post(format!("{}/__test/{what}", self.base))
            .json(&body)
            .send()
            .await
            .expect("the registers stand-in answers");
        assert_eq!(
            r.status(),
            204,
            "{what}: {}",
            r.text().await.unwrap_or_default()
        );
    }

    /// Requests the stand-in got from `client_id`: (token, folkeregisteret, krr).
    pub async fn stats(&self, client_id: &str) -> (u64, u64, u64) {
        let v: serde_json::Value = reqwest::Client::new()
            .get(format!("{}/__test/stats", self.base))
            .query(&[("client_id", client_id)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let n = |k: &str| v[k].as_u64().unwrap_or(0);
        (n("token"), n("folkeregisteret"), n("krr"))
    }

    /// The Maskinporten settings of `client_id`.
    pub fn maskinporten(&self, client_id: &str) -> app::ssr::maskinporten::MaskinportenSettings {
        app::ssr::maskinporten::MaskinportenSettings {
            issuer: format!("{}/", self.base),
            client_id: client_id.into(),
            key_pem: secrecy::SecretString::from(dev_key_pem()),
            key_id: Some(KEY_ID.into()),
            certificate_chain: None,
        }
    }
}
