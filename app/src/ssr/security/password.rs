//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1, OWASP's minimum), always off the
//! async runtime, and at most one per CPU at a time (`Hashing`: each takes 19 MiB, so a flood of
//! logins queues instead of exhausting memory). A deliberately non-`Serialize`,
//! non-`Debug`-revealing hash type.

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;

fn argon2() -> Argon2<'static> {
    #[allow(clippy::unwrap_used)] // constant, valid parameters
    let params = Params::new(19_456, 2, 1, None).unwrap();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC-format hash. Neither serialisable nor printable, so it cannot leak by accident.
pub struct PasswordHashString(String);

impl PasswordHashString {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHashString(…)")
    }
}

pub async fn hash_password(password: String) -> Result<PasswordHashString, String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| PasswordHashString(h.to_string()))
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// A hash of a random password, verified against when the account does not exist, so that an
/// unknown address costs the same time as a known one.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(uuid::Uuid::new_v4().to_string().as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Verifies `password` against `stored` (or against a dummy hash when there is no account).
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let ok = PasswordHash::new(&phc)
            .map(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        known && ok
    })
    .await
    .unwrap_or(false)
}

/// The process's argon2 computations: at most one per CPU at a time, the rest wait their turn;
/// and how many verifications were made (for tests and operators).
#[derive(Debug)]
pub struct Hashing {
    permits: tokio::sync::Semaphore,
    verified: std::sync::atomic::AtomicU64,
    /// Tests only (`testing::test_state`): the hash made for each password so far in this
    /// process, reused, so that seeding the demo's accounts for every test database costs its
    /// hashes once.
    remembered: Option<&'static std::sync::Mutex<std::collections::HashMap<String, String>>>,
}

impl Default for Hashing {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(1, usize::from);
        Self::with_permits(cpus)
    }
}

impl Hashing {
    /// At most `permits` computations at once.
    pub fn with_permits(permits: usize) -> Self {
        Self {
            permits: tokio::sync::Semaphore::new(permits.max(1)),
            verified: Default::default(),
            remembered: None,
        }
    }

    /// Like `default`, reusing the hash of a password hashed before in this process (tests).
    pub fn remembering(
        memo: &'static std::sync::Mutex<std::collections::HashMap<String, String>>,
    ) -> Self {
        Self {
            remembered: Some(memo),
            ..Self::default()
        }
    }

    /// `verify_password`, in turn.
    pub async fn verify(&self, password: String, stored: Option<String>) -> bool {
        let Ok(_turn) = self.permits.acquire().await else {
            return false;
        };
        self.verified
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        verify_password(password, stored).await
    }

    /// `hash_password`, in turn.
    pub async fn hash(&self, password: String) -> Result<PasswordHashString, String> {
        let memo = self.remembered;
        if let Some(known) = memo.and_then(|m| m.lock().ok()?.get(&password).cloned()) {
            return Ok(PasswordHashString(known));
        }
        let _turn = self.permits.acquire().await.map_err(|e| e.to_string())?;
        let h = hash_password(password.clone()).await?;
        if let Some(Ok(mut m)) = memo.map(|m| m.lock()) {
            m.insert(password, h.0.clone());
        }
        Ok(h)
    }

    /// Passwords verified by this process so far.
    pub fn verifications(&self) -> u64 {
        self.verified.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Computes the dummy hash ahead of the first login, so that the first unknown address is not
/// slower than the rest.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_no_other() {
        let h = hash_password("riktig passord!".into()).await.unwrap();
        assert!(h.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("riktig passord!".into(), Some(h.as_str().into())).await);
        assert!(!verify_password("feil passord!!".into(), Some(h.as_str().into())).await);
        assert!(!verify_password("riktig passord!".into(), None).await);
    }
}
