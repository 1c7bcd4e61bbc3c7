//! Typed settings, read from the environment by the server crate. Secrets are wrapped so that
//! they never reach a log line through `Debug`.

use crate::domain::loa::Loa;
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// Confirmation mails for submissions, per hour: to one recipient address, and from one client
/// address.
#[derive(Debug, Clone, Copy)]
pub struct ConfirmLimits {
    pub per_address: i32,
    pub per_client: i32,
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

/// How Innspill proves itself to ID-porten's token endpoint.
#[derive(Debug, Clone)]
pub enum ClientAuth {
    /// `client_secret_basic` (`post` false) or `client_secret_post` (`post` true).
    Secret { secret: SecretString, post: bool },
    /// `private_key_jwt`: an RSA key in PEM (PKCS#1 or PKCS#8) and its key id, if registered
    /// with one.
    PrivateKeyJwt {
        pem: SecretString,
        key_id: Option<String>,
    },
}

/// The ID-porten client: everything needed to log citizens in, from configuration alone.
#[derive(Debug, Clone)]
pub struct IdPortenSettings {
    /// `https://idporten.no`, `https://test.idporten.no`, or the local stand-in.
    pub issuer: String,
    pub client_id: String,
    pub client_auth: ClientAuth,
    /// The lowest level of assurance accepted.
    pub acr_min: Loa,
    pub redirect_uri: String,
    pub post_logout_redirect_uri: String,
}

/// Where residency is checked.
#[derive(Debug, Clone)]
pub enum ResidencySetting {
    /// The synthetic persons in this JSON file (not in production).
    Fixture(PathBuf),
    /// Skatteetaten's Folkeregisteret, through Maskinporten (`Settings::maskinporten`).
    Folkeregisteret(crate::ssr::residency::folkeregisteret::FolkeregisteretSettings),
    /// None configured: signing is disabled.
    None,
}

/// Where contact data for citizens the municipality has no address from is found.
#[derive(Debug, Clone)]
pub enum ContactSetting {
    /// Digdir's KRR, through Maskinporten (`Settings::maskinporten`).
    Krr(crate::ssr::contact::krr::KrrSettings),
    /// The `krr` entries of the synthetic persons in this JSON file (not in production).
    Fixture(PathBuf),
    /// None: everyone is reached on paper.
    None,
}

/// How often one may sign: per client address and per person, per ten minutes.
#[derive(Debug, Clone, Copy)]
pub struct SignLimits {
    pub per_client: i32,
    pub per_person: i32,
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
    /// Citizen login; `None` when not configured (citizens then cannot log in).
    pub idporten: Option<IdPortenSettings>,
    /// Key of the HMAC that national ids are kept as.
    pub pid_key: SecretString,
    /// Where uploaded files are kept (the local file store).
    pub file_dir: PathBuf,
    /// S3-compatible object storage (`s3://bucket[/prefix]`) instead of `file_dir`.
    pub file_store: Option<String>,
    pub residency: ResidencySetting,
    pub contact: ContactSetting,
    /// The platform's Maskinporten client, for the national registers.
    pub maskinporten: Option<crate::ssr::maskinporten::MaskinportenSettings>,
    pub sign_limits: SignLimits,
    pub confirm_limits: ConfirmLimits,
    /// Hours after which a submission never confirmed is deleted with its files.
    pub unconfirmed_hours: u32,
    /// Days after which a sent (or given up) mail is deleted from the outbox.
    pub mail_retention_days: u32,
    /// Reverse proxies in front of the servers: from these, the client's address is taken
    /// from `X-Forwarded-For` (for rate limits); from anyone else the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// A production set-up against Digdir's and Skatteetaten's test environments (a
    /// municipality's staging installation): their synthetic persons (TestID, Tenor) may log
    /// in and sign. Never set where the registers are the real ones.
    pub test_persons: bool,
}

pub const DEV_SECRET_KEY: &str = "development-only-secret-key-change-me-0123456789";
pub const DEV_PID_KEY: &str = "development-only-pid-key-change-me-0123456789";

impl Settings {
    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    pub fn secret(&self) -> &[u8] {
        self.secret_key.expose_secret().as_bytes()
    }

    pub fn pid_key(&self) -> &[u8] {
        self.pid_key.expose_secret().as_bytes()
    }

    /// Synthetic test identities (TestID, Tenor) are valid everywhere but in production,
    /// unless production is pointed at the national test environments (`test_persons`).
    pub fn allow_synthetic_ids(&self) -> bool {
        !self.is_production() || self.test_persons
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
            idporten: None,
            pid_key: SecretString::from(DEV_PID_KEY),
            file_store: None,
            file_dir: std::env::temp_dir()
                .join(format!("innspill-files-{}", uuid::Uuid::new_v4().simple())),
            residency: ResidencySetting::Fixture(crate::ssr::residency::default_fixture_path()),
            contact: ContactSetting::Fixture(crate::ssr::residency::default_fixture_path()),
            maskinporten: None,
            test_persons: false,
            sign_limits: SignLimits {
                per_client: 120,
                per_person: 20,
            },
            confirm_limits: ConfirmLimits {
                per_address: 5,
                per_client: 30,
            },
            unconfirmed_hours: 48,
            mail_retention_days: 30,
            trusted_proxies: Vec::new(),
        }
    }
}
