//! Test support shared by the crates' tests: a fresh, migrated database per test on SQLite or
//! PostgreSQL, removed afterwards, and a state around it with in-memory mail and a fixed clock.

use crate::ssr::idporten::IdPorten;
use crate::ssr::mail::Mailer;
use crate::ssr::state::AppState;
use crate::ssr::state::clock::Clock;
use crate::ssr::state::settings::{MailBackend, Settings};
use sea_orm::{ConnectionTrait, Database};
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

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    pg_name: Option<String>,
    sqlite_path: Option<std::path::PathBuf>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("innspill-test-{id}.db"));
                Self {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    backend,
                    pg_name: None,
                    sqlite_path: Some(path),
                }
            }
            Backend::Postgres => {
                let name = format!("innspill_test_{id}");
                let admin = Database::connect(format!("{}/postgres", pg_base_url()))
                    .await
                    .unwrap_or_else(|e| {
                        panic!("PostgreSQL at {} does not answer: {e}", pg_base_url())
                    });
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
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
                    url: format!("{}/{name}", pg_base_url()),
                    backend,
                    pg_name: Some(name),
                    sqlite_path: None,
                }
            }
        }
    }
}

impl TestDb {
    /// The PostgreSQL database's name (None on SQLite).
    pub fn pg_name(&self) -> Option<&str> {
        self.pg_name.as_deref()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(path) = self.sqlite_path.take() {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        if let Some(name) = self.pg_name.take() {
            let url = format!("{}/postgres", pg_base_url());
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
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                        let _ = db.close().await;
                    }
                });
            })
            .join();
        }
    }
}

/// The password hashes test states have made in this process (see `Hashing::remembering`).
static HASHES: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, String>>> =
    std::sync::LazyLock::new(Default::default);

/// A migrated database and a state around it: in-memory mail, a fixed clock at the real now.
pub async fn test_state(backend: Backend) -> (AppState, TestDb) {
    let tdb = TestDb::new(backend).await;
    let db =
        crate::ssr::db::connect_and_migrate_with(&tdb.url, crate::ssr::db::Durability::Relaxed)
            .await
            .expect("migrate test database");
    let settings = Settings::for_tests();
    let mailer = Mailer::from_backend(&MailBackend::Memory).expect("memory mailer");
    let state = AppState {
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
        clock: Clock::fixed(chrono::Utc::now()),
        leptos_options: leptos::config::LeptosOptions::builder()
            .output_name("innspill")
            .site_root("target/site")
            .build(),
    };
    (state, tdb)
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
