//! Queries and changes of initiatives and their signatures. Every query filters on the
//! organisation or reaches the initiative through one that does. A signature is inserted by one
//! statement that also checks the initiative is collecting, and the unique key on
//! (initiative, keyed hash of the national id) keeps it to one per person.

use super::entities::{
    initiative, initiative_attachment, initiative_event, organisation, signature,
};
use crate::domain::initiative::InitiativeStatus;
use crate::ssr::mail::OutgoingMail;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend,
    DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, Statement, TransactionTrait,
};

pub fn status_of(m: &initiative::Model) -> InitiativeStatus {
    InitiativeStatus::parse(&m.status).unwrap_or(InitiativeStatus::Draft)
}

pub async fn find(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<initiative::Model>, DbErr> {
    initiative::Entity::find_by_id(id)
        .filter(initiative::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// The initiative with its organisation, if the organisation has this slug (one query).
pub async fn find_with_org(
    db: &impl ConnectionTrait,
    slug: &str,
    id: i32,
) -> Result<Option<(initiative::Model, organisation::Model)>, DbErr> {
    Ok(initiative::Entity::find_by_id(id)
        .find_also_related(organisation::Entity)
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?
        .and_then(|(i, org)| org.map(|o| (i, o))))
}

/// The fields a proposer writes.
pub struct Proposal {
    pub title: String,
    pub ask: String,
    pub justification: String,
    pub collection_ends: NaiveDate,
    pub contact_email: String,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    person_id: i32,
    p: Proposal,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let m = initiative::ActiveModel {
        organisation_id: Set(organisation_id),
        person_id: Set(person_id),
        title: Set(p.title),
        ask: Set(p.ask),
        justification: Set(p.justification),
        contact_email: Set(p.contact_email),
        status: Set(InitiativeStatus::Draft.as_str().into()),
        collection_ends: Set(p.collection_ends),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

pub async fn update_draft(
    db: &impl ConnectionTrait,
    m: initiative::Model,
    p: Proposal,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut am: initiative::ActiveModel = m.into();
    am.title = Set(p.title);
    am.ask = Set(p.ask);
    am.justification = Set(p.justification);
    am.collection_ends = Set(p.collection_ends);
    am.contact_email = Set(p.contact_email);
    am.updated_at = Set(now);
    am.update(db).await?;
    Ok(())
}

/// Who moved it: a staff user, the proposer, or (neither) the dates.
#[derive(Debug, Clone, Copy)]
pub enum Actor {
    Staff(i32),
    Person(i32),
    Dates,
}

/// A move of an initiative from one status to another, by whom, why, and what else is set.
pub struct StatusChange<'a> {
    pub from: InitiativeStatus,
    pub to: InitiativeStatus,
    pub actor: Actor,
    pub note: &'a str,
    pub extra: Vec<(initiative::Column, sea_orm::Value)>,
}

/// Moves the initiative from `change.from` to `change.to` if it is still in `from`, with the
/// extra columns set and the change recorded; `false` if it had moved meanwhile.
pub async fn change_status(
    db: &impl ConnectionTrait,
    id: i32,
    change: StatusChange<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let StatusChange {
        from,
        to,
        actor,
        note,
        extra,
    } = change;
    let mut upd = initiative::Entity::update_many()
        .col_expr(initiative::Column::Status, Expr::value(to.as_str()))
        .col_expr(initiative::Column::UpdatedAt, Expr::value(now));
    for (col, val) in extra {
        upd = upd.col_expr(col, Expr::value(val));
    }
    let res = upd
        .filter(initiative::Column::Id.eq(id))
        .filter(initiative::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Ok(false);
    }
    let (user, person) = match actor {
        Actor::Staff(u) => (Some(u), None),
        Actor::Person(p) => (None, Some(p)),
        Actor::Dates => (None, None),
    };
    initiative_event::ActiveModel {
        initiative_id: Set(id),
        from_status: Set(from.as_str().into()),
        to_status: Set(to.as_str().into()),
        actor_user_id: Set(user),
        actor_person_id: Set(person),
        note: Set(note.into()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// What a public list may be narrowed to.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub organisation_slug: Option<String>,
    pub status: Option<InitiativeStatus>,
    pub query: Option<String>,
}

/// Public initiatives (past screening), newest first, a page at a time.
pub async fn list_public(
    db: &impl ConnectionTrait,
    filter: &ListFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<(initiative::Model, organisation::Model)>, u64), DbErr> {
    use initiative::Column as C;
    let public: Vec<&str> = InitiativeStatus::ALL
        .into_iter()
        .filter(|s| s.is_public())
        .map(InitiativeStatus::as_str)
        .collect();
    let mut q = initiative::Entity::find().filter(C::Status.is_in(public));
    if let Some(slug) = &filter.organisation_slug {
        q = q.filter(
            C::OrganisationId.in_subquery(
                Query::select()
                    .column(organisation::Column::Id)
                    .from(organisation::Entity)
                    .and_where(organisation::Column::Slug.eq(slug.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(s) = filter.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(text) = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
        q = q.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(C::Title))).like(pattern.clone()))
                .add(Expr::expr(Func::lower(Expr::col(C::Ask))).like(pattern)),
        );
    }
    let paginator = q
        .order_by_desc(C::PublishedAt)
        .order_by_desc(C::Id)
        .paginate(db, std::cmp::max(per_page, 1));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.saturating_sub(1)).await?;
    let org_ids: Vec<i32> = rows.iter().map(|i| i.organisation_id).collect();
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?;
    let rows = rows
        .into_iter()
        .filter_map(|i| {
            let o = orgs.iter().find(|o| o.id == i.organisation_id)?.clone();
            Some((i, o))
        })
        .collect();
    Ok((rows, total))
}

/// Every initiative of the organisation except drafts (the proposer's own), newest first.
pub async fn list_for_staff(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<initiative::Model>, DbErr> {
    initiative::Entity::find()
        .filter(initiative::Column::OrganisationId.eq(organisation_id))
        .filter(initiative::Column::Status.ne(InitiativeStatus::Draft.as_str()))
        .order_by_desc(initiative::Column::UpdatedAt)
        .all(db)
        .await
}

/// A person's own initiatives (any status).
pub async fn list_for_person(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<Vec<(initiative::Model, organisation::Model)>, DbErr> {
    let rows = initiative::Entity::find()
        .find_also_related(organisation::Entity)
        .filter(initiative::Column::PersonId.eq(person_id))
        .order_by_desc(initiative::Column::UpdatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(i, o)| o.map(|o| (i, o)))
        .collect())
}

/// The organisation's other initiatives since `since` that have been sent for screening or
/// further: what a new proposal is compared with.
pub async fn candidates_for_similarity(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    not_id: i32,
    since: DateTime<Utc>,
) -> Result<Vec<initiative::Model>, DbErr> {
    initiative::Entity::find()
        .filter(initiative::Column::OrganisationId.eq(organisation_id))
        .filter(initiative::Column::Id.ne(not_id))
        .filter(initiative::Column::Status.is_not_in([
            InitiativeStatus::Draft.as_str(),
            InitiativeStatus::Rejected.as_str(),
        ]))
        .filter(initiative::Column::CreatedAt.gte(since))
        .all(db)
        .await
}

pub async fn attachments(
    db: &impl ConnectionTrait,
    initiative_id: i32,
) -> Result<Vec<initiative_attachment::Model>, DbErr> {
    initiative_attachment::Entity::find()
        .filter(initiative_attachment::Column::InitiativeId.eq(initiative_id))
        .order_by_asc(initiative_attachment::Column::Id)
        .all(db)
        .await
}

pub async fn insert_attachment(
    db: &impl ConnectionTrait,
    initiative_id: i32,
    file_name: &str,
    content_type: &str,
    size_bytes: i64,
    storage_key: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    initiative_attachment::ActiveModel {
        initiative_id: Set(initiative_id),
        file_name: Set(file_name.into()),
        content_type: Set(content_type.into()),
        size_bytes: Set(size_bytes),
        storage_key: Set(storage_key.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_attachment(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(initiative_attachment::Model, initiative::Model)>, DbErr> {
    let Some(a) = initiative_attachment::Entity::find_by_id(id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(initiative::Entity::find_by_id(a.initiative_id)
        .one(db)
        .await?
        .map(|i| (a, i)))
}

/// A signature to store.
pub struct NewSignature<'a> {
    pub initiative_id: i32,
    pub organisation_id: i32,
    pub pid_hash: &'a str,
    pub paper: bool,
    pub person_id: Option<i32>,
    pub name: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub address: Option<&'a str>,
    pub kommunenummer: Option<&'a str>,
    pub notify: bool,
    pub entered_by: Option<i32>,
}

/// Stores the signature if the initiative is collecting (until the end of its last day) and
/// the person has not signed it; `true` if it was stored.
pub async fn insert_signature(
    db: &impl ConnectionTrait,
    s: NewSignature<'_>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let (sql, values) = signature_insert(backend, &s, today, now);
    let res = db
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(res.rows_affected() == 1)
}

/// Inserts the signature, and when one was stored, queues `receipt` with it, in one
/// transaction (on PostgreSQL the hot path uses `sign_counted`).
pub async fn insert_signature_with_receipt(
    db: &DatabaseConnection,
    s: NewSignature<'_>,
    receipt: &OutgoingMail,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let txn = db.begin().await?;
    let stored = insert_signature(&txn, s, today, now).await?;
    if stored {
        crate::ssr::mail::queue::enqueue(&txn, receipt, now).await?;
    }
    txn.commit().await?;
    Ok(stored)
}

/// A rate-limit counter: its bucket, the start of its current window and its limit.
#[derive(Debug, Clone)]
pub struct Counter {
    pub bucket: String,
    pub window_start: DateTime<Utc>,
    pub max: i32,
}

/// One online signing attempt for `sign_counted`: the person's and the client's counters, the
/// signature as `insert_signature` would store it, and the receipt to queue when it is stored.
#[derive(Debug, Clone)]
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
    let receipts = serde_json::Value::Array(receipts).to_string();
    // Rows are counted and inserted in key order, so that two statements at once (from two
    // server processes) take their row locks in the same order.
    let sql = format!(
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
    );
    let found = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [input.into(), receipts.into()],
        ))
        .await?;
    let mut out: Vec<Option<CountedSigning>> = vec![None; jobs.len()];
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

/// The statement inserting a signature unless the person has signed or the collection is not
/// open (17 parameters).
fn signature_insert(
    backend: DbBackend,
    s: &NewSignature<'_>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> (String, Vec<sea_orm::Value>) {
    let p = |n: usize| match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_string(),
    };
    let sql = format!(
        "INSERT INTO signatures (initiative_id, organisation_id, pid_hash, source, person_id, name, \
         birth_date, address, resident, residency_kommunenummer, residency_checked_at, notify, \
         signed_at, entered_by) \
         SELECT {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {} \
         WHERE EXISTS (SELECT 1 FROM initiatives WHERE id = {} AND status = {} AND collection_ends >= {}) \
         ON CONFLICT (initiative_id, pid_hash) DO NOTHING",
        p(1),
        p(2),
        p(3),
        p(4),
        p(5),
        p(6),
        p(7),
        p(8),
        p(9),
        p(10),
        p(11),
        p(12),
        p(13),
        p(14),
        p(15),
        p(16),
        p(17)
    );
    let values: Vec<sea_orm::Value> = vec![
        s.initiative_id.into(),
        s.organisation_id.into(),
        s.pid_hash.into(),
        (if s.paper { "paper" } else { "online" }).into(),
        s.person_id.into(),
        s.name.map(str::to_string).into(),
        s.birth_date.into(),
        s.address.map(str::to_string).into(),
        true.into(),
        s.kommunenummer.map(str::to_string).into(),
        now.into(),
        s.notify.into(),
        now.into(),
        s.entered_by.into(),
        s.initiative_id.into(),
        InitiativeStatus::Collecting.as_str().into(),
        today.into(),
    ];
    (sql, values)
}

pub async fn has_signed(
    db: &impl ConnectionTrait,
    initiative_id: i32,
    pid_hash: &str,
) -> Result<bool, DbErr> {
    Ok(signature::Entity::find()
        .filter(signature::Column::InitiativeId.eq(initiative_id))
        .filter(signature::Column::PidHash.eq(pid_hash))
        .one(db)
        .await?
        .is_some())
}

/// Removes an online signature while the initiative collects; `true` if there was one.
pub async fn withdraw_signature(
    db: &impl ConnectionTrait,
    initiative_id: i32,
    pid_hash: &str,
) -> Result<bool, DbErr> {
    let res = signature::Entity::delete_many()
        .filter(signature::Column::InitiativeId.eq(initiative_id))
        .filter(signature::Column::PidHash.eq(pid_hash))
        .filter(signature::Column::Source.eq("online"))
        .filter(
            signature::Column::InitiativeId.in_subquery(
                Query::select()
                    .column(initiative::Column::Id)
                    .from(initiative::Entity)
                    .and_where(initiative::Column::Status.eq(InitiativeStatus::Collecting.as_str()))
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn signatures(
    db: &impl ConnectionTrait,
    initiative_id: i32,
) -> Result<Vec<signature::Model>, DbErr> {
    signature::Entity::find()
        .filter(signature::Column::InitiativeId.eq(initiative_id))
        .order_by_asc(signature::Column::SignedAt)
        .order_by_asc(signature::Column::Id)
        .all(db)
        .await
}

/// The people who signed and asked to hear the outcome: their person ids.
pub async fn notify_person_ids(
    db: &impl ConnectionTrait,
    initiative_id: i32,
) -> Result<Vec<i32>, DbErr> {
    Ok(signature::Entity::find()
        .filter(signature::Column::InitiativeId.eq(initiative_id))
        .filter(signature::Column::Notify.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| s.person_id)
        .collect())
}

/// Concluded initiatives whose signer data is past the organisation's retention period.
pub async fn due_for_deletion(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<initiative::Model>, DbErr> {
    let rows = initiative::Entity::find()
        .filter(initiative::Column::SignerDataDeletedAt.is_null())
        .filter(initiative::Column::Status.is_in([
            InitiativeStatus::Decided.as_str(),
            InitiativeStatus::NotTreated.as_str(),
            InitiativeStatus::Expired.as_str(),
        ]))
        .all(db)
        .await?;
    let orgs = organisation::Entity::find().all(db).await?;
    Ok(rows
        .into_iter()
        .filter(|i| {
            let months = orgs
                .iter()
                .find(|o| o.id == i.organisation_id)
                .map(|o| o.signer_retention_months)
                .unwrap_or(12);
            let months = Ord::max(months, 0) as u32;
            let from = i.outcome_date.unwrap_or(i.collection_ends);
            from.checked_add_months(chrono::Months::new(months))
                .is_some_and(|d| d <= today)
        })
        .collect())
}

/// Deletes every signature of the initiative, keeping how many there were.
pub async fn delete_signer_data(
    db: &impl ConnectionTrait,
    i: initiative::Model,
    online: i64,
    paper: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let id = i.id;
    let mut am: initiative::ActiveModel = i.into();
    am.final_online = Set(Some(online as i32));
    am.final_paper = Set(Some(paper as i32));
    am.signer_data_deleted_at = Set(Some(now));
    am.update(db).await?;
    signature::Entity::delete_many()
        .filter(signature::Column::InitiativeId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Collecting initiatives whose last day has passed.
pub async fn collection_over(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<initiative::Model>, DbErr> {
    initiative::Entity::find()
        .filter(initiative::Column::Status.eq(InitiativeStatus::Collecting.as_str()))
        .filter(initiative::Column::CollectionEnds.lt(today))
        .all(db)
        .await
}

pub async fn events(
    db: &impl ConnectionTrait,
    initiative_id: i32,
) -> Result<Vec<initiative_event::Model>, DbErr> {
    initiative_event::Entity::find()
        .filter(initiative_event::Column::InitiativeId.eq(initiative_id))
        .order_by_asc(initiative_event::Column::Id)
        .all(db)
        .await
}
