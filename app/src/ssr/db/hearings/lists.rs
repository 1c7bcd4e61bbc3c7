//! The lists of hearings: the public list with its filter (status as the dates make it), summaries by id, and the organisation's staff list.

use super::*;

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
    let mut q = super::public_only(hearing::Entity::find());
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
        // An organisation that no longer uses Innspill takes no comments: none of its
        // hearings is listed as open (their pages say why).
        if s == HearingStatus::Open {
            q = q.filter(
                C::OrganisationId.not_in_subquery(crate::ssr::db::organisations::deactivated_ids()),
            );
        }
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
    // A page past the last is empty (and never computes an offset that overflows).
    if page > total.div_ceil(std::cmp::max(per_page, 1)) {
        return Ok((Vec::new(), total));
    }
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
                content_lang: crate::ssr::services::initiatives::org_lang(o),
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
