//! Confirming a comment sent without login (by the link in its mail, within 24 hours), and its
//! receipt page.
use crate::dto::hearings::Receipt;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{hearing, organisation, submission};
use crate::ssr::db::submissions as db;
use crate::ssr::services::submissions::may_submit;
use crate::ssr::state::AppState;
use sea_orm::EntityTrait;

fn receipt_of(s: &submission::Model, h: &hearing::Model, slug: &str) -> Receipt {
    Receipt {
        reference: s.reference.clone(),
        hearing_id: h.id,
        hearing_title: h.title.clone(),
        organisation_slug: slug.to_string(),
        received_at: s.received_at,
        confirmed: s.confirmed_at.is_some(),
        // Only a comment received at once (logged in) got a receipt; one confirmed by its link
        // got the confirmation mail before and nothing after.
        emailed: s.email.is_some() && s.confirm_expires_at.is_none(),
    }
}

async fn hearing_and_slug(
    state: &AppState,
    s: &submission::Model,
) -> Result<(hearing::Model, String), AppError> {
    let h = hearing::Entity::find_by_id(s.hearing_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(h.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    Ok((h, org.slug))
}

/// The submission behind an emailed link's token, with its hearing and organisation's slug;
/// `NotFound` for an unknown link.
async fn by_token(
    state: &AppState,
    token: &str,
) -> Result<(submission::Model, hearing::Model, String), AppError> {
    let hash = crate::ssr::security::tokens::token_hash(token.trim());
    let s = db::find_by_token(&state.db, &hash)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let (h, slug) = hearing_and_slug(state, &s).await?;
    Ok((s, h, slug))
}

/// What the page behind the emailed link shows before its button is pressed: the submission's
/// receipt (confirmed already, or waiting); `NotFound` for an unknown link, and the hearing's
/// refusal when it is too late to confirm. Changes nothing: a link scanner that opens the link
/// confirms nothing.
pub async fn preview(state: &AppState, token: &str) -> Result<Receipt, AppError> {
    let (s, h, slug) = by_token(state, token).await?;
    let now = state.clock.now();
    if s.confirmed_at.is_none() && s.confirm_expires_at.is_none_or(|e| now > e) {
        may_submit(state, &h, s.email.as_deref(), now).await?;
    }
    Ok(receipt_of(&s, &h, &slug))
}

/// The button on the page behind the emailed link (a POST). Within 24 hours the submission
/// counts as received when sent; later it counts from now, if the hearing still takes
/// submissions.
pub async fn confirm(state: &AppState, token: &str) -> Result<Receipt, AppError> {
    let (s, h, slug) = by_token(state, token).await?;
    if s.confirmed_at.is_some() {
        return Ok(receipt_of(&s, &h, &slug));
    }
    let now = state.clock.now();
    let within = s.confirm_expires_at.is_some_and(|e| now <= e);
    if !within {
        may_submit(state, &h, s.email.as_deref(), now).await?;
        use sea_orm::{ActiveModelTrait, Set};
        let mut am: submission::ActiveModel = s.clone().into();
        am.received_at = Set(now);
        am.update(&state.db).await.or_internal()?;
    }
    db::confirm(&state.db, s.id, now).await.or_internal()?;
    let lang = crate::domain::lang::Lang::from_code(&s.lang).unwrap_or_default();
    super::store::follow_as_submitter(&state.db, &h, s.person_id, s.email.as_deref(), lang, now)
        .await
        .or_internal()?;
    tracing::info!(
        submission_id = s.id,
        within_a_day = within,
        "submission confirmed"
    );
    let s = db::find_by_reference(&state.db, &s.reference)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    Ok(receipt_of(&s, &h, &slug))
}

/// What the receipt page shows: the reference, and whether it waits for confirmation.
pub async fn receipt(
    state: &AppState,
    slug: &str,
    hearing_id: i32,
    reference: &str,
) -> Result<Receipt, AppError> {
    let s = db::find_by_reference(&state.db, reference.trim())
        .await
        .or_internal()?
        .filter(|s| s.hearing_id == hearing_id)
        .ok_or(AppError::NotFound)?;
    let (h, org_slug) = hearing_and_slug(state, &s).await?;
    if org_slug != slug {
        return Err(AppError::NotFound);
    }
    Ok(receipt_of(&s, &h, slug))
}
