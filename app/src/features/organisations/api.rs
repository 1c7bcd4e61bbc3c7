//! Server functions and DTOs for reading organisations. Both are public: organisations and their
//! bodies are open information.

use crate::dto::organisations::{OrganisationBand, OrganisationDto};
use crate::error::AppError;
use leptos::prelude::*;

/// Public: lists every organisation on this installation.
#[server(prefix = "/api", endpoint = "list_organisations", input = server_fn::codec::GetUrl)]
pub async fn list_organisations() -> Result<Vec<OrganisationDto>, AppError> {
    use crate::ssr::OrInternal;
    let state = crate::ssr::app_state()?;
    crate::ssr::db::organisations::list(&state.db)
        .await
        .or_internal()
}

/// Public: one organisation by its slug.
#[server(prefix = "/api", endpoint = "get_organisation", input = server_fn::codec::GetUrl)]
pub async fn get_organisation(slug: String) -> Result<OrganisationDto, AppError> {
    use crate::ssr::OrInternal;
    let state = crate::ssr::app_state()?;
    crate::ssr::db::organisations::find_by_slug(&state.db, &slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// Public: the organisation's name, accessibility statement, branding and whether it still
/// uses Innspill, in one query.
#[server(prefix = "/api", endpoint = "get_organisation_band", input = server_fn::codec::GetUrl)]
pub async fn get_organisation_band(slug: String) -> Result<OrganisationBand, AppError> {
    use crate::ssr::OrInternal;
    use crate::ssr::db::entities::organisation;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = crate::ssr::app_state()?;
    let o = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug.as_str()))
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    use crate::ssr::db::organisations::{logo_url, theme_url};
    Ok(OrganisationBand {
        theme_url: theme_url(&o.slug, o.accent_colour.as_deref()),
        logo_url: logo_url(&o.slug, o.logo_key.as_deref()),
        deactivated: o.deactivated_at.is_some(),
        slug: o.slug,
        name: o.name,
        accessibility_url: o.accessibility_url,
    })
}

/// Public: what is open now, across the installation or in one organisation (slug): the
/// hearings closing soonest and the initiatives nearest their threshold.
#[server(prefix = "/api", endpoint = "open_now", input = server_fn::codec::GetUrl)]
pub async fn open_now(
    organisation: Option<String>,
) -> Result<crate::dto::organisations::OpenNow, AppError> {
    let state = crate::ssr::app_state()?;
    let organisation = organisation.filter(|o| !o.is_empty());
    crate::ssr::services::open_now::open_now(&state, organisation).await
}

/// Public: the organisation's records of processing (GDPR art. 30), with the retention the
/// worker enforces.
#[server(prefix = "/api", endpoint = "processing_records", input = server_fn::codec::GetUrl)]
pub async fn processing_records(
    slug: String,
) -> Result<crate::dto::organisations::ProcessingRecords, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::records::records(&state, &slug).await
}
