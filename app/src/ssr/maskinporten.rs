//! Maskinporten (Digdir): access tokens for calling national registers machine to machine. One
//! client for every register adapter (`residency::folkeregisteret`, `contact::krr`).
//!
//! The grant is a JWT (RFC 7523) signed with the platform's RSA key, named by the `kid`
//! registered in Digdir's self-service or by its business certificate (`x5c`), with `aud` =
//! Maskinporten's issuer. A supplier serving many municipalities uses one client of its own;
//! each municipality delegates the register's scope to the supplier in Altinn, and the grant
//! names the municipality as `consumer_org` (Digdir's "delegering av API-tilgang", which
//! Skatteetaten and KRR document for suppliers). So a token is per scope and party.
//!
//! Tokens are kept in memory until shortly before they expire (per process: nothing shared, a
//! second instance simply gets its own), at most one refresh per scope and party is in flight,
//! and the assertion's times follow Maskinporten's clock when ours is off. Errors are told as
//! Maskinporten's error code and description — never the assertion or a token.

mod grant;

use secrecy::SecretString;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The platform's Maskinporten client.
#[derive(Debug, Clone)]
pub struct MaskinportenSettings {
    /// `https://test.maskinporten.no/` or `https://maskinporten.no/`: endpoints come from its
    /// well-known metadata.
    pub issuer: String,
    pub client_id: String,
    pub key_pem: SecretString,
    /// The key id registered in Digdir's self-service; or
    pub key_id: Option<String>,
    /// the business certificate's chain (`x5c`), when the key is a virksomhetssertifikat's.
    pub certificate_chain: Option<Vec<String>>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum MaskinportenError {
    #[error("Maskinporten does not answer: {0}")]
    Unreachable(String),
    #[error(
        "Maskinporten refused the grant ({error}: {description}); check the client id, key id and scopes in Digdir's self-service, and the municipality's delegation in Altinn"
    )]
    Refused { error: String, description: String },
    #[error("Maskinporten's answer was not understood: {0}")]
    BadAnswer(String),
    #[error("the Maskinporten key cannot sign: {0}")]
    Key(String),
}

/// The token before it is used: refreshed this long before Maskinporten's expiry.
const MARGIN: Duration = Duration::from_secs(20);
/// A clock this far from Maskinporten's is corrected for (it allows ten seconds).
const SKEW_TOLERATED: i64 = 2;

#[derive(Clone)]
struct Cached {
    token: SecretString,
    usable_until: Instant,
}

/// A scope and the party (`consumer_org`) a token is for.
type SlotKey = (String, Option<String>);

#[derive(Default)]
struct Slot {
    current: RwLock<Option<Cached>>,
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Clone)]
struct Endpoints {
    issuer: String,
    token_endpoint: String,
}

pub struct Maskinporten {
    settings: MaskinportenSettings,
    http: reqwest::Client,
    endpoints: tokio::sync::OnceCell<Endpoints>,
    /// Maskinporten's clock minus ours, in seconds (from its `Date` headers).
    skew: AtomicI64,
    slots: Mutex<HashMap<SlotKey, Arc<Slot>>>,
}

impl std::fmt::Debug for Maskinporten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Maskinporten({})", self.settings.issuer)
    }
}

impl Maskinporten {
    pub fn new(settings: MaskinportenSettings) -> Result<Self, String> {
        crate::ssr::security::jws::key(&settings.key_pem, None)
            .map_err(|e| format!("the Maskinporten key: {e}"))?;
        if settings.key_id.is_none() && settings.certificate_chain.is_none() {
            return Err("the Maskinporten key needs its key id (kid) or its certificate".into());
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(3))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            settings,
            http,
            endpoints: Default::default(),
            skew: AtomicI64::new(0),
            slots: Default::default(),
        })
    }

    /// An access token for `scope`, on behalf of `consumer_org` (an organisasjonsnummer) when
    /// given.
    pub async fn token(
        &self,
        scope: &str,
        consumer_org: Option<&str>,
    ) -> Result<SecretString, MaskinportenError> {
        let slot = self.slot(scope, consumer_org);
        if let Some(t) = fresh(&slot) {
            return Ok(t);
        }
        let _refreshing = slot.refresh.lock().await;
        // Whoever held the lock before may have refreshed it.
        if let Some(t) = fresh(&slot) {
            return Ok(t);
        }
        let cached = self.fetch(scope, consumer_org).await?;
        let token = cached.token.clone();
        *slot.current.write().unwrap_or_else(|e| e.into_inner()) = Some(cached);
        Ok(token)
    }

    /// Drops the token of `scope` for `consumer_org` (an API refused it as expired or revoked).
    pub fn forget(&self, scope: &str, consumer_org: Option<&str>) {
        *self
            .slot(scope, consumer_org)
            .current
            .write()
            .unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn slot(&self, scope: &str, consumer_org: Option<&str>) -> Arc<Slot> {
        self.slots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry((scope.to_string(), consumer_org.map(str::to_string)))
            .or_default()
            .clone()
    }

    async fn endpoints(&self) -> Result<&Endpoints, MaskinportenError> {
        self.endpoints
            .get_or_try_init(|| async {
                let url = format!(
                    "{}/.well-known/oauth-authorization-server",
                    self.settings.issuer.trim_end_matches('/')
                );
                let meta: serde_json::Value = self
                    .http
                    .get(&url)
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .map_err(|e| MaskinportenError::Unreachable(format!("{url}: {e}")))?
                    .json()
                    .await
                    .map_err(|e| MaskinportenError::BadAnswer(format!("{url}: {e}")))?;
                let field = |name: &str| {
                    meta[name]
                        .as_str()
                        .map(str::to_string)
                        .ok_or_else(|| MaskinportenError::BadAnswer(format!("{url} has no {name}")))
                };
                Ok(Endpoints {
                    issuer: field("issuer")?,
                    token_endpoint: field("token_endpoint")?,
                })
            })
            .await
    }

    async fn fetch(
        &self,
        scope: &str,
        consumer_org: Option<&str>,
    ) -> Result<Cached, MaskinportenError> {
        let endpoints = self.endpoints().await?.clone();
        let mut retried = false;
        loop {
            let now = chrono::Utc::now().timestamp() + self.skew.load(Ordering::Relaxed);
            let assertion =
                grant::assertion(&self.settings, &endpoints.issuer, scope, consumer_org, now)
                    .map_err(MaskinportenError::Key)?;
            let sent = Instant::now();
            let response = self
                .http
                .post(&endpoints.token_endpoint)
                .form(&[("grant_type", grant::GRANT_TYPE), ("assertion", &assertion)])
                .send()
                .await
                .map_err(|e| MaskinportenError::Unreachable(e.without_url().to_string()))?;
            let skew_moved = self.learn_clock(&response);
            if response.status().is_success() {
                return grant::cached_answer(response)
                    .await
                    .map(|(token, ttl)| Cached {
                        token,
                        usable_until: sent + ttl.saturating_sub(MARGIN.min(ttl / 4)),
                    });
            }
            let refusal = grant::refusal(response).await;
            // A grant refused for its times is tried once more on Maskinporten's clock.
            if skew_moved && !retried {
                retried = true;
                continue;
            }
            return Err(refusal);
        }
    }

    /// Takes Maskinporten's clock from the response's `Date`; true when the correction moved.
    fn learn_clock(&self, response: &reqwest::Response) -> bool {
        let Some(theirs) = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|d| d.to_str().ok())
            .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
        else {
            return false;
        };
        let skew = theirs.timestamp() - chrono::Utc::now().timestamp();
        let skew = if skew.abs() < SKEW_TOLERATED { 0 } else { skew };
        self.skew.swap(skew, Ordering::Relaxed) != skew
    }
}

fn fresh(slot: &Slot) -> Option<SecretString> {
    slot.current
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .filter(|c| c.usable_until > Instant::now())
        .map(|c| c.token.clone())
}
