//! Signed JSON Web Tokens (RS256) with an organisation's RSA key: the client assertions of
//! ID-porten (`private_key_jwt`) and the JWT grants of Maskinporten (RFC 7523) are both one
//! header and one set of claims signed here. The key is read from PEM, PKCS#1 or PKCS#8.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey};
use openidconnect::{JsonWebKeyId, PrivateSigningKey};
use secrecy::{ExposeSecret, SecretString};

/// The key from PEM: PKCS#1 (`BEGIN RSA PRIVATE KEY`) as the crate reads it, or PKCS#8
/// (`BEGIN PRIVATE KEY`, what `openssl genpkey` writes), converted first.
pub(crate) fn key(
    pem: &SecretString,
    key_id: Option<&str>,
) -> Result<CoreRsaPrivateSigningKey, String> {
    use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
    use rsa::pkcs8::DecodePrivateKey;
    let kid = key_id.map(|k| JsonWebKeyId::new(k.to_string()));
    let pem = pem.expose_secret();
    if !pem.contains("BEGIN PRIVATE KEY") {
        return CoreRsaPrivateSigningKey::from_pem(pem, kid);
    }
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(pem)
        .map_err(|e| format!("not an RSA private key: {e}"))?;
    let pkcs1 = key
        .to_pkcs1_pem(LineEnding::LF)
        .map_err(|e| format!("not an RSA private key: {e}"))?;
    CoreRsaPrivateSigningKey::from_pem(&pkcs1, kid)
}

/// `header.claims.signature`, RS256; `alg` is set in the header here.
pub fn sign_rs256(
    pem: &SecretString,
    mut header: serde_json::Value,
    claims: &serde_json::Value,
) -> Result<String, String> {
    let signing_key = key(pem, None)?;
    header["alg"] = "RS256".into();
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = signing_key
        .sign(
            &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            input.as_bytes(),
        )
        .map_err(|e| e.to_string())?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

/// The certificates of a PEM chain as `x5c` wants them: base64 (standard, padded) DER, the
/// organisation's own certificate first.
pub fn x5c_chain(pem: &str) -> Result<Vec<String>, String> {
    let mut chain = Vec::new();
    let mut inside: Option<String> = None;
    for line in pem.lines().map(str::trim) {
        match (line, &mut inside) {
            ("-----BEGIN CERTIFICATE-----", None) => inside = Some(String::new()),
            ("-----END CERTIFICATE-----", Some(body)) => {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(body.as_bytes())
                    .map_err(|e| format!("a certificate is not base64: {e}"))?;
                chain.push(base64::engine::general_purpose::STANDARD.encode(der));
                inside = None;
            }
            (l, Some(body)) => body.push_str(l),
            _ => {}
        }
    }
    if chain.is_empty() {
        return Err("no certificate (-----BEGIN CERTIFICATE-----) in the file".into());
    }
    Ok(chain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_chain_becomes_x5c_in_its_order() {
        let a = base64::engine::general_purpose::STANDARD.encode(b"first certificate");
        let b = base64::engine::general_purpose::STANDARD.encode(b"the issuer");
        let pem = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n{}\n-----END CERTIFICATE-----\n\
             -----BEGIN CERTIFICATE-----\n{b}\n-----END CERTIFICATE-----\n",
            &a[..8],
            &a[8..]
        );
        assert_eq!(x5c_chain(&pem).unwrap(), vec![a, b]);
        assert!(x5c_chain("no certificate here").is_err());
    }
}
