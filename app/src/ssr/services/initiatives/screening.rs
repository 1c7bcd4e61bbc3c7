//! The proposer sends a draft to the organisation for screening.

use crate::domain::initiative::InitiativeStatus;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::initiative;
use crate::ssr::db::initiatives::{self as db, Actor};
use crate::ssr::mail::templates;
use crate::ssr::security::auth::Citizen;
use crate::ssr::services::commit_with_mails;
use crate::ssr::services::initiatives::{move_status, org_lang, own, staff_addresses};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Sends the draft to the organisation for screening (lawful and not abusive), which is done
/// by the date the proposer is shown.
pub async fn send_to_screening(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
) -> Result<(), AppError> {
    let (i, org) = own(state, citizen, slug, id).await?;
    InitiativeStatus::Draft
        .transition(InitiativeStatus::Screening)
        .ok()
        .filter(|_| db::status_of(&i) == InitiativeStatus::Draft)
        .ok_or_else(|| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let now = state.clock.now();
    let due = state.clock.today() + chrono::Duration::days(org.screening_days.max(1) as i64);
    let lang = org_lang(&org);
    let link = crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::staff_initiative(&org.slug, id),
    );
    let mails: Vec<_> = staff_addresses(state, org.id)
        .await?
        .into_iter()
        .map(|to| {
            templates::render(
                "initiative_screening_request",
                lang,
                &to,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "link": link,
                    "due": crate::i18n::format::date(lang, due),
                }),
            )
        })
        .collect::<Result<_, _>>()
        .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    move_status(
        &txn,
        id,
        db::StatusChange {
            from: InitiativeStatus::Draft,
            to: InitiativeStatus::Screening,
            actor: Actor::Person(citizen.person_id),
            note: "",
            extra: vec![
                (initiative::Column::SentToScreeningAt, Some(now).into()),
                (initiative::Column::ScreeningDue, Some(due).into()),
            ],
        },
        now,
    )
    .await?;
    commit_with_mails(txn, &mails, now).await?;
    tracing::info!(initiative_id = id, "initiative sent to screening");
    Ok(())
}
