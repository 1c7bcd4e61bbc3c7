//! Who logged in, read from the verified ID token's claims.

use super::*;

/// Who logged in, from the verified claims: the person (by `sub`), the level of assurance (at
/// least the configured minimum), the national id as its keyed hash only, the name, and the
/// provider's session id.
pub(super) struct Identity {
    pub(super) subject: String,
    pub(super) level: Loa,
    pub(super) pid_hash: Option<String>,
    pub(super) given_name: Option<String>,
    pub(super) family_name: Option<String>,
    pub(super) sid: Option<String>,
}

impl Identity {
    pub(super) fn of(
        state: &AppState,
        settings: &IdPortenSettings,
        claims: &IdPortenIdTokenClaims,
        return_to: &str,
    ) -> Result<Self, LoginError> {
        let level = claims
            .auth_context_ref()
            .and_then(|acr| Loa::parse(acr.as_str()));
        let Some(level) = level.filter(|l| *l >= settings.acr_min) else {
            tracing::warn!(acr = ?claims.auth_context_ref().map(|a| a.as_str().to_string()),
                "ID-porten login below the required level");
            return Err(LoginError::LevelTooLow {
                return_to: return_to.to_string(),
                need: settings.acr_min,
            });
        };
        let pid_hash = match claims.additional_claims().pid.as_deref() {
            None => None,
            Some(raw) => match NationalId::parse(raw, state.settings.allow_synthetic_ids()) {
                Ok(id) => Some(pid::pid_hash(state.settings.pid_key(), &id)),
                Err(e) => {
                    tracing::warn!(reason = %e, "ID token with an unusable national id");
                    return Err(LoginError::InvalidToken {
                        return_to: return_to.to_string(),
                    });
                }
            },
        };
        Ok(Identity {
            subject: claims.subject().as_str().to_string(),
            level,
            pid_hash,
            given_name: claims
                .given_name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_string()),
            family_name: claims
                .family_name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_string()),
            sid: claims.additional_claims().sid.clone(),
        })
    }
}
