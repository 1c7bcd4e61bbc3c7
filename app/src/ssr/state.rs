//! The state every request handler and server function shares.

pub mod clock;
pub mod settings;

use crate::error::AppError;
use crate::ssr::files::FileStore;
use crate::ssr::idporten::IdPorten;
use crate::ssr::mail::Mailer;
use crate::ssr::residency::ResidencyRegister;
use crate::ssr::signing::counts::SignatureCounts;
use crate::ssr::state::clock::Clock;
use crate::ssr::state::settings::Settings;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub mailer: Mailer,
    pub clock: Clock,
    pub leptos_options: LeptosOptions,
    /// Citizen login (its metadata cache is per process; everything else is in the database).
    pub idporten: Arc<IdPorten>,
    pub files: FileStore,
    pub residency: Arc<ResidencyRegister>,
    /// Kontakt- og reservasjonsregisteret: how to reach a citizen without a given address.
    pub contacts: Arc<crate::ssr::contact::ContactRegister>,
    pub signature_counts: SignatureCounts,
    /// Initiatives as signing reads them (per process, at most a second old).
    pub initiative_cache: crate::ssr::signing::initiative_cache::InitiativeCache,
    /// Writes online signatures on PostgreSQL in batches (one task per process).
    pub signing_writer: crate::ssr::signing::writer::SigningWriter,
    /// Finds the citizens of sessions on PostgreSQL in batches (one task per process).
    pub session_citizens: crate::ssr::batch::Batcher<crate::ssr::security::auth::SessionCitizens>,
    /// Finds who holds the sessions of a hearing's readers on PostgreSQL in batches (one task
    /// per process).
    pub session_viewers: crate::ssr::batch::Batcher<crate::ssr::http::page_cache::SessionViewers>,
    /// Public pages as readers without a session see them (per process, at most a second old).
    pub page_cache: Arc<crate::ssr::http::page_cache::PageCache>,
    /// Password hashing, at most one per CPU at a time (per process).
    pub hashing: Arc<crate::ssr::security::password::Hashing>,
    /// Signing buckets known to be over their limit (checked before the register is asked).
    pub signing_over_limit: Arc<crate::ssr::signing::over_limit::OverLimit>,
    /// Organisations' written standards, the default language of their pages (per process, at
    /// most a minute old).
    pub written_standards: Arc<crate::ssr::http::written_standard::WrittenStandards>,
}

impl AppState {
    /// The register configured in `settings`.
    pub fn residency_from(
        settings: &crate::ssr::state::settings::Settings,
    ) -> Result<ResidencyRegister, String> {
        use crate::ssr::residency::{FixtureRegister, Folkeregisteret};
        use crate::ssr::state::settings::ResidencySetting;
        Ok(match &settings.residency {
            ResidencySetting::Fixture(path) => {
                ResidencyRegister::Fixture(FixtureRegister::from_file(path)?)
            }
            ResidencySetting::Folkeregisteret(f) => ResidencyRegister::Folkeregisteret(
                Folkeregisteret::new(f, Self::maskinporten_from(settings)?)?,
            ),
            ResidencySetting::None => ResidencyRegister::None,
        })
    }
}

impl AppState {
    /// Where uploaded files are kept: object storage when `file_store` says so, else the
    /// local directory.
    pub fn files_from(
        settings: &crate::ssr::state::settings::Settings,
    ) -> Result<crate::ssr::files::FileStore, String> {
        match &settings.file_store {
            Some(url) => crate::ssr::files::FileStore::s3(url, None),
            None => crate::ssr::files::FileStore::local(settings.file_dir.clone()),
        }
    }

    /// The contact register configured in `settings`.
    pub fn contacts_from(
        settings: &crate::ssr::state::settings::Settings,
    ) -> Result<crate::ssr::contact::ContactRegister, String> {
        use crate::ssr::contact::{ContactRegister, FixtureContacts, Krr};
        use crate::ssr::state::settings::ContactSetting;
        Ok(match &settings.contact {
            ContactSetting::Krr(k) => {
                ContactRegister::Krr(Krr::new(k, Self::maskinporten_from(settings)?)?)
            }
            ContactSetting::Fixture(path) => {
                ContactRegister::Fixture(FixtureContacts::from_file(path)?)
            }
            ContactSetting::None => ContactRegister::None,
        })
    }

    /// A Maskinporten client for one register adapter (tokens are per scope, so adapters
    /// share nothing by sharing a client).
    pub fn maskinporten_from(
        settings: &crate::ssr::state::settings::Settings,
    ) -> Result<Arc<crate::ssr::maskinporten::Maskinporten>, String> {
        let m = settings
            .maskinporten
            .clone()
            .ok_or("a national register needs Maskinporten (INNSPILL_MASKINPORTEN_*)")?;
        crate::ssr::maskinporten::Maskinporten::new(m).map(Arc::new)
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

/// The state from the server function's context.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::ssr::internal("no AppState in context"))
}
