//! Queries and changes of initiatives, their attachments and events. Every query filters on the
//! organisation or reaches the initiative through one that does. (Signatures: `signatures`.)

pub mod files;
pub use files::*;

pub mod lists;
pub use lists::*;

use crate::domain::follow::EventKind;
use crate::domain::initiative::InitiativeStatus;
use crate::ssr::db::case_events;
use crate::ssr::db::entities::{initiative, initiative_attachment, initiative_event, organisation};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
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
    /// The language it was written in (the proposer's, when they wrote it).
    pub lang: crate::domain::lang::Lang,
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
        lang: Set(Some(p.lang.code().into())),
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
    am.lang = Set(Some(p.lang.code().into()));
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
    if let Some(kind) = EventKind::of_initiative_move(from, to)
        && let Some(i) = initiative::Entity::find_by_id(id).one(db).await?
    {
        let detail = match kind {
            EventKind::InitiativePublished => {
                serde_json::json!({ "collection_ends": i.collection_ends })
            }
            EventKind::InitiativeSubmitted => serde_json::json!({ "due": i.decision_due }),
            EventKind::InitiativeDecided => serde_json::json!({
                "outcome": i.outcome_text, "url": i.minutes_url, "date": i.outcome_date,
                "status": i.status,
            }),
            _ => serde_json::json!({}),
        };
        case_events::record(db, i.organisation_id, kind, id, detail, None, now).await?;
    }
    Ok(true)
}

/// Initiatives with the council's outcome (decided, referred to a planning case, not treated)
/// or that expired, whose signer data is past the organisation's retention period from the
/// outcome (or the last day of collection).
pub async fn due_for_deletion(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<initiative::Model>, DbErr> {
    let rows = initiative::Entity::find()
        .filter(initiative::Column::SignerDataDeletedAt.is_null())
        .filter(initiative::Column::Status.is_in([
            InitiativeStatus::Decided.as_str(),
            InitiativeStatus::Referred.as_str(),
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
