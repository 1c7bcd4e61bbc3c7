//! Server functions of the platform administrator. Each authenticates the staff user, and the
//! service checks that they are the platform administrator.

use crate::dto::platform::{NewOrganisationForm, PlatformOverview};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};

#[server(prefix = "/api", endpoint = "get_platform_overview", input = server_fn::codec::GetUrl)]
pub async fn get_platform_overview() -> Result<PlatformOverview, AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(None).await?;
    crate::ssr::services::platform::overview(&state, &staff).await
}

/// SSB's current municipalities and counties, for the form of a new organisation.
#[server(prefix = "/api", endpoint = "get_new_organisation_form", input = server_fn::codec::GetUrl)]
pub async fn get_new_organisation_form() -> Result<NewOrganisationForm, AppError> {
    let (_, staff, _) = crate::ssr::security::auth::staff_request(None).await?;
    crate::ssr::services::platform::form(&staff)
}

/// A new organisation, as a multipart form (a Statbank CSV may come with it) whose CSRF token
/// is a field; on success, on to the platform page.
#[server(prefix = "/api", endpoint = "create_organisation", input = MultipartFormData)]
pub async fn create_organisation(data: MultipartData) -> Result<(), AppError> {
    use crate::domain::organisation::onboarding::NewOrganisationInput;
    use crate::ssr::http::multipart;
    let (state, staff, session) = crate::ssr::security::auth::staff_request(None).await?;
    // Authorised before the form is read: only the platform administrator's upload is read.
    if !staff.platform_admin {
        return Err(AppError::Forbidden);
    }
    let form = multipart::read(data, 1_000_000, 1).await?;
    let res = if form.oversized {
        Err(AppError::field(
            "population_file",
            "onboarding.population_file_invalid",
        ))
    } else {
        let input = NewOrganisationInput::from_fields(|k| form.get(k).to_string());
        let csv = form.files.first().map(|f| f.bytes.as_slice());
        crate::ssr::services::platform::create(
            &state,
            crate::ssr::services::platform::Actor::Platform(&staff),
            &input,
            csv,
        )
        .await
    };
    match res {
        Ok(slug) => {
            leptos_axum::redirect(&format!(
                "{}?opprettet={}",
                crate::paths::PLATFORM,
                crate::paths::urlencode(&slug)
            ));
            Ok(())
        }
        Err(e) => {
            multipart::keep(&session, "create_organisation", &form).await?;
            Err(multipart::tell_cut(&form, e))
        }
    }
}

/// Deactivates an organisation (`active` = "false") or lets it use Innspill again ("true").
#[server(prefix = "/api", endpoint = "set_organisation_active")]
pub async fn set_organisation_active(
    csrf_token: String,
    slug: String,
    active: String,
) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    if !staff.platform_admin {
        return Err(AppError::Forbidden);
    }
    let active = match active.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::field("active", "platform.active_invalid")),
    };
    crate::ssr::services::platform::set_active(
        &state,
        crate::ssr::services::platform::Actor::Platform(&staff),
        &slug,
        active,
    )
    .await
}
