//! Versioned database migrations: one file per migration, the same schema on SQLite and
//! PostgreSQL. Never imports the app.

pub use sea_orm_migration::prelude::*;

mod shared;

mod m20261122_000001_create_foundation;
mod m20261123_000001_create_citizens;
mod m20261124_000001_create_hearings;
mod m20261125_000001_create_initiatives;
mod m20261126_000001_session_citizen;
mod m20261128_000001_one_rate_limit;
mod m20261129_000001_hearing_published_at;
mod m20261130_000001_follows;
mod m20261130_000002_data_exports;
mod m20261130_000003_staff_notices;
mod m20261201_000001_organisation_orgnr;
mod m20261201_000002_initiative_lang;
mod m20261201_000003_password_resets;
mod m20261202_000001_onboarding;
mod m20261203_000001_surveys;
mod m20261204_000001_panels;
mod m20261205_000001_waves;
mod m20261206_000001_recruitment;
mod m20261207_000001_dialogue;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_foundation::Migration),
            Box::new(m20261123_000001_create_citizens::Migration),
            Box::new(m20261124_000001_create_hearings::Migration),
            Box::new(m20261125_000001_create_initiatives::Migration),
            Box::new(m20261126_000001_session_citizen::Migration),
            Box::new(m20261128_000001_one_rate_limit::Migration),
            Box::new(m20261129_000001_hearing_published_at::Migration),
            Box::new(m20261130_000001_follows::Migration),
            Box::new(m20261130_000002_data_exports::Migration),
            Box::new(m20261130_000003_staff_notices::Migration),
            Box::new(m20261201_000001_organisation_orgnr::Migration),
            Box::new(m20261201_000002_initiative_lang::Migration),
            Box::new(m20261201_000003_password_resets::Migration),
            Box::new(m20261202_000001_onboarding::Migration),
            Box::new(m20261203_000001_surveys::Migration),
            Box::new(m20261204_000001_panels::Migration),
            Box::new(m20261205_000001_waves::Migration),
            Box::new(m20261206_000001_recruitment::Migration),
            Box::new(m20261207_000001_dialogue::Migration),
        ]
    }
}
