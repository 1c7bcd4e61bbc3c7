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
    let logo = logo_url(&o.slug, o.logo_key.as_deref());
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
        name_nn: o.name_nn,
        name_sami: o.name_sami,
        deactivated_at: o.deactivated_at,
        require_totp: o.require_totp,
        logo_url: logo,
        accent_colour: o.accent_colour,
    }
}

/// The logo's address, its stored key's last part making it a new address for a new logo (so
/// it can be cached for long).
pub fn logo_url(slug: &str, logo_key: Option<&str>) -> Option<String> {
    let version = logo_key?.rsplit('/').next()?;
    Some(crate::paths::organisation_logo(slug, version))
}

/// The theme stylesheet's address for an accent colour, the colour in it as its version.
pub fn theme_url(slug: &str, accent_colour: Option<&str>) -> Option<String> {
    let colour = accent_colour?;
    Some(crate::paths::organisation_theme(
        slug,
        colour.trim_start_matches('#'),
    ))
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

/// A new organisation as the platform administrator described it, with its bodies; its id.
pub async fn onboard(
    db: &impl ConnectionTrait,
    o: &crate::domain::organisation::onboarding::NewOrganisation,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let m = organisation::ActiveModel {
        slug: Set(o.slug.clone()),
        name: Set(o.profile.name.clone()),
        kind: Set(o.kind.as_str().into()),
        number: Set(o.number.as_str().into()),
        population: Set(o.profile.population),
        population_date: Set(o.profile.population_date),
        written_standard: Set(o.profile.written_standard.as_str().into()),
        accessibility_url: Set(None),
        created_at: Set(now),
        max_collection_months: Set(o.rules.max_collection_months),
        signer_retention_months: Set(o.rules.signer_retention_months),
        screening_days: Set(o.rules.screening_days),
        name_nn: Set(o.name_nn.clone()),
        name_sami: Set(o.name_sami.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (name, kind) in &o.bodies {
        add_body(db, m.id, name, *kind, now).await?;
    }
    Ok(m.id)
}

/// Whether an organisation has this slug or this number already: (slug taken, number taken).
pub async fn taken(
    db: &impl ConnectionTrait,
    slug: &str,
    number: &str,
) -> Result<(bool, bool), DbErr> {
    let found = organisation::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(organisation::Column::Slug.eq(slug))
                .add(organisation::Column::Number.eq(number)),
        )
        .all(db)
        .await?;
    Ok((
        found.iter().any(|o| o.slug == slug),
        found.iter().any(|o| o.number == number),
    ))
}

/// The organisation's row by slug (for what the DTO does not carry, such as the logo's key).
pub async fn model_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// Marks the organisation as no longer using Innspill (`Some(when)`) or using it again.
pub async fn set_deactivated(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    organisation::ActiveModel {
        id: Set(organisation_id),
        deactivated_at: Set(at),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The organisation's branding and security settings.
pub struct Branding {
    pub accent_colour: Option<String>,
    pub require_totp: bool,
}

pub async fn set_branding(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    b: Branding,
) -> Result<(), DbErr> {
    organisation::ActiveModel {
        id: Set(organisation_id),
        accent_colour: Set(b.accent_colour),
        require_totp: Set(b.require_totp),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Sets (or with `None` removes) the organisation's logo: its stored key and content type.
pub async fn set_logo(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    logo: Option<(String, String)>,
) -> Result<(), DbErr> {
    let (key, kind) = logo.unzip();
    organisation::ActiveModel {
        id: Set(organisation_id),
        logo_key: Set(key),
        logo_type: Set(kind),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The ids of organisations that no longer use Innspill (a subquery for the lists of what is
/// open).
pub fn deactivated_ids() -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .and_where(organisation::Column::DeactivatedAt.is_not_null())
        .to_owned()
}
