//! Who follows which case: following and leaving, confirming an address, and the batches the
//! fan-out walks through (by id, so a batch is never read twice).

use crate::domain::follow::{Cadence, CaseKind, Reason};
use crate::domain::lang::Lang;
use crate::ssr::db::entities::follow::{self, Column};
use crate::ssr::db::entities::person;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The case a follow is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    pub organisation_id: i32,
    pub kind: CaseKind,
    pub id: i32,
}

/// A new follow by a person (confirmed at once: they are logged in).
pub struct PersonFollow<'a> {
    pub case: Case,
    pub person_id: i32,
    /// Another address than the person's own (a proposer's contact address).
    pub email: Option<&'a str>,
    pub lang: Lang,
    pub cadence: Cadence,
    pub reason: Reason,
}

fn of_case(kind: CaseKind, id: i32) -> Condition {
    Condition::all()
        .add(Column::CaseKind.eq(kind.as_str()))
        .add(Column::CaseId.eq(id))
}

/// The person's follow of the case, if any.
pub async fn of_person(
    db: &impl ConnectionTrait,
    kind: CaseKind,
    case_id: i32,
    person_id: i32,
) -> Result<Option<follow::Model>, DbErr> {
    follow::Entity::find()
        .filter(of_case(kind, case_id))
        .filter(Column::PersonId.eq(person_id))
        .one(db)
        .await
}

/// Follows the case as the person; an existing follow is kept (`Ok(false)`), except that an
/// explicit follow replaces the reason of an implicit one.
pub async fn follow_person(
    db: &impl ConnectionTrait,
    f: PersonFollow<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    if let Some(existing) = of_person(db, f.case.kind, f.case.id, f.person_id).await? {
        if f.reason == Reason::Follow && existing.reason != Reason::Follow.as_str() {
            let mut am: follow::ActiveModel = existing.into();
            am.reason = Set(Reason::Follow.as_str().into());
            am.cadence = Set(f.cadence.as_str().into());
            am.update(db).await?;
        }
        return Ok(false);
    }
    let res = follow::ActiveModel {
        organisation_id: Set(f.case.organisation_id),
        case_kind: Set(f.case.kind.as_str().into()),
        case_id: Set(f.case.id),
        person_id: Set(Some(f.person_id)),
        email: Set(f.email.map(str::to_string)),
        lang: Set(f.lang.code().into()),
        cadence: Set(f.cadence.as_str().into()),
        reason: Set(f.reason.as_str().into()),
        confirm_hash: Set(None),
        confirmed_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    match res {
        Ok(_) => Ok(true),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// An address's follow of the case (confirmed or not), if any.
pub async fn of_address(
    db: &impl ConnectionTrait,
    kind: CaseKind,
    case_id: i32,
    email: &str,
) -> Result<Option<follow::Model>, DbErr> {
    follow::Entity::find()
        .filter(of_case(kind, case_id))
        .filter(Column::Email.eq(email))
        .one(db)
        .await
}

/// A follow by an address alone, waiting for its confirmation link (`confirm_hash`).
#[allow(clippy::too_many_arguments)]
pub async fn follow_address(
    db: &impl ConnectionTrait,
    case: Case,
    email: &str,
    lang: Lang,
    cadence: Cadence,
    reason: Reason,
    confirm_hash: Option<&str>,
    now: DateTime<Utc>,
) -> Result<follow::Model, DbErr> {
    follow::ActiveModel {
        organisation_id: Set(case.organisation_id),
        case_kind: Set(case.kind.as_str().into()),
        case_id: Set(case.id),
        person_id: Set(None),
        email: Set(Some(email.into())),
        lang: Set(lang.code().into()),
        cadence: Set(cadence.as_str().into()),
        reason: Set(reason.as_str().into()),
        confirm_hash: Set(confirm_hash.map(str::to_string)),
        confirmed_at: Set(confirm_hash.is_none().then_some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The unconfirmed follow whose link carries the token with this hash.
pub async fn by_confirm_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<follow::Model>, DbErr> {
    follow::Entity::find()
        .filter(Column::ConfirmHash.eq(hash))
        .one(db)
        .await
}

/// Confirms the follow: from now on it hears of the case's events.
pub async fn confirm(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    follow::Entity::update_many()
        .col_expr(Column::ConfirmedAt, Expr::value(now))
        .col_expr(Column::ConfirmHash, Expr::value(Option::<String>::None))
        .col_expr(Column::CreatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<follow::Model>, DbErr> {
    follow::Entity::find_by_id(id).one(db).await
}

/// Deletes the follows with these ids; how many went.
pub async fn delete(db: &impl ConnectionTrait, ids: &[i64]) -> Result<u64, DbErr> {
    Ok(follow::Entity::delete_many()
        .filter(Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?
        .rows_affected)
}

/// Every follow that mails the same recipient as `f` (the same person, or the same address).
pub async fn same_recipient(
    db: &impl ConnectionTrait,
    f: &follow::Model,
) -> Result<Vec<follow::Model>, DbErr> {
    let cond = match (f.person_id, &f.email) {
        (Some(p), _) => Condition::all().add(Column::PersonId.eq(p)),
        (None, Some(e)) => Condition::all()
            .add(Column::PersonId.is_null())
            .add(Column::Email.eq(e.as_str())),
        (None, None) => Condition::all().add(Column::Id.eq(f.id)),
    };
    follow::Entity::find().filter(cond).all(db).await
}

/// The person's follows, newest first.
pub async fn of_person_all(
    db: &impl ConnectionTrait,
    person_id: i32,
) -> Result<Vec<follow::Model>, DbErr> {
    follow::Entity::find()
        .filter(Column::PersonId.eq(person_id))
        .order_by_desc(Column::Id)
        .all(db)
        .await
}

/// Sets how often the follow hears.
pub async fn set_cadence(
    db: &impl ConnectionTrait,
    id: i64,
    cadence: Cadence,
) -> Result<(), DbErr> {
    follow::Entity::update_many()
        .col_expr(Column::Cadence, Expr::value(cadence.as_str()))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the unconfirmed follows created before `before`; how many.
pub async fn prune_unconfirmed(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(follow::Entity::delete_many()
        .filter(Column::ConfirmedAt.is_null())
        .filter(Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// A follower the fan-out reaches: the follow and the address it mails.
pub struct Recipient {
    pub follow: follow::Model,
    pub address: String,
}

/// One batch of a case's followers.
pub struct Batch {
    /// The followers with an address to mail.
    pub recipients: Vec<Recipient>,
    /// The highest follow id read (the cursor moves past follows without an address too).
    pub last: Option<i64>,
    /// How many follows were read: fewer than asked for means the last batch.
    pub read: usize,
}

/// The next confirmed follows of the case after follow id `after`, that followed before
/// `until` (the event's time), with the address each mails.
pub async fn batch(
    db: &impl ConnectionTrait,
    kind: CaseKind,
    case_id: i32,
    after: i64,
    until: DateTime<Utc>,
    size: u64,
) -> Result<Batch, DbErr> {
    let rows = follow::Entity::find()
        .filter(of_case(kind, case_id))
        .filter(Column::Id.gt(after))
        .filter(Column::ConfirmedAt.is_not_null())
        .filter(Column::CreatedAt.lte(until))
        .order_by_asc(Column::Id)
        .limit(size)
        .all(db)
        .await?;
    let last = rows.last().map(|f| f.id);
    let read = rows.len();
    let recipients = with_addresses(db, rows).await?;
    Ok(Batch {
        recipients,
        last,
        read,
    })
}

/// The follows that have an address to mail, with it.
pub async fn with_addresses(
    db: &impl ConnectionTrait,
    rows: Vec<follow::Model>,
) -> Result<Vec<Recipient>, DbErr> {
    let addresses = addresses_of(db, &rows).await?;
    Ok(rows
        .into_iter()
        .filter_map(|f| {
            let address = f
                .email
                .clone()
                .or_else(|| f.person_id.and_then(|p| addresses.get(&p).cloned()))?;
            Some(Recipient { follow: f, address })
        })
        .collect())
}

/// Whether a person's follow of the case already mails `email` (their confirmed address).
pub async fn person_follow_mails(
    db: &impl ConnectionTrait,
    kind: CaseKind,
    case_id: i32,
    email: &str,
) -> Result<bool, DbErr> {
    let persons: Vec<i32> = person::Entity::find()
        .filter(person::Column::Email.eq(email))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if persons.is_empty() {
        return Ok(false);
    }
    Ok(follow::Entity::find()
        .filter(of_case(kind, case_id))
        .filter(Column::PersonId.is_in(persons))
        .one(db)
        .await?
        .is_some())
}

/// The confirmed addresses of the persons behind these follows.
pub async fn addresses_of(
    db: &impl ConnectionTrait,
    follows: &[follow::Model],
) -> Result<HashMap<i32, String>, DbErr> {
    let ids: Vec<i32> = follows
        .iter()
        .filter(|f| f.email.is_none())
        .filter_map(|f| f.person_id)
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for p in person::Entity::find()
            .filter(person::Column::Id.is_in(chunk.iter().copied()))
            .filter(person::Column::Email.is_not_null())
            .all(db)
            .await?
        {
            if let Some(e) = p.email {
                out.insert(p.id, e);
            }
        }
    }
    Ok(out)
}

/// Deletes the follows of cases that ended (a hearing concluded or cancelled; an initiative
/// decided, referred, not treated or expired) more than `days` before `now`: nothing more will
/// happen to them to tell anyone about. How many went.
pub async fn prune_finished(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    days: i64,
) -> Result<u64, DbErr> {
    use crate::domain::hearing::HearingStatus as H;
    use crate::domain::initiative::InitiativeStatus as I;
    use crate::ssr::db::entities::{hearing, initiative};
    let before = now - chrono::Duration::days(days);
    let hearings: Vec<i32> = hearing::Entity::find()
        .filter(hearing::Column::Status.is_in([H::Concluded.as_str(), H::Cancelled.as_str()]))
        .filter(hearing::Column::UpdatedAt.lt(before))
        .all(db)
        .await?
        .into_iter()
        .map(|h| h.id)
        .collect();
    let initiatives: Vec<i32> = initiative::Entity::find()
        .filter(initiative::Column::Status.is_in([
            I::Decided.as_str(),
            I::Referred.as_str(),
            I::NotTreated.as_str(),
            I::Expired.as_str(),
        ]))
        .filter(initiative::Column::UpdatedAt.lt(before))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let mut gone = 0;
    for (kind, ids) in [
        (CaseKind::Hearing, hearings),
        (CaseKind::Initiative, initiatives),
    ] {
        for chunk in ids.chunks(500) {
            gone += follow::Entity::delete_many()
                .filter(Column::CaseKind.eq(kind.as_str()))
                .filter(Column::CaseId.is_in(chunk.iter().copied()))
                .exec(db)
                .await?
                .rows_affected;
        }
    }
    Ok(gone)
}
