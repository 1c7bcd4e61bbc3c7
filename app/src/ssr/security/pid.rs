//! The only form in which a national identity number is kept: HMAC-SHA256 under a secret key
//! (`INNSPILL_PID_KEY`), used for one-person-one-signature and register checks.

use crate::domain::national_id::NationalId;

/// Hex-encoded HMAC-SHA256 of the number under `key`.
pub fn pid_hash(key: &[u8], id: &NationalId) -> String {
    crate::ssr::security::seal::keyed_hash(key, &[id.expose().as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_hashes_the_same_and_another_key_gives_another_hash() {
        let id = NationalId::parse("01019012480", false).expect("valid");
        let a = pid_hash(b"key one", &id);
        assert_eq!(a, pid_hash(b"key one", &id));
        assert_ne!(a, pid_hash(b"key two", &id));
        assert_eq!(a.len(), 64);
        assert!(!a.contains("01019012480"));
    }
}
