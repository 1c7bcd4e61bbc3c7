//! Whether a logged-in citizen lives in an organisation, asked of the `ResidencyRegister` at
//! the moment it matters (proposing an initiative, joining a panel); each caller words the
//! answer for its own page. A register that does not answer is not a "no".

use crate::domain::national_id::NationalId;
use crate::ssr::db::entities::organisation;
use crate::ssr::residency::{Refusal, RegisterError, check};
use crate::ssr::security::auth::Citizen;
use crate::ssr::services::initiatives::kind_of;
use crate::ssr::state::AppState;

/// Why a citizen is not (known to be) a resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotResident {
    /// The login carried no national id.
    NoNationalId,
    /// No register is configured here.
    NotConfigured,
    /// The register did not answer: try again later.
    Unavailable,
    Emigrated,
    LivesElsewhere,
    NotRegistered,
}

/// The citizen's national id, when the register says they live in the organisation.
pub async fn resident(
    state: &AppState,
    citizen: &Citizen,
    org: &organisation::Model,
) -> Result<NationalId, NotResident> {
    let pid = citizen
        .national_id(state)
        .ok_or(NotResident::NoNationalId)?;
    let person = match state.residency.lookup(&pid, org.orgnr.as_deref()).await {
        Ok(p) => p,
        Err(RegisterError::NotConfigured) => return Err(NotResident::NotConfigured),
        Err(e) => {
            tracing::warn!(error = %e, "residency register unavailable");
            return Err(NotResident::Unavailable);
        }
    };
    match check(person.as_ref(), kind_of(org), &org.number) {
        Ok(()) => Ok(pid),
        Err(Refusal::Emigrated) => Err(NotResident::Emigrated),
        Err(Refusal::LivesElsewhere) => Err(NotResident::LivesElsewhere),
        Err(Refusal::NotRegistered) => Err(NotResident::NotRegistered),
    }
}
