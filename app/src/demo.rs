//! Demo data for `make run`: a municipality with two bodies, a county, one staff user per role,
//! hearings in every status, initiatives, surveys and a citizen panel. Applied only to an empty database.

pub mod dialogue;
pub mod follows;
pub mod hearings;
pub mod initiatives;
pub mod panels;
pub mod surveys;
pub mod waves;

use crate::domain::organisation::{BodyKind, OrgKind, WrittenStandard};
use crate::domain::role::Role;
use crate::ssr::db::entities::organisation;
use crate::ssr::db::organisations::{self, NewOrganisation};
use crate::ssr::services::users::create_user;
use crate::ssr::state::AppState;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

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

/// The demo platform administrator (creates and deactivates organisations; no organisation's
/// staff).
pub const DEMO_PLATFORM_ADMIN: (&str, &str, &str) = (
    "plattform@innspill.example",
    "Petra Plattform",
    "demo-passord-plattform",
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
    let orgs = seed_organisations(state).await.map_err(err)?;
    seed_staff(state).await?;
    let officer = crate::ssr::db::staff::find_user_by_email(&state.db, DEMO_STAFF[1].1)
        .await
        .map_err(err)?
        .map(|u| u.id)
        .ok_or("demo case officer missing")?;
    hearings::seed(state, orgs.kommune, orgs.council, orgs.fylke, officer)
        .await
        .map_err(err)?;
    initiatives::seed(state, orgs.kommune).await.map_err(err)?;
    surveys::seed(state, orgs.kommune, officer)
        .await
        .map_err(err)?;
    panels::seed(state, orgs.kommune, "9999", officer)
        .await
        .map_err(err)?;
    let moderator = crate::ssr::db::staff::find_user_by_email(&state.db, DEMO_STAFF[2].1)
        .await
        .map_err(err)?
        .map(|u| u.id)
        .ok_or("demo moderator missing")?;
    let storgata = crate::ssr::db::entities::hearing::Entity::find()
        .filter(crate::ssr::db::entities::hearing::Column::Title.eq(hearings::STORGATA))
        .one(&state.db)
        .await
        .map_err(err)?
        .map(|h| h.id)
        .ok_or("demo hearing missing")?;
    let official = crate::ssr::db::staff::find_user_by_email(&state.db, DEMO_STAFF[3].1)
        .await
        .map_err(err)?
        .map(|u| u.id)
        .ok_or("demo official missing")?;
    let badge = dialogue::seat_official(state, orgs.kommune, orgs.council, official)
        .await
        .map_err(err)?;
    dialogue::seed(state, orgs.kommune, storgata, (moderator, official, badge))
        .await
        .map_err(err)?;
    Ok(true)
}

/// The ids the rest of the demo hangs on.
struct DemoOrgs {
    kommune: i32,
    council: i32,
    fylke: i32,
}

/// Eksempel kommune (with its council and a committee), Eksempel fylkeskommune (nynorsk) and
/// Lillevik kommune (small: a threshold of two signatures, for trying initiatives end to end).
async fn seed_organisations(state: &AppState) -> Result<DemoOrgs, sea_orm::DbErr> {
    let now = state.clock.now();
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let org = |slug, name, kind, number, population, written_standard| NewOrganisation {
        slug,
        name,
        kind,
        number,
        population,
        population_date: date,
        written_standard,
    };
    let kommune = organisations::insert(
        &state.db,
        org(
            "eksempel-kommune",
            "Eksempel kommune",
            OrgKind::Municipality,
            "9999",
            15_001,
            WrittenStandard::Nb,
        ),
        now,
    )
    .await?;
    // Synthetic organisasjonsnumre, delegated to the dev client at the registers stand-in.
    organisations::set_orgnr(&state.db, kommune, Some("999999999")).await?;
    // Its branding: a dark blue accent (7:1 on white) and a shield as its logo.
    let logo = state
        .files
        .put(include_bytes!("demo/eksempel-logo.svg"))
        .await
        .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
    organisations::set_logo(&state.db, kommune, Some((logo, "image/svg+xml".into()))).await?;
    organisations::set_branding(
        &state.db,
        kommune,
        organisations::Branding {
            accent_colour: Some("#1a5b8c".into()),
            require_totp: false,
        },
    )
    .await?;
    let council =
        organisations::add_body(&state.db, kommune, "Kommunestyret", BodyKind::Council, now)
            .await?;
    organisations::add_body(
        &state.db,
        kommune,
        "Utvalg for plan og miljø",
        BodyKind::Committee,
        now,
    )
    .await?;
    let fylke = organisations::insert(
        &state.db,
        org(
            "eksempel-fylkeskommune",
            "Eksempel fylkeskommune",
            OrgKind::County,
            "99",
            250_000,
            WrittenStandard::Nn,
        ),
        now,
    )
    .await?;
    organisations::add_body(&state.db, fylke, "Fylkestinget", BodyKind::Council, now).await?;
    let lillevik = organisations::insert(
        &state.db,
        org(
            "lillevik-kommune",
            "Lillevik kommune",
            OrgKind::Municipality,
            "9998",
            100,
            WrittenStandard::Nb,
        ),
        now,
    )
    .await?;
    organisations::set_orgnr(&state.db, lillevik, Some("999999998")).await?;
    organisations::add_body(&state.db, lillevik, "Kommunestyret", BodyKind::Council, now).await?;
    Ok(DemoOrgs {
        kommune,
        council,
        fylke,
    })
}

/// Eksempel kommune's staff in every role, the other two organisations' administrators, and
/// the platform administrator.
async fn seed_staff(state: &AppState) -> Result<(), String> {
    for (role, email, name, password) in DEMO_STAFF {
        create_user(state, "eksempel-kommune", role, email, name, password)
            .await
            .map_err(|e| e.to_string())?;
    }
    for (slug, (email, name, password)) in [
        ("eksempel-fylkeskommune", DEMO_COUNTY_ADMIN),
        ("lillevik-kommune", DEMO_LILLEVIK_ADMIN),
    ] {
        create_user(state, slug, Role::Admin, email, name, password)
            .await
            .map_err(|e| e.to_string())?;
    }
    let (email, name, password) = DEMO_PLATFORM_ADMIN;
    crate::ssr::services::users::create_platform_admin(state, email, name, password)
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
