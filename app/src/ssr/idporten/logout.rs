//! Citizen logout: here at once, then at ID-porten through its end-session endpoint
//! (RP-initiated), and front-channel logout when ID-porten says a session ended there.

use super::login::{CITIZEN_KEY, ID_TOKEN_SEAL, LOGOUT_STATE_KEY, LoginError};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::citizens::{self};
use crate::ssr::security::seal;
use crate::ssr::state::AppState;
use openidconnect::CsrfToken;
use tower_sessions::Session;

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
