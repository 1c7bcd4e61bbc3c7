//! Dialogue with elected officials: staff set up spaces (`spaces`), citizens post, reply,
//! support and flag (`posting`, `reactions`), moderators decide in public (`moderate`), and
//! the pages read it all (`views`). Every staff action checks the caller's role in this very
//! organisation and finds the space only inside it (`space_of`).

pub mod moderate;
pub mod officials;
pub mod posting;
pub mod reactions;
pub mod retention;
pub mod spaces;
pub mod views;

use crate::domain::dialogue::DEFAULT_RULES;
use crate::domain::role::Role;
use crate::dto::dialogue::HouseRules;
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue as db;
use crate::ssr::db::entities::{dialogue_setting, dialogue_space};
use crate::ssr::state::AppState;
use chrono::{DateTime, Utc};

pub use crate::ssr::services::hearings::staff_org;

/// Who moderates the organisation's dialogue (besides the officials hosting a space).
pub const MODERATORS: &[Role] = &[Role::Admin, Role::Moderator];
/// Who sets up spaces.
pub const EDITORS: &[Role] = &[Role::Admin, Role::CaseOfficer, Role::Moderator];
/// Flags that hide a post pending review when the organisation has not said.
pub const FLAGS_TO_HIDE: i32 = 3;

/// The space, if it belongs to the organisation (else `NotFound`).
pub async fn space_of(
    state: &AppState,
    org: &OrganisationDto,
    id: i32,
) -> Result<dialogue_space::Model, AppError> {
    db::space(&state.db, org.id, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// The organisation's house rules.
pub fn rules_of(settings: Option<&dialogue_setting::Model>) -> HouseRules {
    settings
        .and_then(|s| s.rules.as_deref())
        .and_then(|r| serde_json::from_str::<Vec<String>>(r).ok())
        .filter(|r| !r.is_empty())
        .map_or(HouseRules::Default(DEFAULT_RULES), HouseRules::Own)
}

/// Whether the space takes posts at `now`.
pub fn is_open(s: &dialogue_space::Model, now: DateTime<Utc>) -> bool {
    s.published && s.opens_at <= now && s.closes_at.is_none_or(|c| now <= c)
}
