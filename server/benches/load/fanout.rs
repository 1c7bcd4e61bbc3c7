//! 4. Fan-out: an event of a hearing with 100,000 followers (`BENCH_FOLLOWERS`) is fanned out
//!    by the worker's code — every follower's mail rendered and queued in the outbox — while
//!    citizens sign an initiative through the full request path, on PostgreSQL. Goals: queued in
//!    ≤ 60 s, and signing p99 ≤ 100 ms meanwhile.

use super::{client_address, load, ms, new_initiative, setting};
use app::domain::follow::{Cadence, EventKind, Reason};
use app::ssr::db::entities::{follow, hearing, mail_outbox, organisation, person};
use app::ssr::residency::{FixtureRegister, ResidencyRegister};
use app::testing::{Backend, mint_citizen_session, synthetic_residents, test_state};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub async fn fanout(signers: usize, concurrency: usize, out: &mut String) {
    let followers = setting("BENCH_FOLLOWERS", 100_000);
    let residents = synthetic_residents(signers, "9999");
    let (mut state, _db) = test_state(Backend::Postgres).await;
    app::demo::seed_demo(&state).await.unwrap();
    state.residency = Arc::new(ResidencyRegister::Fixture(FixtureRegister::from_persons(
        residents.clone(),
    )));
    let mut settings = (*state.settings).clone();
    settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    state.settings = Arc::new(settings);
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq("eksempel-kommune"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let h = hearing::Entity::find()
        .filter(hearing::Column::Title.eq("Reguleringsplan for Storgata 10–14"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let now = state.clock.now();
    let started = Instant::now();
    for chunk in (0..followers).collect::<Vec<_>>().chunks(2000) {
        let rows = chunk.iter().map(|n| follow::ActiveModel {
            organisation_id: Set(org.id),
            case_kind: Set("hearing".into()),
            case_id: Set(h.id),
            person_id: Set(None),
            email: Set(Some(format!("folger{n}@eksempel.no"))),
            lang: Set(if n % 10 == 0 { "nn" } else { "nb" }.into()),
            cadence: Set(if n % 5 == 0 {
                Cadence::Daily
            } else {
                Cadence::Immediate
            }
            .as_str()
            .into()),
            reason: Set(Reason::Follow.as_str().into()),
            confirm_hash: Set(None),
            confirmed_at: Set(Some(now)),
            created_at: Set(now),
            ..Default::default()
        });
        follow::Entity::insert_many(rows)
            .exec(&state.db)
            .await
            .unwrap();
    }
    println!(
        "fan-out: {followers} followers made in {:.1} s",
        started.elapsed().as_secs_f64()
    );
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
    let mut targets = Vec::new();
    for n in 0..8 {
        targets.push(new_initiative(&state, org.id, &format!("Fan-out-forslag {n}")).await);
    }
    let warm_up = new_initiative(&state, org.id, "Oppvarming under fan-out").await;

    let running = server::startup::start(state.clone(), "127.0.0.1:0".parse().unwrap(), false)
        .await
        .unwrap();
    let url = format!("http://{}/api/sign_initiative", running.addr);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap();
    let sessions = Arc::new(sessions);
    let sign = |id: i32| {
        let (client, url, sessions) = (client.clone(), url.clone(), sessions.clone());
        let id = id.to_string();
        move |i: usize| {
            let (client, url, sessions, id) =
                (client.clone(), url.clone(), sessions.clone(), id.clone());
            async move {
                let s = &sessions[i];
                client
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
                    .is_ok_and(|r| r.status() == 200)
            }
        }
    };
    let warm = load(signers.min(400), concurrency, sign(warm_up)).await;
    assert_eq!(warm.failures, 0, "warm-up signatures");

    // The event, as the extension records it; then the worker's fan-out beside the signing.
    app::ssr::db::case_events::record(
        &state.db,
        org.id,
        EventKind::HearingExtended,
        h.id,
        serde_json::json!({ "deadline": h.deadline + chrono::Duration::days(7) }),
        None,
        state.clock.now(),
    )
    .await
    .unwrap();
    let fan_state = state.clone();
    let fan = tokio::spawn(async move {
        let t = Instant::now();
        let mut reached = 0;
        while reached < followers {
            let n = app::ssr::services::notifications::fanout::run_once(
                &fan_state,
                Duration::from_secs(5),
            )
            .await
            .unwrap();
            if n == 0 {
                break;
            }
            reached += n;
        }
        (reached, t.elapsed())
    });
    let mut latencies = Vec::new();
    let mut failures = 0;
    let mut rounds = 0;
    for id in &targets {
        if fan.is_finished() {
            break;
        }
        let run = load(signers, concurrency, sign(*id)).await;
        latencies.extend(run.latencies);
        failures += run.failures;
        rounds += 1;
    }
    let (reached, took) = fan.await.unwrap();
    running.stop().await;
    let queued = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ListUnsubscribe.is_not_null())
        .count(&state.db)
        .await
        .unwrap();
    latencies.sort();
    let p = |q: f64| {
        latencies
            .get(
                ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len().max(1)) - 1,
            )
            .copied()
            .unwrap_or_default()
    };
    let digests = followers / 5;
    assert_eq!(reached, followers, "every follower reached once");
    assert_eq!(
        queued as usize,
        followers - digests,
        "one mail per immediate follower"
    );
    let _ = writeln!(
        out,
        "\n## Fan-out of one event to its followers (PostgreSQL)\n\n\
         An extension of a hearing with {followers} followers (one in five on a daily digest): \
         the worker's fan-out renders each mail in the follower's language and queues it in the \
         outbox (digest followers get an item for their digest) in batches of {batch}, while \
         citizens sign initiatives through the full request path ({concurrency} at a time, \
         {rounds} round(s) of {signers}).\n\n\
         | | figure | goal |\n|---|---|---|\n\
         | followers reached | {reached} | all, once |\n\
         | mails queued | {queued} | {immediate} |\n\
         | fan-out time | {:.1} s | ≤ 60 s |\n\
         | signing meanwhile, p50 | {:.1} ms | |\n\
         | signing meanwhile, p99 | {:.1} ms | ≤ 100 ms |\n\
         | signing failures | {failures} | 0 |",
        took.as_secs_f64(),
        ms(p(0.5)),
        ms(p(0.99)),
        batch = app::ssr::services::notifications::fanout::BATCH,
        immediate = followers - digests,
    );
    println!(
        "fan-out: {reached} followers in {:.1} s; signing meanwhile p99 {:.1} ms ({failures} failures)",
        took.as_secs_f64(),
        ms(p(0.99))
    );
}
