//! Queries and changes of organisations and their bodies. Every body query filters on the
//! organisation id.

use crate::domain::organisation::{BodyKind, OrgKind, WrittenStandard};
use crate::dto::organisations::{BodyDto, OrganisationDto};
use crate::ssr::db::entities::{body, organisation};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::HashMap;

fn to_dto(o: organisation::Model, bodies: Vec<body::Model>) -> OrganisationDto {
    OrganisationDto {
        id: o.id,
        slug: o.slug,
        name: o.name,
        kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Municipality),
        number: o.number,
        population: o.population,
        population_date: o.population_date,
        written_standard: WrittenStandard::parse(&o.written_standard)
            .unwrap_or(WrittenStandard::Nb),
        accessibility_url: o.accessibility_url,
        bodies: bodies
            .into_iter()
            .map(|b| BodyDto {
                id: b.id,
                name: b.name,
                kind: BodyKind::parse(&b.kind).unwrap_or(BodyKind::Other),
            })
            .collect(),
        max_collection_months: o.max_collection_months,
        signer_retention_months: o.signer_retention_months,
        screening_days: o.screening_days,
    }
}

/// All organisations with their bodies, in two queries.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<OrganisationDto>, DbErr> {
    let orgs = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?;
    let mut bodies: HashMap<i32, Vec<body::Model>> = HashMap::new();
    for b in body::Entity::find()
        .order_by_asc(body::Column::Name)
        .all(db)
        .await?
    {
        bodies.entry(b.organisation_id).or_default().push(b);
    }
    Ok(orgs
        .into_iter()
        .map(|o| {
            let bs = bodies.remove(&o.id).unwrap_or_default();
            to_dto(o, bs)
        })
        .collect())
}

pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<OrganisationDto>, DbErr> {
    let Some(o) = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let bodies = body::Entity::find()
        .filter(body::Column::OrganisationId.eq(o.id))
        .order_by_asc(body::Column::Name)
        .all(db)
        .await?;
    Ok(Some(to_dto(o, bodies)))
}

pub struct NewOrganisation<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: OrgKind,
    pub number: &'a str,
    pub population: i64,
    pub population_date: NaiveDate,
    pub written_standard: WrittenStandard,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    o: NewOrganisation<'_>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let m = organisation::ActiveModel {
        slug: Set(o.slug.into()),
        name: Set(o.name.into()),
        kind: Set(o.kind.as_str().into()),
        number: Set(o.number.into()),
        population: Set(o.population),
        population_date: Set(o.population_date),
        written_standard: Set(o.written_standard.as_str().into()),
        accessibility_url: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// Sets the organisasjonsnummer national registers are asked on behalf of.
pub async fn set_orgnr(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    orgnr: Option<&str>,
) -> Result<(), DbErr> {
    organisation::ActiveModel {
        id: Set(organisation_id),
        orgnr: Set(orgnr.map(str::to_string)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub struct ProfileChange {
    pub name: String,
    pub population: i64,
    pub population_date: NaiveDate,
    pub written_standard: WrittenStandard,
    pub accessibility_url: Option<String>,
}

pub async fn update_profile(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    c: ProfileChange,
) -> Result<(), DbErr> {
    organisation::ActiveModel {
        id: Set(organisation_id),
        name: Set(c.name),
        population: Set(c.population),
        population_date: Set(c.population_date),
        written_standard: Set(c.written_standard.as_str().into()),
        accessibility_url: Set(c.accessibility_url),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn add_body(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    name: &str,
    kind: BodyKind,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let m = body::ActiveModel {
        organisation_id: Set(organisation_id),
        name: Set(name.into()),
        kind: Set(kind.as_str().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// Removes a body of this organisation; `false` when no such body belongs to it.
pub async fn remove_body(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    body_id: i32,
) -> Result<bool, DbErr> {
    let res = body::Entity::delete_many()
        .filter(body::Column::OrganisationId.eq(organisation_id))
        .filter(body::Column::Id.eq(body_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The slug of the organisation with this id, if it exists.
pub async fn slug_of(db: &impl ConnectionTrait, id: i32) -> Result<Option<String>, DbErr> {
    Ok(organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|o| o.slug))
}
