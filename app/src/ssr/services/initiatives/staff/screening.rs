//! Staff screen a proposal: publish it, or reject it for unlawful or abusive content — never
//! for its politics — with the reason sent to the proposer.

use crate::domain::initiative::InitiativeStatus;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::initiative;
use crate::ssr::db::initiatives::{self as db, Actor};
use crate::ssr::mail::templates;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::initiatives::org_lang;
use crate::ssr::services::initiatives::staff::{initiative_of, org_of};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Publishes the initiative for signing, or rejects it with a reason the proposer is sent.
pub async fn screen(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    publish: bool,
    reason: &str,
) -> Result<(), AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let to = if publish {
        InitiativeStatus::Collecting
    } else {
        InitiativeStatus::Rejected
    };
    db::status_of(&i)
        .transition(to)
        .map_err(|_| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let reason = reason.trim();
    if !publish && !(10..=2000).contains(&reason.chars().count()) {
        return Err(AppError::field(
            "reason",
            "initiative.screen.reason_required",
        ));
    }
    let now = state.clock.now();
    let lang = org_lang(&org);
    let mail = if publish {
        None
    } else {
        Some(
            templates::render(
                "initiative_rejected",
                lang,
                &i.contact_email,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "reason": reason,
                }),
            )
            .or_internal()?,
        )
    };
    let extra = if publish {
        vec![(initiative::Column::PublishedAt, Some(now).into())]
    } else {
        vec![(
            initiative::Column::RejectedReason,
            Some(reason.to_string()).into(),
        )]
    };
    let txn = state.db.begin().await.or_internal()?;
    if !db::change_status(
        &txn,
        id,
        db::StatusChange {
            from: InitiativeStatus::Screening,
            to,
            actor: Actor::Staff(staff.user_id),
            note: reason,
            extra,
        },
        now,
    )
    .await
    .or_internal()?
    {
        return Err(AppError::Conflict(
            "initiative.status.changed_meanwhile".into(),
        ));
    }
    record_transition(
        txn,
        &mail,
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "initiative_screen",
            detail: &format!("initiative {id} {}", to.as_str()),
        },
        now,
    )
    .await
}
