//! The lists of initiatives: the public list with its filter, the organisation's staff list, a person's own, and the candidates a new proposal is compared with.

use super::*;

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
        // An organisation that no longer uses Innspill takes no signatures: none of its
        // initiatives is listed as collecting (their pages say why).
        if s == InitiativeStatus::Collecting {
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
                .add(Expr::expr(Func::lower(Expr::col(C::Ask))).like(pattern)),
        );
    }
    let paginator = q
        .order_by_desc(C::PublishedAt)
        .order_by_desc(C::Id)
        .paginate(db, std::cmp::max(per_page, 1));
    let total = paginator.num_items().await?;
    // A page past the last is empty (and never computes an offset that overflows).
    if page > total.div_ceil(std::cmp::max(per_page, 1)) {
        return Ok((Vec::new(), total));
    }
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
