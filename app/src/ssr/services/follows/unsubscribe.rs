//! Leaving by the link in a mail, without logging in: `f<id>.<mac>` ends one follow, `a<id>.<mac>`
//! (a digest's link) every follow that mails the same recipient. The mac is a keyed hash of the
//! scope and id under the installation's secret: a link cannot be guessed or turned into
//! another's, and nothing needs storing. Mail clients post to it (RFC 8058 one-click); its page
//! has the same button. Leaving twice is no error.

use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::follows;
use crate::ssr::security::seal::keyed_hash;
use crate::ssr::state::AppState;

/// What a link ends: one follow, or all of its recipient's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    One,
    All,
}

impl Scope {
    fn letter(self) -> char {
        match self {
            Scope::One => 'f',
            Scope::All => 'a',
        }
    }
}

fn mac(secret: &[u8], scope: Scope, id: i64) -> String {
    let h = keyed_hash(
        secret,
        &[
            b"innspill-unsubscribe:",
            scope.letter().to_string().as_bytes(),
            id.to_string().as_bytes(),
        ],
    );
    h[..32].to_string()
}

/// The token of the link that ends `scope` for follow `id`.
pub fn token(secret: &[u8], scope: Scope, id: i64) -> String {
    format!("{}{id}.{}", scope.letter(), mac(secret, scope, id))
}

/// The scope and follow id of a genuine token; `None` for anything else.
pub fn read(secret: &[u8], token: &str) -> Option<(Scope, i64)> {
    let (head, presented) = token.trim().split_once('.')?;
    let scope = match head.chars().next()? {
        'f' => Scope::One,
        'a' => Scope::All,
        _ => return None,
    };
    let id: i64 = head.get(1..)?.parse().ok()?;
    crate::ssr::security::seal::same(&mac(secret, scope, id), presented).then_some((scope, id))
}

/// The absolute link that ends `scope` for follow `id`.
pub fn link(state: &AppState, scope: Scope, id: i64) -> String {
    crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::unsubscribe(&token(state.settings.secret(), scope, id)),
    )
}

/// The titles of the cases the link would stop (for its page); empty when there is nothing left
/// to stop. `NotFound` for a link that is not genuine.
pub async fn preview(state: &AppState, token: &str) -> Result<Vec<String>, AppError> {
    let (scope, id) = read(state.settings.secret(), token).ok_or(AppError::NotFound)?;
    let mut titles = Vec::new();
    for f in affected(state, scope, id).await? {
        let Some(kind) = crate::domain::follow::CaseKind::parse(&f.case_kind) else {
            continue;
        };
        if let Some(c) = super::case_by_ids(state, f.organisation_id, kind, f.case_id).await? {
            titles.push(c.info.title);
        }
    }
    Ok(titles)
}

/// Ends what the link is for; how many follows ended (0 if they had ended already).
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<u64, AppError> {
    let (scope, id) = read(state.settings.secret(), token).ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = affected(state, scope, id)
        .await?
        .iter()
        .map(|f| f.id)
        .collect();
    let n = follows::delete(&state.db, &ids).await.or_internal()?;
    tracing::info!(follows = n, "unsubscribed by link");
    Ok(n)
}

async fn affected(
    state: &AppState,
    scope: Scope,
    id: i64,
) -> Result<Vec<crate::ssr::db::entities::follow::Model>, AppError> {
    let Some(f) = follows::by_id(&state.db, id).await.or_internal()? else {
        return Ok(Vec::new());
    };
    Ok(match scope {
        Scope::One => vec![f],
        Scope::All => follows::same_recipient(&state.db, &f).await.or_internal()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_only_under_its_own_secret_scope_and_id() {
        let t = token(b"secret one", Scope::One, 42);
        assert_eq!(read(b"secret one", &t), Some((Scope::One, 42)));
        assert_eq!(read(b"secret two", &t), None);
        let forged_id = t.replacen("42", "43", 1);
        assert_eq!(read(b"secret one", &forged_id), None);
        let forged_scope = t.replacen('f', "a", 1);
        assert_eq!(read(b"secret one", &forged_scope), None);
        assert_eq!(read(b"secret one", "f42"), None);
        assert_eq!(read(b"secret one", ""), None);
        let all = token(b"secret one", Scope::All, 42);
        assert_eq!(read(b"secret one", &all), Some((Scope::All, 42)));
        assert_ne!(all[1..], t[1..]);
    }
}
