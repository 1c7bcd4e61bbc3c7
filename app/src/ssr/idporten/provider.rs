//! The provider as configured: its settings, an HTTP client that follows no redirects, and
//! the discovered metadata (endpoints and signing keys), cached for a day and fetched again
//! when a token is signed with a key it does not list.

use crate::ssr::idporten::client_auth;
use crate::ssr::idporten::{IdPortenClient, Metadata};
use crate::ssr::state::settings::{ClientAuth, IdPortenSettings};
use openidconnect::reqwest;
use openidconnect::{ClientId, ClientSecret, IssuerUrl, RedirectUrl};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long discovered metadata is trusted before it is fetched again.
pub const METADATA_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// ID-porten could not be reached, or answered with something that is not its metadata.
#[derive(Debug, Clone, thiserror::Error)]
#[error("ID-porten does not answer: {0}")]
pub struct Unavailable(pub String);

pub struct IdPorten {
    settings: Option<IdPortenSettings>,
    http: reqwest::Client,
    cached: Mutex<Option<(Instant, Arc<Metadata>)>>,
}

impl std::fmt::Debug for IdPorten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdPorten")
            .field("issuer", &self.settings.as_ref().map(|s| s.issuer.as_str()))
            .finish()
    }
}

impl IdPorten {
    pub fn new(settings: Option<IdPortenSettings>) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| format!("HTTP client for ID-porten: {e}"))?;
        if let Some(ClientAuth::PrivateKeyJwt { pem, key_id }) =
            settings.as_ref().map(|s| &s.client_auth)
        {
            client_auth::check_key(pem, key_id.as_deref())
                .map_err(|e| format!("IDPORTEN_CLIENT_KEY_FILE: {e}"))?;
        }
        Ok(Self {
            settings,
            http,
            cached: Mutex::new(None),
        })
    }

    pub fn settings(&self) -> Option<&IdPortenSettings> {
        self.settings.as_ref()
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The metadata already fetched, however old (for what may not wait on the network).
    pub fn cached_metadata(&self) -> Option<Arc<Metadata>> {
        self.cached
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|(_, m)| m.clone())
    }

    /// The provider's metadata: from the cache while it is fresh, unless `refresh`.
    pub async fn metadata(&self, refresh: bool) -> Result<Arc<Metadata>, Unavailable> {
        let settings = self
            .settings
            .as_ref()
            .ok_or_else(|| Unavailable("not configured".into()))?;
        if !refresh
            && let Some((at, m)) = self
                .cached
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(m.clone());
        }
        let issuer =
            IssuerUrl::new(settings.issuer.clone()).map_err(|e| Unavailable(e.to_string()))?;
        let m = Metadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Unavailable(error_chain(&e)))?;
        let m = Arc::new(m);
        *self.cached.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), m.clone()));
        tracing::info!(keys = m.jwks().keys().len(), "ID-porten metadata fetched");
        Ok(m)
    }

    /// A client for these metadata, with its redirect URI and (for shared secrets) its
    /// credentials. `private_key_jwt` is added per token request.
    pub fn client(&self, metadata: &Metadata) -> Result<IdPortenClient, String> {
        let s = self.settings.as_ref().ok_or("not configured")?;
        let secret = match &s.client_auth {
            ClientAuth::Secret { secret, .. } => {
                use secrecy::ExposeSecret;
                Some(ClientSecret::new(secret.expose_secret().to_string()))
            }
            ClientAuth::PrivateKeyJwt { .. } => None,
        };
        let auth_type = match &s.client_auth {
            ClientAuth::Secret { post: false, .. } => openidconnect::AuthType::BasicAuth,
            _ => openidconnect::AuthType::RequestBody,
        };
        Ok(IdPortenClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(s.client_id.clone()),
            secret,
        )
        .set_auth_type(auth_type)
        .set_redirect_uri(RedirectUrl::new(s.redirect_uri.clone()).map_err(|e| e.to_string())?))
    }
}

/// An error and its causes on one line (no request bodies or tokens are part of these).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}
