//! Server functions and DTOs for reading organisations. Both are public: organisations and their
//! bodies are open information.

use crate::domain::organisation::{BodyKind, OrgKind, WrittenStandard};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyDto {
    pub id: i32,
    pub name: String,
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDto {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub kind: OrgKind,
    /// Kommunenummer (4 digits) or fylkesnummer (2 digits).
    pub number: String,
    pub population: i64,
    pub population_date: NaiveDate,
    pub written_standard: WrittenStandard,
    pub accessibility_url: Option<String>,
    pub bodies: Vec<BodyDto>,
    /// The longest collection period a proposer may set for an initiative (at most 12).
    pub max_collection_months: i32,
    /// How long signer data of a concluded initiative is kept.
    pub signer_retention_months: i32,
    /// How many days staff take to screen a new initiative (shown to the proposer).
    pub screening_days: i32,
}

/// Public: lists every organisation on this installation.
#[server(prefix = "/api", endpoint = "list_organisations", input = server_fn::codec::GetUrl)]
pub async fn list_organisations() -> Result<Vec<OrganisationDto>, AppError> {
    use crate::ssr::internal::OrInternal;
    let state = crate::ssr::app_state()?;
    crate::ssr::db::organisations::list(&state.db)
        .await
        .or_internal()
}

/// Public: one organisation by its slug.
#[server(prefix = "/api", endpoint = "get_organisation", input = server_fn::codec::GetUrl)]
pub async fn get_organisation(slug: String) -> Result<OrganisationDto, AppError> {
    use crate::ssr::internal::OrInternal;
    let state = crate::ssr::app_state()?;
    crate::ssr::db::organisations::find_by_slug(&state.db, &slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// What the band above an organisation's pages shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationBand {
    pub slug: String,
    pub name: String,
    pub accessibility_url: Option<String>,
}

/// Public: the organisation's name and accessibility statement, in one query.
#[server(prefix = "/api", endpoint = "get_organisation_band", input = server_fn::codec::GetUrl)]
pub async fn get_organisation_band(slug: String) -> Result<OrganisationBand, AppError> {
    use crate::ssr::db::entities::organisation;
    use crate::ssr::internal::OrInternal;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = crate::ssr::app_state()?;
    let o = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug.as_str()))
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    Ok(OrganisationBand {
        slug: o.slug,
        name: o.name,
        accessibility_url: o.accessibility_url,
    })
}
