//! `make bench`: load on the real router, with the load generator in the same process on the
//! same machine, and the results written to `BENCHMARKS.md`.
//!
//! 1. The public page of a hearing with 200 published submissions, beside a bare axum handler
//!    serving the same bytes as a static string (goal: at least half its requests per second).
//!    Readers without a session get it from the page cache (rendered at most once a second); a
//!    logged-in citizen gets the cached page with their own menu (goal: a tenth of the bare
//!    handler); and the page rendered entirely afresh is measured beside.
//! 2. Signing an initiative — the full request: session, CSRF, the citizen's login, the
//!    residency check against the fixture register, the insert and the receipt mail enqueued —
//!    on PostgreSQL and on SQLite, beside the raw single-row-insert ceiling of the same database
//!    (the same table, the same pool, the same client concurrency). Afterwards it checks that no
//!    signature was lost or doubled. Goal on PostgreSQL: at least 40 % of the ceiling and
//!    p99 ≤ 100 ms.
//!
//! Each measured run follows a warm-up (as a server would have been running for a while): the
//! pool's connections open and their statements planned.
//!
//! 3. A first visit (`first_visit.rs`): bytes on the wire per page and the server's resident
//!    memory, against the binary run as its own process.
//!
//! 4. Fan-out (`load/fanout.rs`): an event with 100,000 followers queued while citizens sign.
//!
//! 5. Surveys (`load/surveys.rs`): answering a 20-question page beside the raw insert ceiling,
//!    and weighted results of 100,000 responses × 20 questions on one core.
//!
//! Settings: `BENCH_SIGNERS` (default 4000), `BENCH_CONCURRENCY` (32), `BENCH_PAGE_REQUESTS`
//! (4000), `BENCH_FOLLOWERS` (100000), `BENCH_ONLY` (`page`, `visit`, `signing`, `fanout`
//! and/or `surveys`, comma-separated; all by default), `BENCH_RESPONDENTS` (2000),
//! `BENCH_RESPONSES` (100000), `BENCH_OUT`
//! (BENCHMARKS.md);
//! PostgreSQL from `INNSPILL_TEST_PG_URL` (over TLS when the server offers it, unless
//! `PGSSLMODE=disable`).

// A benchmark stops at the first surprise, like a test.
#![allow(clippy::unwrap_used)]

use app::domain::initiative::InitiativeStatus;
use app::ssr::AppState;
use app::ssr::db::entities::{hearing, initiative, organisation, person};
use app::ssr::residency::{FixtureRegister, ResidencyRegister};
use app::testing::{Backend, mint_citizen_session, synthetic_residents, test_state};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, Set, Statement,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The server's allocator (`src/main.rs`), so that the in-process measurements match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "load/fanout.rs"]
mod fanout;
#[path = "load/first_visit.rs"]
mod first_visit;
#[path = "load/surveys.rs"]
mod surveys;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Latencies of one run and how long it took.
struct Run {
    latencies: Vec<Duration>,
    elapsed: Duration,
    failures: usize,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let mut l = self.latencies.clone();
        l.sort();
        if l.is_empty() {
            return Duration::ZERO;
        }
        l[((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1]
    }

    fn line(&self, what: &str) -> String {
        format!(
            "| {what} | {:.0} | {:.1} | {:.1} | {} |",
            self.per_second(),
            ms(self.percentile(0.5)),
            ms(self.percentile(0.99)),
            self.failures
        )
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `total` calls of `call(i)` with `concurrency` at a time; a call answers whether it
/// succeeded.
async fn load<F, Fut>(total: usize, concurrency: usize, call: F) -> Run
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let call = Arc::new(call);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (call, next) = (call.clone(), next.clone());
        workers.spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0;
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= total {
                    break;
                }
                let t = Instant::now();
                if call(i).await {
                    latencies.push(t.elapsed());
                } else {
                    failures += 1;
                }
            }
            (latencies, failures)
        });
    }
    let mut run = Run {
        latencies: Vec::with_capacity(total),
        elapsed: Duration::ZERO,
        failures: 0,
    };
    for (l, f) in workers.join_all().await {
        run.latencies.extend(l);
        run.failures += f;
    }
    run.elapsed = started.elapsed();
    run
}

/// Where database time goes: total time per kind of statement ("INSERT signatures", …).
#[derive(Clone, Default)]
struct DbTime(Arc<Mutex<BTreeMap<String, (usize, Duration)>>>);

impl DbTime {
    fn watch(&self, state: &mut AppState) {
        let me = self.clone();
        state.db.set_metric_callback(move |info| {
            let sql = info.statement.sql.trim_start();
            let verb = sql.split_whitespace().next().unwrap_or("?").to_uppercase();
            let lower = sql.to_lowercase();
            // The table written to, else the first read.
            let table = ["into", "update", "from"]
                .iter()
                .filter_map(|k| {
                    lower
                        .split_whitespace()
                        .skip_while(|w| w != k)
                        .nth(1)
                        .map(|t| t.trim_matches('"').to_string())
                })
                .next()
                .unwrap_or_default();
            let mut m = me.0.lock().unwrap();
            let e = m
                .entry(format!("{verb} {table}"))
                .or_insert((0, Duration::ZERO));
            e.0 += 1;
            e.1 += info.elapsed;
        });
    }

    fn take(&self) -> BTreeMap<String, (usize, Duration)> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

fn machine_cpus() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

fn machine() -> String {
    let cpus = machine_cpus();
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map(|kb| format!("{:.0} GiB", kb as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cpus} CPUs ({model}), {mem}")
}

async fn hearing_page(backend: Backend, requests: usize, concurrency: usize, out: &mut String) {
    let (mut state, _db) = test_state(backend).await;
    app::demo::seed_demo(&state).await.unwrap();
    let h = hearing::Entity::find()
        .filter(hearing::Column::Title.eq("Reguleringsplan for Storgata 10–14"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    app::testing::publish_submissions(&state, &h, 200).await;
    let reader = mint_citizen_session(&state, &synthetic_residents(1, "9999")[0]).await;
    let db_time = DbTime::default();
    db_time.watch(&mut state);
    let running = server::startup::start(state.clone(), "127.0.0.1:0".parse().unwrap(), false)
        .await
        .unwrap();
    let page = format!(
        "http://{}/org/eksempel-kommune/horinger/{}",
        running.addr, h.id
    );
    // A returning visitor without a session: the CSRF cookie from a first visit.
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap();
    let first = client.get(&page).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let bytes = first.bytes().await.unwrap();
    let html = String::from_utf8_lossy(&bytes);
    assert!(html.contains("Innspill (203)"), "the page shows 203");
    let size = bytes.len();

    let fixed: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    let bare = axum::Router::new().route(
        "/",
        axum::routing::get(move || async move {
            (
                [(http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
                fixed,
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let bare_url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, bare).await });

    let get = |url: String, client: reqwest::Client| {
        move |_| {
            let (url, client) = (url.clone(), client.clone());
            async move {
                match client.get(&url).send().await {
                    Ok(r) if r.status() == 200 => r.bytes().await.is_ok(),
                    _ => false,
                }
            }
        }
    };
    // Warm up both.
    load(200, concurrency, get(page.clone(), client.clone())).await;
    load(200, concurrency, get(bare_url.clone(), client.clone())).await;
    db_time.take();
    let app_run = load(requests, concurrency, get(page.clone(), client.clone())).await;
    let page_db = db_time.take();
    let bare_run = load(requests, concurrency, get(bare_url.clone(), client.clone())).await;
    // A logged-in citizen: the cached page with their own menu, after one statement to find
    // who holds the session.
    let fresh_requests = (requests / 4).max(1);
    let logged_in = {
        let cookie = reader.cookie.clone();
        let (url, client) = (page.clone(), client.clone());
        move |_| {
            let (url, client, cookie) = (url.clone(), client.clone(), cookie.clone());
            async move {
                match client.get(&url).header("cookie", cookie).send().await {
                    Ok(r) if r.status() == 200 => r.bytes().await.is_ok(),
                    _ => false,
                }
            }
        }
    };
    let logged_in = Arc::new(logged_in);
    let reader_call = logged_in.clone();
    load(50, concurrency, move |i| reader_call.as_ref()(i)).await;
    db_time.take();
    let reader_call = logged_in.clone();
    let fresh_run = load(fresh_requests, concurrency, move |i| {
        reader_call.as_ref()(i)
    })
    .await;
    let fresh_db = db_time.take();
    // Everything rendered afresh, the body too: the caches emptied before each request.
    let whole_requests = (requests / 10).max(1);
    let cache = state.page_cache.clone();
    let reader_call = logged_in.clone();
    let whole_run = load(whole_requests, concurrency, move |i| {
        cache.invalidate();
        reader_call.as_ref()(i)
    })
    .await;
    let whole_db = db_time.take();
    running.stop().await;
    let ratio = app_run.per_second() / bare_run.per_second();
    let fresh_ratio = fresh_run.per_second() / bare_run.per_second();
    let per_page = |db: &BTreeMap<String, (usize, Duration)>, n: usize| {
        let statements: usize = db.values().map(|(k, _)| k).sum();
        let db_ms: f64 = db.values().map(|(_, t)| ms(*t)).sum::<f64>() / n as f64;
        (statements as f64 / n as f64, db_ms)
    };
    let (statements, _) = per_page(&page_db, requests);
    let (fresh_statements, _) = per_page(&fresh_db, fresh_requests);
    let (whole_statements, whole_db_ms) = per_page(&whole_db, whole_requests);
    let whole_mean =
        whole_run.latencies.iter().map(|d| ms(*d)).sum::<f64>() / whole_requests as f64;
    let cpu_ms = |run: &Run| 1000.0 * machine_cpus() as f64 / run.per_second();
    let _ = writeln!(
        out,
        "\n### Hearing page on {backend:?}\n\n{requests} requests, {concurrency} at a time, page of {} kB \
         with 203 published submissions, as a returning reader without a session sees it (from the \
         page cache, each response with its own nonce and the reader's CSRF token); then as a \
         logged-in citizen sees it ({fresh_requests} requests: the cached page with their own \
         menu, after one statement to find who holds the session); then with the cache emptied \
         before each request ({whole_requests} requests).\n\n\
         | | requests/s | p50 ms | p99 ms | failed |\n|---|---|---|---|---|\n{}\n{}\n{}\n{}\n\n\
         **Ratio: {ratio:.2}** of the bare handler (goal ≥ 0.50); for a logged-in reader: \
         **{fresh_ratio:.2}** (goal ≥ 0.10).\n\n\
         Served from the cache: {statements:.2} SQL statements per page (a render at most once a \
         second), {:.2} ms of CPU time per page (server, database and load generator together) \
         against {:.2} ms per bare response. To a logged-in reader: {fresh_statements:.1} \
         statements per page (who holds the session), {:.2} ms of CPU time per page. Rendered \
         entirely afresh: {whole_statements:.1} statements per page, {whole_db_ms:.1} ms of the \
         mean {whole_mean:.1} ms inside them, {:.1} ms of CPU time per page.",
        size / 1024,
        app_run.line("Innspill `/org/…/horinger/{id}`, page cache"),
        bare_run.line("bare axum, same bytes"),
        fresh_run.line("Innspill, logged-in citizen (page cache, own menu)"),
        whole_run.line("Innspill, everything rendered afresh"),
        cpu_ms(&app_run),
        cpu_ms(&bare_run),
        cpu_ms(&fresh_run),
        cpu_ms(&whole_run),
    );
    println!(
        "hearing page {backend:?}: {:.0} req/s vs bare {:.0} req/s = {ratio:.2}; logged in {:.0} req/s = {fresh_ratio:.2}; whole {:.0} req/s",
        app_run.per_second(),
        bare_run.per_second(),
        fresh_run.per_second(),
        whole_run.per_second()
    );
}

async fn signing(backend: Backend, signers: usize, concurrency: usize, out: &mut String) {
    let residents = synthetic_residents(signers, "9999");
    let (mut state, _db) = test_state(backend).await;
    app::demo::seed_demo(&state).await.unwrap();
    state.residency = Arc::new(ResidencyRegister::Fixture(FixtureRegister::from_persons(
        residents.clone(),
    )));
    // Each citizen signs from an address of their own, as seen through the reverse proxy in
    // front of production (X-Forwarded-For from a trusted proxy); the default limits apply.
    let mut settings = (*state.settings).clone();
    settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    state.settings = Arc::new(settings);
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq("eksempel-kommune"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();

    // Every signer logged in, with an email address (so that each signature enqueues a receipt).
    let started = Instant::now();
    let mut sessions = Vec::with_capacity(signers);
    for p in &residents {
        sessions.push(mint_citizen_session(&state, p).await);
    }
    person::Entity::update_many()
        .col_expr(
            person::Column::Email,
            Expr::value("benk@eksempel.no".to_string()),
        )
        .filter(person::Column::Issuer.ne("demo"))
        .exec(&state.db)
        .await
        .unwrap();
    println!(
        "signing {backend:?}: {signers} sessions made in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let initiative = new_initiative(&state, org.id, "Benkeforslag").await;
    let ceiling_target = new_initiative(&state, org.id, "Takforslag").await;
    let warm_up_target = new_initiative(&state, org.id, "Oppvarmingsforslag").await;

    let db_time = DbTime::default();
    db_time.watch(&mut state);
    let running = server::startup::start(state.clone(), "127.0.0.1:0".parse().unwrap(), false)
        .await
        .unwrap();
    let url = format!("http://{}/api/sign_initiative", running.addr);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap();
    let sessions = Arc::new(sessions);
    // Signer `i` signs initiative `id`.
    let sign = |id: i32| {
        let (client, url, sessions) = (client.clone(), url.clone(), sessions.clone());
        let id = id.to_string();
        move |i: usize| {
            let (client, url, sessions, id) =
                (client.clone(), url.clone(), sessions.clone(), id.clone());
            async move {
                let s = &sessions[i];
                match client
                    .post(&url)
                    .header("cookie", &s.cookie)
                    .header("x-forwarded-for", client_address(i))
                    .header("accept", "application/json")
                    .form(&[
                        ("csrf_token", s.csrf_token.as_str()),
                        ("slug", "eksempel-kommune"),
                        ("id", id.as_str()),
                    ])
                    .send()
                    .await
                {
                    Ok(r) => r.status() == 200,
                    Err(_) => false,
                }
            }
        }
    };
    // Warm-up, as for the page: the first signers also sign another initiative first, so that
    // the pool's connections are open and have planned their statements before measuring.
    let warm_up = (signers / 10).min(400);
    let warm_sign = load(warm_up, concurrency, sign(warm_up_target)).await;
    assert_eq!(warm_sign.failures, 0, "warm-up signatures");
    db_time.take();
    let sign_run = load(signers, concurrency, sign(initiative)).await;
    let sign_db = db_time.take();
    running.stop().await;

    // The ceiling: single-row inserts into the same table, through the same pool, as many at a
    // time, nothing else.
    // Insert `i` of the run starting at `first`.
    let insert = |first: usize| {
        let db = state.db.clone();
        move |i: usize| {
            let db = db.clone();
            let i = first + i;
            async move {
                let backend = db.get_database_backend();
                let p = |n: usize| match backend {
                    DbBackend::Postgres => format!("${n}"),
                    _ => "?".into(),
                };
                let sql = format!(
                    "INSERT INTO signatures (initiative_id, organisation_id, pid_hash, source, person_id, \
                 name, birth_date, address, resident, residency_kommunenummer, residency_checked_at, \
                 notify, signed_at, entered_by) VALUES ({})",
                    (1..=14).map(p).collect::<Vec<_>>().join(", ")
                );
                let now = chrono::Utc::now();
                let values: Vec<sea_orm::Value> = vec![
                    ceiling_target.into(),
                    org.id.into(),
                    format!("{:064x}", i as u128 + 0xbe_0000_0000).into(),
                    "online".into(),
                    None::<i32>.into(),
                    Some(format!("Testperson {i}")).into(),
                    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).into(),
                    Some("Testveien 1, 9999 Testby".to_string()).into(),
                    true.into(),
                    Some("9999".to_string()).into(),
                    now.into(),
                    false.into(),
                    now.into(),
                    None::<i32>.into(),
                ];
                db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
                    .await
                    .is_ok()
            }
        }
    };
    let warm_insert = load(warm_up, concurrency, insert(signers)).await;
    assert_eq!(warm_insert.failures, 0, "warm-up inserts");
    let ceiling_run = load(signers, concurrency, insert(0)).await;

    // Nothing lost, nothing doubled.
    let stored = app::ssr::db::entities::signature::Entity::find()
        .filter(app::ssr::db::entities::signature::Column::InitiativeId.eq(initiative))
        .count(&state.db)
        .await
        .unwrap();
    let distinct: i64 = state
        .db
        .query_one_raw(Statement::from_string(
            state.db.get_database_backend(),
            format!(
                "SELECT COUNT(DISTINCT pid_hash) AS n FROM signatures WHERE initiative_id = {initiative}"
            ),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap();
    let receipts: i64 = state
        .db
        .query_one_raw(Statement::from_string(
            state.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM mail_outbox WHERE body_text LIKE '%Benkeforslag%'"
                .to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap();
    let ok = stored as usize == signers && distinct as usize == signers;
    assert!(
        ok,
        "{signers} signed, {stored} stored, {distinct} distinct persons"
    );
    let ratio = sign_run.per_second() / ceiling_run.per_second();
    let per_request: Vec<String> = sign_db
        .iter()
        .filter(|(_, (n, _))| *n >= signers / 100)
        .map(|(what, (n, t))| {
            format!(
                "| `{what}` | {:.2} | {:.2} |",
                *n as f64 / signers as f64,
                ms(*t) / signers as f64
            )
        })
        .collect();
    let db_ms: f64 = sign_db.values().map(|(_, t)| ms(*t)).sum::<f64>() / signers as f64;
    let mean = sign_run.latencies.iter().map(|d| ms(*d)).sum::<f64>() / signers as f64;
    let how = match state.db.get_database_backend() {
        DbBackend::Postgres => {
            let batches = sign_db
                .get("WITH rate_limit_counters")
                .map_or(0, |(n, _)| *n);
            let tls: bool = state
                .db
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                ))
                .await
                .unwrap()
                .unwrap()
                .try_get("", "ssl")
                .unwrap();
            format!(
                " The pool reaches PostgreSQL {} (as the URL's `sslmode` says; sqlx prefers TLS), \
                 the same for the ceiling. {batches} signing statements carried the {signers} \
                 attempts ({:.1} per statement).",
                if tls { "over TLS" } else { "without TLS" },
                signers as f64 / batches.max(1) as f64
            )
        }
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "\n### Signing on {backend:?}\n\n{signers} citizens each sign once, {concurrency} at a time, each \
         from an address of their own (behind a trusted proxy), with the default rate limits, after a warm-up of {warm_up} \
         signatures on another initiative (and {warm_up} inserts before the ceiling). \
         Afterwards: {stored} signatures stored for {distinct} distinct persons (expected {signers} \
         and {signers}: **{}**), {receipts} receipt mails queued.{how}\n\n\
         | | per second | p50 ms | p99 ms | failed |\n|---|---|---|---|---|\n{}\n{}\n\n\
         **Signing reaches {:.0} %** of the raw insert ceiling; p99 {:.1} ms.\n\n\
         Where a signing request's time goes (statements seen at least once per hundred \
         requests; time is the database's answer as the pool sees it, so waits for a connection \
         or for SQLite's single writer count where they happen; on PostgreSQL one statement \
         signs a batch of attempts, so it is seen less than once per request and its time is \
         shared by its batch):\n\n\
         | statement | per request | ms per request |\n|---|---|---|\n{}\n\n\
         Mean latency {mean:.1} ms; statement time per request {db_ms:.1} ms (on PostgreSQL a \
         request waits for its whole batch statement). The rest is HTTP, session and CSRF \
         handling, the server function, the residency lookup, rendering the receipt mail (and on \
         SQLite the transaction's begin/commit), waiting for a batch, and waiting for a CPU.",
        if ok {
            "none lost or doubled"
        } else {
            "MISMATCH"
        },
        sign_run.line("sign (full request)"),
        ceiling_run.line("raw single-row INSERT"),
        ratio * 100.0,
        ms(sign_run.percentile(0.99)),
        per_request.join("\n"),
    );
    println!(
        "signing {backend:?}: {:.0}/s (p50 {:.1} ms, p99 {:.1} ms), ceiling {:.0}/s, ratio {:.2}",
        sign_run.per_second(),
        ms(sign_run.percentile(0.5)),
        ms(sign_run.percentile(0.99)),
        ceiling_run.per_second(),
        ratio
    );
}

/// A distinct address for signer `i` (10.0.0.0/8).
fn client_address(i: usize) -> String {
    format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255)
}

async fn new_initiative(state: &AppState, org: i32, title: &str) -> i32 {
    let proposer = person::Entity::find()
        .filter(person::Column::Issuer.eq("demo"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Oslo)
        .date_naive();
    let id = app::ssr::db::initiatives::insert(
        &state.db,
        org,
        proposer,
        app::ssr::db::initiatives::Proposal {
            title: title.into(),
            ask: "Kommunestyret bes måle dette.".into(),
            justification: "For å vite hvor raskt det går.".into(),
            collection_ends: today + chrono::Duration::days(30),
            contact_email: "benk@eksempel.no".into(),
            lang: app::domain::lang::Lang::Nb,
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let mut am: initiative::ActiveModel = initiative::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    am.status = Set(InitiativeStatus::Collecting.as_str().into());
    am.update(&state.db).await.unwrap();
    id
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let signers = setting("BENCH_SIGNERS", 4000);
        let concurrency = setting("BENCH_CONCURRENCY", 32);
        let requests = setting("BENCH_PAGE_REQUESTS", 4000);
        let path = std::env::var("BENCH_OUT").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../BENCHMARKS.md").to_string()
        });
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Benchmarks\n\nWritten by `make bench` (`server/benches/load.rs`, a release build) on {} \
             — {}. The load generator runs in the same process as the server, on the same \
             machine, so both share the CPUs; compare figures within one run.",
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
            machine()
        );
        let only = std::env::var("BENCH_ONLY").unwrap_or_default();
        let run = |part: &str| only.is_empty() || only.split(',').any(|o| o.trim() == part);
        if run("page") {
            let _ = writeln!(out, "\n## The public page of a hearing");
            for backend in [Backend::Sqlite, Backend::Postgres] {
                hearing_page(backend, requests, concurrency.min(16), &mut out).await;
            }
        }
        if run("visit") {
            first_visit::first_visit(&mut out).await;
        }
        if run("signing") {
            let _ = writeln!(out, "\n## Signing an initiative");
            for backend in [Backend::Postgres, Backend::Sqlite] {
                signing(backend, signers, concurrency, &mut out).await;
            }
        }
        if run("fanout") {
            fanout::fanout(signers, concurrency, &mut out).await;
        }
        if run("surveys") {
            surveys::surveys(concurrency, &mut out).await;
        }
        std::fs::write(&path, out).unwrap();
        println!("results written to {path}");
    });
}
