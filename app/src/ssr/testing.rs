//! Test support shared by the crates' tests: a fresh, migrated database per test on SQLite or
//! PostgreSQL, removed afterwards, and a state around it with in-memory mail and a fixed clock.

use super::clock::Clock;
use super::idporten::IdPorten;
use super::mail::Mailer;
use super::settings::{MailBackend, Settings};
use super::state::AppState;
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

/// A migrated database and a state around it: in-memory mail, a fixed clock at the real now.
pub async fn test_state(backend: Backend) -> (AppState, TestDb) {
    let tdb = TestDb::new(backend).await;
    let db = super::db::connect_and_migrate(&tdb.url)
        .await
        .expect("migrate test database");
    let settings = Settings::for_tests();
    let mailer = Mailer::from_backend(&MailBackend::Memory).expect("memory mailer");
    let state = AppState {
        db,
        idporten: Arc::new(IdPorten::new(settings.idporten.clone()).expect("ID-porten client")),
        files: super::files::FileStore::local(settings.file_dir.clone()).expect("file store"),
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
                    super::$name($crate::ssr::testing::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::ssr::testing::Backend::Postgres).await
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
