//! Typed settings, read from the environment by the server crate. Secrets are wrapped so that
//! they never reach a log line through `Debug`.

use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone)]
pub enum MailBackend {
    /// Each message is written as an `.eml` file into this directory.
    Files(PathBuf),
    /// `smtp://` or `smtps://` URL understood by lettre, e.g. `smtps://user:pass@host:465`.
    Smtp(SecretString),
    /// Messages are kept in memory (tests).
    Memory,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub environment: Environment,
    pub base_url: String,
    pub secret_key: SecretString,
    pub mail_backend: MailBackend,
    pub mail_from: String,
    /// Staff sessions end after this long without a request.
    pub session_idle_minutes: i64,
    /// Name of this process in the mail queue's claims (several servers may share one database).
    pub instance_id: String,
}

pub const DEV_SECRET_KEY: &str = "development-only-secret-key-change-me-0123456789";

impl Settings {
    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    pub fn secret(&self) -> &[u8] {
        self.secret_key.expose_secret().as_bytes()
    }

    /// Settings for tests and local tools: development, in-memory mail.
    pub fn for_tests() -> Self {
        Self {
            environment: Environment::Development,
            base_url: "http://127.0.0.1".into(),
            secret_key: SecretString::from(DEV_SECRET_KEY),
            mail_backend: MailBackend::Memory,
            mail_from: "Innspill <noreply@innspill.localhost>".into(),
            session_idle_minutes: 60,
            instance_id: "test".into(),
        }
    }
}
