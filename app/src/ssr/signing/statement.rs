//! The signing statement of PostgreSQL: many attempts in one statement with one commit, each
//! counted against the person's and the client's rate limits before its signature is inserted
//! and its receipt queued. Its jobs and answers are what `writer` batches.

use crate::domain::initiative::InitiativeStatus;
use crate::ssr::mail::OutgoingMail;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// A rate-limit counter: its bucket, the start of its current window and its limit.
#[derive(Debug, Clone)]
pub struct Counter {
    pub bucket: String,
    pub window_start: DateTime<Utc>,
    pub max: i32,
}

/// One online signing attempt for `sign_counted`: the person's and the client's counters, the
/// signature as `insert_signature` would store it, and the receipt to queue when it is stored.
#[derive(Clone)]
pub struct SignJob {
    pub person: Counter,
    pub client: Counter,
    pub initiative_id: i32,
    pub organisation_id: i32,
    pub pid_hash: String,
    pub person_id: i32,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub address: Option<String>,
    pub kommunenummer: Option<String>,
    pub notify: bool,
    pub receipt: Option<OutgoingMail>,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

crate::domain::debug_only!(SignJob {
    initiative_id,
    organisation_id,
    person_id,
    notify,
    today,
    now
});

/// What `sign_counted` did with one attempt: the counts after it (the client's only when the
/// person was within their limit) and whether the signature was stored.
#[derive(Debug, Clone, Copy)]
pub struct CountedSigning {
    pub person_count: i32,
    pub client_count: Option<i32>,
    pub stored: bool,
}

/// PostgreSQL only, the signing hot path: many attempts in one statement, one commit. For each
/// attempt it counts the attempt for the person, then — if they are within their limit — for
/// the client address, then — if that is within its limit — inserts the signature as
/// `insert_signature` does, with its receipt queued when it was stored. The answers come in the
/// order of `jobs`.
///
/// No two attempts may share a person or a client counter (each counter row is counted once per
/// statement); the caller puts such attempts in separate calls.
pub async fn sign_counted(
    db: &impl ConnectionTrait,
    jobs: &[SignJob],
) -> Result<Vec<CountedSigning>, DbErr> {
    let (input, receipts) = encode(jobs);
    let found = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            SQL.as_str(),
            [input.into(), receipts.into()],
        ))
        .await?;
    decode(found, jobs.len())
}

/// The attempts and the distinct receipt texts as the statement's two JSON parameters.
fn encode(jobs: &[SignJob]) -> (String, String) {
    // The attempts go as one JSON parameter, so that the statement's text is the same for every
    // batch size and PostgreSQL plans it once per connection; each distinct receipt text goes
    // once, in a second one.
    let mut receipts: Vec<(&str, &str, &str)> = Vec::new();
    let input: Vec<serde_json::Value> = jobs
        .iter()
        .enumerate()
        .map(|(n, j)| {
            let receipt = j.receipt.as_ref().map(|m| {
                let text = (m.subject.as_str(), m.text.as_str(), m.html.as_str());
                match receipts.iter().position(|r| *r == text) {
                    Some(k) => k,
                    None => {
                        receipts.push(text);
                        receipts.len() - 1
                    }
                }
            });
            serde_json::json!({
                "n": n,
                "pb": j.person.bucket, "ps": as_bound(j.person.window_start), "pmax": j.person.max,
                "cb": j.client.bucket, "cs": as_bound(j.client.window_start), "cmax": j.client.max,
                "initiative_id": j.initiative_id, "organisation_id": j.organisation_id,
                "pid_hash": j.pid_hash, "person_id": j.person_id, "name": j.name,
                "birth_date": j.birth_date, "address": j.address,
                "kommunenummer": j.kommunenummer, "notify": j.notify,
                "today": j.today, "now": as_bound(j.now),
                "recipient": j.receipt.as_ref().map(|m| &m.recipient), "receipt": receipt,
            })
        })
        .collect();
    let input = serde_json::Value::Array(input).to_string();
    let receipts: Vec<serde_json::Value> = receipts
        .iter()
        .enumerate()
        .map(|(k, (subject, text, html))| {
            serde_json::json!({"k": k, "subject": subject, "body_text": text, "body_html": html})
        })
        .collect();
    (input, serde_json::Value::Array(receipts).to_string())
}

/// The statement: the same text for every batch, so PostgreSQL plans it once per connection.
static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    // Rows are counted and inserted in key order, so that two statements at once (from two
    // server processes) take their row locks in the same order.
    format!(
        "WITH input AS (SELECT * FROM json_to_recordset($1::json) AS t(n int4, pb text, \
         ps timestamptz, pmax int4, cb text, cs timestamptz, cmax int4, initiative_id int4, \
         organisation_id int4, pid_hash text, person_id int4, name text, birth_date date, \
         address text, kommunenummer text, notify bool, today date, now timestamptz, \
         recipient text, receipt int4)), \
         receipts AS (SELECT * FROM json_to_recordset($2::json) \
         AS t(k int4, subject text, body_text text, body_html text)), \
         person AS (INSERT INTO rate_limit_counters (bucket, window_start, count) \
         SELECT pb, ps, 1 FROM input ORDER BY pb \
         ON CONFLICT (bucket, window_start) \
         DO UPDATE SET count = rate_limit_counters.count + 1 RETURNING bucket, count), \
         client AS (INSERT INTO rate_limit_counters (bucket, window_start, count) \
         SELECT i.cb, i.cs, 1 FROM input i JOIN person p ON p.bucket = i.pb \
         WHERE p.count <= i.pmax ORDER BY i.cb \
         ON CONFLICT (bucket, window_start) \
         DO UPDATE SET count = rate_limit_counters.count + 1 RETURNING bucket, count), \
         signed AS (INSERT INTO signatures (initiative_id, organisation_id, pid_hash, source, \
         person_id, name, birth_date, address, resident, residency_kommunenummer, \
         residency_checked_at, notify, signed_at, entered_by) \
         SELECT i.initiative_id, i.organisation_id, i.pid_hash, 'online', i.person_id, i.name, \
         i.birth_date, i.address, TRUE, i.kommunenummer, i.now, i.notify, i.now, NULL::int4 \
         FROM input i JOIN client c ON c.bucket = i.cb \
         WHERE c.count <= i.cmax AND EXISTS (SELECT 1 FROM initiatives \
         WHERE id = i.initiative_id AND status = '{collecting}' AND collection_ends >= i.today) \
         ORDER BY i.initiative_id, i.pid_hash \
         ON CONFLICT (initiative_id, pid_hash) DO NOTHING \
         RETURNING initiative_id, pid_hash), \
         mail AS (INSERT INTO mail_outbox (recipient, subject, body_text, body_html, status, \
         attempts, next_attempt_at, created_at) \
         SELECT i.recipient, r.subject, r.body_text, r.body_html, 'queued', 0, i.now, i.now \
         FROM input i JOIN signed s \
         ON s.initiative_id = i.initiative_id AND s.pid_hash = i.pid_hash \
         JOIN receipts r ON r.k = i.receipt ORDER BY i.n RETURNING id) \
         SELECT i.n, p.count AS person_count, c.count AS client_count, \
         (s.pid_hash IS NOT NULL) AS signed \
         FROM input i JOIN person p ON p.bucket = i.pb \
         LEFT JOIN client c ON c.bucket = i.cb \
         LEFT JOIN signed s ON s.initiative_id = i.initiative_id AND s.pid_hash = i.pid_hash",
        collecting = InitiativeStatus::Collecting.as_str(),
    )
});

/// The answers in the order of the attempts; every attempt has one.
fn decode(found: Vec<sea_orm::QueryResult>, len: usize) -> Result<Vec<CountedSigning>, DbErr> {
    let mut out: Vec<Option<CountedSigning>> = vec![None; len];
    for row in found {
        let n: i32 = row.try_get("", "n")?;
        let slot = out
            .get_mut(n as usize)
            .ok_or(DbErr::RecordNotFound("signing statement".into()))?;
        *slot = Some(CountedSigning {
            person_count: row.try_get("", "person_count")?,
            client_count: row.try_get("", "client_count")?,
            stored: row.try_get("", "signed")?,
        });
    }
    out.into_iter()
        .map(|c| c.ok_or(DbErr::RecordNotFound("signing statement".into())))
        .collect()
}

/// A time as PostgreSQL stores it when sqlx binds it: to the microsecond, the rest cut off.
/// Times in `sign_counted`'s JSON are parsed from text, and PostgreSQL *rounds* those to the
/// microsecond; a receipt queued at a `now` with 500 ns or more past the microsecond was then
/// due a microsecond after that same `now` bound as a parameter, and the mail worker running at
/// that `now` left it (a rate-limit window start could likewise miss its row).
fn as_bound(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::SubsecRound;
    t.trunc_subsecs(6)
}
