//! The JWT grant Maskinporten takes, and its answers read.

use super::{MaskinportenError, MaskinportenSettings};
use secrecy::SecretString;
use std::time::Duration;

pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// Maskinporten accepts a grant that lives at most 120 seconds; it is used at once.
const LIFETIME_SECONDS: i64 = 60;

/// The grant: `iss` = the client, `aud` = Maskinporten's issuer, the scope, a unique `jti`,
/// and `consumer_org` when asking on a municipality's behalf; signed RS256 with `kid` or `x5c`.
/// `now` is on Maskinporten's clock (Unix seconds).
pub fn assertion(
    settings: &MaskinportenSettings,
    audience: &str,
    scope: &str,
    consumer_org: Option<&str>,
    now: i64,
) -> Result<String, String> {
    let mut header = serde_json::json!({"typ": "JWT"});
    match (&settings.certificate_chain, &settings.key_id) {
        (Some(chain), _) => header["x5c"] = serde_json::json!(chain),
        (None, Some(kid)) => header["kid"] = kid.as_str().into(),
        (None, None) => return Err("neither a key id nor a certificate".into()),
    }
    let mut claims = serde_json::json!({
        "aud": audience,
        "iss": settings.client_id,
        "scope": scope,
        "iat": now,
        "exp": now + LIFETIME_SECONDS,
        "jti": uuid::Uuid::new_v4().to_string(),
    });
    if let Some(org) = consumer_org {
        claims["consumer_org"] = org.into();
    }
    crate::ssr::security::jws::sign_rs256(&settings.key_pem, header, &claims)
}

#[derive(serde::Deserialize)]
struct Answer {
    access_token: String,
    expires_in: u64,
}

/// The token and how long it lives (counted by the caller from when the request was sent).
pub async fn cached_answer(
    response: reqwest::Response,
) -> Result<(SecretString, Duration), MaskinportenError> {
    let a: Answer = response
        .json()
        .await
        .map_err(|e| MaskinportenError::BadAnswer(format!("the token answer: {e}")))?;
    if a.access_token.is_empty() {
        return Err(MaskinportenError::BadAnswer("an empty access token".into()));
    }
    Ok((
        SecretString::from(a.access_token),
        Duration::from_secs(a.expires_in),
    ))
}

/// Maskinporten's reason for a refusal (`error`, `error_description`).
pub async fn refusal(response: reqwest::Response) -> MaskinportenError {
    let status = response.status();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    let text = |k: &str| body[k].as_str().map(str::to_string);
    match text("error") {
        Some(error) => MaskinportenError::Refused {
            error,
            description: text("error_description").unwrap_or_default(),
        },
        None if status.is_server_error() => {
            MaskinportenError::Unreachable(format!("HTTP {status}"))
        }
        None => MaskinportenError::BadAnswer(format!("HTTP {status}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn settings(kid: Option<&str>, chain: Option<Vec<String>>) -> MaskinportenSettings {
        MaskinportenSettings {
            issuer: "https://test.maskinporten.no/".into(),
            client_id: "innspill-client".into(),
            key_pem: SecretString::from(
                std::fs::read_to_string(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../end2end/idporten/dev-client-key.pem"
                ))
                .expect("dev key"),
            ),
            key_id: kid.map(str::to_string),
            certificate_chain: chain,
        }
    }

    fn part(jwt: &str, i: usize) -> serde_json::Value {
        let p = jwt.split('.').nth(i).expect("a part");
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).expect("base64")).expect("json")
    }

    #[test]
    fn a_grant_names_the_client_the_issuer_the_scope_and_the_municipality() {
        let s = settings(Some("k1"), None);
        let jwt = assertion(
            &s,
            "https://test.maskinporten.no/",
            "folkeregister:deling/offentligmedhjemmel",
            Some("999999999"),
            1_700_000_000,
        )
        .unwrap();
        let (header, claims) = (part(&jwt, 0), part(&jwt, 1));
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["kid"], "k1");
        assert!(header.get("x5c").is_none());
        assert_eq!(claims["iss"], "innspill-client");
        assert_eq!(claims["aud"], "https://test.maskinporten.no/");
        assert_eq!(claims["scope"], "folkeregister:deling/offentligmedhjemmel");
        assert_eq!(claims["consumer_org"], "999999999");
        assert_eq!(claims["iat"], 1_700_000_000);
        let life = claims["exp"].as_i64().unwrap() - 1_700_000_000;
        assert!(life > 0 && life <= 120, "{life}");
        assert!(claims.get("sub").is_none() && claims.get("resource").is_none());
        let other = assertion(&s, "a", "b", None, 1).unwrap();
        assert_ne!(part(&other, 1)["jti"], claims["jti"]);
        assert!(part(&other, 1).get("consumer_org").is_none());
    }

    #[test]
    fn a_business_certificate_is_named_by_its_chain() {
        let s = settings(Some("ignored"), Some(vec!["MIIB".into(), "MIIC".into()]));
        let jwt = assertion(&s, "a", "b", None, 1).unwrap();
        assert_eq!(part(&jwt, 0)["x5c"], serde_json::json!(["MIIB", "MIIC"]));
        assert!(part(&jwt, 0).get("kid").is_none());
    }
}
