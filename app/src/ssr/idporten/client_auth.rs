//! `private_key_jwt` client authentication (RFC 7523), which the openidconnect crate lacks: a
//! short-lived JWT signed with the client's RSA key, sent as `client_assertion`.

use crate::ssr::security::jws::{self, key};
use openidconnect::PrivateSigningKey;
use secrecy::SecretString;

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// ID-porten accepts assertions valid for at most 120 seconds.
pub const LIFETIME_SECONDS: i64 = 120;

/// The public half, as a JWK (for registering the client, and for tests).
pub fn public_jwk(pem: &SecretString, key_id: Option<&str>) -> Result<serde_json::Value, String> {
    let k = key(pem, key_id)?;
    serde_json::to_value(k.as_verification_key()).map_err(|e| e.to_string())
}

/// Checks at start-up that the key can sign.
pub fn check_key(pem: &SecretString, key_id: Option<&str>) -> Result<(), String> {
    key(pem, key_id).map(|_| ())
}

/// A client assertion: iss = sub = `client_id`, aud = the issuer, a unique `jti`, and an
/// expiry `LIFETIME_SECONDS` after `now`, signed RS256.
pub fn assertion(
    pem: &SecretString,
    key_id: Option<&str>,
    client_id: &str,
    audience: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, String> {
    let mut header = serde_json::json!({"typ": "JWT"});
    if let Some(kid) = key_id {
        header["kid"] = kid.into();
    }
    let claims = serde_json::json!({
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "jti": uuid::Uuid::new_v4().to_string(),
        "iat": now.timestamp(),
        "exp": now.timestamp() + LIFETIME_SECONDS,
    });
    jws::sign_rs256(pem, header, &claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use openidconnect::JsonWebKey;
    use openidconnect::core::CoreJwsSigningAlgorithm;

    fn dev_key() -> SecretString {
        SecretString::from(
            std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../end2end/idporten/dev-client-key.pem"
            ))
            .expect("dev key"),
        )
    }

    #[test]
    fn an_assertion_names_the_client_and_the_issuer_and_expires_within_two_minutes() {
        let now = chrono::Utc::now();
        let jwt = assertion(
            &dev_key(),
            Some("k1"),
            "innspill",
            "https://test.idporten.no",
            now,
        )
        .unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["kid"], "k1");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["iss"], "innspill");
        assert_eq!(claims["sub"], "innspill");
        assert_eq!(claims["aud"], "https://test.idporten.no");
        assert!(claims["jti"].as_str().unwrap().len() >= 32);
        let exp = claims["exp"].as_i64().unwrap();
        assert!(exp > now.timestamp() && exp - now.timestamp() <= 120);
        // The signature verifies with the public key.
        let public = key(&dev_key(), Some("k1")).unwrap().as_verification_key();
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        public
            .verify_signature(
                &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                format!("{}.{}", parts[0], parts[1]).as_bytes(),
                &signature,
            )
            .expect("a valid signature");
        let other = assertion(
            &dev_key(),
            Some("k1"),
            "innspill",
            "https://test.idporten.no",
            now,
        )
        .unwrap();
        assert_ne!(jwt, other, "each assertion has its own jti");
    }

    #[test]
    fn a_key_that_is_not_rsa_is_refused_with_a_reason() {
        let err = check_key(
            &SecretString::from("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
            None,
        )
        .unwrap_err();
        assert!(err.contains("not an RSA private key"), "{err}");
    }
}
