//! The staff's optional second factor: time-based one-time codes (RFC 6238: SHA-1, six digits,
//! 30-second steps, as every authenticator app expects), computed by `totp-rs`. The secret is
//! kept sealed with the installation's secret; each code is accepted once (the step it was
//! accepted for is kept, and a code of that step or an earlier one is refused), and a code one
//! step before or after now is accepted for clocks that drift.

use crate::ssr::security::seal;
use totp_rs::{Algorithm, Secret, TOTP};

/// The purpose the secret is sealed for.
pub const SEAL_PURPOSE: &str = "totp-secret";
const STEP_SECONDS: u64 = 30;

/// A new secret: 160 random bits (RFC 4226's recommendation).
pub fn new_secret() -> Vec<u8> {
    crate::ssr::security::tokens::random_bytes::<20>().to_vec()
}

/// The secret as the base32 text an authenticator app accepts typed in.
pub fn encoded(secret: &[u8]) -> String {
    Secret::Raw(secret.to_vec()).to_encoded().to_string()
}

/// The secret from its base32 text.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    Secret::Encoded(text.to_string()).to_bytes().ok()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn uri(secret: &[u8], issuer: &str, account: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    let issuer_enc = utf8_percent_encode(issuer, NON_ALPHANUMERIC).to_string();
    let account_enc = utf8_percent_encode(account, NON_ALPHANUMERIC).to_string();
    format!(
        "otpauth://totp/{issuer_enc}:{account_enc}?secret={}&issuer={issuer_enc}&algorithm=SHA1&digits=6&period=30",
        encoded(secret)
    )
}

/// The address as a QR code: an SVG image in a `data:` address (the pages' policy allows
/// images from `data:`).
pub fn qr_data_url(uri: &str) -> Option<String> {
    use base64::Engine;
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

fn totp(secret: &[u8]) -> Option<TOTP> {
    TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECONDS, secret.to_vec()).ok()
}

/// The code of the step `unix_seconds` falls in (for tests and the stand-in authenticator).
pub fn code_at(secret: &[u8], unix_seconds: u64) -> Option<String> {
    Some(totp(secret)?.generate(unix_seconds))
}

/// The step the code belongs to, when it is right for the step of `unix_seconds` or the one
/// before or after, and later than `last_step` (a code is used once).
pub fn accepted_step(
    secret: &[u8],
    code: &str,
    unix_seconds: u64,
    last_step: Option<i64>,
) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret)?;
    let now_step = (unix_seconds / STEP_SECONDS) as i64;
    (now_step - 1..=now_step + 1)
        .filter(|s| last_step.is_none_or(|last| *s > last))
        .find(|s| {
            let expected = t.generate(*s as u64 * STEP_SECONDS);
            // Compared in constant time.
            expected
                .bytes()
                .zip(code.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
        })
}

/// The secret sealed for keeping.
pub fn seal_secret(installation_secret: &[u8], secret: &[u8]) -> Result<String, String> {
    seal::seal(installation_secret, SEAL_PURPOSE, secret)
}

/// The kept secret.
pub fn open_secret(installation_secret: &[u8], sealed: &str) -> Option<Vec<u8>> {
    seal::open(installation_secret, SEAL_PURPOSE, sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret and its codes (the last six digits).
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_follow_rfc_6238() {
        assert_eq!(code_at(RFC_SECRET, 59).as_deref(), Some("287082"));
        assert_eq!(
            code_at(RFC_SECRET, 1_111_111_109).as_deref(),
            Some("081804")
        );
        assert_eq!(
            code_at(RFC_SECRET, 2_000_000_000).as_deref(),
            Some("279037")
        );
    }

    #[test]
    fn a_code_counts_once_and_only_near_its_time() {
        let now = 1_111_111_109;
        let step = (now / 30) as i64;
        let code = code_at(RFC_SECRET, now).expect("a code");
        assert_eq!(accepted_step(RFC_SECRET, &code, now, None), Some(step));
        assert_eq!(
            accepted_step(RFC_SECRET, &format!(" {} ", &code), now + 30, None),
            Some(step)
        );
        assert_eq!(accepted_step(RFC_SECRET, &code, now, Some(step)), None);
        assert_eq!(accepted_step(RFC_SECRET, &code, now + 120, None), None);
        assert_eq!(accepted_step(RFC_SECRET, "12345", now, None), None);
        assert_eq!(accepted_step(RFC_SECRET, "abcdef", now, None), None);
    }

    #[test]
    fn the_secret_travels_as_base32_and_rests_sealed() {
        let s = new_secret();
        assert_eq!(decode(&encoded(&s)), Some(s.clone()));
        let key = [7u8; 32];
        let sealed = seal_secret(&key, &s).expect("sealed");
        assert!(!sealed.contains(&encoded(&s)));
        assert_eq!(open_secret(&key, &sealed), Some(s.clone()));
        let u = uri(&s, "Innspill", "ola@kommune.example");
        assert!(u.starts_with("otpauth://totp/Innspill:ola%40kommune%2Eexample?secret="));
        assert!(qr_data_url(&u).is_some_and(|d| d.starts_with("data:image/svg+xml;base64,")));
    }
}
