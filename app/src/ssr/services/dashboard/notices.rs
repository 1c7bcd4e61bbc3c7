//! Staff digests: each staff member chooses, per organisation, whether they hear of new
//! submissions waiting for screening, of deadlines (a hearing closing, a collection ending, the
//! council's six-month deadline — 30 and 7 days before) and of initiatives reaching their
//! threshold or being submitted; daily (06:00 Oslo time, the default) or weekly (Monday), or
//! never. A digest covers the time since the last one; it is sent once, by the process whose
//! conditional update moves `last_sent_at`.

use crate::domain::follow::{Cadence, EventKind};
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::dto::dashboard::{ActionKind, StaffNotices};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::staff_notice::{self, Column};
use crate::ssr::db::entities::{case_event, membership, organisation, staff_user, submission};
use crate::ssr::mail::{queue, templates};
use crate::ssr::services::notifications::digest::last_cut;
use crate::ssr::state::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

/// The staff member's choices in the organisation (the defaults until they choose).
pub async fn choices(
    db: &impl ConnectionTrait,
    user: i32,
    org: i32,
) -> Result<StaffNotices, DbErr> {
    Ok(row(db, user, org)
        .await?
        .map(|r| StaffNotices {
            submissions: r.submissions,
            deadlines: r.deadlines,
            initiatives: r.initiatives,
            cadence: r.cadence,
        })
        .unwrap_or_default())
}

async fn row(
    db: &impl ConnectionTrait,
    user: i32,
    org: i32,
) -> Result<Option<staff_notice::Model>, DbErr> {
    staff_notice::Entity::find()
        .filter(Column::UserId.eq(user))
        .filter(Column::OrganisationId.eq(org))
        .one(db)
        .await
}

/// Saves the staff member's choices in the organisation.
pub async fn save(
    db: &impl ConnectionTrait,
    user: i32,
    org: i32,
    n: &StaffNotices,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    match row(db, user, org).await? {
        Some(r) => {
            let mut am: staff_notice::ActiveModel = r.into();
            am.submissions = Set(n.submissions);
            am.deadlines = Set(n.deadlines);
            am.initiatives = Set(n.initiatives);
            am.cadence = Set(n.cadence.clone());
            am.updated_at = Set(now);
            am.update(db).await?;
        }
        None => {
            staff_notice::ActiveModel {
                user_id: Set(user),
                organisation_id: Set(org),
                submissions: Set(n.submissions),
                deadlines: Set(n.deadlines),
                initiatives: Set(n.initiatives),
                cadence: Set(n.cadence.clone()),
                last_sent_at: Set(None),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Sends every staff digest that is due; how many mails were queued.
pub async fn run_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let mut sent = 0;
    let members = membership::Entity::find()
        .filter(membership::Column::Active.eq(true))
        .all(&state.db)
        .await
        .or_internal()?;
    for m in members {
        let Ok(role) = Role::parse(&m.role) else {
            continue;
        };
        if !matches!(role, Role::Admin | Role::CaseOfficer | Role::Moderator) {
            continue;
        }
        let n = choices(&state.db, m.user_id, m.organisation_id)
            .await
            .or_internal()?;
        let cadence = match n.cadence.as_str() {
            "daily" => Cadence::Daily,
            "weekly" => Cadence::Weekly,
            _ => continue,
        };
        let cut = last_cut(cadence, now);
        let period = if cadence == Cadence::Weekly { 7 } else { 1 };
        let last = row(&state.db, m.user_id, m.organisation_id)
            .await
            .or_internal()?
            .and_then(|r| r.last_sent_at);
        if last.is_some_and(|l| l >= cut) {
            continue;
        }
        let from = last.unwrap_or(cut - Duration::days(period));
        let lines = lines(state, m.organisation_id, role, &n, from, cut).await?;
        let (Some(user), Some(org)) = (
            staff_user::Entity::find_by_id(m.user_id)
                .one(&state.db)
                .await
                .or_internal()?,
            organisation::Entity::find_by_id(m.organisation_id)
                .one(&state.db)
                .await
                .or_internal()?,
        ) else {
            continue;
        };
        let lang = crate::ssr::services::initiatives::org_lang(&org);
        let mail = templates::render(
            "staff_digest",
            lang,
            &user.email,
            serde_json::json!({
                "organisation": org.name, "lines": lines, "weekly": cadence == Cadence::Weekly,
                "link": crate::paths::absolute(&state.settings.base_url, &crate::paths::staff_dashboard(&org.slug)),
            }),
        )
        .or_internal()?;
        ensure_row(state, m.user_id, m.organisation_id).await?;
        // Whoever moves `last_sent_at` sends the digest, in the same transaction.
        let txn = state.db.begin().await.or_internal()?;
        if !claim(&txn, m.user_id, m.organisation_id, last, cut)
            .await
            .or_internal()?
        {
            let _ = txn.rollback().await;
            continue;
        }
        if !lines.is_empty() {
            queue::enqueue(&txn, &mail, now).await.or_internal()?;
            sent += 1;
        }
        txn.commit().await.or_internal()?;
    }
    Ok(sent)
}

/// The member's row, with the defaults, so that its `last_sent_at` can be moved.
async fn ensure_row(state: &AppState, user: i32, org: i32) -> Result<(), AppError> {
    if row(&state.db, user, org).await.or_internal()?.is_some() {
        return Ok(());
    }
    match save(
        &state.db,
        user,
        org,
        &StaffNotices::default(),
        state.clock.now(),
    )
    .await
    {
        Err(e) if !crate::ssr::db::is_unique_violation(&e) => Err(crate::ssr::internal(e)),
        _ => Ok(()),
    }
}

/// Moves the member's `last_sent_at` from `last` to `cut`; false if another process did.
async fn claim(
    db: &impl ConnectionTrait,
    user: i32,
    org: i32,
    last: Option<DateTime<Utc>>,
    cut: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let was = match last {
        Some(l) => Condition::all().add(Column::LastSentAt.eq(l)),
        None => Condition::all().add(Column::LastSentAt.is_null()),
    };
    Ok(staff_notice::Entity::update_many()
        .col_expr(Column::LastSentAt, Expr::value(cut))
        .filter(Column::UserId.eq(user))
        .filter(Column::OrganisationId.eq(org))
        .filter(was)
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// The digest's lines for the period `(from, to]`, in the organisation's written standard.
async fn lines(
    state: &AppState,
    org: i32,
    role: Role,
    n: &StaffNotices,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let db = &state.db;
    let Some(o) = organisation::Entity::find_by_id(org)
        .one(db)
        .await
        .or_internal()?
    else {
        return Ok(Vec::new());
    };
    let lang: Lang = crate::ssr::services::initiatives::org_lang(&o);
    let i = crate::i18n::I18n(lang);
    let mut out = Vec::new();
    if n.submissions {
        let new = submission::Entity::find()
            .filter(submission::Column::OrganisationId.eq(org))
            .filter(submission::Column::Publication.eq("pending"))
            .filter(submission::Column::ConfirmedAt.gt(from))
            .filter(submission::Column::ConfirmedAt.lte(to))
            .all(db)
            .await
            .or_internal()?;
        if !new.is_empty() {
            out.push(i.tf(
                "dashboard.digest.new_submissions",
                &[("count", &new.len().to_string())],
            ));
        }
    }
    let handler = matches!(role, Role::Admin | Role::CaseOfficer);
    if n.deadlines && handler {
        let items = super::needs_action(db, org, &o.slug, role, to)
            .await
            .or_internal()?;
        let (from_day, to_day) = (super::oslo_date(from), super::oslo_date(to));
        for item in items
            .iter()
            .filter(|x| x.kind != ActionKind::SubmissionsToScreen)
        {
            let Some(due) = item.due else { continue };
            // Told when 30 and 7 days remain (and on the day it is overdue).
            let reminded = [30, 7, -1].into_iter().any(|d| {
                let on = due - Duration::days(d);
                on > from_day && on <= to_day
            });
            if reminded {
                out.push(i.tf(
                    "dashboard.digest.deadline",
                    &[
                        ("what", &i.t(item.kind.label_key())),
                        ("title", &item.title),
                        ("date", &crate::i18n::format::date(lang, due)),
                    ],
                ));
            }
        }
    }
    if n.initiatives && handler {
        let events = case_event::Entity::find()
            .filter(case_event::Column::OrganisationId.eq(org))
            .filter(case_event::Column::Kind.is_in([
                EventKind::InitiativeThreshold.as_str(),
                EventKind::InitiativeSubmitted.as_str(),
            ]))
            .filter(case_event::Column::At.gt(from))
            .filter(case_event::Column::At.lte(to))
            .all(db)
            .await
            .or_internal()?;
        for e in events {
            if let Some(c) = crate::ssr::services::follows::case_by_ids(
                state,
                org,
                crate::domain::follow::CaseKind::Initiative,
                e.case_id,
            )
            .await?
                && let Some(t) =
                    crate::ssr::services::notifications::render::tell(&e, &c.info, lang)
            {
                out.push(t.headline);
            }
        }
    }
    Ok(out)
}
