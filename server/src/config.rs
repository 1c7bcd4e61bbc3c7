//! Settings from environment variables (all listed in the README's configuration table).

use app::ssr::settings::{DEV_SECRET_KEY, Environment, MailBackend, Settings};
use secrecy::SecretString;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    pub settings: Settings,
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub seed_demo: bool,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// Reads the environment; in production refuses development secrets and backends, naming
    /// the variable to fix.
    pub fn from_env() -> Result<Self, String> {
        let environment = match var("INNSPILL_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(format!(
                    "INNSPILL_ENV must be development or production, not {other:?}"
                ));
            }
        };
        let prod = environment == Environment::Production;
        let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|e| format!("LEPTOS_SITE_ADDR: {e}"))?;
        let secret = match var("INNSPILL_SECRET_KEY") {
            Some(k) if prod && (k == DEV_SECRET_KEY || k.len() < 32) => {
                return Err("INNSPILL_SECRET_KEY must be a random secret of at least 32 characters in production".into());
            }
            Some(k) => k,
            None if prod => return Err("INNSPILL_SECRET_KEY is required in production".into()),
            None => DEV_SECRET_KEY.to_string(),
        };
        let mail_backend = match var("INNSPILL_MAIL_BACKEND").as_deref() {
            Some("smtp") => MailBackend::Smtp(SecretString::from(
                var("INNSPILL_SMTP_URL")
                    .ok_or("INNSPILL_SMTP_URL is required with INNSPILL_MAIL_BACKEND=smtp")?,
            )),
            Some("files") | None if prod => {
                return Err(
                    "INNSPILL_MAIL_BACKEND must be smtp in production (files is for development)"
                        .into(),
                );
            }
            Some("files") | None => MailBackend::Files(PathBuf::from(
                var("INNSPILL_MAIL_DIR").unwrap_or_else(|| "data/mail".into()),
            )),
            Some("memory") if !prod => MailBackend::Memory,
            Some(other) => {
                return Err(format!(
                    "INNSPILL_MAIL_BACKEND must be smtp or files, not {other:?}"
                ));
            }
        };
        let base_url = var("INNSPILL_BASE_URL").unwrap_or_else(|| format!("http://{site_addr}"));
        if prod && !base_url.starts_with("https://") {
            return Err("INNSPILL_BASE_URL must be an https:// address in production".into());
        }
        let session_idle_minutes = var("INNSPILL_SESSION_IDLE_MINUTES")
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| "INNSPILL_SESSION_IDLE_MINUTES must be a whole number")
            })
            .transpose()?
            .unwrap_or(60);
        let instance_id = var("INNSPILL_INSTANCE_ID")
            .unwrap_or_else(|| format!("{}-{}", site_addr, std::process::id()));
        Ok(Self {
            settings: Settings {
                environment,
                base_url,
                secret_key: SecretString::from(secret),
                mail_backend,
                mail_from: var("INNSPILL_MAIL_FROM")
                    .unwrap_or_else(|| "Innspill <noreply@innspill.localhost>".into()),
                session_idle_minutes,
                instance_id,
            },
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/innspill.db?mode=rwc".into()),
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            seed_demo: var("INNSPILL_DEMO_SEED")
                .map(|v| v == "true")
                .unwrap_or(!prod),
        })
    }
}
