//! Server functions of organisation administration. Each authenticates the staff user, and the
//! service checks that they are admin of this very organisation.

use crate::dto::admin::{AdminOverview, InvitationInfo, ProfileInput};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_admin_overview", input = server_fn::codec::GetUrl)]
pub async fn get_admin_overview(slug: String) -> Result<AdminOverview, AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(None).await?;
    crate::ssr::services::admin::overview(&state, &staff, &slug).await
}

/// Saves the organisation's profile; the form's fields are those of `ProfileInput`.
#[server(prefix = "/api", endpoint = "update_organisation")]
pub async fn update_organisation(
    csrf_token: String,
    slug: String,
    #[server(flatten)] input: ProfileInput,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res = crate::ssr::services::admin::update_profile(&state, &staff, &slug, &input).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "update_organisation",
            &[
                ("name", &input.name),
                ("population", &input.population),
                ("population_date", &input.population_date),
                ("written_standard", &input.written_standard),
                ("accessibility_url", &input.accessibility_url),
            ],
        )
        .await?;
    }
    res
}

#[server(prefix = "/api", endpoint = "add_body")]
pub async fn add_body(
    csrf_token: String,
    slug: String,
    body_name: String,
    body_kind: String,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::admin::add_body(&state, &staff, &slug, &body_name, &body_kind).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "add_body",
            &[("body_name", &body_name), ("body_kind", &body_kind)],
        )
        .await?;
    }
    res
}

#[server(prefix = "/api", endpoint = "remove_body")]
pub async fn remove_body(csrf_token: String, slug: String, body_id: i32) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::admin::remove_body(&state, &staff, &slug, body_id).await
}

#[server(prefix = "/api", endpoint = "invite_staff")]
pub async fn invite_staff(
    csrf_token: String,
    slug: String,
    invite_email: String,
    invite_role: String,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res =
        crate::ssr::services::admin::invite(&state, &staff, &slug, &invite_email, &invite_role)
            .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "invite_staff",
            &[
                ("invite_email", &invite_email),
                ("invite_role", &invite_role),
            ],
        )
        .await?;
    }
    res
}

/// Sends a pending invitation again with a new link (`manage` = "resend") or revokes it
/// (`manage` = "revoke").
#[server(prefix = "/api", endpoint = "manage_invitation")]
pub async fn manage_invitation(
    csrf_token: String,
    slug: String,
    invitation_id: i32,
    manage: String,
) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::admin::manage_invitation(&state, &staff, &slug, invitation_id, &manage)
        .await
}

/// Changes a member's role (`role`) or deactivates/reactivates them (`active` = "true"/"false").
#[server(prefix = "/api", endpoint = "update_member")]
pub async fn update_member(
    csrf_token: String,
    slug: String,
    user_id: i32,
    role: Option<String>,
    active: Option<String>,
) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::admin::update_member(
        &state,
        &staff,
        &slug,
        user_id,
        role.as_deref(),
        active.as_deref(),
    )
    .await
}

/// Public (the unguessable token is the credential): what the invitation is for.
#[server(prefix = "/api", endpoint = "get_invitation", input = server_fn::codec::GetUrl)]
pub async fn get_invitation(token: String) -> Result<InvitationInfo, AppError> {
    use crate::ssr::OrInternal;
    use sea_orm::EntityTrait;
    let state = crate::ssr::app_state()?;
    let now = state.clock.now();
    let inv = crate::ssr::db::staff::find_invitation(
        &state.db,
        &crate::ssr::security::tokens::token_hash(&token),
    )
    .await
    .or_internal()?
    .filter(|i| i.accepted_at.is_none() && i.expires_at > now)
    .ok_or(AppError::NotFound)?;
    let org = crate::ssr::db::entities::organisation::Entity::find_by_id(inv.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let existing = crate::ssr::db::staff::find_user_by_email(&state.db, &inv.email)
        .await
        .or_internal()?;
    Ok(InvitationInfo {
        organisation_name: org.name,
        email: inv.email,
        role: crate::domain::role::Role::parse(&inv.role).or_internal()?,
        needs_password: existing.is_none(),
    })
}

/// Public (the token is the credential): creates the account and logs the new user in.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    csrf_token: String,
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::security::auth::session().await?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    if let Err(e) =
        crate::ssr::services::users::accept_invitation(&state, &token, &name, &password).await
    {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "accept_invitation",
            &[("name", &name)],
        )
        .await?;
        return Err(e);
    }
    leptos_axum::redirect(crate::paths::STAFF_LOGIN);
    Ok(())
}

/// Sets the organisation's accent colour (empty: the default) and whether its administrators
/// must use a second factor (`require_totp` sent: yes).
#[server(prefix = "/api", endpoint = "update_branding")]
pub async fn update_branding(
    csrf_token: String,
    slug: String,
    accent_colour: String,
    require_totp: Option<String>,
) -> Result<(), AppError> {
    let (state, staff, session) =
        crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    let res = crate::ssr::services::admin::update_branding(
        &state,
        &staff,
        &slug,
        &accent_colour,
        require_totp.is_some(),
    )
    .await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "update_branding",
            &[("accent_colour", &accent_colour)],
        )
        .await?;
    }
    res
}

/// A new logo (PNG or SVG, at most 256 KB), as a multipart form whose CSRF token is a field.
#[server(prefix = "/api", endpoint = "upload_logo", input = server_fn::codec::MultipartFormData)]
pub async fn upload_logo(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    use crate::domain::organisation::branding::MAX_LOGO_BYTES;
    use crate::ssr::http::multipart;
    let (state, staff, _) = crate::ssr::security::auth::staff_request(None).await?;
    let form = multipart::read(data, MAX_LOGO_BYTES, 1).await?;
    let slug = form.get("slug").to_string();
    // The caller must be this organisation's admin before anything about the file is said.
    crate::ssr::services::admin::admin_org(&state, &staff, &slug).await?;
    if form.oversized {
        return Err(AppError::field("logo_file", "admin.brand.logo_too_large"));
    }
    let bytes = form
        .files
        .first()
        .map(|f| f.bytes.as_slice())
        .unwrap_or(&[]);
    crate::ssr::services::admin::set_logo(&state, &staff, &slug, Some(bytes)).await
}

#[server(prefix = "/api", endpoint = "remove_logo")]
pub async fn remove_logo(csrf_token: String, slug: String) -> Result<(), AppError> {
    let (state, staff, _) = crate::ssr::security::auth::staff_request(Some(&csrf_token)).await?;
    crate::ssr::services::admin::set_logo(&state, &staff, &slug, None).await
}
