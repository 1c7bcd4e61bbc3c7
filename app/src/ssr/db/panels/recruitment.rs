//! A panel's probability sample: its targets, its draws and the residents drawn (see the
//! migration `m20261206_000001_recruitment`). The name, postal address and email of an invitee
//! are read only for the letter list and the invitation mail, and emptied when the invitation
//! ends.

use crate::domain::survey::recruitment::Targets;
use crate::domain::survey::strata::{AgeBand, Gender, Stratum};
use crate::ssr::db::entities::{panel, panel_draw, panel_invitee};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeMap, HashSet};

/// An invitation's state.
pub const INVITED: &str = "invited";
pub const ENROLLED: &str = "enrolled";
pub const EXPIRED: &str = "expired";

/// The panel's targets, if staff set them.
pub fn targets(p: &panel::Model) -> Option<Targets> {
    serde_json::from_str(p.targets.as_deref()?).ok()
}

pub async fn set_targets(
    db: &impl ConnectionTrait,
    p: panel::Model,
    t: &Targets,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut a = p.into_active_model();
    a.targets = Set(Some(serde_json::to_string(t).unwrap_or_default()));
    a.updated_at = Set(now);
    a.update(db).await.map(|_| ())
}

/// One resident to invite, as a draw writes them.
pub struct NewInvitee {
    pub person_hash: String,
    pub stratum: Stratum,
    pub code_hash: String,
    /// The address KRR gave, or `None` for a letter.
    pub email: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
}

/// Records a draw and its invitees; a person already drawn for the panel is a unique violation
/// of `(panel_id, person_hash)` (another draw ran meanwhile).
#[allow(clippy::too_many_arguments)]
pub async fn insert_draw(
    db: &impl ConnectionTrait,
    panel_id: i32,
    seed: u64,
    invitees: &[NewInvitee],
    strata_json: String,
    expires_at: DateTime<Utc>,
    created_by: i32,
    now: DateTime<Utc>,
) -> Result<panel_draw::Model, DbErr> {
    let by_email = invitees.iter().filter(|i| i.email.is_some()).count() as i32;
    let d = panel_draw::ActiveModel {
        panel_id: Set(panel_id),
        seed: Set(seed as i64),
        invited: Set(invitees.len() as i32),
        by_email: Set(by_email),
        by_letter: Set(invitees.len() as i32 - by_email),
        invited_strata: Set(strata_json),
        expires_at: Set(expires_at),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for chunk in invitees.chunks(500) {
        panel_invitee::Entity::insert_many(chunk.iter().map(|i| panel_invitee::ActiveModel {
            draw_id: Set(d.id),
            panel_id: Set(panel_id),
            person_hash: Set(i.person_hash.clone()),
            age_band: Set(i16::from(i.stratum.age.0)),
            gender: Set(i.stratum.gender.as_str().into()),
            district: Set(i.stratum.district as i16),
            channel: Set(if i.email.is_some() { "email" } else { "letter" }.into()),
            code_hash: Set(i.code_hash.clone()),
            status: Set(INVITED.into()),
            email: Set(i.email.clone()),
            name: Set(i.name.clone()),
            address: Set(i.address.clone()),
            ended_at: Set(None),
            ..Default::default()
        }))
        .exec(db)
        .await?;
    }
    Ok(d)
}

/// Everyone ever drawn for the panel whose row is still kept (not to be drawn again).
pub async fn drawn_hashes(
    db: &impl ConnectionTrait,
    panel_id: i32,
) -> Result<HashSet<String>, DbErr> {
    let rows: Vec<String> = panel_invitee::Entity::find()
        .select_only()
        .column(panel_invitee::Column::PersonHash)
        .filter(panel_invitee::Column::PanelId.eq(panel_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Invitations per stratum: how many are open, how many ended in an enrolment, how many ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Invitations {
    pub open: u64,
    pub enrolled: u64,
    pub ended: u64,
}

pub async fn by_stratum(
    db: &impl ConnectionTrait,
    panel_id: i32,
) -> Result<BTreeMap<Stratum, Invitations>, DbErr> {
    let rows: Vec<(i16, String, i16, String, i64)> = panel_invitee::Entity::find()
        .select_only()
        .column(panel_invitee::Column::AgeBand)
        .column(panel_invitee::Column::Gender)
        .column(panel_invitee::Column::District)
        .column(panel_invitee::Column::Status)
        .column_as(panel_invitee::Column::Id.count(), "n")
        .filter(panel_invitee::Column::PanelId.eq(panel_id))
        .group_by(panel_invitee::Column::AgeBand)
        .group_by(panel_invitee::Column::Gender)
        .group_by(panel_invitee::Column::District)
        .group_by(panel_invitee::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: BTreeMap<Stratum, Invitations> = BTreeMap::new();
    for (age, gender, district, status, n) in rows {
        let (Ok(age), Some(gender)) = (u8::try_from(age), Gender::parse(&gender)) else {
            continue;
        };
        let s = Stratum {
            age: AgeBand(age),
            gender,
            district: district.max(0) as u16,
        };
        let e = out.entry(s).or_default();
        let n = n.max(0) as u64;
        match status.as_str() {
            INVITED => e.open += n,
            ENROLLED => {
                e.enrolled += n;
                e.ended += n;
            }
            _ => e.ended += n,
        }
    }
    Ok(out)
}

/// The panel's draws, newest first, each with how many of its invitees enrolled.
pub async fn draws(
    db: &impl ConnectionTrait,
    panel_id: i32,
) -> Result<Vec<(panel_draw::Model, u64)>, DbErr> {
    let draws = panel_draw::Entity::find()
        .filter(panel_draw::Column::PanelId.eq(panel_id))
        .order_by_desc(panel_draw::Column::Id)
        .all(db)
        .await?;
    let enrolled: Vec<(i32, i64)> = panel_invitee::Entity::find()
        .select_only()
        .column(panel_invitee::Column::DrawId)
        .column_as(panel_invitee::Column::Id.count(), "n")
        .filter(panel_invitee::Column::PanelId.eq(panel_id))
        .filter(panel_invitee::Column::Status.eq(ENROLLED))
        .group_by(panel_invitee::Column::DrawId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(draws
        .into_iter()
        .map(|d| {
            let n = enrolled
                .iter()
                .find(|(id, _)| *id == d.id)
                .map_or(0, |(_, n)| n.max(&0).unsigned_abs());
            (d, n)
        })
        .collect())
}

/// The draw, if it is the panel's.
pub async fn draw(
    db: &impl ConnectionTrait,
    panel_id: i32,
    id: i32,
) -> Result<Option<panel_draw::Model>, DbErr> {
    panel_draw::Entity::find_by_id(id)
        .filter(panel_draw::Column::PanelId.eq(panel_id))
        .one(db)
        .await
}

/// The draw's open invitations that go by letter, in the order drawn.
pub async fn letters(
    db: &impl ConnectionTrait,
    draw_id: i32,
) -> Result<Vec<panel_invitee::Model>, DbErr> {
    panel_invitee::Entity::find()
        .filter(panel_invitee::Column::DrawId.eq(draw_id))
        .filter(panel_invitee::Column::Channel.eq("letter"))
        .filter(panel_invitee::Column::Status.eq(INVITED))
        .order_by_asc(panel_invitee::Column::Id)
        .all(db)
        .await
}

/// The invitation, if it is still open at `now` (not ended, its draw not expired: the worker
/// may not have lapsed it yet).
async fn still_open(
    db: &impl ConnectionTrait,
    inv: Option<panel_invitee::Model>,
    now: DateTime<Utc>,
) -> Result<Option<panel_invitee::Model>, DbErr> {
    let Some(inv) = inv else { return Ok(None) };
    let live = panel_draw::Entity::find_by_id(inv.draw_id)
        .filter(panel_draw::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .is_some();
    Ok(live.then_some(inv))
}

/// The open invitation with this code's hash.
pub async fn by_code(
    db: &impl ConnectionTrait,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<panel_invitee::Model>, DbErr> {
    let inv = panel_invitee::Entity::find()
        .filter(panel_invitee::Column::CodeHash.eq(code_hash))
        .filter(panel_invitee::Column::Status.eq(INVITED))
        .one(db)
        .await?;
    still_open(db, inv, now).await
}

/// The person's open invitation to the panel.
pub async fn open_for(
    db: &impl ConnectionTrait,
    panel_id: i32,
    person_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<panel_invitee::Model>, DbErr> {
    let inv = panel_invitee::Entity::find()
        .filter(panel_invitee::Column::PanelId.eq(panel_id))
        .filter(panel_invitee::Column::PersonHash.eq(person_hash))
        .filter(panel_invitee::Column::Status.eq(INVITED))
        .one(db)
        .await?;
    still_open(db, inv, now).await
}

/// The person's invitations in every panel (by their hash in each), open or not: for their
/// data export and to end them when they delete their account.
pub async fn of_person(
    db: &impl ConnectionTrait,
    hashes: Vec<String>,
) -> Result<Vec<panel_invitee::Model>, DbErr> {
    panel_invitee::Entity::find()
        .filter(panel_invitee::Column::PersonHash.is_in(hashes))
        .all(db)
        .await
}

/// Claims the next draw of the panel: `false` when another draw was recorded since `seen` was
/// read (two staff, a double click or two processes drawing at once).
pub async fn claim_draw(
    db: &impl ConnectionTrait,
    panel_id: i32,
    seen: i32,
) -> Result<bool, DbErr> {
    let res = panel::Entity::update_many()
        .col_expr(panel::Column::Draws, Expr::value(seen + 1))
        .filter(panel::Column::Id.eq(panel_id))
        .filter(panel::Column::Draws.eq(seen))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Ends an open invitation (`ENROLLED` or `EXPIRED`), forgetting the address, name and postal
/// address; `false` when it was no longer open (another request ended it first).
pub async fn end(
    db: &impl ConnectionTrait,
    id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = panel_invitee::Entity::update_many()
        .col_expr(panel_invitee::Column::Status, Expr::value(status))
        .col_expr(panel_invitee::Column::Email, Expr::value(None::<String>))
        .col_expr(panel_invitee::Column::Name, Expr::value(None::<String>))
        .col_expr(panel_invitee::Column::Address, Expr::value(None::<String>))
        .col_expr(panel_invitee::Column::EndedAt, Expr::value(now))
        .filter(panel_invitee::Column::Id.eq(id))
        .filter(panel_invitee::Column::Status.eq(INVITED))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Lapses the open invitations of draws that expired by `now` (the address, name and postal
/// address forgotten); how many.
pub async fn expire_due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let due: Vec<i32> = panel_draw::Entity::find()
        .select_only()
        .column(panel_draw::Column::Id)
        .filter(panel_draw::Column::ExpiresAt.lte(now))
        .into_tuple()
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let res = panel_invitee::Entity::update_many()
        .col_expr(panel_invitee::Column::Status, Expr::value(EXPIRED))
        .col_expr(panel_invitee::Column::Email, Expr::value(None::<String>))
        .col_expr(panel_invitee::Column::Name, Expr::value(None::<String>))
        .col_expr(panel_invitee::Column::Address, Expr::value(None::<String>))
        .col_expr(panel_invitee::Column::EndedAt, Expr::value(now))
        .filter(panel_invitee::Column::DrawId.is_in(due))
        .filter(panel_invitee::Column::Status.eq(INVITED))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Deletes the invitees of draws made before `before` (the draws keep their counts); how many.
pub async fn delete_drawn_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let old: Vec<i32> = panel_draw::Entity::find()
        .select_only()
        .column(panel_draw::Column::Id)
        .filter(panel_draw::Column::CreatedAt.lt(before))
        .into_tuple()
        .all(db)
        .await?;
    if old.is_empty() {
        return Ok(0);
    }
    let res = panel_invitee::Entity::delete_many()
        .filter(panel_invitee::Column::DrawId.is_in(old))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Deletes these invitee rows (a person deleting their account).
pub async fn delete_ids(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    panel_invitee::Entity::delete_many()
        .filter(panel_invitee::Column::Id.is_in(ids))
        .exec(db)
        .await
        .map(|_| ())
}
