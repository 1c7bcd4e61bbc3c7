//! Leaving a panel by the link in any of its mails, without logging in: `m<member id>.<mac>`,
//! the mac a keyed hash of the member's id under the installation's secret (nothing stored;
//! a link cannot be guessed or turned into another member's). Its page offers the choice of
//! keeping the answers given (no longer linked to the member) or deleting them; a mail client's
//! one-click post (RFC 8058) keeps them, the choice that loses nothing. Leaving twice is no
//! error.

use crate::domain::survey::panel::{KeepAnswers, MemberStatus};
use crate::dto::panels::LeaveLinkPreview;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{organisation, panel_member};
use crate::ssr::db::panels as db;
use crate::ssr::security::seal::{keyed_hash, same};
use crate::ssr::state::AppState;
use sea_orm::{EntityTrait, TransactionTrait};

fn mac(secret: &[u8], member_id: i32) -> String {
    keyed_hash(
        secret,
        &[b"innspill-panel-leave:", member_id.to_string().as_bytes()],
    )[..32]
        .to_string()
}

/// The token of member `id`'s leave link.
pub fn token(secret: &[u8], member_id: i32) -> String {
    format!("m{member_id}.{}", mac(secret, member_id))
}

/// The member id of a genuine token.
fn read(secret: &[u8], token: &str) -> Option<i32> {
    let (head, presented) = token.trim().split_once('.')?;
    let id: i32 = head.strip_prefix('m')?.parse().ok()?;
    same(&mac(secret, id), presented).then_some(id)
}

/// The absolute leave link of member `id`.
pub fn link(state: &AppState, member_id: i32) -> String {
    crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::panel_leave_link(&token(state.settings.secret(), member_id)),
    )
}

async fn member(state: &AppState, token: &str) -> Result<panel_member::Model, AppError> {
    let id = read(state.settings.secret(), token).ok_or(AppError::NotFound)?;
    panel_member::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// What the link's page shows: the panel, and whether the membership is still there to end.
pub async fn preview(state: &AppState, token: &str) -> Result<LeaveLinkPreview, AppError> {
    let m = member(state, token).await?;
    let p = db::by_id(&state.db, m.panel_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(p.organisation_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    Ok(LeaveLinkPreview {
        panel_name: p.name,
        organisation_name: org.name,
        active: m.status == MemberStatus::Active.as_str(),
    })
}

/// Ends the membership, the answers kept (unlinked) or deleted; `false` when it had ended.
pub async fn leave(state: &AppState, token: &str, keep: KeepAnswers) -> Result<bool, AppError> {
    let m = member(state, token).await?;
    if m.status != MemberStatus::Active.as_str() {
        return Ok(false);
    }
    let panel_id = m.panel_id;
    let txn = state.db.begin().await.or_internal()?;
    db::end(&txn, m, MemberStatus::Left, keep, state.clock.now())
        .await
        .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(
        panel_id,
        deleted = keep == KeepAnswers::Deleted,
        "panel member left by the link in a mail"
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leave_link_is_read_back_and_cannot_be_turned_into_another_members() {
        let secret = b"a secret of the installation";
        let t = token(secret, 42);
        assert_eq!(read(secret, &t), Some(42));
        assert_eq!(read(b"another secret", &t), None);
        let mac = t.split_once('.').unwrap().1;
        assert_eq!(read(secret, &format!("m43.{mac}")), None);
        assert_eq!(read(secret, "m42"), None);
        assert_eq!(read(secret, "f42.abc"), None);
    }
}
