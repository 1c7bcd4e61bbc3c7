//! Signatures of initiatives, online and on paper. A signature is inserted by one statement
//! that also checks the initiative is collecting, and the unique key on (initiative, keyed hash
//! of the national id) keeps it to one per person. Signer data goes after the organisation's
//! retention period; the counts stay on the initiative. (The signing hot path on PostgreSQL,
//! which counts attempts and inserts in one statement, is in `ssr::signing::statement`.)

use crate::domain::initiative::InitiativeStatus;
use crate::ssr::db::entities::{initiative, signature};
use crate::ssr::mail::OutgoingMail;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, QueryFilter, QueryOrder, Set, Statement, TransactionTrait,
};

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
