//! Deadlines: extending a hearing's deadline for everyone, or granting one submitter an
//! extension.
use crate::domain::follow::EventKind;
use crate::domain::hearing::HearingStatus;
use crate::domain::hearing::parts::{Grant, GrantForm};
use crate::domain::moment::{Moment, MomentKind};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::hearing as hearing_row;
use crate::ssr::db::hearings as db;
use crate::ssr::db::{audit, case_events};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::status_by_dates as hearing_status;
use crate::ssr::services::hearings::{EDITORS, hearing_of, staff_org};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};

/// A new, later deadline for everyone, announced on the page. A hearing closed by its old
/// deadline opens again.
pub async fn extend_deadline(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    date: &str,
    time: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let new = Moment::parse_pair(
        ("extend_date", date),
        ("extend_time", time),
        MomentKind::Deadline,
    )?;
    if new <= h.deadline {
        return Err(AppError::field("extend_date", "hearing.extend.not_later"));
    }
    let now = state.clock.now();
    let status = db::effective_status(&h, now);
    if !matches!(
        status,
        HearingStatus::Scheduled | HearingStatus::Open | HearingStatus::Closed
    ) {
        return Err(AppError::Conflict("hearing.status.not_allowed".into()));
    }
    hearing_status::sync_one(state, h.clone()).await?;
    let h = hearing_of(state, &org, id).await?;
    let stored = db::status_of(&h);
    let original = h.original_deadline.unwrap_or(h.deadline);
    let note = format!(
        "deadline {} -> {}",
        h.deadline.to_rfc3339(),
        new.to_rfc3339()
    );
    // A hearing closed by its old deadline opens again; otherwise the history notes the move.
    let to = match stored {
        HearingStatus::Closed => HearingStatus::Open,
        other => other,
    };
    let txn = state.db.begin().await.or_internal()?;
    let mut am: hearing_row::ActiveModel = h.into();
    am.deadline = Set(new);
    am.original_deadline = Set(Some(original));
    am.updated_at = Set(now);
    am.update(&txn).await.or_internal()?;
    db::change_status(
        &txn,
        id,
        stored,
        to,
        Some(staff.user_id),
        &note,
        vec![],
        now,
    )
    .await
    .or_internal()?;
    case_events::record(
        &txn,
        org.id,
        EventKind::HearingExtended,
        id,
        serde_json::json!({ "deadline": new }),
        None,
        now,
    )
    .await
    .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "hearing_extend",
            detail: &format!("hearing {id}"),
        },
        now,
    )
    .await
}

/// A later deadline for one named submitter, who is known by their email address.
pub async fn grant_extension(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &GrantForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let Grant { name, email, until } = Grant::parse(
        (&form.grant_name, &form.grant_email),
        (&form.grant_date, &form.grant_time),
        h.deadline,
    )?;
    let now = state.clock.now();
    db::grant_extension(
        &state.db,
        id,
        email.as_str(),
        &name,
        until,
        staff.user_id,
        now,
    )
    .await
    .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_grant_extension",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()
}
