//! Digdir's KRR lookup (oppslagstjenesten REST, `POST /rest/v2/personer`): up to 1,000 persons
//! per request, with a Maskinporten token for `krr:global/kontaktinformasjon.read` on the
//! municipality's behalf. Failures keep this process away for a while (`outbound::Breaker`),
//! like Folkeregisteret's; nothing is remembered (contact lists are asked for once per use).

use super::{Contact, ContactError};
use crate::domain::national_id::NationalId;
use crate::ssr::maskinporten::Maskinporten;
use crate::ssr::outbound::{Breaker, retry_after};
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const SCOPE: &str = "krr:global/kontaktinformasjon.read";
/// KRR's limit per request.
const BATCH: usize = 1000;

#[derive(Debug, Clone)]
pub struct KrrSettings {
    /// `https://kontaktregisteret.no` (test: `https://test.kontaktregisteret.no`).
    pub base_url: String,
}

pub struct Krr {
    base_url: String,
    http: reqwest::Client,
    maskinporten: Arc<Maskinporten>,
    breaker: Breaker,
}

impl std::fmt::Debug for Krr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Krr({})", self.base_url)
    }
}

#[derive(serde::Deserialize)]
struct Answer {
    #[serde(default)]
    personer: Vec<Person>,
}

#[derive(serde::Deserialize)]
struct Person {
    personidentifikator: String,
    #[serde(default)]
    reservasjon: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    kontaktinformasjon: Option<Kontaktinformasjon>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Kontaktinformasjon {
    epostadresse: Option<String>,
    epostadresse_oppdatert: Option<String>,
    epostadresse_sist_verifisert: Option<String>,
    mobiltelefonnummer: Option<String>,
}

/// KRR writes times with and without seconds' fractions and offsets ("2023-06-29T10:14:52+02").
fn time(s: &Option<String>) -> Option<DateTime<Utc>> {
    let s = s.as_deref()?;
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(&format!("{s}00"), "%Y-%m-%dT%H:%M:%S%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl Krr {
    pub fn new(settings: &KrrSettings, maskinporten: Arc<Maskinporten>) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(3))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            base_url: settings.base_url.trim_end_matches('/').to_string(),
            http,
            maskinporten,
            breaker: Breaker::default(),
        })
    }

    /// The contact data of each of `ids`, in their order; `None` for a person KRR does not know.
    pub async fn lookup(
        &self,
        ids: &[NationalId],
        on_behalf_of: Option<&str>,
    ) -> Result<Vec<Option<Contact>>, ContactError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(BATCH) {
            if !self.breaker.allows(Instant::now()) {
                return Err(ContactError::Unavailable(
                    "KRR failed just now; not asked again yet".into(),
                ));
            }
            let found = match self.ask(chunk, on_behalf_of).await {
                Ok(found) => {
                    self.breaker.succeeded();
                    found
                }
                Err((why, wait)) => {
                    match wait {
                        Some(w) => self.breaker.back_off(Instant::now(), w),
                        None => self.breaker.failed(Instant::now()),
                    }
                    return Err(ContactError::Unavailable(why));
                }
            };
            out.extend(chunk.iter().map(|id| found.get(id.expose()).cloned()));
        }
        Ok(out)
    }

    async fn ask(
        &self,
        ids: &[NationalId],
        on_behalf_of: Option<&str>,
    ) -> Result<HashMap<String, Contact>, (String, Option<Duration>)> {
        let token = self
            .maskinporten
            .token(SCOPE, on_behalf_of)
            .await
            .map_err(|e| (e.to_string(), None))?;
        let body = serde_json::json!({
            "personidentifikatorer": ids.iter().map(NationalId::expose).collect::<Vec<_>>(),
        });
        let response = self
            .http
            .post(format!("{}/rest/v2/personer", self.base_url))
            .bearer_auth(token.expose_secret())
            .json(&body)
            .send()
            .await
            .map_err(|e| (format!("KRR: {}", e.without_url()), None))?;
        let status = response.status();
        if status.as_u16() == 401 {
            self.maskinporten.forget(SCOPE, on_behalf_of);
        }
        if status.as_u16() == 429 {
            let wait = retry_after(response.headers());
            return Err((
                format!("KRR asks to wait {} s (429)", wait.as_secs()),
                Some(wait),
            ));
        }
        if !status.is_success() {
            return Err((format!("KRR answered HTTP {status}"), None));
        }
        let answer: Answer = response
            .json()
            .await
            .map_err(|e| (format!("KRR's answer: {}", e.without_url()), None))?;
        Ok(answer
            .personer
            .into_iter()
            .filter(|p| p.status.as_deref() != Some("IKKE_REGISTRERT"))
            .map(|p| {
                let k = p.kontaktinformasjon.unwrap_or_default();
                let confirmed = [
                    time(&k.epostadresse_oppdatert),
                    time(&k.epostadresse_sist_verifisert),
                ]
                .into_iter()
                .flatten()
                .max();
                (
                    p.personidentifikator,
                    Contact {
                        email: k.epostadresse,
                        mobile: k.mobiltelefonnummer,
                        reserved: p.reservasjon.as_deref() != Some("NEI"),
                        active: p.status.as_deref() == Some("AKTIV"),
                        email_confirmed_at: confirmed,
                    },
                )
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn krr_times_are_read_with_and_without_minutes_in_the_offset() {
        assert!(time(&Some("2023-06-29T10:14:52+02".into())).is_some());
        assert!(time(&Some("2024-01-05T10:45:15.768Z".into())).is_some());
        assert!(time(&Some("nonsense".into())).is_none());
    }
}
