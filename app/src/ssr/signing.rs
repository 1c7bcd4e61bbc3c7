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
//!
//! The room: `sign` and `withdraw` here state the rule once; `store` is where an attempt is
//! counted and stored (batched on PostgreSQL, one transaction on SQLite); `statement` is
//! PostgreSQL's batch statement with its jobs, `writer` the batcher that feeds it (on the
//! generic `ssr::batch`); `initiative_cache` remembers the initiative for a second; `counts`
//! keeps the signature counts the pages show.

pub mod counts;
pub mod initiative_cache;
pub mod over_limit;
pub mod statement;
pub mod store;
pub mod writer;

use crate::domain::follow::{Cadence, CaseKind, Reason};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::organisation;
use crate::ssr::db::follows::{self, Case, PersonFollow};
use crate::ssr::db::initiatives as db;
use crate::ssr::db::signatures::{self, NewSignature};
use crate::ssr::mail::templates;
use crate::ssr::residency::{Refusal, RegisterError};
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::services::initiatives::kind_of;
use crate::ssr::state::AppState;
use chrono::Duration;
use store::{Attempt, Bucket, Outcome, SignatureStore};

/// The person's and the client address's rate-limit buckets for signing.
fn buckets(state: &AppState, citizen: &Citizen, client: &str) -> (Bucket, Bucket) {
    let l = state.settings.sign_limits;
    let window = Duration::minutes(10);
    let bucket = |name: String, max| Bucket {
        name,
        limit: Limit { max, window },
    };
    (
        bucket(format!("sign:person:{}", citizen.person_id), l.per_person),
        bucket(format!("sign:client:{client}"), l.per_client),
    )
}

fn rate_limited(limit: Limit, now: chrono::DateTime<chrono::Utc>) -> AppError {
    tracing::warn!("signing rate limited");
    AppError::RateLimited {
        retry_after_minutes: rate_limit::minutes_left(limit, now),
    }
}

/// Remembers that `bucket` is over its limit, and says so.
fn over(state: &AppState, bucket: &Bucket, now: chrono::DateTime<chrono::Utc>) -> AppError {
    state
        .signing_over_limit
        .remember(&bucket.name, bucket.limit, now);
    rate_limited(bucket.limit, now)
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
    // An initiative that is not public does not exist for anyone who would sign it.
    if !db::status_of(i).is_public() {
        return Err(AppError::NotFound);
    }
    // An organisation that no longer uses Innspill takes no signatures here.
    if org.deactivated_at.is_some() {
        return Err(AppError::Conflict("org.deactivated_refusal".into()));
    }
    let now = state.clock.now();
    let (person, client) = buckets(state, citizen, client);
    // Over a limit already: refused before the register is asked.
    if let Some(limit) = state
        .signing_over_limit
        .any(&[&person.name, &client.name], now)
    {
        return Err(rate_limited(limit, now));
    }
    let registered = registered_person(state, &pid, org.orgnr.as_deref()).await?;
    let refusal = crate::ssr::residency::check(registered.as_ref(), kind_of(org), &org.number);
    let (Ok(()), Some(resident)) = (refusal, registered.as_ref()) else {
        let store = SignatureStore::of(state);
        if let Outcome::RateLimited(b) = store.count_only(state, &person, &client, now).await? {
            return Err(over(state, &b, now));
        }
        let key = match refusal {
            Err(Refusal::Emigrated) => "initiative.sign.emigrated",
            Err(Refusal::LivesElsewhere) => "initiative.sign.not_resident",
            _ => "initiative.sign.not_registered",
        };
        return Err(AppError::Conflict(key.into()));
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
    let receipt = receipt_for(state, citizen, i, org, notify, lang)?;
    let attempt = Attempt {
        person,
        client,
        signature,
        receipt,
        today: state.clock.today(),
        now,
    };
    let stored = match SignatureStore::of(state).sign(state, attempt).await? {
        Outcome::RateLimited(b) => return Err(over(state, &b, now)),
        Outcome::Stored => true,
        Outcome::NotStored => false,
    };
    if !stored {
        return Err(why_not_stored(state, i.id, pid_hash).await);
    }
    state.signature_counts.forget(i.id);
    tracing::info!(initiative_id = i.id, "initiative signed");
    // Asked to hear the outcome: they hear of the initiative from now on (Min side lists it).
    // The signature stands even if this fails.
    if notify && citizen.email.is_some() {
        let follow = PersonFollow {
            case: Case {
                organisation_id: org.id,
                kind: CaseKind::Initiative,
                id: i.id,
            },
            person_id: citizen.person_id,
            email: None,
            lang,
            cadence: Cadence::Immediate,
            reason: Reason::Signed,
        };
        if let Err(e) = follows::follow_person(&state.db, follow, now).await {
            tracing::warn!(initiative_id = i.id, error = %e, "signer not made a follower");
        }
    }
    Ok(())
}

/// The person in the population register; the register being off or away is told as such.
async fn registered_person(
    state: &AppState,
    pid: &crate::domain::national_id::NationalId,
    on_behalf_of: Option<&str>,
) -> Result<Option<crate::ssr::residency::RegisteredPerson>, AppError> {
    match state.residency.lookup(pid, on_behalf_of).await {
        Ok(p) => Ok(p),
        Err(RegisterError::NotConfigured) => {
            Err(AppError::Conflict("initiative.sign.disabled".into()))
        }
        Err(e) => {
            tracing::warn!(error = %e, "residency register unavailable");
            Err(AppError::Conflict(
                "initiative.sign.register_unavailable".into(),
            ))
        }
    }
}

/// The receipt mail to the citizen's confirmed address, if they have one.
fn receipt_for(
    state: &AppState,
    citizen: &Citizen,
    i: &crate::ssr::db::entities::initiative::Model,
    org: &organisation::Model,
    notify: bool,
    lang: Lang,
) -> Result<Option<crate::ssr::mail::OutgoingMail>, AppError> {
    let Some(email) = &citizen.email else {
        return Ok(None);
    };
    let link = crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::initiative(&org.slug, i.id),
    );
    templates::render(
        "signature_receipt",
        lang,
        email,
        serde_json::json!({
            "title": i.title, "organisation": org.name, "link": link, "notify": notify,
        }),
    )
    .map(Some)
    .or_internal()
}

/// Why a counted attempt stored nothing: the person had signed, or the collection is closed.
async fn why_not_stored(state: &AppState, initiative_id: i32, pid_hash: &str) -> AppError {
    match signatures::has_signed(&state.db, initiative_id, pid_hash).await {
        Ok(true) => AppError::Conflict("initiative.sign.already_signed".into()),
        Ok(false) => AppError::Conflict("initiative.sign.closed".into()),
        Err(e) => crate::ssr::internal(e),
    }
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
    if !signatures::withdraw_signature(&state.db, i.id, pid_hash)
        .await
        .or_internal()?
    {
        return Err(AppError::Conflict(
            "initiative.withdraw.not_possible".into(),
        ));
    }
    state.signature_counts.forget(i.id);
    // Hearing of it because they signed ends with the signature; a chosen follow stays.
    if let Some(f) = follows::of_person(&state.db, CaseKind::Initiative, i.id, citizen.person_id)
        .await
        .or_internal()?
        && f.reason == Reason::Signed.as_str()
    {
        follows::delete(&state.db, &[f.id]).await.or_internal()?;
    }
    tracing::info!(initiative_id = i.id, "signature withdrawn");
    Ok(())
}
