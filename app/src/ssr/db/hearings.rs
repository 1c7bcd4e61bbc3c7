//! Queries and changes of hearings: the case itself, its status history, documents, sections,
//! consultees and individual extensions. Every query is filtered on the organisation, or
//! reaches the hearing through one that is.

pub mod consultees;
pub mod documents;
pub mod extensions;
pub mod sections;

pub use consultees::*;
pub use documents::*;
pub use extensions::*;
pub use sections::*;

use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::draft::HearingDraft;
use crate::dto::hearings::HearingSummary;
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
}

/// A public (not draft) hearing of the organisation with this slug, with its deciding body's
/// name, in one query.
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

fn public_query(slug: &str, id: i32) -> sea_orm::Select<hearing::Entity> {
    hearing::Entity::find_by_id(id)
        .filter(hearing::Column::Status.ne(HearingStatus::Draft.as_str()))
        .filter(
            hearing::Column::OrganisationId.in_subquery(
                Query::select()
                    .column(organisation::Column::Id)
                    .from(organisation::Entity)
                    .and_where(organisation::Column::Slug.eq(slug))
                    .to_owned(),
            ),
        )
}

/// Conditions on the stored status and dates that give the effective status `s` at `now`.
fn status_condition(s: HearingStatus, now: DateTime<Utc>) -> Condition {
    use hearing::Column as C;
    let dated = [
        HearingStatus::Scheduled.as_str(),
        HearingStatus::Open.as_str(),
    ];
    match s {
        HearingStatus::Open => Condition::all()
            .add(C::Status.is_in(dated))
            .add(C::OpensAt.lte(now))
            .add(C::Deadline.gte(now)),
        HearingStatus::Scheduled => Condition::all()
            .add(C::Status.eq(HearingStatus::Scheduled.as_str()))
            .add(C::OpensAt.gt(now))
            .add(C::Deadline.gte(now)),
        HearingStatus::Closed => Condition::any()
            .add(C::Status.eq(HearingStatus::Closed.as_str()))
            .add(
                Condition::all()
                    .add(C::Status.is_in(dated))
                    .add(C::Deadline.lt(now)),
            ),
        other => Condition::all().add(C::Status.eq(other.as_str())),
    }
}

/// What a public list may be narrowed to.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub organisation_slug: Option<String>,
    pub status: Option<HearingStatus>,
    pub query: Option<String>,
}

/// Public hearings (never drafts), a page at a time: open ones by the nearest deadline, the
/// rest newest first. Two queries (count and page) plus one for the organisations' names.
pub async fn list_public(
    db: &impl ConnectionTrait,
    filter: &ListFilter,
    now: DateTime<Utc>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<HearingSummary>, u64), DbErr> {
    use hearing::Column as C;
    let mut q = hearing::Entity::find().filter(C::Status.ne(HearingStatus::Draft.as_str()));
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
        q = q.filter(status_condition(s, now));
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
                .add(Expr::expr(Func::lower(Expr::col(C::Summary))).like(pattern)),
        );
    }
    q = if filter.status == Some(HearingStatus::Open) {
        q.order_by_asc(C::Deadline)
    } else {
        q.order_by_desc(C::Deadline)
    }
    .order_by_asc(C::Id);
    let paginator = q.paginate(db, std::cmp::max(per_page, 1));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.saturating_sub(1)).await?;
    Ok((summaries(db, rows, now).await?, total))
}

/// Hearings with their organisation's slug and name (one more query for all of them).
pub async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<hearing::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<HearingSummary>, DbErr> {
    let ids: Vec<i32> = rows.iter().map(|h| h.organisation_id).collect();
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|h| {
            let o = orgs.iter().find(|o| o.id == h.organisation_id)?;
            Some(HearingSummary {
                id: h.id,
                organisation_slug: o.slug.clone(),
                organisation_name: o.name.clone(),
                status: effective_status(&h, now),
                title: h.title,
                summary: h.summary,
                opens_at: h.opens_at,
                deadline: h.deadline,
            })
        })
        .collect())
}

/// Every hearing of the organisation, drafts included, newest first.
pub async fn list_for_staff(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<hearing::Model>, DbErr> {
    hearing::Entity::find()
        .filter(hearing::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(hearing::Column::CreatedAt)
        .order_by_desc(hearing::Column::Id)
        .all(db)
        .await
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
