//! The organisation's branding and security settings, for its admin: an accent colour (refused
//! when text in it on white would fail WCAG AA), a logo (PNG or SVG, judged by its content),
//! and whether its administrators must use a second factor. Each change is in the audit log.

use super::admin_org;
use crate::domain::field_errors::FieldErrors;
use crate::domain::organisation::branding::{AccentColour, check_logo};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::organisations::{self, Branding};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Sets the accent colour (empty: Designsystemet's own) and the second-factor rule.
pub async fn update_branding(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    accent_colour: &str,
    require_totp: bool,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    let colour = if accent_colour.trim().is_empty() {
        None
    } else {
        Some(
            AccentColour::parse(accent_colour)
                .map_err(|e| FieldErrors::one("accent_colour", AccentColour::message_key(e)))?
                .hex(),
        )
    };
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    organisations::set_branding(
        &txn,
        org.id,
        Branding {
            accent_colour: colour.clone(),
            require_totp,
        },
    )
    .await
    .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "organisation_branding",
            detail: &format!(
                "colour {}, second factor {}",
                colour.as_deref().unwrap_or("default"),
                if require_totp { "required" } else { "optional" }
            ),
        },
        now,
    )
    .await
}

/// Stores a new logo (checked by its content) in place of the old one, or removes it
/// (`bytes` = `None`).
pub async fn set_logo(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    bytes: Option<&[u8]>,
) -> Result<(), AppError> {
    let org = admin_org(state, staff, slug).await?;
    let old = organisations::model_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .and_then(|o| o.logo_key);
    let new = match bytes {
        Some(b) => {
            let kind = check_logo(b).map_err(|e| FieldErrors::one("logo_file", e.message_key()))?;
            let key = state.files.put(b).await.or_internal()?;
            Some((key, kind.content_type().to_string()))
        }
        None => None,
    };
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    organisations::set_logo(&txn, org.id, new.clone())
        .await
        .or_internal()?;
    let stored = record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "organisation_logo",
            detail: if new.is_some() {
                "new logo"
            } else {
                "logo removed"
            },
        },
        now,
    )
    .await;
    // The file that lost: the new one when nothing was stored, otherwise the old one.
    let loser = if stored.is_ok() {
        old
    } else {
        new.map(|(k, _)| k)
    };
    if let Some(key) = loser
        && let Err(e) = state.files.delete(&key).await
    {
        tracing::warn!(error = %e, "an organisation's replaced logo could not be deleted");
    }
    stored
}
