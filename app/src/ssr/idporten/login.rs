//! Citizen login with ID-porten. Each login attempt keeps its `state`, `nonce` and
//! PKCE verifier in the (server-side) session for ten minutes; the callback checks all of them,
//! the `iss` of the response and of the ID token, the audience, expiry and level of assurance,
//! and only then creates the person and the login. The national id leaves this module only as
//! its keyed hash.

use crate::domain::lang::Lang;
use crate::domain::loa::Loa;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::state::AppState;
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{
    AuthenticationContextClass, CsrfToken, LanguageTag, Nonce, PkceCodeChallenge, Scope,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// Session key of the current citizen login (a `citizen_logins` id).
pub const CITIZEN_KEY: &str = "citizen_login_id";
pub(super) const ATTEMPTS_KEY: &str = "idporten_attempts";
pub(super) const LOGOUT_STATE_KEY: &str = "idporten_logout_state";
/// A login attempt older than this is refused at the callback.
pub const ATTEMPT_MINUTES: i64 = 10;
const MAX_ATTEMPTS: usize = 5;
/// Purpose of the sealed ID token.
pub const ID_TOKEN_SEAL: &str = "id_token";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Attempt {
    pub(super) state: String,
    pub(super) nonce: String,
    pub(super) verifier: String,
    pub(super) return_to: String,
    pub(super) started_at: i64,
}

/// Why a login did not happen. Each ends on a page in the user's language with a way to try
/// again; none leaves a person or a login behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    NotConfigured,
    ProviderUnavailable {
        return_to: String,
    },
    /// The callback's `state` matches no attempt of this session (tampered, or used already).
    UnknownAttempt,
    Expired {
        return_to: String,
    },
    Cancelled {
        return_to: String,
    },
    ProviderRefused {
        return_to: String,
    },
    IssuerMismatch {
        return_to: String,
    },
    /// The token endpoint refused the code (replayed, expired, or not issued to us).
    CodeRefused {
        return_to: String,
    },
    InvalidToken {
        return_to: String,
    },
    LevelTooLow {
        return_to: String,
        need: Loa,
    },
    Internal(AppError),
}

impl LoginError {
    pub fn status(&self) -> u16 {
        match self {
            LoginError::NotConfigured | LoginError::ProviderUnavailable { .. } => 503,
            LoginError::LevelTooLow { .. } => 403,
            LoginError::Internal(e) => e.status(),
            _ => 400,
        }
    }

    /// The translation keys of the page's title and text.
    pub fn keys(&self) -> (&'static str, &'static str) {
        match self {
            LoginError::NotConfigured => (
                "idporten.error.not_configured.title",
                "idporten.error.not_configured.body",
            ),
            LoginError::ProviderUnavailable { .. } => (
                "idporten.error.unavailable.title",
                "idporten.error.unavailable.body",
            ),
            LoginError::UnknownAttempt => (
                "idporten.error.unknown_attempt.title",
                "idporten.error.unknown_attempt.body",
            ),
            LoginError::Expired { .. } => (
                "idporten.error.expired.title",
                "idporten.error.expired.body",
            ),
            LoginError::Cancelled { .. } => (
                "idporten.error.cancelled.title",
                "idporten.error.cancelled.body",
            ),
            LoginError::ProviderRefused { .. } => (
                "idporten.error.refused.title",
                "idporten.error.refused.body",
            ),
            LoginError::IssuerMismatch { .. } => {
                ("idporten.error.issuer.title", "idporten.error.issuer.body")
            }
            LoginError::CodeRefused { .. } => (
                "idporten.error.code_refused.title",
                "idporten.error.code_refused.body",
            ),
            LoginError::InvalidToken { .. } => (
                "idporten.error.invalid_token.title",
                "idporten.error.invalid_token.body",
            ),
            LoginError::LevelTooLow { .. } => (
                "idporten.error.level_too_low.title",
                "idporten.error.level_too_low.body",
            ),
            LoginError::Internal(_) => ("idporten.error.internal.title", "error.internal.body"),
        }
    }

    /// Where "try again" should lead back to after a new login.
    pub fn return_to(&self) -> &str {
        match self {
            LoginError::ProviderUnavailable { return_to }
            | LoginError::Expired { return_to }
            | LoginError::Cancelled { return_to }
            | LoginError::ProviderRefused { return_to }
            | LoginError::IssuerMismatch { return_to }
            | LoginError::CodeRefused { return_to }
            | LoginError::InvalidToken { return_to }
            | LoginError::LevelTooLow { return_to, .. } => return_to,
            _ => "/",
        }
    }
}

impl From<AppError> for LoginError {
    fn from(e: AppError) -> Self {
        LoginError::Internal(e)
    }
}

/// A path on this site to return to after login; anything else becomes the front page.
pub fn safe_return_to(candidate: Option<&str>) -> String {
    candidate
        .and_then(crate::paths::safe_return_path)
        .filter(|p| !p.starts_with(crate::paths::CITIZEN_AUTH_PREFIX))
        .unwrap_or_else(|| "/".into())
}

pub(super) async fn attempts(session: &Session) -> Result<Vec<Attempt>, AppError> {
    Ok(session
        .get::<Vec<Attempt>>(ATTEMPTS_KEY)
        .await
        .or_internal()?
        .unwrap_or_default())
}

/// Starts a login: remembers a new attempt in the session and returns the provider's
/// authorization URL to redirect to.
pub async fn start_login(
    state: &AppState,
    session: &Session,
    return_to: Option<&str>,
    lang: Lang,
) -> Result<String, LoginError> {
    let settings = state.idporten.settings().ok_or(LoginError::NotConfigured)?;
    let return_to = safe_return_to(return_to);
    let metadata = state.idporten.metadata(false).await.map_err(|e| {
        tracing::warn!(error = %e, "ID-porten discovery failed");
        LoginError::ProviderUnavailable {
            return_to: return_to.clone(),
        }
    })?;
    let client = state.idporten.client(&metadata).or_internal()?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_auth_context_value(AuthenticationContextClass::new(
            settings.acr_min.acr().into(),
        ))
        .add_ui_locale(LanguageTag::new(lang.code().into()))
        .set_pkce_challenge(challenge)
        .url();
    let now = state.clock.now().timestamp();
    let mut list: Vec<Attempt> = attempts(session)
        .await?
        .into_iter()
        .filter(|a| now - a.started_at < ATTEMPT_MINUTES * 60)
        .collect();
    list.push(Attempt {
        state: csrf.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        return_to,
        started_at: now,
    });
    if list.len() > MAX_ATTEMPTS {
        list.drain(..list.len() - MAX_ATTEMPTS);
    }
    session.insert(ATTEMPTS_KEY, list).await.or_internal()?;
    Ok(url.to_string())
}
