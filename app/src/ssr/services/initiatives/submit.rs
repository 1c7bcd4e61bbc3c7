//! The proposer submits (fremmer) the initiative once enough residents have signed.

use crate::domain::initiative::{InitiativeStatus, decision_due};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::initiative;
use crate::ssr::db::initiatives::{self as db, Actor};
use crate::ssr::mail::templates;
use crate::ssr::security::auth::Citizen;
use crate::ssr::services::commit_with_mails;
use crate::ssr::services::initiatives::{
    move_status, org_lang, own, staff_addresses, threshold_of,
};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Submits (fremmer) the initiative: enough residents have signed. Starts the council's six
/// months and tells the organisation's staff.
pub async fn submit(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
) -> Result<(), AppError> {
    let (i, org) = own(state, citizen, slug, id).await?;
    if db::status_of(&i) != InitiativeStatus::Collecting {
        return Err(AppError::Conflict("initiative.status.not_allowed".into()));
    }
    state.signature_counts.forget(id);
    let counts = state
        .signature_counts
        .get(&state.db, id)
        .await
        .or_internal()?;
    let needed = threshold_of(&org);
    if counts.total() < needed {
        return Err(AppError::Conflict(
            "initiative.submit.below_threshold".into(),
        ));
    }
    let now = state.clock.now();
    let due = decision_due(state.clock.today());
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
                "initiative_submitted",
                lang,
                &to,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "link": link,
                    "count": counts.total(), "threshold": needed,
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
            from: InitiativeStatus::Collecting,
            to: InitiativeStatus::Submitted,
            actor: Actor::Person(citizen.person_id),
            note: &format!("{} signatures", counts.total()),
            extra: vec![
                (initiative::Column::SubmittedAt, Some(now).into()),
                (initiative::Column::DecisionDue, Some(due).into()),
            ],
        },
        now,
    )
    .await?;
    commit_with_mails(txn, &mails, now).await?;
    tracing::info!(initiative_id = id, "initiative submitted");
    Ok(())
}
