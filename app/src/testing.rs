//! Test support shared by the crates' tests: a fresh, migrated database per test on SQLite or
//! PostgreSQL, removed afterwards, and a state around it with in-memory mail and a fixed clock.

use crate::ssr::idporten::IdPorten;
use crate::ssr::mail::Mailer;
use crate::ssr::state::AppState;
use crate::ssr::state::clock::Clock;
use crate::ssr::state::settings::{MailBackend, Settings};
use sea_orm::{ConnectionTrait, Database};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests create their databases on (`make test` sets it).
pub fn pg_base_url() -> String {
    std::env::var("INNSPILL_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
        .trim_end_matches('/')
        .to_string()
}

/// The URL of database `name` on the tests' PostgreSQL server. On a server on this machine the
/// connection is not encrypted: nothing crosses a network, and every new connection would spend
/// milliseconds of an unoptimised build on a TLS handshake and on reading the system's root
/// certificates.
pub fn pg_database_url(name: &str) -> String {
    let base = pg_base_url();
    let local = ["@127.0.0.1", "@localhost", "://127.0.0.1", "://localhost"]
        .iter()
        .any(|host| base.contains(host));
    if local && !base.contains('?') {
        format!("{base}/{name}?sslmode=disable")
    } else {
        format!("{base}/{name}")
    }
}

/// A database that exists for one test (and the file store's directory beside it): removed when
/// dropped.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    pg_name: Option<String>,
    sqlite_path: Option<PathBuf>,
    file_dir: Option<PathBuf>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string();
        Self::named(backend, &format!("innspill_test_{id}"), None).await
    }

    /// A database called `name`: empty, or a copy of `template` (a closed database of the same
    /// backend).
    async fn named(backend: Backend, name: &str, template: Option<&TestDb>) -> Self {
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                if let Some(from) = template.and_then(|t| t.sqlite_path.as_ref()) {
                    std::fs::copy(from, &path).expect("copy the template database");
                }
                Self {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    backend,
                    pg_name: None,
                    sqlite_path: Some(path),
                    file_dir: None,
                }
            }
            Backend::Postgres => {
                let admin = Database::connect(pg_database_url("postgres"))
                    .await
                    .unwrap_or_else(|e| {
                        panic!("PostgreSQL at {} does not answer: {e}", pg_base_url())
                    });
                let create = match template.and_then(|t| t.pg_name.as_deref()) {
                    Some(from) => format!("CREATE DATABASE {name} TEMPLATE {from}"),
                    None => format!("CREATE DATABASE {name}"),
                };
                admin
                    .execute_unprepared(&create)
                    .await
                    .expect("create test database");
                // A test's commits need not wait for the disk: a lost database is lost anyway.
                admin
                    .execute_unprepared(&format!(
                        "ALTER DATABASE {name} SET synchronous_commit = off"
                    ))
                    .await
                    .expect("test database settings");
                let _ = admin.close().await;
                Self {
                    url: pg_database_url(name),
                    backend,
                    pg_name: Some(name.to_string()),
                    sqlite_path: None,
                    file_dir: None,
                }
            }
        }
    }

    /// The PostgreSQL database's name (None on SQLite).
    pub fn pg_name(&self) -> Option<&str> {
        self.pg_name.as_deref()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(dir) = self.file_dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some(path) = self.sqlite_path.take() {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        if let Some(name) = self.pg_name.take() {
            drop_pg_database(name);
        }
    }
}

/// Drops PostgreSQL database `name` (from a thread of its own: a drop may run inside a runtime).
fn drop_pg_database(name: String) {
    let url = pg_database_url("postgres");
    let _ = std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        rt.block_on(async move {
            if let Ok(db) = Database::connect(url).await {
                let _ = db
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
                let _ = db.close().await;
            }
        });
    })
    .join();
}

/// The password hashes test states have made in this process (see `Hashing::remembering`).
static HASHES: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, String>>> =
    std::sync::LazyLock::new(Default::default);

/// A migrated database and a state around it: in-memory mail, a fixed clock at the real now.
pub async fn test_state(backend: Backend) -> (AppState, TestDb) {
    let mut tdb = TestDb::new(backend).await;
    let settings = Settings::for_tests();
    tdb.file_dir = Some(settings.file_dir.clone());
    let state = state_on(&tdb, settings, Clock::fixed(chrono::Utc::now())).await;
    (state, tdb)
}

/// The test state around database `tdb` (migrated here if it is not yet).
async fn state_on(tdb: &TestDb, settings: Settings, clock: Clock) -> AppState {
    let db =
        crate::ssr::db::connect_and_migrate_with(&tdb.url, crate::ssr::db::Durability::Relaxed)
            .await
            .expect("migrate test database");
    let mailer = Mailer::from_backend(&MailBackend::Memory).expect("memory mailer");
    AppState {
        db,
        idporten: Arc::new(IdPorten::new(settings.idporten.clone()).expect("ID-porten client")),
        files: AppState::files_from(&settings).expect("file store"),
        residency: Arc::new(AppState::residency_from(&settings).expect("residency fixture")),
        contacts: Arc::new(AppState::contacts_from(&settings).expect("contact fixture")),
        signature_counts: Default::default(),
        initiative_cache: Default::default(),
        signing_writer: Default::default(),
        session_citizens: Default::default(),
        session_viewers: Default::default(),
        page_cache: Default::default(),
        hashing: Arc::new(crate::ssr::security::password::Hashing::remembering(
            &HASHES,
        )),
        signing_over_limit: Default::default(),
        written_standards: Default::default(),
        settings: Arc::new(settings),
        mailer,
        clock,
        leptos_options: leptos::config::LeptosOptions::builder()
            .output_name("innspill")
            .site_root("target/site")
            .build(),
    }
}

/// A test state whose database holds the demo (`demo::seed_demo`), as `test_state` and then the
/// seed would make it, but copied from a database migrated and seeded once for many tests (a
/// file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL), with the files the seed
/// stored. The state's fixed clock is the seed's; a seed older than half a minute is made
/// afresh, so that the clock stays near the real one, as a test's own seed's would.
#[cfg(feature = "demo")]
pub async fn seeded_test_state(backend: Backend) -> (AppState, TestDb) {
    let template = seeded::template(backend).await;
    let id = uuid::Uuid::new_v4().simple().to_string();
    let mut tdb = TestDb::named(backend, &format!("innspill_test_{id}"), Some(&template.db)).await;
    let settings = Settings::for_tests();
    if let Some(from) = &template.db.file_dir {
        seeded::copy_dir(from, &settings.file_dir);
    }
    tdb.file_dir = Some(settings.file_dir.clone());
    let state = state_on(&tdb, settings, Clock::fixed(template.at)).await;
    (state, tdb)
}

#[cfg(feature = "demo")]
mod seeded {
    use super::{Backend, Settings, TestDb, state_on};
    use crate::ssr::state::clock::Clock;
    use sea_orm::ConnectionTrait;
    use std::path::Path;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    /// How long a seeded database is copied before a new one is seeded.
    const FRESH_FOR: Duration = Duration::from_secs(30);

    pub(super) struct Template {
        /// The database and, beside it, the files the seed stored.
        pub db: TestDb,
        pub at: chrono::DateTime<chrono::Utc>,
        made: Instant,
    }

    /// This process's seeded databases, SQLite's and PostgreSQL's. A replaced one is removed
    /// when the last test copying it is done (it is dropped with its last `Arc`).
    static TEMPLATES: tokio::sync::Mutex<[Option<Arc<Template>>; 2]> =
        tokio::sync::Mutex::const_new([None, None]);

    pub(super) async fn template(backend: Backend) -> Arc<Template> {
        let slot = match backend {
            Backend::Sqlite => 0,
            Backend::Postgres => 1,
        };
        let mut templates = TEMPLATES.lock().await;
        if let Some(t) = &templates[slot]
            && t.made.elapsed() < FRESH_FOR
        {
            return t.clone();
        }
        let t = Arc::new(seed(backend).await);
        templates[slot] = Some(t.clone());
        t
    }

    /// A database migrated and seeded with the demo, closed so that it can be copied.
    async fn seed(backend: Backend) -> Template {
        remove_abandoned(backend).await;
        let name = format!(
            "innspill_tmpl_{}_{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        );
        let mut tdb = TestDb::named(backend, &name, None).await;
        let mut settings = Settings::for_tests();
        settings.file_dir = std::env::temp_dir().join(format!("{name}_files"));
        tdb.file_dir = Some(settings.file_dir.clone());
        let at = chrono::Utc::now();
        let state = state_on(&tdb, settings, Clock::fixed(at)).await;
        crate::demo::seed_demo(&state).await.expect("seed the demo");
        if backend == Backend::Sqlite {
            // Everything in the one file that is copied.
            state
                .db
                .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .expect("checkpoint");
        }
        state.db.close().await.expect("close the seeded database");
        Template {
            db: tdb,
            at,
            made: Instant::now(),
        }
    }

    /// Removes the seeded databases of test processes that have ended (a process's last ones
    /// outlive it: statics are never dropped).
    async fn remove_abandoned(backend: Backend) {
        let ended = |name: &str| {
            let pid = name
                .trim_start_matches("innspill_tmpl_")
                .split('_')
                .next()
                .unwrap_or_default();
            !pid.is_empty() && !Path::new(&format!("/proc/{pid}")).exists()
        };
        match backend {
            Backend::Sqlite => {
                let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
                    return;
                };
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with("innspill_tmpl_") && ended(&name) {
                        let _ = if e.path().is_dir() {
                            std::fs::remove_dir_all(e.path())
                        } else {
                            std::fs::remove_file(e.path())
                        };
                    }
                }
            }
            Backend::Postgres => {
                let Ok(admin) =
                    sea_orm::Database::connect(super::pg_database_url("postgres")).await
                else {
                    return;
                };
                let rows = admin
                    .query_all_raw(sea_orm::Statement::from_string(
                        sea_orm::DatabaseBackend::Postgres,
                        "SELECT datname FROM pg_database WHERE datname LIKE 'innspill_tmpl_%'",
                    ))
                    .await
                    .unwrap_or_default();
                let _ = admin.close().await;
                for row in rows {
                    if let Ok(name) = row.try_get::<String>("", "datname")
                        && ended(&name)
                    {
                        super::drop_pg_database(name);
                    }
                }
            }
        }
    }

    /// Copies directory `from` (the file store's: files and directories only) into `to`.
    pub(super) fn copy_dir(from: &Path, to: &Path) {
        let Ok(entries) = std::fs::read_dir(from) else {
            return;
        };
        std::fs::create_dir_all(to).expect("file dir");
        for e in entries.flatten() {
            let target = to.join(e.file_name());
            if e.path().is_dir() {
                copy_dir(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).expect("copy a stored file");
            }
        }
    }
}

/// Runs each named `async fn(Backend)` as two tests, `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::testing::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::testing::Backend::Postgres).await
                }
            }
        )*
    };
}

/// The CSRF token a server-rendered page carries in its `csrf-token` meta tag.
pub fn csrf_token_in(html: &str) -> String {
    let marker = "name=\"csrf-token\" content=\"";
    let start = html.find(marker).expect("a csrf-token meta tag") + marker.len();
    html[start..start + 64].to_string()
}

/// `n` synthetic residents of kommune `kommunenummer` (born in 1950–1999, named
/// "Testperson <i>"), for a fixture register in tests and benchmarks.
pub fn synthetic_residents(
    n: usize,
    kommunenummer: &str,
) -> Vec<crate::ssr::residency::RegisteredPerson> {
    use crate::domain::national_id::NationalId;
    let mut out = Vec::with_capacity(n);
    let mut k: u32 = 0;
    while out.len() < n {
        let day = 1 + (k % 28);
        let month = 1 + (k / 28) % 12;
        let year = 1950 + ((k / 336) % 50) as i32;
        let individual = 100 + (k / 16_800) % 400;
        k += 1;
        let Some(birth) = chrono::NaiveDate::from_ymd_opt(year, month, day) else {
            continue;
        };
        let Some(id) = NationalId::synthetic(birth, individual) else {
            continue;
        };
        out.push(crate::ssr::residency::RegisteredPerson {
            national_id: id,
            name: format!("Testperson {}", out.len() + 1),
            birth_date: Some(birth),
            address: Some(format!(
                "Testveien {}, {kommunenummer} Testby",
                out.len() + 1
            )),
            kommunenummer: Some(kommunenummer.to_string()),
            status: crate::ssr::residency::RegisterStatus::Resident,
            address_protected: false,
        });
    }
    out
}

/// A logged-in citizen's browser session made without going through ID-porten: the person
/// and login rows a real login writes (with a sealed stand-in ID token carrying the `pid`),
/// a session holding the login, and a CSRF cookie with its token. For tests and benchmarks
/// that need many citizens; the login flow itself is tested against the stand-in.
pub struct MintedSession {
    /// `innspill_session=<id>; innspill_csrf=<value>`, for a `Cookie` header.
    pub cookie: String,
    pub csrf_token: String,
    pub person_id: i32,
}

const MINTED_ISSUER: &str = "https://idporten.test.invalid";

pub async fn mint_citizen_session(
    state: &AppState,
    person: &crate::ssr::residency::RegisteredPerson,
) -> MintedSession {
    use crate::ssr::db::citizens::{self, LoginIdentity};
    let now = state.clock.now();
    let issuer = MINTED_ISSUER;
    let pid_hash =
        crate::ssr::security::pid::pid_hash(state.settings.pid_key(), &person.national_id);
    let (given, family) = person
        .name
        .split_once(' ')
        .unwrap_or((person.name.as_str(), ""));
    let person_id = citizens::upsert_person(
        &state.db,
        &LoginIdentity {
            issuer,
            subject: &format!("synthetic-{}", &pid_hash[..16]),
            pid_hash: Some(&pid_hash),
            given_name: Some(given),
            family_name: Some(family),
            lang: "nb",
        },
        now,
    )
    .await
    .expect("person");
    mint_session_for(state, person_id, &person.national_id).await
}

/// A logged-in browser session for a person already in the database (for example a demo
/// person), as `mint_citizen_session` makes one.
pub async fn mint_session_for(
    state: &AppState,
    person_id: i32,
    national_id: &crate::domain::national_id::NationalId,
) -> MintedSession {
    use crate::ssr::db::citizens::{self, NewLogin};
    use base64::Engine;
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let now = state.clock.now();
    let issuer = MINTED_ISSUER;
    let token = format!(
        "{}.{}.",
        b64(serde_json::json!({"alg": "none"})),
        b64(serde_json::json!({"pid": national_id.expose()}))
    );
    let sealed = crate::ssr::security::seal::seal(
        state.settings.secret(),
        crate::ssr::idporten::login::ID_TOKEN_SEAL,
        token.as_bytes(),
    )
    .expect("seal");
    let login_id = citizens::insert_login(
        &state.db,
        NewLogin {
            person_id,
            issuer,
            sid: None,
            acr: "idporten-loa-substantial",
            id_token_sealed: &sealed,
        },
        now,
    )
    .await
    .expect("login");
    let csrf_cookie = crate::ssr::http::csrf::new_cookie_value();
    let csrf_token = crate::ssr::http::csrf::token_for(state.settings.secret(), &csrf_cookie);
    let session_id = store_session(state, login_id).await;
    MintedSession {
        cookie: format!(
            "innspill_session={session_id}; {}={csrf_cookie}",
            crate::ssr::http::csrf::cookie_name(state.settings.is_production())
        ),
        csrf_token,
        person_id,
    }
}

/// A session holding the citizen login `login_id`, stored as the server stores it; its id.
async fn store_session(state: &AppState, login_id: i64) -> tower_sessions::session::Id {
    use tower_sessions::SessionStore;
    use tower_sessions::session::{Id, Record};
    let mut record = Record {
        id: Id::default(),
        data: [
            (
                crate::ssr::idporten::login::CITIZEN_KEY.to_string(),
                serde_json::json!(login_id),
            ),
            (
                crate::ssr::http::session_store::SEEN_KEY.to_string(),
                serde_json::json!(chrono::Utc::now().timestamp()),
            ),
        ]
        .into_iter()
        .collect(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(2),
    };
    crate::ssr::http::session_store::DbSessionStore::new(state.db.clone())
        .create(&mut record)
        .await
        .expect("session");
    record.id
}

/// Adds `n` published submissions from private persons to the hearing (one comment each on one
/// of its sections), for tests and benchmarks of its public page.
pub async fn publish_submissions(
    state: &AppState,
    hearing: &crate::ssr::db::entities::hearing::Model,
    n: usize,
) {
    use crate::domain::submission::{Publication, SubmitterKind};
    use crate::ssr::db::submissions::{self, NewSubmission, Screening};
    let sections = crate::ssr::db::hearings::sections(&state.db, hearing.id)
        .await
        .expect("sections");
    for k in 0..n {
        let id = submissions::insert(
            &state.db,
            hearing.id,
            hearing.organisation_id,
            NewSubmission {
                reference: format!("INN-TEST-{}-{k:04}", hearing.id),
                kind: SubmitterKind::Private,
                name: format!("Person {k}"),
                organisation_name: None,
                org_number: None,
                person_id: None,
                email: None,
                show_name: k % 2 == 0,
                objects_to_publication: false,
                objection_reason: None,
                general_comment: format!("Innspill nummer {k}."),
                received_at: state.clock.now(),
                confirmation: None,
                late_by_extension: false,
                lang: "nb".into(),
            },
            vec![(
                sections[k % sections.len()].id,
                format!("Om delen, nummer {k}."),
            )],
            vec![],
        )
        .await
        .expect("submission");
        let m = submissions::find_in_hearing(&state.db, hearing.id, id)
            .await
            .expect("submission")
            .expect("submission");
        let screening = Screening {
            publication: Publication::Published,
            withhold_reason: None,
            withhold_note: None,
            public_general_comment: None,
            public_comments: vec![],
        };
        submissions::screen(&state.db, m, screening, 1, state.clock.now())
            .await
            .expect("submission");
    }
}
