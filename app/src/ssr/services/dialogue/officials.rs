//! Elected officials in the dialogue. The admin records the organisation's party groups and
//! each official's seats (body and party group); an official with a seat posts in a debate
//! under their name with the public badge those seats make — never self-declared.

use super::{is_open, space_of, staff_org};
use crate::domain::dialogue::official::{PartyForm, SeatForm, badge};
use crate::domain::dialogue::post::{PostForm, duplicate_form};
use crate::domain::dialogue::{PostState, SpaceKind};
use crate::domain::role::Role;
use crate::dto::dialogue::{OfficialItem, OfficialsView, SeatItem};
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue::{officials as db, posts};
use crate::ssr::db::entities::party_group;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

const ADMINS: &[Role] = &[Role::Admin];

/// The badge of `user_id`'s posts in the organisation, if they have a seat.
pub async fn badge_of(
    state: &AppState,
    org: &OrganisationDto,
    user_id: i32,
) -> Result<Option<String>, AppError> {
    let seats = db::seats_of(&state.db, org.id, user_id)
        .await
        .or_internal()?;
    if seats.is_empty() {
        return Ok(None);
    }
    let parties = db::parties(&state.db, org.id).await.or_internal()?;
    Ok(Some(badge_from(org, &seats, &parties)))
}

fn badge_from(
    org: &OrganisationDto,
    seats: &[crate::ssr::db::entities::official_seat::Model],
    parties: &[party_group::Model],
) -> String {
    let i = crate::i18n::I18n(org.written_standard.lang());
    let bodies: Vec<String> = seats
        .iter()
        .filter_map(|s| org.bodies.iter().find(|b| b.id == s.body_id))
        .map(|b| b.name.clone())
        .collect();
    let party = seats
        .iter()
        .find_map(|s| s.party_group_id)
        .and_then(|p| parties.iter().find(|x| x.id == p))
        .map(|p| p.name.as_str());
    badge(&i.t("dialogue.badge.title"), &bodies, party)
}

/// The organisation's officials, party groups and bodies, for its admin.
pub async fn view(state: &AppState, staff: &Staff, slug: &str) -> Result<OfficialsView, AppError> {
    let org = staff_org(state, staff, slug, ADMINS).await?;
    let parties = db::parties(&state.db, org.id).await.or_internal()?;
    let seats = db::seats(&state.db, org.id).await.or_internal()?;
    let members = crate::ssr::db::staff::members_of(&state.db, org.id)
        .await
        .or_internal()?;
    let officials = members
        .into_iter()
        .filter(|(m, u)| m.active && u.active && m.role == Role::ElectedOfficial.as_str())
        .map(|(_, u)| {
            let mine: Vec<_> = seats
                .iter()
                .filter(|s| s.user_id == u.id)
                .cloned()
                .collect();
            OfficialItem {
                user_id: u.id,
                name: u.name,
                badge: (!mine.is_empty()).then(|| badge_from(&org, &mine, &parties)),
                seats: mine
                    .iter()
                    .map(|s| SeatItem {
                        id: s.id,
                        body: org
                            .bodies
                            .iter()
                            .find(|b| b.id == s.body_id)
                            .map(|b| b.name.clone())
                            .unwrap_or_default(),
                        party: s
                            .party_group_id
                            .and_then(|p| parties.iter().find(|x| x.id == p))
                            .map(|p| p.name.clone()),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(OfficialsView {
        organisation_slug: org.slug.clone(),
        parties: parties.into_iter().map(|p| (p.id, p.name)).collect(),
        bodies: org.bodies.iter().map(|b| (b.id, b.name.clone())).collect(),
        officials,
    })
}

async fn audited(
    state: &AppState,
    txn: sea_orm::DatabaseTransaction,
    (org, staff): (&OrganisationDto, &Staff),
    action: &str,
    detail: &str,
) -> Result<(), AppError> {
    record_transition(
        txn,
        [],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action,
            detail,
        },
        state.clock.now(),
    )
    .await
}

pub async fn add_party(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    form: &PartyForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, ADMINS).await?;
    let name = form.parse()?;
    let txn = state.db.begin().await.or_internal()?;
    let p = match db::insert_party(&txn, org.id, &name, state.clock.now()).await {
        Ok(p) => p,
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            return Err(AppError::field("party_name", "dialogue.party.exists"));
        }
        Err(e) => return Err(e).or_internal(),
    };
    let detail = format!("party {}", p.id);
    audited(state, txn, (&org, staff), "party_group_add", &detail).await
}

pub async fn add_seat(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    form: &SeatForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, ADMINS).await?;
    let seat = form.parse()?;
    let official = crate::ssr::db::staff::members_of(&state.db, org.id)
        .await
        .or_internal()?
        .into_iter()
        .any(|(m, u)| {
            u.id == seat.official && m.active && m.role == Role::ElectedOfficial.as_str()
        });
    if !official {
        return Err(AppError::field(
            "official",
            "dialogue.seat.official_missing",
        ));
    }
    if !org.bodies.iter().any(|b| b.id == seat.body) {
        return Err(AppError::field("body", "dialogue.seat.body_missing"));
    }
    if let Some(p) = seat.party
        && !db::parties(&state.db, org.id)
            .await
            .or_internal()?
            .iter()
            .any(|x| x.id == p)
    {
        return Err(AppError::field("party", "dialogue.seat.party_invalid"));
    }
    let txn = state.db.begin().await.or_internal()?;
    let s = match db::insert_seat(&txn, org.id, seat, state.clock.now()).await {
        Ok(s) => s,
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            return Err(AppError::field("body", "dialogue.seat.exists"));
        }
        Err(e) => return Err(e).or_internal(),
    };
    let detail = format!("seat {} user {} body {}", s.id, s.user_id, s.body_id);
    audited(state, txn, (&org, staff), "official_seat_add", &detail).await
}

pub async fn remove_seat(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    seat: i32,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, ADMINS).await?;
    let txn = state.db.begin().await.or_internal()?;
    if !db::delete_seat(&txn, org.id, seat).await.or_internal()? {
        return Err(AppError::NotFound);
    }
    let detail = format!("seat {seat}");
    audited(state, txn, (&org, staff), "official_seat_remove", &detail).await
}

/// An official with a seat posts in an open debate (or replies in it), under their name and
/// badge, published at once (moderated afterwards like any post).
pub async fn post(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    space_id: i32,
    reply_to: Option<i64>,
    form: &PostForm,
) -> Result<i64, AppError> {
    let org = staff_org(state, staff, slug, &[Role::ElectedOfficial]).await?;
    let space = space_of(state, &org, space_id).await?;
    if !space.published || SpaceKind::parse(&space.kind) != Some(SpaceKind::Debate) {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    if !is_open(&space, now) {
        return Err(AppError::Conflict("dialogue.post.closed".into()));
    }
    let badge = badge_of(state, &org, staff.user_id)
        .await?
        .ok_or(AppError::Conflict("dialogue.official.no_seat".into()))?;
    let new = form.parse()?;
    let (thread_id, parent_id) = super::posting::thread_of(state, space.id, reply_to).await?;
    let p = posts::insert(
        &state.db,
        posts::NewRow {
            space_id: space.id,
            thread_id,
            parent_id,
            author: posts::Author::Official {
                id: staff.user_id,
                badge,
            },
            text: &new.text,
            text_hash: crate::ssr::security::tokens::token_hash(&duplicate_form(&new.text)),
            state: PostState::Visible,
        },
        now,
    )
    .await
    .or_internal()?;
    tracing::info!(
        space_id = space.id,
        post_id = p.id,
        "dialogue post by an official"
    );
    Ok(p.id)
}
