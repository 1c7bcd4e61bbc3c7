//! Where a signing attempt is counted and its signature stored. The rule is the same on both
//! databases — count the attempt for the person, then for the client address, then store the
//! signature with its receipt if both are within their limits and the initiative collects —
//! but the way differs:
//!
//! - PostgreSQL (`Batched`): the attempt joins the others waiting at that moment in one
//!   statement with one commit (`statement`, batched by `writer`);
//! - SQLite (`Transactional`): two counter statements, then the signature with its receipt in
//!   one transaction (SQLite has one writer at a time; batching buys nothing).

use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::signatures::{self, NewSignature};
use crate::ssr::mail::OutgoingMail;
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::signing::statement::{Counter, SignJob};
use crate::ssr::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DbBackend;

/// One rate-limited counter an attempt is counted in: its bucket and limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    pub limit: Limit,
}

/// One online signing attempt.
pub struct Attempt<'a> {
    pub person: Bucket,
    pub client: Bucket,
    pub signature: NewSignature<'a>,
    pub receipt: Option<OutgoingMail>,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// What became of an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored, with its receipt queued.
    Stored,
    /// Counted, but not stored: the person had signed, or the collection was not open.
    NotStored,
    /// Over this bucket's limit: counted (where the limit before it allowed) and not stored.
    RateLimited(Bucket),
}

/// How this database stores signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureStore {
    Batched,
    Transactional,
}

impl SignatureStore {
    pub fn of(state: &AppState) -> Self {
        match state.db.get_database_backend() {
            DbBackend::Postgres => Self::Batched,
            _ => Self::Transactional,
        }
    }

    /// Counts the attempt and, within the limits, stores its signature.
    pub async fn sign(self, state: &AppState, a: Attempt<'_>) -> Result<Outcome, AppError> {
        match self {
            Self::Batched => sign_batched(state, a).await,
            Self::Transactional => sign_in_transaction(state, a).await,
        }
    }

    /// Counts an attempt that stores nothing (a person who may not sign), per person first.
    pub async fn count_only(
        self,
        state: &AppState,
        person: &Bucket,
        client: &Bucket,
        now: DateTime<Utc>,
    ) -> Result<Outcome, AppError> {
        for b in [person, client] {
            if rate_limit::hit(&state.db, &b.name, b.limit, now)
                .await
                .or_internal()?
                .is_err()
            {
                return Ok(Outcome::RateLimited(b.clone()));
            }
        }
        Ok(Outcome::NotStored)
    }
}

async fn sign_batched(state: &AppState, a: Attempt<'_>) -> Result<Outcome, AppError> {
    let counter = |b: &Bucket| Counter {
        bucket: b.name.clone(),
        window_start: rate_limit::window_start(b.limit, a.now),
        max: b.limit.max,
    };
    let s = &a.signature;
    let job = SignJob {
        person: counter(&a.person),
        client: counter(&a.client),
        initiative_id: s.initiative_id,
        organisation_id: s.organisation_id,
        pid_hash: s.pid_hash.to_string(),
        person_id: s.person_id.unwrap_or_default(),
        name: s.name.map(str::to_string),
        birth_date: s.birth_date,
        address: s.address.map(str::to_string),
        kommunenummer: s.kommunenummer.map(str::to_string),
        notify: s.notify,
        receipt: a.receipt,
        today: a.today,
        now: a.now,
    };
    let counted = state
        .signing_writer
        .call(&state.db, job)
        .await
        .or_internal()?;
    Ok(if counted.person_count > a.person.limit.max {
        Outcome::RateLimited(a.person.clone())
    } else if counted.client_count.is_some_and(|c| c > a.client.limit.max) {
        Outcome::RateLimited(a.client.clone())
    } else if counted.stored {
        Outcome::Stored
    } else {
        Outcome::NotStored
    })
}

async fn sign_in_transaction(state: &AppState, a: Attempt<'_>) -> Result<Outcome, AppError> {
    let store = SignatureStore::Transactional;
    if let Outcome::RateLimited(b) = store.count_only(state, &a.person, &a.client, a.now).await? {
        return Ok(Outcome::RateLimited(b));
    }
    let stored = match &a.receipt {
        Some(r) => {
            signatures::insert_signature_with_receipt(&state.db, a.signature, r, a.today, a.now)
                .await
        }
        None => signatures::insert_signature(&state.db, a.signature, a.today, a.now).await,
    }
    .or_internal()?;
    Ok(if stored {
        Outcome::Stored
    } else {
        Outcome::NotStored
    })
}
