//! What needs action in an organisation, for the staff dashboard and the staff digests: hearing
//! submissions waiting for screening (for everyone who screens), and — for those who handle
//! hearings and initiatives — proposals to screen, hearings closing, collections ending and the
//! council's deadlines, within 30 days or overdue. `notices` sends each staff member the digest
//! they chose.

pub mod notices;

use crate::domain::hearing::HearingStatus;
use crate::domain::initiative::InitiativeStatus;
use crate::domain::role::Role;
use crate::dto::dashboard::{ActionItem, ActionKind, Dashboard};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{hearing, initiative, submission};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::staff_org;
use crate::ssr::services::screening::SCREENERS;
use crate::ssr::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

/// How far ahead a deadline counts as coming up.
pub const HORIZON_DAYS: i64 = 30;

/// The dashboard of the organisation for `staff` (who screens there; others are refused).
pub async fn dashboard(state: &AppState, staff: &Staff, slug: &str) -> Result<Dashboard, AppError> {
    let org = staff_org(state, staff, slug, SCREENERS).await?;
    let role = staff.require(org.id, SCREENERS)?;
    let items = needs_action(&state.db, org.id, &org.slug, role, state.clock.now())
        .await
        .or_internal()?;
    let notices = notices::choices(&state.db, staff.user_id, org.id)
        .await
        .or_internal()?;
    Ok(Dashboard {
        organisation: org.name,
        items,
        notices,
    })
}

fn oslo_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&chrono_tz::Europe::Oslo).date_naive()
}

/// What needs action by someone with `role` in the organisation, soonest first.
pub async fn needs_action(
    db: &impl ConnectionTrait,
    org: i32,
    slug: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Vec<ActionItem>, sea_orm::DbErr> {
    let today = oslo_date(now);
    let horizon = today + chrono::Duration::days(HORIZON_DAYS);
    let mut items = Vec::new();
    let waiting = submission::Entity::find()
        .filter(submission::Column::OrganisationId.eq(org))
        .filter(submission::Column::ConfirmedAt.is_not_null())
        .filter(submission::Column::Publication.eq("pending"))
        .all(db)
        .await?;
    let mut per_hearing: BTreeMap<i32, i64> = BTreeMap::new();
    for s in &waiting {
        *per_hearing.entry(s.hearing_id).or_default() += 1;
    }
    let hearings = hearing::Entity::find()
        .filter(hearing::Column::OrganisationId.eq(org))
        .all(db)
        .await?;
    for h in &hearings {
        if let Some(count) = per_hearing.get(&h.id) {
            items.push(ActionItem {
                kind: ActionKind::SubmissionsToScreen,
                title: h.title.clone(),
                path: crate::paths::workbench(slug, h.id),
                count: *count,
                due: None,
                overdue: false,
            });
        }
    }
    if !matches!(role, Role::Admin | Role::CaseOfficer) {
        return Ok(items);
    }
    for h in hearings
        .iter()
        .filter(|h| h.status == HearingStatus::Open.as_str())
    {
        let due = oslo_date(h.deadline);
        if due <= horizon {
            items.push(item(
                ActionKind::HearingCloses,
                &h.title,
                crate::paths::hearing_editor(slug, h.id),
                due,
                today,
            ));
        }
    }
    for i in initiative::Entity::find()
        .filter(initiative::Column::OrganisationId.eq(org))
        .all(db)
        .await?
    {
        let status = crate::ssr::db::initiatives::status_of(&i);
        let link = crate::paths::staff_initiative(slug, i.id);
        let found = match status {
            InitiativeStatus::Screening => i
                .screening_due
                .map(|d| (ActionKind::InitiativeToScreen, d, true)),
            InitiativeStatus::Collecting => {
                Some((ActionKind::CollectionEnds, i.collection_ends, false))
            }
            InitiativeStatus::Submitted => i
                .decision_due
                .map(|d| (ActionKind::CouncilDeadline, d, false)),
            _ => None,
        };
        // A proposal waiting for screening is listed however far off its date is.
        if let Some((kind, due, always)) = found
            && (always || due <= horizon)
        {
            items.push(item(kind, &i.title, link, due, today));
        }
    }
    items.sort_by_key(|i| (i.due.is_some(), i.due));
    Ok(items)
}

fn item(
    kind: ActionKind,
    title: &str,
    path: String,
    due: NaiveDate,
    today: NaiveDate,
) -> ActionItem {
    ActionItem {
        kind,
        title: title.to_string(),
        path,
        count: 1,
        due: Some(due),
        overdue: due < today && kind != ActionKind::CollectionEnds,
    }
}
