//! Faults, against the real binary: killed with SIGKILL while citizens sign, PostgreSQL
//! restarted under load, the SMTP server gone while citizens sign, and the upload directory
//! gone. Nothing acknowledged is lost, nothing is doubled, and the app recovers by itself.

use crate::proc::{Server, free_port};
use app::ssr::db::entities::{initiative, signature, submission};
use app::ssr::residency::RegisteredPerson;
use app::testing::{Backend, MintedSession, mint_citizen_session, synthetic_residents, test_state};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn scratch(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("innspill-{what}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The residents as the binary's fixture register reads them.
fn fixture_file(dir: &Path, residents: &[RegisteredPerson]) -> String {
    let persons: Vec<serde_json::Value> = residents
        .iter()
        .map(|p| {
            let (given, family) = p.name.split_once(' ').unwrap();
            serde_json::json!({
                "pid": p.national_id.expose(), "given_name": given, "family_name": family,
                "birth_date": p.birth_date, "kommunenummer": p.kommunenummer, "address": p.address,
            })
        })
        .collect();
    let path = dir.join("register.json");
    std::fs::write(&path, serde_json::to_string(&persons).unwrap()).unwrap();
    path.display().to_string()
}

/// Signs initiative `id` of Eksempel kommune in a minted session, as the page's script does.
async fn sign(
    client: &reqwest::Client,
    base: &str,
    s: &MintedSession,
    id: i32,
) -> reqwest::Result<StatusCode> {
    let id = id.to_string();
    client
        .post(format!("{base}/api/sign_initiative"))
        .header("cookie", &s.cookie)
        .header("accept", "application/json")
        .form(&[
            ("csrf_token", s.csrf_token.as_str()),
            ("slug", "eksempel-kommune"),
            ("id", &id),
        ])
        .send()
        .await
        .map(|r| r.status())
}

/// A database with the demo, `n` residents of Eksempel kommune logged in, and the environment
/// for a binary on it.
struct Signers {
    state: app::ssr::AppState,
    _db: app::testing::TestDb,
    residents: Vec<RegisteredPerson>,
    sessions: Vec<MintedSession>,
    initiative: i32,
    env: Vec<(String, String)>,
    dir: PathBuf,
}

impl Signers {
    async fn new(n: usize) -> Signers {
        let (state, db) = test_state(Backend::Postgres).await;
        app::demo::seed_demo(&state).await.unwrap();
        let residents = synthetic_residents(n, "9999");
        let mut sessions = Vec::new();
        for p in &residents {
            sessions.push(mint_citizen_session(&state, p).await);
        }
        let initiative = initiative::Entity::find()
            .filter(initiative::Column::Title.eq("Gratis parkering i sentrum på lørdager"))
            .one(&state.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let dir = scratch("faults");
        let env = vec![
            ("DATABASE_URL".into(), db.url.clone()),
            (
                "INNSPILL_RESIDENCY_FIXTURE".into(),
                fixture_file(&dir, &residents),
            ),
            ("INNSPILL_SIGN_LIMIT_PER_CLIENT".into(), "1000000".into()),
            (
                "INNSPILL_FILE_DIR".into(),
                dir.join("files").display().to_string(),
            ),
        ];
        Signers {
            state,
            _db: db,
            residents,
            sessions,
            initiative,
            env,
            dir,
        }
    }

    fn env(&self, more: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut env = self.env.clone();
        env.extend(more.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        env
    }

    fn pid_hash(&self, i: usize) -> String {
        app::ssr::security::pid::pid_hash(
            self.state.settings.pid_key(),
            &self.residents[i].national_id,
        )
    }

    /// The signatures on the initiative: pid hash → how many rows.
    async fn signatures(&self) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for s in signature::Entity::find()
            .filter(signature::Column::InitiativeId.eq(self.initiative))
            .all(&self.state.db)
            .await
            .unwrap()
        {
            *m.entry(s.pid_hash).or_default() += 1;
        }
        m
    }
}

async fn start(port: u16, env: &[(String, String)]) -> Server {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Server::start_at(port, &env).await
}

/// `kill -9` while 300 citizens sign, 16 at a time, after the first 100 are acknowledged; then
/// a restart, and everyone not acknowledged tries again. Every acknowledged signature is
/// there, and nobody's is there twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_citizens_sign_nothing_acknowledged_is_lost_or_doubled() {
    let s = Arc::new(Signers::new(300).await);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let server = start(port, &s.env).await;
    let pid = server.pid();
    let client = reqwest::Client::new();
    let acked = Arc::new(std::sync::Mutex::new(HashSet::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(tokio::sync::Semaphore::new(16));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..s.sessions.len() {
        let (s, client, base) = (s.clone(), client.clone(), base.clone());
        let (acked, count, gate) = (acked.clone(), count.clone(), gate.clone());
        tasks.spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            if let Ok(StatusCode::OK) = sign(&client, &base, &s.sessions[i], s.initiative).await {
                acked.lock().unwrap().insert(i);
                if count.fetch_add(1, Ordering::SeqCst) + 1 == 100 {
                    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                }
            }
        });
    }
    tasks.join_all().await;
    drop(server);
    let acked = acked.lock().unwrap().clone();
    assert!(
        (100..300).contains(&acked.len()),
        "killed part way: {} acknowledged",
        acked.len()
    );

    let server = start(port, &s.env).await;
    for i in 0..s.sessions.len() {
        if acked.contains(&i) {
            continue;
        }
        let status = sign(&client, &base, &s.sessions[i], s.initiative)
            .await
            .unwrap();
        // Stored before the kill but not answered: "already signed".
        assert!(
            status == StatusCode::OK || status == StatusCode::CONFLICT,
            "{status}"
        );
    }
    let signatures = s.signatures().await;
    for i in &acked {
        assert_eq!(
            signatures.get(&s.pid_hash(*i)),
            Some(&1),
            "acknowledged {i}"
        );
    }
    for i in 0..s.sessions.len() {
        assert_eq!(
            signatures.get(&s.pid_hash(i)),
            Some(&1),
            "resident {i} once"
        );
    }
    let (clean, _) = server.terminate();
    assert!(clean);
    eprintln!(
        "kill -9: {} acknowledged before the kill, {} signed after the restart, none lost or doubled",
        acked.len(),
        300 - acked.len()
    );
    let _ = std::fs::remove_dir_all(&s.dir);
}

/// A PostgreSQL cluster of this test's own (from Debian's postgresql), to restart.
struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl Cluster {
    fn as_pg(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        // initdb and postgres refuse to run as root.
        if unsafe_is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn start() -> Cluster {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("Debian's postgresql (make test installs it when no server answers)")
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|b| b.join("initdb").exists())
            .max()
            .expect("a PostgreSQL with initdb");
        let dir = scratch("pg");
        if unsafe_is_root() {
            Command::new("chown")
                .args(["postgres", &dir.display().to_string()])
                .status()
                .unwrap();
        }
        let c = Cluster {
            bin,
            dir,
            port: free_port(),
        };
        let ok = c
            .as_pg("initdb")
            .args(["-D", &c.data(), "-A", "trust", "-U", "postgres"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(ok.success(), "initdb");
        c.pg_ctl("start");
        c
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    fn pg_ctl(&self, action: &str) {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.display()
        );
        let mut c = self.as_pg("pg_ctl");
        c.args(["-D", &self.data(), "-w", "-m", "fast", "-o", &opts])
            .args(["-l", &self.dir.join("log").display().to_string(), action])
            .stdout(Stdio::null());
        assert!(c.status().unwrap().success(), "pg_ctl {action}");
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .as_pg("pg_ctl")
            .args(["-D", &self.data(), "-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn unsafe_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// PostgreSQL stopped and started again while readers use the API and pages: `/readyz` says
/// 503 while it is away, the app recovers by itself, and afterwards nothing fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_restarted_under_load_the_app_recovers_by_itself() {
    let pg = Cluster::start();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let url = pg.url();
    let server = Server::start_at(
        port,
        &[
            ("DATABASE_URL", url.as_str()),
            ("INNSPILL_DEMO_SEED", "true"),
        ],
    )
    .await;
    let client = reqwest::Client::new();
    // Readers, all along: (when the request was sent, status).
    let seen = Arc::new(std::sync::Mutex::new(Vec::<(Instant, u16)>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut readers = tokio::task::JoinSet::new();
    for k in 0..4 {
        let (client, base, seen, stop) = (client.clone(), base.clone(), seen.clone(), stop.clone());
        readers.spawn(async move {
            let paths = [
                "/api/v1/hearings?q=plan",
                "/api/v1/initiatives",
                "/org/eksempel-kommune/horinger?q=plan",
                "/api/list_hearings?q=plan",
            ];
            while !stop.load(Ordering::SeqCst) {
                let sent = Instant::now();
                let r = client.get(format!("{base}{}", paths[k])).send().await;
                if let Ok(r) = r {
                    seen.lock().unwrap().push((sent, r.status().as_u16()));
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
    }
    let readyz = || async {
        client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    pg.pg_ctl("stop");
    let started = Instant::now();
    while readyz().await != 503 {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "readyz never said 503"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    pg.pg_ctl("start");
    let started = Instant::now();
    while readyz().await != 200 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "did not recover"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered = Instant::now();
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, Ordering::SeqCst);
    readers.join_all().await;
    let seen = seen.lock().unwrap().clone();
    let after: Vec<u16> = seen
        .iter()
        .filter(|(t, _)| *t > recovered)
        .map(|(_, s)| *s)
        .collect();
    let during = seen.iter().filter(|(_, s)| *s >= 500).count();
    assert!(after.len() > 20, "readers kept reading: {}", after.len());
    assert!(
        after.iter().all(|s| *s < 500),
        "after recovery: {:?}",
        after.iter().filter(|s| **s >= 500).collect::<Vec<_>>()
    );
    let (clean, log) = server.terminate();
    assert!(clean, "{log}");
    eprintln!(
        "PostgreSQL restart: {} reads, {during} failed while it was away, {} after recovery all fine",
        seen.len(),
        after.len()
    );
}

/// A local SMTP server (aiosmtpd from PyPI, in the venv `make test` makes), that can be
/// stopped and started again; it prints every message it receives.
struct Smtp {
    port: u16,
    child: Option<Child>,
    received: Arc<std::sync::Mutex<String>>,
}

impl Smtp {
    fn python() -> String {
        std::env::var("INNSPILL_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
    }

    async fn start(port: u16, received: Arc<std::sync::Mutex<String>>) -> Smtp {
        let mut child = Command::new(Self::python())
            .args(["-u", "-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd (`make test` installs it)");
        let mut out = child.stdout.take().unwrap();
        let into = received.clone();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buf = [0u8; 4096];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                into.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            if let Ok(Some(s)) = child.try_wait() {
                panic!(
                    "aiosmtpd exited with {s}; is it installed for {}?",
                    Self::python()
                );
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "aiosmtpd did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Smtp {
            port,
            child: Some(child),
            received,
        }
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Messages received per recipient.
    fn per_recipient(&self) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for line in self.received.lock().unwrap().lines() {
            // Each message's `To:` header (the receipts have one recipient each).
            if let Some(to) = line.strip_prefix("To: ") {
                *m.entry(to.trim().to_string()).or_default() += 1;
            }
        }
        m
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop();
    }
}

fn p99(mut ms: Vec<u128>) -> u128 {
    ms.sort();
    ms[(ms.len() * 99 / 100).min(ms.len() - 1)]
}

/// Citizens sign while the SMTP server answers, and while it is gone: signing takes no longer
/// without it (mail waits in the outbox), and once it is back every receipt is delivered,
/// once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_gone_while_citizens_sign_signing_goes_on_and_every_receipt_arrives_once() {
    let s = Signers::new(100).await;
    for m in &s.sessions {
        app::ssr::db::citizens::set_email(
            &s.state.db,
            m.person_id,
            Some(&format!("innbygger{}@eksempel.no", m.person_id)),
        )
        .await
        .unwrap();
    }
    let smtp_port = free_port();
    let received = Arc::new(std::sync::Mutex::new(String::new()));
    let mut smtp = Smtp::start(smtp_port, received.clone()).await;
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let server = start(
        port,
        &s.env(&[
            ("INNSPILL_MAIL_BACKEND", "smtp"),
            ("INNSPILL_SMTP_URL", &smtp_url),
        ]),
    )
    .await;
    let client = reqwest::Client::new();
    let timed = |range: std::ops::Range<usize>| {
        let (client, base, s) = (&client, &base, &s);
        async move {
            let mut ms = Vec::new();
            for i in range {
                let t = Instant::now();
                let status = sign(client, base, &s.sessions[i], s.initiative)
                    .await
                    .unwrap();
                ms.push(t.elapsed().as_millis());
                assert_eq!(status, StatusCode::OK);
            }
            ms
        }
    };
    let up = timed(0..50).await;
    smtp.stop();
    let down = timed(50..100).await;
    let (p99_up, p99_down) = (p99(up), p99(down));
    assert!(
        p99_down <= p99_up * 3 + 100,
        "signing waited for the mail server: p99 {p99_up} ms with it, {p99_down} ms without"
    );
    // The worker tries, and fails, for each receipt waiting while it is gone: at least the 50
    // of the signatures made without it, and any of the first 50 it had not sent yet.
    let started = Instant::now();
    loop {
        use app::ssr::db::entities::mail_outbox;
        use sea_orm::PaginatorTrait;
        let waiting = || mail_outbox::Entity::find().filter(mail_outbox::Column::SentAt.is_null());
        let unsent = waiting().count(&s.state.db).await.unwrap();
        let untried = waiting()
            .filter(mail_outbox::Column::Attempts.eq(0))
            .count(&s.state.db)
            .await
            .unwrap();
        if unsent >= 50 && untried == 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{untried} of {unsent} waiting receipts not tried yet"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Back again: the worker's retry (a minute after the failed attempt) delivers the rest.
    let smtp = Smtp::start(smtp_port, received.clone()).await;
    let started = Instant::now();
    loop {
        let got = smtp.per_recipient();
        if got.len() == 100 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(150),
            "{} of 100 receipts delivered",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let got = smtp.per_recipient();
    assert!(got.values().all(|n| *n == 1), "each once: {got:?}");
    for m in &s.sessions {
        assert_eq!(
            got.get(&format!("innbygger{}@eksempel.no", m.person_id)),
            Some(&1)
        );
    }
    let (clean, _) = server.terminate();
    assert!(clean);
    eprintln!(
        "SMTP gone: signing p99 {p99_up} ms with it, {p99_down} ms without; 100 receipts, each delivered once, {} s after it came back",
        started.elapsed().as_secs()
    );
    let _ = std::fs::remove_dir_all(&s.dir);
}

/// The upload directory gone (a file where it was): a submission with an attachment is refused
/// with a clear message and nothing is stored; one without attachments still goes in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_directory_gone_a_clear_message_and_no_row_without_its_file() {
    let dir = scratch("uploads");
    let files = dir.join("files");
    let db_url = format!("sqlite://{}/innspill.db?mode=rwc", dir.display());
    let files_env = files.display().to_string();
    let server = Server::start(&[
        ("DATABASE_URL", db_url.as_str()),
        ("INNSPILL_DEMO_SEED", "true"),
        ("INNSPILL_FILE_DIR", files_env.as_str()),
    ])
    .await;
    let _ = std::fs::remove_dir_all(&files);
    std::fs::write(&files, "not a directory").unwrap();

    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let db = sea_orm::Database::connect(&db_url).await.unwrap();
    let h = app::ssr::db::entities::hearing::Entity::find()
        .filter(
            app::ssr::db::entities::hearing::Column::Title.eq("Reguleringsplan for Storgata 10–14"),
        )
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let page = format!(
        "{}/org/eksempel-kommune/horinger/{}/innspill",
        server.base, h.id
    );
    let html = browser
        .get(&page)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = app::testing::csrf_token_in(&html);
    let form = |name: &str, file: bool| {
        let mut f = reqwest::multipart::Form::new()
            .text("csrf_token", token.clone())
            .text("slug", "eksempel-kommune")
            .text("hearing_id", h.id.to_string())
            .text("kind", "private")
            .text("name", name.to_string())
            .text("email", "vera@eksempel.no")
            .text("general_comment", "Se vedlegget.")
            .text("confirm_public", "on");
        if file {
            f = f.part(
                "attachments",
                reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec())
                    .file_name("vedlegg.pdf")
                    .mime_str("application/pdf")
                    .unwrap(),
            );
        }
        f
    };
    let r = browser
        .post(format!("{}/api/submit_comment", server.base))
        .header("accept", "application/json")
        .multipart(form("Vera Vedlegg", true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = r.text().await.unwrap();
    assert!(body.contains("attachments.not_stored"), "{body}");
    let stored = |name: &'static str| {
        let db = db.clone();
        async move {
            submission::Entity::find()
                .filter(submission::Column::Name.eq(name))
                .all(&db)
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(stored("Vera Vedlegg").await, 0, "no row without its file");
    // Without JavaScript the message is on the page, in words.
    let r = browser
        .post(format!("{}/api/submit_comment", server.base))
        .header("accept", "text/html")
        .header("referer", &page)
        .multipart(form("Vera Vedlegg", true))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Vedleggene kunne ikke lagres akkurat nå"),
        "{html}"
    );
    assert!(html.contains("Vera Vedlegg"), "what was typed is kept");
    assert_eq!(stored("Vera Vedlegg").await, 0);
    // Without an attachment it goes in.
    let r = browser
        .post(format!("{}/api/submit_comment", server.base))
        .header("accept", "application/json")
        .multipart(form("Vera Uten Vedlegg", false))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(stored("Vera Uten Vedlegg").await, 1);
    let (clean, log) = server.terminate();
    assert!(clean);
    assert!(
        log.contains("a file could not be stored"),
        "told to the operator"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
