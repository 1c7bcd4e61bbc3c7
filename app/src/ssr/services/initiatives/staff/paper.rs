//! Paper signatures, entered by staff and checked in the register like online ones.

use crate::domain::initiative::InitiativeStatus;
use crate::domain::initiative::paper::PaperSigner;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::initiatives as db;
use crate::ssr::db::signatures::{self, NewSignature};
use crate::ssr::residency::{Refusal, RegisterError, RegisteredPerson, check};
use crate::ssr::security::auth::Staff;
use crate::ssr::security::pid;
use crate::ssr::services::initiatives::kind_of;
use crate::ssr::services::initiatives::staff::{initiative_of, org_of};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

pub use crate::domain::initiative::paper::PaperSignature;

/// Enters a paper signature: found in the register (by national id, or by name and birth
/// date), a resident, and not signed already (online or on paper).
pub async fn add_paper_signature(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    input: &PaperSignature,
) -> Result<(), AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    if db::status_of(&i) != InitiativeStatus::Collecting {
        return Err(AppError::Conflict("initiative.sign.closed".into()));
    }
    let signer = PaperSigner::parse(input, state.settings.allow_synthetic_ids())?;
    let person = registered(state, &signer, org.orgnr.as_deref()).await?;
    let key = match check(Some(&person), kind_of(&org), &org.number) {
        Ok(()) => None,
        Err(Refusal::Emigrated) => Some("initiative.paper.emigrated"),
        Err(Refusal::LivesElsewhere) => Some("initiative.paper.not_resident"),
        Err(Refusal::NotRegistered) => Some("initiative.paper.not_registered"),
    };
    if let Some(key) = key {
        return Err(AppError::Conflict(key.into()));
    }
    let hash = pid::pid_hash(state.settings.pid_key(), &person.national_id);
    let now = state.clock.now();
    // A confidential address is neither taken from the register nor kept from the list.
    let address = (!person.address_protected)
        .then(|| signer.address.clone().or(person.address.clone()))
        .flatten();
    let txn = state.db.begin().await.or_internal()?;
    let stored = signatures::insert_signature(
        &txn,
        NewSignature {
            initiative_id: i.id,
            organisation_id: org.id,
            pid_hash: &hash,
            paper: true,
            person_id: None,
            name: Some(&signer.name),
            birth_date: Some(signer.birth_date),
            address: address.as_deref(),
            kommunenummer: person.kommunenummer.as_deref(),
            notify: false,
            entered_by: Some(staff.user_id),
        },
        state.clock.today(),
        now,
    )
    .await
    .or_internal()?;
    if !stored {
        return Err(AppError::Conflict("initiative.paper.already_signed".into()));
    }
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "initiative_paper_signature",
            detail: &format!("initiative {id}"),
        },
        now,
    )
    .await?;
    state.signature_counts.forget(i.id);
    Ok(())
}

/// The one person in the register the signature names: by national id, else by name and birth
/// date. None, or more than one, is told as such.
async fn registered(
    state: &AppState,
    signer: &PaperSigner,
    on_behalf_of: Option<&str>,
) -> Result<RegisteredPerson, AppError> {
    let found = match &signer.national_id {
        Some(n) => state
            .residency
            .lookup(n, on_behalf_of)
            .await
            .map(|p| p.into_iter().collect::<Vec<_>>()),
        None => {
            state
                .residency
                .search(&signer.name, signer.birth_date)
                .await
        }
    };
    let found = match found {
        Ok(f) => f,
        Err(RegisterError::NotConfigured) => {
            return Err(AppError::Conflict("initiative.sign.disabled".into()));
        }
        Err(RegisterError::NeedsNationalId) => {
            return Err(AppError::Conflict(
                "initiative.paper.national_id_needed".into(),
            ));
        }
        Err(e) => {
            tracing::warn!(error = %e, "residency register unavailable");
            return Err(AppError::Conflict(
                "initiative.sign.register_unavailable".into(),
            ));
        }
    };
    match <[RegisteredPerson; 1]>::try_from(found) {
        Ok([one]) => Ok(one),
        Err(v) if v.is_empty() => Err(AppError::Conflict("initiative.paper.not_found".into())),
        Err(_) => Err(AppError::Conflict("initiative.paper.ambiguous".into())),
    }
}
