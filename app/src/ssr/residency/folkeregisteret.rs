//! Skatteetaten's Folkeregisteret, lookup "offentlig med hjemmel": one person by national id,
//! asking only for the parts residency needs (status, name, birth, residential address,
//! address protection). Access tokens come from Maskinporten (scope
//! `folkeregister:deling/offentligmedhjemmel`), on the municipality's behalf.
//!
//! A timeout, 429 or 5xx is "the register is away", never "not resident": the caller stores
//! nothing and asks the citizen to try again. Three failures in a row, or a 429, keep this
//! process away from the register for a while (`outbound::Breaker`). Answers are remembered
//! for two minutes per person, in memory only: a citizen who corrects a form or signs two
//! initiatives in one visit costs one lookup, and a registered move takes effect on its date,
//! so two minutes cannot change who may sign. The request's URL holds the national id, so no
//! error here names the URL.

mod answer;

use super::{RegisterError, RegisteredPerson};
use crate::domain::national_id::NationalId;
use crate::ssr::maskinporten::Maskinporten;
use crate::ssr::outbound::{Breaker, Recent, retry_after};
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const SCOPE: &str = "folkeregister:deling/offentligmedhjemmel";
/// Data minimisation: only these parts of the person are asked for.
const PARTS: [&str; 5] = [
    "status",
    "navn",
    "foedsel",
    "bostedsadresse",
    "adressebeskyttelse",
];
/// How long an answer is remembered (see the module's guide).
const REMEMBER_FOR: Duration = Duration::from_secs(120);
/// A citizen waits at most this long for the register.
const TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
pub struct FolkeregisteretSettings {
    /// `https://folkeregisteret.api.skatteetaten.no` (test:
    /// `https://folkeregisteret-api-konsument.sits.no`).
    pub base_url: String,
}

pub struct Folkeregisteret {
    base_url: String,
    http: reqwest::Client,
    maskinporten: Arc<Maskinporten>,
    breaker: Breaker,
    recent: Recent<String, Option<RegisteredPerson>>,
}

impl std::fmt::Debug for Folkeregisteret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Folkeregisteret({})", self.base_url)
    }
}

/// Why a call did not give an answer.
enum Failure {
    /// Timeout, 5xx, or no token: counts towards opening the breaker.
    Down(String),
    /// 429: leave it alone this long.
    Busy(Duration),
}

impl Folkeregisteret {
    pub fn new(
        settings: &FolkeregisteretSettings,
        maskinporten: Arc<Maskinporten>,
    ) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(2))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            base_url: settings.base_url.trim_end_matches('/').to_string(),
            http,
            maskinporten,
            breaker: Breaker::default(),
            recent: Recent::new(REMEMBER_FOR, 50_000),
        })
    }

    pub async fn lookup(
        &self,
        id: &NationalId,
        on_behalf_of: Option<&str>,
    ) -> Result<Option<RegisteredPerson>, RegisterError> {
        let now = Instant::now();
        if let Some(known) = self.recent.get(&id.expose().to_string(), now) {
            return Ok(known);
        }
        if !self.breaker.allows(now) {
            return Err(RegisterError::Unavailable(
                "Folkeregisteret failed just now; not asked again yet".into(),
            ));
        }
        match self.ask(id, on_behalf_of).await {
            Ok(person) => {
                self.breaker.succeeded();
                self.recent
                    .put(id.expose().to_string(), person.clone(), Instant::now());
                Ok(person)
            }
            Err(Failure::Busy(wait)) => {
                self.breaker.back_off(Instant::now(), wait);
                Err(RegisterError::Unavailable(format!(
                    "Folkeregisteret asks to wait {} s (429)",
                    wait.as_secs()
                )))
            }
            Err(Failure::Down(why)) => {
                self.breaker.failed(Instant::now());
                Err(RegisterError::Unavailable(why))
            }
        }
    }

    async fn ask(
        &self,
        id: &NationalId,
        on_behalf_of: Option<&str>,
    ) -> Result<Option<RegisteredPerson>, Failure> {
        let url = format!(
            "{}/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/{}",
            self.base_url,
            id.expose()
        );
        let query: Vec<(&str, &str)> = PARTS.iter().map(|p| ("part", *p)).collect();
        let mut token_refused = false;
        loop {
            let token = self
                .maskinporten
                .token(SCOPE, on_behalf_of)
                .await
                .map_err(|e| Failure::Down(e.to_string()))?;
            let response = self
                .http
                .get(&url)
                .query(&query)
                .bearer_auth(token.expose_secret())
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(|e| Failure::Down(format!("Folkeregisteret: {}", e.without_url())))?;
            let status = response.status().as_u16();
            match status {
                200 => {
                    let body = response.bytes().await.map_err(|e| {
                        Failure::Down(format!("Folkeregisteret: {}", e.without_url()))
                    })?;
                    return answer::person(id, &body)
                        .map(Some)
                        .map_err(|e| Failure::Down(format!("Folkeregisteret's answer: {e}")));
                }
                404 => return Ok(None),
                // A token revoked or expired early: one new one.
                401 if !token_refused => {
                    token_refused = true;
                    self.maskinporten.forget(SCOPE, on_behalf_of);
                }
                429 => return Err(Failure::Busy(retry_after(response.headers()))),
                _ => {
                    let code = answer::error_code(response).await;
                    return Err(Failure::Down(format!(
                        "Folkeregisteret answered HTTP {status} {code}{}",
                        if status == 403 {
                            " (is the scope delegated to us in Altinn, and the access agreement in place?)"
                        } else {
                            ""
                        }
                    )));
                }
            }
        }
    }
}
