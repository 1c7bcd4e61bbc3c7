//! A resident joins a panel on their own — logged in with ID-porten, found living in the
//! organisation by the `ResidencyRegister`, the consent ticked, an address, gender and
//! district given; the age band is read from the national id's birth date, never asked —
//! and leaves it when they like, choosing whether the answers they gave are kept (no longer
//! linked to them) or deleted.

use super::{panel_of, person_hash};
use crate::domain::survey::panel::{JoinForm, KeepAnswers, MemberStatus};
use crate::domain::survey::strata::AgeBand;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::organisations;
use crate::ssr::db::panels as db;
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::tokens::random_bytes;
use crate::ssr::services::residency_check::{NotResident, resident};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// A fresh pseudonym: 128 random bits, as 32 hex digits.
pub(crate) fn pseudonym() -> String {
    random_bytes::<16>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Enrols the citizen in the panel.
pub async fn join(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
    form: &JoinForm,
) -> Result<(), AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let p = panel_of(state, &org, id).await?;
    if org.deactivated_at.is_some() {
        return Err(AppError::Conflict("org.deactivated_refusal".into()));
    }
    let hash = person_hash(state, p.id, citizen)
        .ok_or_else(|| AppError::Conflict("panel.join.no_pid".into()))?;
    // One drawn for the panel may join with ID-porten instead of their code, recruiting or not.
    let invitation = db::recruitment::open_for(&state.db, p.id, &hash, state.clock.now())
        .await
        .or_internal()?;
    if !p.recruiting && invitation.is_none() {
        return Err(AppError::Conflict("panel.join.closed".into()));
    }
    if db::active_member(&state.db, p.id, &hash)
        .await
        .or_internal()?
        .is_some()
    {
        return Err(AppError::Conflict("panel.join.already".into()));
    }
    let (mut enrolment, background) = crate::domain::field_errors::FieldErrors::both(
        form.parse(db::districts(&p).or_internal()?.len()),
        form.background(&db::background(&p)),
    )?;
    enrolment.background = background;
    let model = organisations::model_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let pid = resident(state, citizen, &model).await.map_err(|r| {
        AppError::Conflict(
            match r {
                NotResident::NoNationalId => "panel.join.no_pid",
                NotResident::NotConfigured => "panel.join.no_register",
                NotResident::Unavailable => "panel.join.register_unavailable",
                NotResident::Emigrated | NotResident::LivesElsewhere => "panel.join.not_resident",
                NotResident::NotRegistered => "panel.join.not_registered",
            }
            .into(),
        )
    })?;
    let now = state.clock.now();
    let age = AgeBand::of(pid.birth_date(), now.date_naive())
        .ok_or_else(|| AppError::Conflict("panel.join.too_young".into()))?;
    let txn = state.db.begin().await.or_internal()?;
    let source = match &invitation {
        Some(inv)
            if db::recruitment::end(&txn, inv.id, db::recruitment::ENROLLED, now)
                .await
                .or_internal()? =>
        {
            "sample"
        }
        _ => "self",
    };
    match db::enrol(
        &txn,
        p.id,
        &hash,
        &pseudonym(),
        &enrolment,
        age,
        source,
        now,
    )
    .await
    {
        Ok(()) => {}
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            return Err(AppError::Conflict("panel.join.already".into()));
        }
        Err(e) => return Err(e).or_internal(),
    }
    txn.commit().await.or_internal()?;
    tracing::info!(panel_id = p.id, "panel member joined");
    Ok(())
}

/// Ends the citizen's membership of the panel (`NotFound` if they are not a member).
pub async fn leave(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
    answers: &str,
) -> Result<(), AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let p = panel_of(state, &org, id).await?;
    let hash = person_hash(state, p.id, citizen).ok_or(AppError::NotFound)?;
    let m = db::active_member(&state.db, p.id, &hash)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let keep = KeepAnswers::parse(answers)
        .ok_or_else(|| AppError::field("answers", "panel.leave.choose"))?;
    let txn = state.db.begin().await.or_internal()?;
    db::end(&txn, m, MemberStatus::Left, keep, state.clock.now())
        .await
        .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(
        panel_id = p.id,
        deleted = keep == KeepAnswers::Deleted,
        "panel member left"
    );
    Ok(())
}

/// The person's memberships, in every panel (by their national id's keyed hash): for their
/// data export, and to end them all when they delete their account.
pub async fn memberships_of(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    pid_hash: &str,
) -> Result<
    Vec<(
        crate::ssr::db::entities::panel::Model,
        crate::ssr::db::entities::panel_member::Model,
    )>,
    sea_orm::DbErr,
> {
    let mut out = Vec::new();
    for p in db::all(db).await? {
        let hash = super::member_hash(state, p.id, pid_hash);
        if let Some(m) = db::active_member(db, p.id, &hash).await? {
            out.push((p, m));
        }
    }
    Ok(out)
}

/// The person's invitations from a panel's sample draws (open or ended, while kept), in every
/// panel: for their data export.
pub async fn invitations_of(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    pid_hash: &str,
) -> Result<
    Vec<(
        crate::ssr::db::entities::panel::Model,
        crate::ssr::db::entities::panel_invitee::Model,
    )>,
    sea_orm::DbErr,
> {
    let panels = db::all(db).await?;
    let hashes: Vec<String> = panels
        .iter()
        .map(|p| super::member_hash(state, p.id, pid_hash))
        .collect();
    let found = db::recruitment::of_person(db, hashes).await?;
    Ok(found
        .into_iter()
        .filter_map(|i| {
            let p = panels.iter().find(|p| p.id == i.panel_id)?.clone();
            Some((p, i))
        })
        .collect())
}

/// Ends every membership of the person, their answers kept with no link to them (deleting an
/// account: what they answered was never tied to the account), and deletes what the panels'
/// sample draws hold of them.
pub async fn end_all(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    pid_hash: &str,
) -> Result<usize, sea_orm::DbErr> {
    let now = state.clock.now();
    let all = memberships_of(state, db, pid_hash).await?;
    let n = all.len();
    for (_, m) in all {
        db::end(db, m, MemberStatus::Left, KeepAnswers::Anonymised, now).await?;
    }
    let drawn: Vec<i64> = invitations_of(state, db, pid_hash)
        .await?
        .into_iter()
        .map(|(_, i)| i.id)
        .collect();
    db::recruitment::delete_ids(db, drawn).await?;
    Ok(n)
}
