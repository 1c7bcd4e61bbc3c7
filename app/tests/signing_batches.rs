//! The PostgreSQL statements that serve many signing requests at once: the one that settles
//! many attempts, and the one that finds the citizens of many sessions (SQLite does each one at
//! a time and has no such statements; the HTTP tests sign on both). Each request in a batch
//! must come out exactly as it would alone.

#![allow(clippy::unwrap_used)]

use app::demo as seed;
use app::domain::initiative::InitiativeStatus;
use app::ssr::AppState;
use app::ssr::db::entities::{initiative, mail_outbox, person, signature};
use app::ssr::mail::OutgoingMail;
use app::ssr::security::rate_limit::{self, Limit};
use app::ssr::signing::statement::{self as db, CountedSigning, Counter, SignJob};
use app::testing::{Backend, test_state};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const LIMIT: Limit = Limit {
    max: 2,
    window: Duration::minutes(10),
};

async fn initiative_with(state: &AppState, status: InitiativeStatus, title: &str) -> i32 {
    let org = app::ssr::db::organisations::find_by_slug(&state.db, "eksempel-kommune")
        .await
        .unwrap()
        .unwrap();
    let proposer = proposer(state).await;
    let id = app::ssr::db::initiatives::insert(
        &state.db,
        org.id,
        proposer,
        app::ssr::db::initiatives::Proposal {
            title: title.into(),
            ask: "Kommunestyret bes gjøre noe.".into(),
            justification: "Fordi det trengs.".into(),
            collection_ends: state.clock.now().date_naive() + Duration::days(30),
            contact_email: "forslag@eksempel.no".into(),
            lang: app::domain::lang::Lang::Nb,
        },
        state.clock.now(),
    )
    .await
    .unwrap();
    let mut am: initiative::ActiveModel = initiative::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    am.status = Set(status.as_str().into());
    am.update(&state.db).await.unwrap();
    id
}

async fn proposer(state: &AppState) -> i32 {
    person::Entity::find()
        .filter(person::Column::Issuer.eq("demo"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A seeded database with a collecting initiative, its organisation and proposer, and the
/// time the attempts are made at.
struct Fixture {
    state: AppState,
    _db: app::testing::TestDb,
    now: DateTime<Utc>,
    org: i32,
    open: i32,
    who: i32,
}

async fn fixture() -> Fixture {
    let (state, db) = test_state(Backend::Postgres).await;
    seed::seed_demo(&state).await.unwrap();
    let org = app::ssr::db::organisations::find_by_slug(&state.db, "eksempel-kommune")
        .await
        .unwrap()
        .unwrap()
        .id;
    let open = initiative_with(&state, InitiativeStatus::Collecting, "Åpent forslag").await;
    let who = proposer(&state).await;
    Fixture {
        now: state.clock.now(),
        state,
        _db: db,
        org,
        open,
        who,
    }
}

impl Fixture {
    fn attempt(&self, person: &str, client: &str, initiative_id: i32, receipt: bool) -> SignJob {
        let now = self.now;
        let counter = |bucket: &str| Counter {
            bucket: bucket.into(),
            window_start: rate_limit::window_start(LIMIT, now),
            max: LIMIT.max,
        };
        SignJob {
            person: counter(person),
            client: counter(client),
            initiative_id,
            organisation_id: self.org,
            pid_hash: format!("hash-of-{person}"),
            person_id: self.who,
            name: Some(format!("Navn {person}")),
            birth_date: None,
            address: Some("Testveien 1".into()),
            kommunenummer: Some("9999".into()),
            notify: false,
            receipt: receipt.then(|| OutgoingMail {
                recipient: format!("{person}@signering.test"),
                subject: "Takk for underskriften".into(),
                text: "Du har skrevet under.".into(),
                html: "<p>Du har skrevet under.</p>".into(),
                unsubscribe: None,
            }),
            today: now.date_naive(),
            now,
        }
    }
}

fn settled(c: &CountedSigning) -> (i32, Option<i32>, bool) {
    (c.person_count, c.client_count, c.stored)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_statement_settles_each_attempt_of_a_batch_as_if_it_were_alone() {
    let fx = fixture().await;
    let (state, now, open) = (&fx.state, fx.now, fx.open);
    let submitted = initiative_with(state, InitiativeStatus::Submitted, "Fremmet forslag").await;
    // Already used up: one person's and one address's budgets; and one person has signed.
    for bucket in ["person-full", "client-full"] {
        for _ in 0..LIMIT.max {
            rate_limit::hit(&state.db, bucket, LIMIT, now)
                .await
                .unwrap()
                .unwrap();
        }
    }
    let first = db::sign_counted(&state.db, &[fx.attempt("signed", "c0", open, false)])
        .await
        .unwrap();
    assert_eq!(settled(&first[0]), (1, Some(1), true));

    let batch = [
        fx.attempt("p1", "c1", open, true),
        fx.attempt("person-full", "c2", open, true),
        fx.attempt("p3", "client-full", open, true),
        fx.attempt("signed", "c4", open, true),
        fx.attempt("p5", "c5", submitted, true),
        fx.attempt("p6", "c6", open, false),
    ];
    let out: Vec<_> = db::sign_counted(&state.db, &batch)
        .await
        .unwrap()
        .iter()
        .map(settled)
        .collect();
    assert_eq!(
        out,
        [
            (1, Some(1), true),
            (3, None, false), // over the person's limit: the address is not counted
            (1, Some(3), false), // over the address's limit
            (2, Some(1), false), // signed before: counted, not stored again
            (1, Some(1), false), // the initiative no longer collects
            (1, Some(1), true),
        ],
        "each answer is its own attempt's, in order"
    );

    let stored: Vec<String> = signature::Entity::find()
        .filter(signature::Column::InitiativeId.is_in([open, submitted]))
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.pid_hash)
        .collect();
    let mut stored = stored;
    stored.sort();
    assert_eq!(stored, ["hash-of-p1", "hash-of-p6", "hash-of-signed"]);
    let receipts: Vec<String> = mail_outbox::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.recipient)
        .filter(|r| r.ends_with("@signering.test"))
        .collect();
    assert_eq!(
        receipts,
        ["p1@signering.test"],
        "a receipt only for a stored signature that asked for one"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_is_due_the_moment_its_signature_is_stored_to_the_nanosecond() {
    use chrono::Timelike;
    let mut fx = fixture().await;
    // 999 ns past the microsecond: text in the statement's JSON would round it up.
    fx.now = fx.now.with_nanosecond(123_456_999).unwrap();
    let clock = app::ssr::state::clock::Clock::fixed(fx.now);
    let state = &fx.state;
    let out = db::sign_counted(&state.db, &[fx.attempt("p1", "c1", fx.open, true)])
        .await
        .unwrap();
    assert!(out[0].stored);
    let sent = app::ssr::mail::queue::run_once(
        &state.db,
        &state.mailer,
        &state.settings.mail_from,
        "test",
        &clock,
    )
    .await
    .unwrap();
    assert_eq!(
        sent, 1,
        "the mail worker running at that moment sends the receipt"
    );
    let mails = state.mailer.sent();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].recipient, "p1@signering.test");
    let s = signature::Entity::find()
        .filter(signature::Column::PidHash.eq("hash-of-p1"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        s.signed_at.timestamp_micros(),
        fx.now.timestamp_micros(),
        "stored as a bound time is: the microsecond, not the next"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_writer_counts_one_persons_attempts_in_turn_and_stores_one_signature() {
    let fx = fixture().await;
    let (state, open) = (&fx.state, fx.open);
    // Forty attempts at once: ten persons, each twice, from five addresses.
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..2 {
        for p in 0..10 {
            let (state, mut job) = (
                state.clone(),
                fx.attempt(&format!("p{p}"), &format!("c{}", p % 5), open, true),
            );
            let big = LIMIT.max * 100;
            job.person.max = big;
            job.client.max = big;
            tasks.spawn(async move { state.signing_writer.call(&state.db, job).await.unwrap() });
        }
    }
    let answers: Vec<CountedSigning> = tasks.join_all().await;
    assert_eq!(answers.iter().filter(|a| a.stored).count(), 10);
    let mut person_counts: Vec<i32> = answers.iter().map(|a| a.person_count).collect();
    person_counts.sort();
    assert_eq!(
        person_counts,
        [[1; 10], [2; 10]].concat(),
        "each attempt counted once"
    );
    let mut client_counts: Vec<i32> = answers.iter().filter_map(|a| a.client_count).collect();
    client_counts.sort();
    assert_eq!(
        client_counts,
        [[1; 5], [2; 5], [3; 5], [4; 5]].concat(),
        "each address counted once per attempt"
    );
    let n = signature::Entity::find()
        .filter(signature::Column::InitiativeId.eq(open))
        .count(&state.db)
        .await
        .unwrap();
    assert_eq!(n, 10);
    let receipts = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.ends_with("@signering.test"))
        .count(&state.db)
        .await
        .unwrap();
    assert_eq!(receipts, 10, "one receipt per stored signature");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_writing_batches_at_once_count_every_attempt_once() {
    let fx = fixture().await;
    let (state, open) = (&fx.state, fx.open);
    // A second process: its own signing writer on the same database.
    let mut second = state.clone();
    second.signing_writer = Default::default();
    // Thirty persons from six addresses, each attempt sent to both processes, in opposite
    // orders, so that their batches want the same counter rows at the same time.
    let attempts: Vec<SignJob> = (0..30)
        .map(|p| {
            let mut j = fx.attempt(&format!("p{p}"), &format!("c{}", p % 6), open, true);
            j.person.max = 1000;
            j.client.max = 1000;
            j
        })
        .collect();
    let mut tasks = tokio::task::JoinSet::new();
    for (k, process) in [state.clone(), second].into_iter().enumerate() {
        let mut mine = attempts.clone();
        if k == 1 {
            mine.reverse();
        }
        for job in mine {
            let process = process.clone();
            tasks.spawn(async move { process.signing_writer.call(&process.db, job).await });
        }
    }
    let answers: Vec<CountedSigning> = tasks
        .join_all()
        .await
        .into_iter()
        .map(|a| a.expect("no attempt fails, deadlocks included"))
        .collect();
    assert_eq!(answers.len(), 60);
    assert_eq!(answers.iter().filter(|a| a.stored).count(), 30);
    let mut person_counts: Vec<i32> = answers.iter().map(|a| a.person_count).collect();
    person_counts.sort();
    assert_eq!(person_counts, [[1; 30], [2; 30]].concat());
    let mut client_counts: Vec<i32> = answers.iter().filter_map(|a| a.client_count).collect();
    client_counts.sort();
    let expected: Vec<i32> = (1..=10).flat_map(|n| [n; 6]).collect();
    assert_eq!(
        client_counts, expected,
        "ten attempts per address, each counted once"
    );
    let n = signature::Entity::find()
        .filter(signature::Column::InitiativeId.eq(open))
        .count(&state.db)
        .await
        .unwrap();
    assert_eq!(n, 30);
}

/// The key a minted session is stored under (the hash of the id in its cookie header).
fn session_id(cookie: &str) -> String {
    app::ssr::http::session_store::stored_id(
        cookie
            .split("; ")
            .find_map(|c| c.strip_prefix("innspill_session="))
            .unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_statement_finds_the_citizens_of_many_sessions() {
    use app::ssr::db::entities::{citizen_login, session};
    let (state, _db) = test_state(Backend::Postgres).await;
    let people = app::testing::synthetic_residents(4, "9999");
    let mut ids = Vec::new();
    for p in &people {
        let s = app::testing::mint_citizen_session(&state, p).await;
        ids.push((session_id(&s.cookie), s.person_id));
    }
    // The third has logged out at ID-porten; the fourth session has expired.
    let third = citizen_login::Entity::find()
        .filter(citizen_login::Column::PersonId.eq(ids[2].1))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    db_citizens_end(&state, third.id).await;
    let mut fourth: session::ActiveModel = session::Entity::find_by_id(ids[3].0.clone())
        .one(&state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    fourth.expires_at = Set(Utc::now() - Duration::minutes(1));
    fourth.update(&state.db).await.unwrap();

    let ask = [
        ids[0].0.clone(),
        "ukjent".to_string(),
        ids[1].0.clone(),
        ids[2].0.clone(),
        ids[3].0.clone(),
        ids[0].0.clone(),
    ];
    let mut tasks = tokio::task::JoinSet::new();
    for (n, id) in ask.iter().enumerate() {
        let (state, id) = (state.clone(), id.clone());
        tasks.spawn(async move {
            let found = state.session_citizens.call(&state.db, id).await.unwrap();
            (n, found.map(|(_, person)| person.id))
        });
    }
    let mut answers = tasks.join_all().await;
    answers.sort();
    assert_eq!(
        answers,
        [
            (0, Some(ids[0].1)),
            (1, None),
            (2, Some(ids[1].1)),
            (3, None),
            (4, None),
            (5, Some(ids[0].1)),
        ],
        "each asker gets their own session's citizen, none for an unknown, ended or expired one"
    );
}

async fn db_citizens_end(state: &AppState, login_id: i64) {
    app::ssr::db::citizens::end_login(&state.db, login_id, Utc::now())
        .await
        .unwrap();
}
