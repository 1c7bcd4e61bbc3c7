//! Random tokens sent in links (confirmation, invitation) and cookies, and the hash under which
//! a token is stored: the database never holds a token itself.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new random token: 32 bytes from the thread's CSPRNG, hex-encoded (64 characters).
pub fn random_token() -> String {
    hex::encode(random_bytes::<32>())
}

/// `N` random bytes from the thread's CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut raw = [0u8; N];
    rand::thread_rng().fill_bytes(&mut raw);
    raw
}

/// The hex SHA-256 of a token, as it is stored and looked up.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_their_hash() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
