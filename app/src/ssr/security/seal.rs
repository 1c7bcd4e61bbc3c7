//! Sealing what must be kept but never read at rest (an ID token holds the national id):
//! AES-256-GCM under a key derived from `INNSPILL_SECRET_KEY` for one purpose. And the keyed
//! hash (HMAC-SHA256) used wherever a value must be recognised without being kept.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// Hex-encoded HMAC-SHA256 under `key` of `parts` one after another (a keyed hash: national
/// ids, login buckets, CSRF tokens).
pub fn keyed_hash(key: &[u8], parts: &[&[u8]]) -> String {
    #[allow(clippy::unwrap_used)] // HMAC accepts keys of any length
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
    for part in parts {
        mac.update(part);
    }
    hex::encode(mac.finalize().into_bytes())
}

/// Whether two texts are equal, compared in constant time (a presented mac against the
/// expected one).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cipher(secret: &[u8], purpose: &str) -> Aes256Gcm {
    #[allow(clippy::unwrap_used)] // HMAC accepts keys of any length
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap();
    mac.update(b"innspill-seal:");
    mac.update(purpose.as_bytes());
    let key = mac.finalize().into_bytes();
    #[allow(clippy::unwrap_used)] // a SHA-256 output is exactly the 32-byte key AES-256 needs
    Aes256Gcm::new_from_slice(&key).unwrap()
}

/// `plaintext` encrypted and authenticated, as base64url text (nonce first).
pub fn seal(secret: &[u8], purpose: &str, plaintext: &[u8]) -> Result<String, String> {
    let mut nonce = [0u8; 12];
    rand::thread_rng().fill_bytes(&mut nonce);
    let ct = cipher(secret, purpose)
        .encrypt(Nonce::from_slice(&nonce), plaintext)
        .map_err(|_| "sealing failed".to_string())?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&ct);
    Ok(URL_SAFE_NO_PAD.encode(out))
}

/// The plaintext, or `None` if the text was not sealed with this key and purpose.
pub fn open(secret: &[u8], purpose: &str, sealed: &str) -> Option<Vec<u8>> {
    let raw = URL_SAFE_NO_PAD.decode(sealed).ok()?;
    if raw.len() < 12 {
        return None;
    }
    let (nonce, ct) = raw.split_at(12);
    cipher(secret, purpose)
        .decrypt(Nonce::from_slice(nonce), ct)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_only_with_the_same_key_and_purpose() {
        let s = seal(b"key", "id_token", b"eyJhbGciOi.secret.part").unwrap();
        assert!(!s.contains("secret"));
        assert_eq!(
            open(b"key", "id_token", &s).as_deref(),
            Some(&b"eyJhbGciOi.secret.part"[..])
        );
        assert_eq!(open(b"other key", "id_token", &s), None);
        assert_eq!(open(b"key", "other", &s), None);
        assert_ne!(
            s,
            seal(b"key", "id_token", b"eyJhbGciOi.secret.part").unwrap()
        );
    }
}
