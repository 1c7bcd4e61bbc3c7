//! Staff screen a proposal: publish it, or reject it for unlawful or abusive content — never
//! for its politics — with the reason sent to the proposer.

use crate::domain::follow::{Cadence, CaseKind, Reason};
use crate::domain::initiative::InitiativeStatus;
use crate::domain::initiative::screening::Verdict;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{initiative, organisation};
use crate::ssr::db::follows::{self, Case, PersonFollow};
use crate::ssr::db::initiatives::{self as db, Actor};
use crate::ssr::mail::{OutgoingMail, templates};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::initiatives::staff::{initiative_of, org_of};
use crate::ssr::services::initiatives::{move_status, org_lang};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Publishes the initiative for signing (`action` `publish`), or rejects it with a reason the
/// proposer is sent.
pub async fn screen(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    action: &str,
    reason: &str,
) -> Result<(), AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let to = Verdict::status(action);
    db::status_of(&i)
        .transition(to)
        .map_err(|_| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let verdict = Verdict::parse(action, reason)?;
    let now = state.clock.now();
    let (mail, extra) = match &verdict {
        Verdict::Publish => (
            None,
            vec![(initiative::Column::PublishedAt, Some(now).into())],
        ),
        Verdict::Reject { reason } => (
            Some(rejection_mail(&i, &org, reason)?),
            vec![(
                initiative::Column::RejectedReason,
                Some(reason.clone()).into(),
            )],
        ),
    };
    let txn = state.db.begin().await.or_internal()?;
    move_status(
        &txn,
        id,
        db::StatusChange {
            from: InitiativeStatus::Screening,
            to,
            actor: Actor::Staff(staff.user_id),
            note: reason.trim(),
            extra,
        },
        now,
    )
    .await?;
    // The proposer hears of their initiative from now on, at their contact address.
    if verdict == Verdict::Publish {
        follows::follow_person(
            &txn,
            PersonFollow {
                case: Case {
                    organisation_id: org.id,
                    kind: CaseKind::Initiative,
                    id,
                },
                person_id: i.person_id,
                email: Some(&i.contact_email),
                lang: org_lang(&org),
                cadence: Cadence::Immediate,
                reason: Reason::Proposed,
            },
            now,
        )
        .await
        .or_internal()?;
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

/// The mail that tells the proposer why their initiative was rejected.
fn rejection_mail(
    i: &initiative::Model,
    org: &organisation::Model,
    reason: &str,
) -> Result<OutgoingMail, AppError> {
    templates::render(
        "initiative_rejected",
        org_lang(org),
        &i.contact_email,
        serde_json::json!({
            "title": i.title, "organisation": org.name, "reason": reason,
        }),
    )
    .or_internal()
}
