//! 5. Surveys (`BENCH_ONLY=surveys`).
//!
//! Answering a survey of 20 questions on one page — the full request: session, the multipart
//! form, the response found by its token, every answer checked, the page kept and the
//! response sent — beside the raw ceiling of storing the same: one transaction with the 20
//! answers in one multi-row INSERT and the response marked sent, through the same pool at the
//! same concurrency, on PostgreSQL and SQLite. The forms' multipart bodies are built before the
//! run, as the ceiling's statements are: the load generator shares the CPUs with the server. Afterwards it checks that every response was
//! sent once with its 20 answers. Goal on PostgreSQL: at least 40 % of the ceiling and p99 ≤
//! 100 ms.
//!
//! Weighted results of 100,000 responses × 20 questions (`BENCH_RESPONSES`): raking to the
//! population's margins by age band, gender and district with trimming, the tally and the
//! weighted figures, on one core (the work is sequential). Goal: ≤ 1 s.

use super::{client_address, load, ms, setting};
use app::domain::survey::SurveyFacts;
use app::domain::survey::SurveyStatus;
use app::domain::survey::population::{self, SYNTHETIC_SIZE};
use app::domain::survey::questionnaire::{Answer, Kind, Question, Questionnaire, Scale};
use app::domain::survey::results::tally;
use app::domain::survey::sampling::SplitMix64;
use app::domain::survey::strata::{AGE_BANDS, Gender};
use app::domain::survey::weighted::add_weighted;
use app::domain::survey::weighting::{Raking, rake};
use app::ssr::db::entities::{organisation, survey_response};
use app::ssr::db::surveys as surveys_db;
use app::testing::{Backend, mint_citizen_session, synthetic_residents, test_state};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Statement,
    TransactionTrait,
};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

fn scale(to: u8) -> Scale {
    Scale {
        from: 1,
        to,
        low_label: "Svært dårlig".into(),
        high_label: "Svært godt".into(),
        dont_know: true,
    }
}

/// Twenty questions of the kinds a municipality's survey has: eight single choices, six
/// scales, three multiple choices, two matrices of three statements, and a number.
fn questionnaire() -> Questionnaire {
    let mut qs = Questionnaire::new("Om tjenestene");
    let options = |n: usize| (1..=n).map(|i| format!("Svar {i}")).collect::<Vec<_>>();
    for id in 1..=20u32 {
        let kind = match id {
            1..=8 => Kind::SingleChoice {
                options: options(4),
                other: false,
            },
            9..=14 => Kind::Scale(scale(5)),
            15..=17 => Kind::MultipleChoice {
                options: options(5),
                min: 0,
                max: 3,
            },
            18..=19 => Kind::Matrix {
                statements: options(3),
                scale: scale(5),
            },
            _ => Kind::Number { min: 0, max: 120 },
        };
        qs.sections[0].questions.push(Question {
            id,
            text: format!("Spørsmål {id}"),
            help: None,
            required: true,
            kind,
            show_if: None,
        });
    }
    qs
}

/// One respondent's answers, drawn.
fn answers(rng: &mut SplitMix64) -> Vec<(u32, Answer)> {
    let mut pick = |n: u64| rng.below(n) as usize;
    (1..=20u32)
        .map(|id| {
            let a = match id {
                1..=8 => Answer::Choice(pick(4)),
                9..=14 => Answer::Point(Some(1 + pick(5) as u8)),
                15..=17 => {
                    let first = pick(5);
                    Answer::Choices(vec![first, (first + 1 + pick(3)) % 5])
                }
                18..=19 => Answer::Points((0..3).map(|_| Some(1 + pick(5) as u8)).collect()),
                _ => Answer::Number(16 + pick(80) as i64),
            };
            (id, a)
        })
        .collect()
}

/// The form fields of those answers, as the page sends them.
fn fields(answers: &[(u32, Answer)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, a) in answers {
        let name = app::domain::survey::questionnaire::field(*id);
        match a {
            Answer::Choice(i) => out.push((name, i.to_string())),
            Answer::Point(Some(p)) => out.push((name, p.to_string())),
            Answer::Choices(is) => {
                for i in is {
                    out.push((name.clone(), i.to_string()));
                }
            }
            Answer::Points(ps) => {
                for (s, p) in ps.iter().enumerate() {
                    out.push((format!("{name}_{s}"), p.unwrap_or(0).to_string()));
                }
            }
            Answer::Number(x) => out.push((name, x.to_string())),
            _ => {}
        }
    }
    out
}

/// The boundary of the prepared multipart bodies.
const BOUNDARY: &str = "innspill-bench-7f3a9c";

/// A form as a browser sends it (multipart/form-data), built before the run so that the load
/// generator, which shares the CPUs with the server, does not build 35 parts per request.
fn multipart(fields: &[(String, String)]) -> Vec<u8> {
    let mut out = String::new();
    for (k, v) in fields {
        let _ = write!(
            out,
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        );
    }
    let _ = write!(out, "--{BOUNDARY}--\r\n");
    out.into_bytes()
}

pub async fn surveys(concurrency: usize, out: &mut String) {
    let _ = writeln!(out, "\n## Surveys");
    let respondents = setting("BENCH_RESPONDENTS", 2000);
    for backend in [Backend::Postgres, Backend::Sqlite] {
        answering(backend, respondents, concurrency, out).await;
    }
    weighted_results(out);
}

async fn answering(backend: Backend, respondents: usize, concurrency: usize, out: &mut String) {
    let people = synthetic_residents(respondents, "9999");
    let (mut state, _db) = test_state(backend).await;
    app::demo::seed_demo(&state).await.unwrap();
    let mut settings = (*state.settings).clone();
    settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    state.settings = Arc::new(settings);
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq("eksempel-kommune"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let now = state.clock.now();
    let qs = questionnaire();
    let facts = SurveyFacts {
        title: "Benkeundersøkelsen".into(),
        intro: "Tjue spørsmål.".into(),
        one_per_person: false,
        min_cell: None,
    };
    let id = surveys_db::insert(&state.db, org.id, &facts, &qs, 1, now)
        .await
        .unwrap();
    let s = surveys_db::find(&state.db, org.id, id)
        .await
        .unwrap()
        .unwrap();
    surveys_db::set_status(&state.db, s, SurveyStatus::Open, None, now)
        .await
        .unwrap();
    // Each respondent: a session (for the CSRF token), a started response (its token) and
    // their answers as form fields; twice as many, the second half for the warm-up.
    let started = Instant::now();
    let mut rng = SplitMix64::new(7);
    let mut prepared = Vec::with_capacity(respondents * 2);
    for i in 0..respondents * 2 {
        let session = mint_citizen_session(&state, &people[i % respondents]).await;
        let token = app::ssr::services::surveys::answer::start(
            &state,
            "eksempel-kommune",
            id,
            None,
            &client_address(i),
        )
        .await
        .unwrap();
        let mut form = vec![
            ("csrf_token".to_string(), session.csrf_token.clone()),
            ("slug".into(), "eksempel-kommune".into()),
            ("id".into(), id.to_string()),
            ("token".into(), token),
            ("section".into(), "1".into()),
        ];
        form.extend(fields(&answers(&mut rng)));
        prepared.push((session.cookie.clone(), multipart(&form)));
    }
    println!(
        "surveys {backend:?}: {} responses started in {:.1} s",
        prepared.len(),
        started.elapsed().as_secs_f64()
    );
    let running = server::startup::start(state.clone(), "127.0.0.1:0".parse().unwrap(), false)
        .await
        .unwrap();
    let url = format!("http://{}/api/answer_survey", running.addr);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let prepared = Arc::new(prepared);
    let answer = |offset: usize| {
        let (client, url, prepared) = (client.clone(), url.clone(), prepared.clone());
        move |i: usize| {
            let (client, url, prepared) = (client.clone(), url.clone(), prepared.clone());
            async move {
                let (cookie, body) = &prepared[offset + i];
                match client
                    .post(&url)
                    .header("cookie", cookie)
                    .header("x-forwarded-for", client_address(offset + i))
                    .header("accept", "application/json")
                    .header(
                        "content-type",
                        format!("multipart/form-data; boundary={BOUNDARY}"),
                    )
                    .body(body.clone())
                    .send()
                    .await
                {
                    Ok(r) => r.status().is_success() || r.status().is_redirection(),
                    Err(_) => false,
                }
            }
        }
    };
    let warm_up = (respondents / 10).min(400);
    let warm = load(warm_up, concurrency, answer(respondents)).await;
    assert_eq!(warm.failures, 0, "warm-up answers");
    let run = load(respondents, concurrency, answer(0)).await;
    running.stop().await;
    assert_eq!(run.failures, 0, "answers refused");

    // Every response sent once, with its 20 answers.
    let sent = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .count(&state.db)
        .await
        .unwrap();
    assert_eq!(sent as usize, respondents + warm_up, "responses sent");
    let stored: i64 = state
        .db
        .query_one_raw(Statement::from_string(
            state.db.get_database_backend(),
            format!(
                "SELECT COUNT(*) AS n FROM survey_answers a JOIN survey_responses r \
                 ON r.id = a.response_id WHERE r.survey_id = {id}"
            ),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap();
    assert_eq!(stored as usize, sent as usize * 20, "20 answers each");

    // The ceiling: the same storage with nothing around it — one transaction, the 20 answers
    // in one INSERT, the response marked sent — into the same tables, through the same pool.
    let spare: Vec<i64> = {
        let mut ids = Vec::new();
        for _ in 0..respondents + warm_up {
            let r = app::ssr::db::surveys::responses::start(
                &state.db,
                id,
                surveys_db::current_version(
                    &state.db,
                    &surveys_db::find(&state.db, org.id, id)
                        .await
                        .unwrap()
                        .unwrap(),
                )
                .await
                .unwrap()
                .id,
                &format!("{:064x}", ids.len() as u128 + 0xce_0000_0000),
                now,
            )
            .await
            .unwrap();
            ids.push(r.id);
        }
        ids
    };
    let spare = Arc::new(spare);
    let json: Arc<Vec<String>> = Arc::new(
        answers(&mut SplitMix64::new(9))
            .iter()
            .map(|(_, a)| serde_json::to_string(a).unwrap())
            .collect(),
    );
    let insert = |offset: usize| {
        let (db, spare, json) = (state.db.clone(), spare.clone(), json.clone());
        move |i: usize| {
            let (db, spare, json) = (db.clone(), spare.clone(), json.clone());
            async move {
                let backend = db.get_database_backend();
                let response = spare[offset + i];
                let p = |n: usize| match backend {
                    DbBackend::Postgres => format!("${n}"),
                    _ => "?".into(),
                };
                let rows: Vec<String> = (0..20)
                    .map(|q| format!("({}, {}, {})", p(3 * q + 1), p(3 * q + 2), p(3 * q + 3)))
                    .collect();
                let mut values: Vec<sea_orm::Value> = Vec::with_capacity(60);
                for (q, a) in json.iter().enumerate() {
                    values.push(response.into());
                    values.push((q as i32 + 1).into());
                    values.push(a.clone().into());
                }
                let Ok(txn) = db.begin().await else {
                    return false;
                };
                let ins = txn
                    .execute_raw(Statement::from_sql_and_values(
                        backend,
                        format!(
                            "INSERT INTO survey_answers (response_id, question_id, answer) VALUES {}",
                            rows.join(", ")
                        ),
                        values,
                    ))
                    .await;
                let upd = txn
                    .execute_raw(Statement::from_sql_and_values(
                        backend,
                        format!(
                            "UPDATE survey_responses SET submitted_at = {} WHERE id = {} AND submitted_at IS NULL",
                            p(1),
                            p(2)
                        ),
                        vec![chrono::Utc::now().into(), response.into()],
                    ))
                    .await;
                ins.is_ok() && upd.is_ok() && txn.commit().await.is_ok()
            }
        }
    };
    let warm_ceiling = load(warm_up, concurrency, insert(respondents)).await;
    assert_eq!(warm_ceiling.failures, 0, "warm-up inserts");
    let ceiling = load(respondents, concurrency, insert(0)).await;
    assert_eq!(ceiling.failures, 0, "ceiling inserts");
    let ratio = run.per_second() / ceiling.per_second();
    let _ = writeln!(
        out,
        "\n### Answering on {backend:?}\n\n{respondents} respondents, {concurrency} at a time, \
         each sending a page of 20 answers (eight single choices, six scales, three multiple \
         choices, two matrices of three statements, a number) to `answer_survey` as a browser \
         does (multipart, with session and CSRF token), after {warm_up} others as a warm-up. \
         Afterwards all {sent} responses were sent once, with their {stored} answers. The ceiling stores the same per request — one transaction, the \
         20 answers in one multi-row INSERT, the response marked sent — at the same \
         concurrency through the same pool.\n\n\
         **Answering reaches {:.0} %** of the ceiling; p99 {:.1} ms.\n\n\
         | | requests/s | p50 ms | p99 ms | failed |\n|---|---|---|---|---|\n{}\n{}",
        ratio * 100.0,
        ms(run.percentile(0.99)),
        run.line("answering a 20-question page (full request)"),
        ceiling.line("raw: 20-row INSERT + UPDATE in a transaction"),
    );
    println!(
        "answering {backend:?}: {:.0}/s (p99 {:.1} ms), ceiling {:.0}/s, ratio {:.2}",
        run.per_second(),
        ms(run.percentile(0.99)),
        ceiling.per_second(),
        ratio
    );
}

/// Raking, tally and weighted figures for `BENCH_RESPONSES` responses × 20 questions, three
/// runs on one core; respondents drawn from the synthetic population with the young answering
/// less, so that the weights have work to do.
fn weighted_results(out: &mut String) {
    let n = setting("BENCH_RESPONSES", 100_000);
    let people = population::synthetic("9999", SYNTHETIC_SIZE);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let districts = 5;
    let strata: Vec<_> = people
        .iter()
        .filter_map(|p| p.stratum(today, districts))
        .collect();
    // The margins: the population per age band, gender and district.
    let mut margins = vec![
        vec![0.0; AGE_BANDS.len()],
        vec![0.0; 2],
        vec![0.0; districts],
    ];
    for s in &strata {
        margins[0][usize::from(s.age.0)] += 1.0;
        margins[1][usize::from(s.gender == Gender::Man)] += 1.0;
        margins[2][usize::from(s.district)] += 1.0;
    }
    let mut rng = SplitMix64::new(11);
    let mut respondents = Vec::with_capacity(n);
    while respondents.len() < n {
        let s = strata[rng.below(strata.len() as u64) as usize];
        // The youngest band answers a third as often as the oldest.
        if rng.below(6) > u64::from(s.age.0) + 1 {
            continue;
        }
        respondents.push(vec![
            Some(usize::from(s.age.0)),
            Some(usize::from(s.gender == Gender::Man)),
            Some(usize::from(s.district)),
        ]);
    }
    let qs = questionnaire();
    let responses: Vec<Vec<(u32, Answer)>> = (0..n).map(|_| answers(&mut rng)).collect();
    let mut rows = String::new();
    let mut best = f64::MAX;
    let mut iterations = 0;
    for round in 1..=3 {
        let t = Instant::now();
        let w = rake(&respondents, &margins, &Raking::default()).unwrap();
        let raked = t.elapsed();
        let mut results = tally(&qs, &responses, 5, "Annet", "Vet ikke");
        let tallied = t.elapsed() - raked;
        add_weighted(&mut results, &qs, &responses, &w.weights);
        let total = t.elapsed();
        iterations = w.iterations;
        best = best.min(total.as_secs_f64());
        let _ = writeln!(
            rows,
            "| {round} | {:.0} | {:.0} | {:.0} | {:.0} | {} | {} | {} |",
            ms(raked),
            ms(tallied),
            ms(total - raked - tallied),
            ms(total),
            w.iterations,
            w.converged,
            w.trimmed
        );
        assert_eq!(results.len(), 20);
    }
    let _ = writeln!(
        out,
        "\n### Weighted results\n\n{n} responses × 20 questions (the kinds above), respondents \
         drawn from the synthetic population with the youngest answering a third as often as \
         the oldest; raked to the margins of age band (6), gender (2) and district (5) with \
         weights trimmed to 0.3–3 and raked again, then every question tallied and weighted. \
         One thread (the work is sequential). Loading the answers from the database is not \
         included (the results page caches the weights per process).\n\n\
         **Best of three: {best:.2} s** (goal ≤ 1 s); raking took {iterations} iterations.\n\n\
         | run | raking ms | tally ms | weighted ms | total ms | iterations | converged | trimmed |\n\
         |---|---|---|---|---|---|---|---|\n{rows}"
    );
    println!("weighted results: best {best:.2} s, {iterations} raking iterations");
}
