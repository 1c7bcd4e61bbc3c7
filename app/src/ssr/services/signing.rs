//! Signing an initiative, the hot path: one signature per person (by the keyed hash of the
//! national id), a resident checked in the register at the moment of signing, no age limit.
//! On PostgreSQL two statements, each shared with the other requests at that moment (see
//! `batch`): one finds the session's citizen (session, login and person), one counts the
//! attempt for the rate limits (per person, then per client) and stores the signature with its
//! receipt mail, with one commit. The initiative with its organisation is remembered for a
//! second. On SQLite the citizen is one query, the counters two statements and the signature
//! with its mail one transaction.
//!
//! Nothing is stored for a person who may not sign (no national id, not resident, already
//! signed, the collection closed); the rate-limit counters count every attempt.

use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::auth::Citizen;
use crate::ssr::db::entities::organisation;
use crate::ssr::db::initiatives::{self as db, NewSignature};
use crate::ssr::internal::OrInternal;
use crate::ssr::mail::templates;
use crate::ssr::rate_counter::{self, WindowLimit};
use crate::ssr::residency::RegisterError;
use crate::ssr::services::initiatives::{kind_of, today};
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::DbBackend;

fn limits(state: &AppState) -> (WindowLimit, WindowLimit) {
    let l = state.settings.sign_limits;
    let window = Duration::minutes(10);
    (
        WindowLimit {
            max: l.per_person,
            window,
        },
        WindowLimit {
            max: l.per_client,
            window,
        },
    )
}

fn buckets(citizen: &Citizen, client: &str) -> (String, String) {
    (
        format!("sign:person:{}", citizen.person_id),
        format!("sign:client:{client}"),
    )
}

fn rate_limited(limit: WindowLimit, now: chrono::DateTime<chrono::Utc>) -> AppError {
    tracing::warn!("signing rate limited");
    AppError::RateLimited {
        retry_after_minutes: rate_counter::minutes_left(limit, now),
    }
}

/// Counts a signing attempt, per person first: attempts refused for the person do not use up
/// the budget of everyone behind the same address.
async fn count_attempt(
    state: &AppState,
    citizen: &Citizen,
    client: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let (person_limit, client_limit) = limits(state);
    let (person_bucket, client_bucket) = buckets(citizen, client);
    for (bucket, limit) in [(person_bucket, person_limit), (client_bucket, client_limit)] {
        if rate_counter::hit(&state.db, &bucket, limit, now)
            .await
            .or_internal()?
            .is_err()
        {
            return Err(rate_limited(limit, now));
        }
    }
    Ok(())
}

/// Signs for the citizen; `notify`: they want the outcome by email.
pub async fn sign(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
    notify: bool,
    client: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let (Some(pid_hash), Some(pid)) = (citizen.pid_hash.as_deref(), citizen.national_id(state))
    else {
        return Err(AppError::Conflict("initiative.sign.no_pid".into()));
    };
    let found = state
        .initiative_cache
        .get(&state.db, slug, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let (i, org) = &*found;
    let registered = match state.residency.lookup(&pid).await {
        Ok(p) => p,
        Err(RegisterError::NotConfigured) => {
            return Err(AppError::Conflict("initiative.sign.disabled".into()));
        }
        Err(e) => {
            tracing::warn!(error = %e, "residency register unavailable");
            return Err(AppError::Conflict(
                "initiative.sign.register_unavailable".into(),
            ));
        }
    };
    let now = state.clock.now();
    let resident = registered
        .as_ref()
        .filter(|p| p.lives_in(kind_of(org), &org.number));
    let Some(resident) = resident else {
        count_attempt(state, citizen, client, now).await?;
        return Err(AppError::Conflict("initiative.sign.not_resident".into()));
    };
    let login_name = citizen.name();
    let signature = NewSignature {
        initiative_id: i.id,
        organisation_id: org.id,
        pid_hash,
        paper: false,
        person_id: Some(citizen.person_id),
        name: login_name.as_deref().or(Some(resident.name.as_str())),
        birth_date: resident.birth_date,
        address: resident.address.as_deref(),
        kommunenummer: resident.kommunenummer.as_deref(),
        notify: notify && citizen.email.is_some(),
        entered_by: None,
    };
    let receipt = match &citizen.email {
        Some(email) => Some(
            templates::render(
                "signature_receipt",
                lang,
                email,
                serde_json::json!({
                    "title": i.title, "organisation": org.name,
                    "link": format!("{}/org/{}/innbyggerforslag/{}", state.settings.base_url.trim_end_matches('/'), org.slug, i.id),
                    "notify": notify,
                }),
            )
            .or_internal()?,
        ),
        None => None,
    };
    let stored = if state.db.get_database_backend() == DbBackend::Postgres {
        let (person_limit, client_limit) = limits(state);
        let (person_bucket, client_bucket) = buckets(citizen, client);
        let counter = |bucket, limit: WindowLimit| db::Counter {
            bucket,
            window_start: rate_counter::window_start(limit, now),
            max: limit.max,
        };
        let job = db::SignJob {
            person: counter(person_bucket, person_limit),
            client: counter(client_bucket, client_limit),
            initiative_id: signature.initiative_id,
            organisation_id: signature.organisation_id,
            pid_hash: pid_hash.to_string(),
            person_id: citizen.person_id,
            name: signature.name.map(str::to_string),
            birth_date: signature.birth_date,
            address: signature.address.map(str::to_string),
            kommunenummer: signature.kommunenummer.map(str::to_string),
            notify: signature.notify,
            receipt,
            today: today(state),
            now,
        };
        let outcome = state
            .signing_writer
            .call(&state.db, job)
            .await
            .or_internal()?;
        if outcome.person_count > person_limit.max {
            return Err(rate_limited(person_limit, now));
        }
        if outcome.client_count.is_some_and(|c| c > client_limit.max) {
            return Err(rate_limited(client_limit, now));
        }
        outcome.stored
    } else {
        count_attempt(state, citizen, client, now).await?;
        match &receipt {
            Some(r) => {
                db::insert_signature_with_receipt(&state.db, signature, r, today(state), now).await
            }
            None => db::insert_signature(&state.db, signature, today(state), now).await,
        }
        .or_internal()?
    };
    if !stored {
        let signed = db::has_signed(&state.db, i.id, pid_hash)
            .await
            .or_internal()?;
        return Err(AppError::Conflict(
            if signed {
                "initiative.sign.already_signed"
            } else {
                "initiative.sign.closed"
            }
            .into(),
        ));
    }
    state.signature_counts.forget(i.id);
    tracing::info!(initiative_id = i.id, "initiative signed");
    Ok(())
}

/// Withdraws the citizen's online signature, until the initiative is submitted.
pub async fn withdraw(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
) -> Result<(), AppError> {
    let Some(pid_hash) = citizen.pid_hash.as_deref() else {
        return Err(AppError::Conflict("initiative.sign.no_pid".into()));
    };
    let (i, _org): (_, organisation::Model) = db::find_with_org(&state.db, slug, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if !db::withdraw_signature(&state.db, i.id, pid_hash)
        .await
        .or_internal()?
    {
        return Err(AppError::Conflict(
            "initiative.withdraw.not_possible".into(),
        ));
    }
    state.signature_counts.forget(i.id);
    tracing::info!(initiative_id = i.id, "signature withdrawn");
    Ok(())
}
