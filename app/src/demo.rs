//! Demo data for `make run`: a municipality with two bodies, a county, one staff user per role,
//! and hearings in every status. Applied only to an empty database.

pub mod hearings;
pub mod initiatives;

use crate::domain::organisation::{BodyKind, OrgKind, WrittenStandard};
use crate::domain::role::Role;
use crate::ssr::db::entities::organisation;
use crate::ssr::db::organisations::{self, NewOrganisation};
use crate::ssr::services::users::create_user;
use crate::ssr::state::AppState;
use chrono::NaiveDate;
use sea_orm::{EntityTrait, PaginatorTrait};

/// The demo staff users: (role, email, name, password).
pub const DEMO_STAFF: [(Role, &str, &str, &str); 4] = [
    (
        Role::Admin,
        "admin@eksempel.kommune.no",
        "Anne Admin",
        "demo-passord-admin",
    ),
    (
        Role::CaseOfficer,
        "saksbehandler@eksempel.kommune.no",
        "Sigurd Saksbehandler",
        "demo-passord-saksbehandler",
    ),
    (
        Role::Moderator,
        "moderator@eksempel.kommune.no",
        "Mona Moderator",
        "demo-passord-moderator",
    ),
    (
        Role::ElectedOfficial,
        "folkevalgt@eksempel.kommune.no",
        "Frida Folkevalgt",
        "demo-passord-folkevalgt",
    ),
];

pub const DEMO_COUNTY_ADMIN: (&str, &str, &str) = (
    "admin@eksempel.fylkeskommune.no",
    "Fredrik Fylkesadmin",
    "demo-passord-fylke",
);

/// The demo administrator of Lillevik kommune (a small municipality for trying initiatives).
pub const DEMO_LILLEVIK_ADMIN: (&str, &str, &str) = (
    "admin@lillevik.kommune.no",
    "Liv Lillevik-admin",
    "demo-passord-lillevik",
);

/// Seeds the demo data if there are no organisations yet; returns whether it did.
pub async fn seed_demo(state: &AppState) -> Result<bool, String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    if organisation::Entity::find()
        .count(&state.db)
        .await
        .map_err(err)?
        > 0
    {
        return Ok(false);
    }
    let now = state.clock.now();
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    let kommune = organisations::insert(
        &state.db,
        NewOrganisation {
            slug: "eksempel-kommune",
            name: "Eksempel kommune",
            kind: OrgKind::Municipality,
            number: "9999",
            population: 15_001,
            population_date: date,
            written_standard: WrittenStandard::Nb,
        },
        now,
    )
    .await
    .map_err(err)?;
    let council =
        organisations::add_body(&state.db, kommune, "Kommunestyret", BodyKind::Council, now)
            .await
            .map_err(err)?;
    organisations::add_body(
        &state.db,
        kommune,
        "Utvalg for plan og miljø",
        BodyKind::Committee,
        now,
    )
    .await
    .map_err(err)?;
    let fylke = organisations::insert(
        &state.db,
        NewOrganisation {
            slug: "eksempel-fylkeskommune",
            name: "Eksempel fylkeskommune",
            kind: OrgKind::County,
            number: "99",
            population: 250_000,
            population_date: date,
            written_standard: WrittenStandard::Nn,
        },
        now,
    )
    .await
    .map_err(err)?;
    organisations::add_body(&state.db, fylke, "Fylkestinget", BodyKind::Council, now)
        .await
        .map_err(err)?;
    // A small municipality: a threshold of two signatures, for trying initiatives end to end.
    let lillevik = organisations::insert(
        &state.db,
        NewOrganisation {
            slug: "lillevik-kommune",
            name: "Lillevik kommune",
            kind: OrgKind::Municipality,
            number: "9998",
            population: 100,
            population_date: date,
            written_standard: WrittenStandard::Nb,
        },
        now,
    )
    .await
    .map_err(err)?;
    organisations::add_body(&state.db, lillevik, "Kommunestyret", BodyKind::Council, now)
        .await
        .map_err(err)?;
    for (role, email, name, password) in DEMO_STAFF {
        create_user(state, "eksempel-kommune", role, email, name, password)
            .await
            .map_err(|e| e.to_string())?;
    }
    let (email, name, password) = DEMO_COUNTY_ADMIN;
    create_user(
        state,
        "eksempel-fylkeskommune",
        Role::Admin,
        email,
        name,
        password,
    )
    .await
    .map_err(|e| e.to_string())?;
    let (email, name, password) = DEMO_LILLEVIK_ADMIN;
    create_user(
        state,
        "lillevik-kommune",
        Role::Admin,
        email,
        name,
        password,
    )
    .await
    .map_err(|e| e.to_string())?;
    let officer = crate::ssr::db::staff::find_user_by_email(&state.db, DEMO_STAFF[1].1)
        .await
        .map_err(err)?
        .map(|u| u.id)
        .ok_or("demo case officer missing")?;
    hearings::seed(state, kommune, council, fylke, officer)
        .await
        .map_err(err)?;
    initiatives::seed(state, kommune).await.map_err(err)?;
    Ok(true)
}
