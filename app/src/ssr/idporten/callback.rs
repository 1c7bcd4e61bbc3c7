//! The callback of a login: the attempt it answers (one use, ten minutes), the code traded for
//! the ID token (PKCE, and a client assertion where the client has a key), the token verified
//! (iss, aud, nonce, expiry, signature; keys fetched again once if unknown; `iat` and
//! `auth_time` not in the future, `iat` not older than a login attempt, `at_hash` when present;
//! the response's `iss` required when the provider says it sends one), the level of
//! assurance checked, and the person and login recorded. The national id leaves this module
//! only as its keyed hash.

mod identity;
use identity::Identity;

use crate::domain::lang::Lang;
use crate::domain::loa::Loa;
use crate::domain::national_id::NationalId;
use crate::ssr::OrInternal;
use crate::ssr::db::citizens::{self, LoginIdentity, NewLogin};
use crate::ssr::idporten::login::{
    ATTEMPT_MINUTES, ATTEMPTS_KEY, Attempt, CITIZEN_KEY, ID_TOKEN_SEAL, LoginError, attempts,
};
use crate::ssr::idporten::provider::error_chain;
use crate::ssr::idporten::{IdPortenClient, IdPortenIdToken, IdPortenIdTokenClaims, client_auth};
use crate::ssr::security::{pid, seal};
use crate::ssr::state::AppState;
use crate::ssr::state::settings::{ClientAuth, IdPortenSettings};
use chrono::{DateTime, Utc};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, Nonce, OAuth2TokenResponse, PkceCodeVerifier,
    RequestTokenError, SignatureVerificationError, TokenResponse,
};
use serde::Deserialize;
use tower_sessions::Session;

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
    let now = state.clock.now();
    let without_iss = cb.iss.is_none();
    let (attempt, code) = take_attempt(session, settings, cb, now).await?;
    let return_to = attempt.return_to.clone();
    if without_iss && sends_iss(state).await {
        tracing::warn!("ID-porten callback without the issuer it says it sends");
        return Err(LoginError::IssuerMismatch { return_to });
    }
    let (client, id_token, access_token) =
        exchange_code(state, settings, &attempt, code, now).await?;
    let nonce = Nonce::new(attempt.nonce.clone());
    let claims = verify(state, &client, &id_token, &nonce, &return_to).await?;
    check_access_token_hash(&client, &id_token, &claims, &access_token, &return_to)?;
    let who = Identity::of(state, settings, &claims, &return_to)?;
    let sealed = seal::seal(
        state.settings.secret(),
        ID_TOKEN_SEAL,
        id_token.to_string().as_bytes(),
    )
    .or_internal()?;
    record_login(state, session, settings, &who, &sealed, lang, now).await?;
    Ok(return_to)
}

/// The session's attempt this callback answers, taken out of the session (one attempt, one
/// use), and the authorization code — if the attempt is fresh and the provider sent a code from
/// the issuer it was sent to.
async fn take_attempt(
    session: &Session,
    settings: &IdPortenSettings,
    cb: Callback,
    now: DateTime<Utc>,
) -> Result<(Attempt, String), LoginError> {
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
    match cb.code {
        Some(code) => Ok((attempt, code)),
        None => Err(LoginError::ProviderRefused { return_to }),
    }
}

/// Trades the code (with the attempt's PKCE verifier, and a client assertion where the client
/// authenticates with a key) for the ID token at the token endpoint.
async fn exchange_code(
    state: &AppState,
    settings: &IdPortenSettings,
    attempt: &Attempt,
    code: String,
    now: DateTime<Utc>,
) -> Result<(IdPortenClient, IdPortenIdToken, openidconnect::AccessToken), LoginError> {
    let return_to = || attempt.return_to.clone();
    let metadata = state.idporten.metadata(false).await.map_err(|e| {
        tracing::warn!(error = %e, "ID-porten discovery failed");
        LoginError::ProviderUnavailable {
            return_to: return_to(),
        }
    })?;
    let client = state.idporten.client(&metadata).or_internal()?;
    let mut request = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(crate::ssr::internal)?
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
                    return_to: return_to(),
                }
            }
            RequestTokenError::Request(e) => {
                tracing::warn!(error = %error_chain(&e), "ID-porten token endpoint unreachable");
                LoginError::ProviderUnavailable {
                    return_to: return_to(),
                }
            }
            other => {
                tracing::warn!(error = %error_chain(&other), "ID-porten token response unusable");
                LoginError::InvalidToken {
                    return_to: return_to(),
                }
            }
        })?;
    let Some(id_token) = response.id_token() else {
        tracing::warn!("ID-porten token response without an ID token");
        return Err(LoginError::InvalidToken {
            return_to: return_to(),
        });
    };
    Ok((client, id_token.clone(), response.access_token().clone()))
}

/// Whether the provider's metadata says its authorization responses carry `iss` (RFC 9207).
/// Metadata that cannot be had now is left to the code exchange to report.
async fn sends_iss(state: &AppState) -> bool {
    state.idporten.metadata(false).await.is_ok_and(|m| {
        m.additional_metadata()
            .additional_metadata
            .authorization_response_iss_parameter_supported
            == Some(true)
    })
}

/// `at_hash`, when the ID token carries one, must be the hash of the access token it came with.
fn check_access_token_hash(
    client: &IdPortenClient,
    id_token: &IdPortenIdToken,
    claims: &IdPortenIdTokenClaims,
    access_token: &openidconnect::AccessToken,
    return_to: &str,
) -> Result<(), LoginError> {
    let Some(expected) = claims.access_token_hash() else {
        return Ok(());
    };
    let verifier = client.id_token_verifier();
    let actual = id_token
        .signing_alg()
        .ok()
        .zip(id_token.signing_key(&verifier).ok())
        .and_then(|(alg, key)| {
            openidconnect::AccessTokenHash::from_token(access_token, alg, key).ok()
        });
    if actual.as_ref() == Some(expected) {
        return Ok(());
    }
    tracing::warn!("ID token refused: at_hash does not match the access token");
    Err(LoginError::InvalidToken {
        return_to: return_to.to_string(),
    })
}

/// Allowed difference between ID-porten's clock and ours.
const CLOCK_SKEW_SECONDS: i64 = 5 * 60;

/// `iat`: not in the future, and not older than a login attempt may be.
pub fn check_issue_time(iat: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
    let skew = chrono::Duration::seconds(CLOCK_SKEW_SECONDS);
    if iat > now + skew {
        return Err("iat is in the future".into());
    }
    if iat < now - chrono::Duration::minutes(ATTEMPT_MINUTES) - skew {
        return Err("iat is older than a login attempt".into());
    }
    Ok(())
}

/// `auth_time`, when present: not in the future (Innspill sends no `max_age`).
pub fn check_auth_time(auth_time: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), String> {
    match auth_time {
        Some(t) if t > now + chrono::Duration::seconds(CLOCK_SKEW_SECONDS) => {
            Err("auth_time is in the future".into())
        }
        _ => Ok(()),
    }
}

/// The ID token's claims once its signature, issuer, audience, expiry and nonce are checked; an
/// unknown signing key fetches the provider's keys once more (it may have rotated them).
async fn verify(
    state: &AppState,
    client: &IdPortenClient,
    id_token: &IdPortenIdToken,
    nonce: &Nonce,
    return_to: &str,
) -> Result<IdPortenIdTokenClaims, LoginError> {
    let claims = match verified_claims(client, id_token, nonce) {
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            tracing::info!("ID token signed with an unknown key; fetching the keys again");
            let fresh = state.idporten.metadata(true).await.map_err(|_| {
                LoginError::ProviderUnavailable {
                    return_to: return_to.to_string(),
                }
            })?;
            let client = state.idporten.client(&fresh).or_internal()?;
            verified_claims(&client, id_token, nonce)
        }
        other => other,
    };
    claims.map_err(|e| {
        tracing::warn!(error = %e, "ID token refused");
        let return_to = return_to.to_string();
        match e {
            ClaimsVerificationError::InvalidIssuer(_) => LoginError::IssuerMismatch { return_to },
            _ => LoginError::InvalidToken { return_to },
        }
    })
}

/// Creates (or finds) the person and a new login with the sealed ID token, in one transaction,
/// and puts the login in a session with a new id.
async fn record_login(
    state: &AppState,
    session: &Session,
    settings: &IdPortenSettings,
    who: &Identity,
    sealed: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), LoginError> {
    use sea_orm::TransactionTrait;
    let txn = state.db.begin().await.or_internal()?;
    let person_id = citizens::upsert_person(
        &txn,
        &LoginIdentity {
            issuer: &settings.issuer,
            subject: &who.subject,
            pid_hash: who.pid_hash.as_deref(),
            given_name: who.given_name.as_deref(),
            family_name: who.family_name.as_deref(),
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
            sid: who.sid.as_deref(),
            acr: who.level.acr(),
            id_token_sealed: sealed,
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
        level = who.level.acr(),
        has_pid = who.pid_hash.is_some(),
        "citizen logged in with ID-porten"
    );
    Ok(())
}

fn verified_claims(
    client: &IdPortenClient,
    token: &IdPortenIdToken,
    nonce: &Nonce,
) -> Result<IdPortenIdTokenClaims, ClaimsVerificationError> {
    // Token times are checked against the real clock, as its expiry is.
    let verifier = client
        .id_token_verifier()
        .set_issue_time_verifier_fn(|iat| check_issue_time(iat, Utc::now()))
        .set_auth_time_verifier_fn(|t| check_auth_time(t, Utc::now()));
    token.claims(&verifier, nonce).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn token_times_in_the_future_or_from_before_a_login_attempt_are_refused() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
        assert!(check_issue_time(now, now).is_ok());
        assert!(check_issue_time(now + Duration::minutes(4), now).is_ok());
        assert!(check_issue_time(now + Duration::minutes(6), now).is_err());
        assert!(check_issue_time(now - Duration::minutes(14), now).is_ok());
        assert!(check_issue_time(now - Duration::minutes(16), now).is_err());
        assert!(check_auth_time(None, now).is_ok());
        assert!(check_auth_time(Some(now - Duration::hours(1)), now).is_ok());
        assert!(check_auth_time(Some(now + Duration::minutes(6)), now).is_err());
    }
}
