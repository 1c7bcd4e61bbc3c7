//! Citizen panels (innbyggerpanel): staff set one up (`edit`), residents join it on their own
//! and leave it when they like (`membership`), and staff see its composition against the
//! population (`views`); waves send a survey to the members (`waves`), whose mails carry a
//! one-click leave link (`leave_link`); the population results are weighted to is imported
//! (`margins`). Every staff action checks the caller's role in this very
//! organisation and finds the panel only inside it (`panel_of`).

pub mod edit;
pub mod leave_link;
pub mod margins;
pub mod membership;
pub mod recruitment;
pub mod views;
pub mod waves;

use crate::domain::role::Role;
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::panel;
use crate::ssr::db::panels as db;
use crate::ssr::security::auth::Citizen;
use crate::ssr::state::AppState;

pub use crate::ssr::services::hearings::staff_org;

/// Who may set up and run panels (as surveys).
pub const EDITORS: &[Role] = crate::ssr::services::surveys::EDITORS;

/// The panel, if it belongs to the organisation (else `NotFound`, whatever exists elsewhere).
pub async fn panel_of(
    state: &AppState,
    org: &OrganisationDto,
    id: i32,
) -> Result<panel::Model, AppError> {
    db::find(&state.db, org.id, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// The keyed hash a member is known by in one panel: the person (their national id's hash)
/// under the installation's secret, for this panel only — two panels' lists cannot be matched.
/// `None` for a login without a national id (who cannot be a member).
pub(crate) fn person_hash(state: &AppState, panel_id: i32, c: &Citizen) -> Option<String> {
    Some(member_hash(state, panel_id, c.pid_hash.as_deref()?))
}

/// `person_hash` from the national id's hash.
pub fn member_hash(state: &AppState, panel_id: i32, pid_hash: &str) -> String {
    crate::ssr::security::seal::keyed_hash(
        state.settings.secret(),
        &[
            b"panel-member:",
            panel_id.to_string().as_bytes(),
            b":",
            pid_hash.as_bytes(),
        ],
    )
}
