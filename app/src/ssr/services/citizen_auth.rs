//! Citizen login and logout with ID-porten. Each login attempt keeps its `state`, `nonce` and
//! PKCE verifier in the (server-side) session for ten minutes; the callback checks all of them,
//! the `iss` of the response and of the ID token, the audience, expiry and level of assurance,
//! and only then creates the person and the login. The national id leaves this module only as
//! its keyed hash.

use crate::domain::lang::Lang;
use crate::domain::loa::Loa;
use crate::domain::national_id::NationalId;
use crate::error::AppError;
use crate::ssr::db::citizens::{self, LoginIdentity, NewLogin};
use crate::ssr::idporten::provider::error_chain;
use crate::ssr::idporten::{IdPortenClient, IdPortenIdToken, IdPortenIdTokenClaims, client_auth};
use crate::ssr::internal::OrInternal;
use crate::ssr::settings::ClientAuth;
use crate::ssr::state::AppState;
use crate::ssr::{pid, seal};
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{
    AuthenticationContextClass, AuthorizationCode, ClaimsVerificationError, CsrfToken, LanguageTag,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RequestTokenError, Scope,
    SignatureVerificationError, TokenResponse,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// Session key of the current citizen login (a `citizen_logins` id).
pub const CITIZEN_KEY: &str = "citizen_login_id";
const ATTEMPTS_KEY: &str = "idporten_attempts";
const LOGOUT_STATE_KEY: &str = "idporten_logout_state";
/// A login attempt older than this is refused at the callback.
pub const ATTEMPT_MINUTES: i64 = 10;
const MAX_ATTEMPTS: usize = 5;
/// Purpose of the sealed ID token.
pub const ID_TOKEN_SEAL: &str = "id_token";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Attempt {
    state: String,
    nonce: String,
    verifier: String,
    return_to: String,
    started_at: i64,
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
        .and_then(crate::ssr::csrf::local_path)
        .filter(|p| !p.starts_with("/auth/"))
        .unwrap_or_else(|| "/".into())
}

async fn attempts(session: &Session) -> Result<Vec<Attempt>, AppError> {
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

/// What the provider sent back to the redirect URI.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
}

/// Completes a login; returns the path to go back to.
pub async fn finish_login(
    state: &AppState,
    session: &Session,
    cb: Callback,
    lang: Lang,
) -> Result<String, LoginError> {
    let settings = state.idporten.settings().ok_or(LoginError::NotConfigured)?;
    let mut list = attempts(session).await?;
    let Some(pos) = cb
        .state
        .as_deref()
        .and_then(|s| list.iter().position(|a| a.state == s))
    else {
        tracing::warn!("ID-porten callback with an unknown state");
        return Err(LoginError::UnknownAttempt);
    };
    // One attempt, one use: it is gone from the session whatever happens next.
    let attempt = list.remove(pos);
    session.insert(ATTEMPTS_KEY, list).await.or_internal()?;
    let return_to = attempt.return_to.clone();
    let now = state.clock.now();
    if now.timestamp() - attempt.started_at > ATTEMPT_MINUTES * 60 {
        return Err(LoginError::Expired { return_to });
    }
    if let Some(error) = cb.error.as_deref() {
        tracing::info!(error, "ID-porten returned an error");
        return Err(if error == "access_denied" {
            LoginError::Cancelled { return_to }
        } else {
            LoginError::ProviderRefused { return_to }
        });
    }
    if let Some(iss) = cb.iss.as_deref()
        && iss != settings.issuer
    {
        tracing::warn!("ID-porten callback with another issuer");
        return Err(LoginError::IssuerMismatch { return_to });
    }
    let Some(code) = cb.code else {
        return Err(LoginError::ProviderRefused { return_to });
    };

    let metadata = state.idporten.metadata(false).await.map_err(|e| {
        tracing::warn!(error = %e, "ID-porten discovery failed");
        LoginError::ProviderUnavailable {
            return_to: return_to.clone(),
        }
    })?;
    let client = state.idporten.client(&metadata).or_internal()?;
    let mut request = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(crate::ssr::internal::internal)?
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.verifier.clone()));
    if let ClientAuth::PrivateKeyJwt { pem, key_id } = &settings.client_auth {
        let jwt = client_auth::assertion(
            pem,
            key_id.as_deref(),
            &settings.client_id,
            metadata.issuer().as_str(),
            now,
        )
        .or_internal()?;
        request = request
            .add_extra_param("client_assertion_type", client_auth::ASSERTION_TYPE)
            .add_extra_param("client_assertion", jwt);
    }
    let response = request
        .request_async(state.idporten.http())
        .await
        .map_err(|e| match e {
            RequestTokenError::ServerResponse(r) => {
                tracing::warn!(error = %r.error(), "ID-porten refused the authorization code");
                LoginError::CodeRefused {
                    return_to: return_to.clone(),
                }
            }
            RequestTokenError::Request(e) => {
                tracing::warn!(error = %error_chain(&e), "ID-porten token endpoint unreachable");
                LoginError::ProviderUnavailable {
                    return_to: return_to.clone(),
                }
            }
            other => {
                tracing::warn!(error = %error_chain(&other), "ID-porten token response unusable");
                LoginError::InvalidToken {
                    return_to: return_to.clone(),
                }
            }
        })?;
    let Some(id_token) = response.id_token() else {
        tracing::warn!("ID-porten token response without an ID token");
        return Err(LoginError::InvalidToken { return_to });
    };
    let nonce = Nonce::new(attempt.nonce.clone());
    let claims = match verified_claims(&client, id_token, &nonce) {
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            // The provider may have rotated its keys since we last looked.
            tracing::info!("ID token signed with an unknown key; fetching the keys again");
            let fresh = state.idporten.metadata(true).await.map_err(|_| {
                LoginError::ProviderUnavailable {
                    return_to: return_to.clone(),
                }
            })?;
            let client = state.idporten.client(&fresh).or_internal()?;
            verified_claims(&client, id_token, &nonce)
        }
        other => other,
    }
    .map_err(|e| {
        tracing::warn!(error = %e, "ID token refused");
        match e {
            ClaimsVerificationError::InvalidIssuer(_) => LoginError::IssuerMismatch {
                return_to: return_to.clone(),
            },
            _ => LoginError::InvalidToken {
                return_to: return_to.clone(),
            },
        }
    })?;

    let level = claims
        .auth_context_ref()
        .and_then(|acr| Loa::parse(acr.as_str()));
    let Some(level) = level.filter(|l| *l >= settings.acr_min) else {
        tracing::warn!(acr = ?claims.auth_context_ref().map(|a| a.as_str().to_string()),
            "ID-porten login below the required level");
        return Err(LoginError::LevelTooLow {
            return_to,
            need: settings.acr_min,
        });
    };
    let pid_hash = match claims.additional_claims().pid.as_deref() {
        None => None,
        Some(raw) => match NationalId::parse(raw, state.settings.allow_synthetic_ids()) {
            Ok(id) => Some(pid::pid_hash(state.settings.pid_key(), &id)),
            Err(e) => {
                tracing::warn!(reason = %e, "ID token with an unusable national id");
                return Err(LoginError::InvalidToken { return_to });
            }
        },
    };
    let given = claims
        .given_name()
        .and_then(|n| n.get(None))
        .map(|n| n.as_str().to_string());
    let family = claims
        .family_name()
        .and_then(|n| n.get(None))
        .map(|n| n.as_str().to_string());
    let sid = claims.additional_claims().sid.clone();
    let sealed = seal::seal(
        state.settings.secret(),
        ID_TOKEN_SEAL,
        id_token.to_string().as_bytes(),
    )
    .or_internal()?;

    use sea_orm::TransactionTrait;
    let txn = state.db.begin().await.or_internal()?;
    let person_id = citizens::upsert_person(
        &txn,
        &LoginIdentity {
            issuer: &settings.issuer,
            subject: claims.subject().as_str(),
            pid_hash: pid_hash.as_deref(),
            given_name: given.as_deref(),
            family_name: family.as_deref(),
            lang: lang.code(),
        },
        now,
    )
    .await
    .or_internal()?;
    let login_id = citizens::insert_login(
        &txn,
        NewLogin {
            person_id,
            issuer: &settings.issuer,
            sid: sid.as_deref(),
            acr: level.acr(),
            id_token_sealed: &sealed,
        },
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    session.cycle_id().await.or_internal()?;
    session.insert(CITIZEN_KEY, login_id).await.or_internal()?;
    tracing::info!(
        person_id,
        login_id,
        level = level.acr(),
        has_pid = pid_hash.is_some(),
        "citizen logged in with ID-porten"
    );
    Ok(return_to)
}

fn verified_claims(
    client: &IdPortenClient,
    token: &IdPortenIdToken,
    nonce: &Nonce,
) -> Result<IdPortenIdTokenClaims, ClaimsVerificationError> {
    token.claims(&client.id_token_verifier(), nonce).cloned()
}

/// The form that takes the browser to ID-porten's end-session endpoint.
#[derive(Debug, Clone)]
pub struct EndSessionForm {
    pub action: String,
    pub id_token_hint: String,
    pub post_logout_redirect_uri: String,
    pub state: String,
    pub ui_locales: String,
}

/// Ends the citizen's login here at once; returns the form that ends it at ID-porten too, or
/// `None` when there is nothing to end there (or ID-porten cannot be reached).
pub async fn logout(
    state: &AppState,
    session: &Session,
    lang: Lang,
) -> Result<Option<EndSessionForm>, AppError> {
    let Some(login_id) = session.get::<i64>(CITIZEN_KEY).await.or_internal()? else {
        return Ok(None);
    };
    let login = citizens::active_login(&state.db, login_id)
        .await
        .or_internal()?;
    citizens::end_login(&state.db, login_id, state.clock.now())
        .await
        .or_internal()?;
    session.remove::<i64>(CITIZEN_KEY).await.or_internal()?;
    session.cycle_id().await.or_internal()?;
    tracing::info!(login_id, "citizen logged out");
    let (Some((login, _)), Some(settings)) = (login, state.idporten.settings()) else {
        return Ok(None);
    };
    let Some(id_token) = seal::open(
        state.settings.secret(),
        ID_TOKEN_SEAL,
        &login.id_token_sealed,
    )
    .and_then(|b| String::from_utf8(b).ok()) else {
        return Ok(None);
    };
    let metadata = match state.idporten.metadata(false).await {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "ID-porten unreachable at logout; logged out here only");
            return Ok(None);
        }
    };
    let Some(endpoint) = metadata.additional_metadata().end_session_endpoint.clone() else {
        return Ok(None);
    };
    let logout_state = CsrfToken::new_random().secret().clone();
    session
        .insert(LOGOUT_STATE_KEY, &logout_state)
        .await
        .or_internal()?;
    Ok(Some(EndSessionForm {
        action: endpoint.url().to_string(),
        id_token_hint: id_token,
        post_logout_redirect_uri: settings.post_logout_redirect_uri.clone(),
        state: logout_state,
        ui_locales: lang.code().into(),
    }))
}

/// The browser is back from ID-porten's end-session endpoint; `true` if it carries the state
/// this session sent.
pub async fn finish_logout(
    session: &Session,
    returned_state: Option<&str>,
) -> Result<bool, AppError> {
    let sent: Option<String> = session.remove(LOGOUT_STATE_KEY).await.or_internal()?;
    Ok(matches!((sent, returned_state), (Some(a), Some(b)) if a == b))
}

/// Front-channel logout: ID-porten names the session (`sid`) that ended there; every login
/// here that came from it ends too. Returns how many did.
pub async fn frontchannel_logout(
    state: &AppState,
    iss: Option<&str>,
    sid: Option<&str>,
) -> Result<u64, LoginError> {
    let settings = state.idporten.settings().ok_or(LoginError::NotConfigured)?;
    if iss != Some(settings.issuer.as_str()) {
        tracing::warn!("front-channel logout from another issuer");
        return Err(LoginError::IssuerMismatch {
            return_to: "/".into(),
        });
    }
    let Some(sid) = sid.filter(|s| !s.is_empty()) else {
        return Err(LoginError::UnknownAttempt);
    };
    let ended = citizens::end_logins_by_sid(&state.db, &settings.issuer, sid, state.clock.now())
        .await
        .or_internal()?;
    tracing::info!(ended, "front-channel logout from ID-porten");
    Ok(ended)
}
