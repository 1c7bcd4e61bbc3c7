//! Queries and changes of hearings: the case itself, its status history, documents, sections,
//! consultees and individual extensions. Every query is filtered on the organisation, or
//! reaches the hearing through one that is.

pub mod consultees;
pub mod documents;
pub mod extensions;
pub mod lists;
pub mod sections;

pub use consultees::*;
pub use documents::*;
pub use extensions::*;
pub use lists::*;
pub use sections::*;

use crate::domain::follow::EventKind;
use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::draft::HearingDraft;
use crate::dto::hearings::HearingSummary;
use crate::ssr::db::case_events;
use crate::ssr::db::entities::{hearing, hearing_event, organisation};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

pub fn status_of(m: &hearing::Model) -> HearingStatus {
    HearingStatus::parse(&m.status).unwrap_or(HearingStatus::Draft)
}

/// The hearing's status as its dates make it at `now`.
pub fn effective_status(m: &hearing::Model, now: DateTime<Utc>) -> HearingStatus {
    status_of(m).by_dates(m.opens_at, m.deadline, now)
}

/// The hearing, if it belongs to the organisation.
pub async fn find(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<hearing::Model>, DbErr> {
    hearing::Entity::find_by_id(id)
        .filter(hearing::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// A hearing with the name of the body that decides it.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct HearingWithBody {
    #[sea_orm(nested)]
    pub hearing: hearing::Model,
    pub body_name: Option<String>,
    /// The organisation's written standard: the language the hearing is written in.
    pub written_standard: Option<String>,
}

/// A public (not draft) hearing of the organisation with this slug, with its deciding body's
/// name and the organisation's written standard, in one query.
pub async fn find_public_with_body(
    db: &impl ConnectionTrait,
    slug: &str,
    id: i32,
) -> Result<Option<HearingWithBody>, DbErr> {
    public_query(slug, id)
        .column_as(
            Expr::cust("(SELECT bodies.name FROM bodies WHERE bodies.id = hearings.body_id)"),
            "body_name",
        )
        .column_as(
            Expr::cust(
                "(SELECT organisations.written_standard FROM organisations \
                 WHERE organisations.id = hearings.organisation_id)",
            ),
            "written_standard",
        )
        .into_model::<HearingWithBody>()
        .one(db)
        .await
}

/// A public (not draft) hearing of the organisation with this slug, in one query.
pub async fn find_public(
    db: &impl ConnectionTrait,
    slug: &str,
    id: i32,
) -> Result<Option<hearing::Model>, DbErr> {
    public_query(slug, id).one(db).await
}

/// Whether the public may see it: published once, and not back in draft.
pub fn is_public(h: &hearing::Model) -> bool {
    h.published_at.is_some()
        && HearingStatus::parse(&h.status).is_some_and(HearingStatus::is_public)
}

/// The public's hearings: published once, and not back in draft (a draft that was cancelled
/// was never published and stays private).
pub fn public_only<Q: QueryFilter>(q: Q) -> Q {
    q.filter(hearing::Column::Status.ne(HearingStatus::Draft.as_str()))
        .filter(hearing::Column::PublishedAt.is_not_null())
}

fn public_query(slug: &str, id: i32) -> sea_orm::Select<hearing::Entity> {
    public_only(hearing::Entity::find_by_id(id)).filter(
        hearing::Column::OrganisationId.in_subquery(
            Query::select()
                .column(organisation::Column::Id)
                .from(organisation::Entity)
                .and_where(organisation::Column::Slug.eq(slug))
                .to_owned(),
        ),
    )
}

pub async fn insert(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    f: HearingDraft,
    created_by: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let m = hearing::ActiveModel {
        organisation_id: Set(organisation_id),
        title: Set(f.title),
        summary: Set(f.summary),
        body_md: Set(f.body_md),
        body_id: Set(f.body_id),
        case_number: Set(f.case_number),
        contact_name: Set(f.contact_name),
        contact_email: Set(f.contact_email),
        opens_at: Set(f.opens_at),
        deadline: Set(f.deadline),
        original_deadline: Set(None),
        short_reason: Set(f.short_reason),
        status: Set(HearingStatus::Draft.as_str().into()),
        outcome: Set(None),
        decision_url: Set(None),
        invitations_sent_at: Set(None),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

pub async fn update_fields(
    db: &impl ConnectionTrait,
    h: hearing::Model,
    f: HearingDraft,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut am: hearing::ActiveModel = h.into();
    am.title = Set(f.title);
    am.summary = Set(f.summary);
    am.body_md = Set(f.body_md);
    am.body_id = Set(f.body_id);
    am.case_number = Set(f.case_number);
    am.contact_name = Set(f.contact_name);
    am.contact_email = Set(f.contact_email);
    am.opens_at = Set(f.opens_at);
    am.deadline = Set(f.deadline);
    am.short_reason = Set(f.short_reason);
    am.updated_at = Set(now);
    am.update(db).await?;
    Ok(())
}

/// Moves the hearing from `from` to `to` if it is still in `from` (another process may have
/// moved it), recording who did it; `false` if it had moved already.
#[allow(clippy::too_many_arguments)] // one per recorded fact
pub async fn change_status(
    db: &impl ConnectionTrait,
    id: i32,
    from: HearingStatus,
    to: HearingStatus,
    actor: Option<i32>,
    note: &str,
    extra: Vec<(hearing::Column, sea_orm::Value)>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut upd = hearing::Entity::update_many()
        .col_expr(hearing::Column::Status, Expr::value(to.as_str()))
        .col_expr(hearing::Column::UpdatedAt, Expr::value(now));
    if from == HearingStatus::Draft && to != HearingStatus::Cancelled {
        upd = upd.col_expr(hearing::Column::PublishedAt, Expr::value(now));
    }
    for (col, val) in extra {
        upd = upd.col_expr(col, Expr::value(val));
    }
    let res = upd
        .filter(hearing::Column::Id.eq(id))
        .filter(hearing::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Ok(false);
    }
    hearing_event::ActiveModel {
        hearing_id: Set(id),
        from_status: Set(from.as_str().into()),
        to_status: Set(to.as_str().into()),
        actor_user_id: Set(actor),
        note: Set(note.into()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(kind) = EventKind::of_hearing_move(from, to)
        && let Some(h) = hearing::Entity::find_by_id(id).one(db).await?
    {
        let detail = match kind {
            EventKind::HearingOpened => serde_json::json!({ "deadline": h.deadline }),
            EventKind::HearingConcluded => {
                serde_json::json!({ "outcome": h.outcome, "url": h.decision_url })
            }
            _ => serde_json::json!({}),
        };
        case_events::record(db, h.organisation_id, kind, id, detail, None, now).await?;
    }
    Ok(true)
}

/// Hearings whose stored status the dates have overtaken (scheduled past opening, or scheduled
/// or open past the deadline).
pub async fn overtaken_by_dates(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<hearing::Model>, DbErr> {
    use hearing::Column as C;
    hearing::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(C::Status.eq(HearingStatus::Scheduled.as_str()))
                        .add(C::OpensAt.lte(now)),
                )
                .add(
                    Condition::all()
                        .add(C::Status.eq(HearingStatus::Open.as_str()))
                        .add(C::Deadline.lt(now)),
                ),
        )
        .limit(200)
        .all(db)
        .await
}

pub async fn events(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<hearing_event::Model>, DbErr> {
    hearing_event::Entity::find()
        .filter(hearing_event::Column::HearingId.eq(hearing_id))
        .order_by_asc(hearing_event::Column::Id)
        .all(db)
        .await
}
