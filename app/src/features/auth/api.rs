//! Server functions for staff login and logout.

use crate::domain::role::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipSummary {
    pub slug: String,
    pub organisation_name: String,
    pub role: Role,
}

/// The logged-in staff user as they may see themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSummary {
    pub name: String,
    pub email: String,
    pub memberships: Vec<MembershipSummary>,
}

/// Logs a staff user in. `csrf_token` is checked by the CSRF layer before this runs and once
/// more here. Wrong address or password give one message, whichever was wrong.
#[server(prefix = "/api", endpoint = "staff_login")]
pub async fn staff_login(
    csrf_token: String,
    email: String,
    password: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{auth, flash, services::staff_auth};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    crate::ssr::csrf::verify(&csrf_token)?;
    let client = crate::ssr::client_addr::current(&state);
    if let Err(e) = staff_auth::login(&state, &session, &email, password, &client).await {
        flash::keep_form_values(&session, "staff_login", &[("email", &email)]).await?;
        return Err(e);
    }
    let target = return_to
        .as_deref()
        .and_then(crate::ssr::csrf::local_path)
        .filter(|p| p.starts_with("/ansatt") || p.starts_with("/org/"))
        .unwrap_or_else(|| "/ansatt".into());
    leptos_axum::redirect(&target);
    Ok(())
}

/// Logs the staff user out (the session id is rotated; its CSRF token stays valid).
#[server(prefix = "/api", endpoint = "staff_logout")]
pub async fn staff_logout(csrf_token: String) -> Result<(), AppError> {
    let session = crate::ssr::auth::session().await?;
    crate::ssr::csrf::verify(&csrf_token)?;
    crate::ssr::services::staff_auth::logout(&session).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Public: who is logged in on this session, if anyone (only ever the caller themself).
#[server(prefix = "/api", endpoint = "current_staff_summary", input = server_fn::codec::GetUrl)]
pub async fn current_staff_summary() -> Result<Option<StaffSummary>, AppError> {
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::auth::session().await?;
    Ok(crate::ssr::auth::current_staff(&state, &session)
        .await?
        .map(|s| StaffSummary {
            name: s.name,
            email: s.email,
            memberships: s
                .memberships
                .into_iter()
                .map(|m| MembershipSummary {
                    slug: m.slug,
                    organisation_name: m.organisation_name,
                    role: m.role,
                })
                .collect(),
        }))
}

/// What a failed plain (no-JavaScript) form post had typed in, and which form it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptForm {
    pub form: String,
    pub values: Vec<(String, String)>,
}

impl KeptForm {
    /// The kept values if they belong to `form` and `failed` (the page shows that form's error).
    pub fn values_for(kept: &Option<KeptForm>, form: &str, failed: bool) -> Vec<(String, String)> {
        kept.as_ref()
            .filter(|k| failed && k.form == form)
            .map(|k| k.values.clone())
            .unwrap_or_default()
    }
}

/// Public, but only ever about the caller's own session: what they typed into a form before a
/// failed plain (no-JavaScript) post.
#[server(prefix = "/api", endpoint = "kept_form_values", input = server_fn::codec::GetUrl)]
pub async fn kept_form_values() -> Result<Option<KeptForm>, AppError> {
    let session = crate::ssr::auth::session().await?;
    Ok(crate::ssr::flash::kept_form_values(&session)
        .await?
        .map(|(form, values)| KeptForm { form, values }))
}
