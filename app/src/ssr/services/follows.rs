//! Following cases, one file per action: following as a logged-in citizen or by an address
//! confirmed by a link (`follow`), leaving by the one-click link in every mail (`unsubscribe`),
//! and a citizen's own follows on Min side (`mine`). A case can be followed only while the
//! public can see it; a case that is not public does not exist here.

pub mod follow;
pub mod mine;
pub mod unsubscribe;

use crate::domain::follow::CaseKind;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::follows::Case;
use crate::ssr::db::{hearings, initiatives, organisations};
use crate::ssr::services::notifications::render::CaseInfo;
use crate::ssr::state::AppState;

/// The follows of a case that ended go this many days after its last move (the time for a
/// correction to be told).
pub const FINISHED_CASE_DAYS: i64 = 90;

/// A public case, found by its organisation's slug and its id.
#[derive(Debug, Clone)]
pub struct PublicCase {
    pub case: Case,
    pub slug: String,
    pub info: CaseInfo,
    /// The case page, relative to the site.
    pub path: String,
    /// The organisation's written standard, the language its feeds speak.
    pub lang: crate::domain::lang::Lang,
}

/// The case if the public may see it; `NotFound` otherwise.
pub async fn public_case(
    state: &AppState,
    kind: CaseKind,
    slug: &str,
    id: i32,
) -> Result<PublicCase, AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let (title, path) = match kind {
        CaseKind::Hearing => {
            let h = hearings::find(&state.db, org.id, id)
                .await
                .or_internal()?
                .filter(hearings::is_public)
                .ok_or(AppError::NotFound)?;
            (h.title, crate::paths::hearing(&org.slug, id))
        }
        CaseKind::Initiative => {
            let i = initiatives::find(&state.db, org.id, id)
                .await
                .or_internal()?
                .filter(|i| initiatives::status_of(i).is_public())
                .ok_or(AppError::NotFound)?;
            (i.title, crate::paths::initiative(&org.slug, id))
        }
    };
    Ok(PublicCase {
        case: Case {
            organisation_id: org.id,
            kind,
            id,
        },
        info: CaseInfo {
            title,
            organisation: org.name.clone(),
            link: crate::paths::absolute(&state.settings.base_url, &path),
        },
        lang: org.written_standard.lang(),
        slug: org.slug,
        path,
    })
}

/// The case of a stored follow or event, found by its ids (for mails and Min side); `None` if
/// it is gone or no longer public.
pub async fn case_by_ids(
    state: &AppState,
    organisation_id: i32,
    kind: CaseKind,
    id: i32,
) -> Result<Option<PublicCase>, AppError> {
    let Some(slug) = organisations::slug_of(&state.db, organisation_id)
        .await
        .or_internal()?
    else {
        return Ok(None);
    };
    match public_case(state, kind, &slug, id).await {
        Ok(c) => Ok(Some(c)),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The public case with this id, whichever organisation it belongs to (for its feed).
pub async fn case_by_id(
    state: &AppState,
    kind: CaseKind,
    id: i32,
) -> Result<Option<PublicCase>, AppError> {
    use sea_orm::EntityTrait;
    let org = match kind {
        CaseKind::Hearing => crate::ssr::db::entities::hearing::Entity::find_by_id(id)
            .one(&state.db)
            .await
            .or_internal()?
            .map(|h| h.organisation_id),
        CaseKind::Initiative => crate::ssr::db::entities::initiative::Entity::find_by_id(id)
            .one(&state.db)
            .await
            .or_internal()?
            .map(|i| i.organisation_id),
    };
    match org {
        Some(org) => case_by_ids(state, org, kind, id).await,
        None => Ok(None),
    }
}
