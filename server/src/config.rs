//! Settings from environment variables (all listed in the README's configuration table).

mod registers;

use app::domain::loa::Loa;
use app::ssr::state::settings::{
    ClientAuth, ConfirmLimits, DEV_PID_KEY, DEV_SECRET_KEY, Environment, IdPortenSettings,
    MailBackend, ResidencySetting, Settings, SignLimits,
};
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

pub(crate) fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// Reads the environment; in production refuses development secrets and backends, naming
    /// the variable to fix.
    pub fn from_env() -> Result<Self, String> {
        let environment = match var("INNSPILL_ENV").as_deref() {
            // Unset is production: a forgotten setting never runs with development keys.
            Some("development") => Environment::Development,
            None | Some("production") => Environment::Production,
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
        let pid_key = match var("INNSPILL_PID_KEY") {
            Some(k) if prod && (k == DEV_PID_KEY || k.len() < 32) => {
                return Err("INNSPILL_PID_KEY must be a random secret of at least 32 characters in production".into());
            }
            Some(k) => k,
            None if prod => return Err("INNSPILL_PID_KEY is required in production".into()),
            None => DEV_PID_KEY.to_string(),
        };
        let idporten = idporten_settings(prod, &base_url)?;
        let residency = registers::residency(prod)?;
        let contact = registers::contact(prod)?;
        let maskinporten = registers::maskinporten(prod)?;
        if matches!(residency, ResidencySetting::Folkeregisteret(_)) && maskinporten.is_none() {
            return Err("INNSPILL_RESIDENCY_REGISTER=folkeregisteret needs Maskinporten: set INNSPILL_MASKINPORTEN_ISSUER and its client".into());
        }
        if matches!(contact, app::ssr::state::settings::ContactSetting::Krr(_))
            && maskinporten.is_none()
        {
            return Err("INNSPILL_CONTACT_REGISTER=krr needs Maskinporten: set INNSPILL_MASKINPORTEN_ISSUER and its client".into());
        }
        let limit = |name: &str, default: i32| -> Result<i32, String> {
            var(name)
                .map(|v| {
                    v.parse::<i32>()
                        .map_err(|_| format!("{name} must be a whole number"))
                })
                .transpose()
                .map(|v| v.unwrap_or(default))
        };
        let sign_limits = SignLimits {
            per_client: limit("INNSPILL_SIGN_LIMIT_PER_CLIENT", 120)?,
            per_person: limit("INNSPILL_SIGN_LIMIT_PER_PERSON", 20)?,
        };
        let unconfirmed_hours = match var("INNSPILL_UNCONFIRMED_HOURS") {
            None => 48,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|h| *h >= 24)
                .ok_or("INNSPILL_UNCONFIRMED_HOURS must be a whole number of hours, at least 24 (the confirmation link works for 24)")?,
        };
        let mail_retention_days =
            match var("INNSPILL_MAIL_RETENTION_DAYS") {
                None => 30,
                Some(v) => v.parse::<u32>().ok().filter(|d| *d >= 1).ok_or(
                    "INNSPILL_MAIL_RETENTION_DAYS must be a whole number of days, at least 1",
                )?,
            };
        let confirm_limits = ConfirmLimits {
            per_address: limit("INNSPILL_CONFIRM_LIMIT_PER_ADDRESS", 5)?,
            per_client: limit("INNSPILL_CONFIRM_LIMIT_PER_CLIENT", 30)?,
        };
        let trusted_proxies = var("INNSPILL_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<std::net::IpAddr>()
                    .map_err(|_| format!("INNSPILL_TRUSTED_PROXIES: {s:?} is not an IP address"))
            })
            .collect::<Result<Vec<_>, _>>()?;
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
                idporten,
                pid_key: SecretString::from(pid_key),
                file_store: var("INNSPILL_FILE_STORE"),
                file_dir: PathBuf::from(
                    var("INNSPILL_FILE_DIR").unwrap_or_else(|| "data/files".into()),
                ),
                residency,
                contact,
                maskinporten,
                sign_limits,
                confirm_limits,
                unconfirmed_hours,
                mail_retention_days,
                trusted_proxies,
                test_persons: var("INNSPILL_TEST_PERSONS").is_some_and(|v| v == "true"),
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

/// The ID-porten client from `IDPORTEN_*`; `None` when `IDPORTEN_ISSUER` is unset (allowed only
/// outside production).
fn idporten_settings(prod: bool, base_url: &str) -> Result<Option<IdPortenSettings>, String> {
    let Some(issuer) = var("IDPORTEN_ISSUER") else {
        if prod {
            return Err("IDPORTEN_ISSUER is required in production (https://idporten.no)".into());
        }
        return Ok(None);
    };
    let issuer = issuer.trim_end_matches('/').to_string();
    if prod && !issuer.starts_with("https://") {
        return Err("IDPORTEN_ISSUER must be an https:// address in production".into());
    }
    let client_id =
        var("IDPORTEN_CLIENT_ID").ok_or("IDPORTEN_CLIENT_ID is required with IDPORTEN_ISSUER")?;
    let client_auth = match (
        var("IDPORTEN_CLIENT_KEY_FILE"),
        var("IDPORTEN_CLIENT_SECRET"),
    ) {
        (Some(path), _) => ClientAuth::PrivateKeyJwt {
            pem: SecretString::from(
                std::fs::read_to_string(&path)
                    .map_err(|e| format!("IDPORTEN_CLIENT_KEY_FILE ({path}): {e}"))?,
            ),
            key_id: var("IDPORTEN_CLIENT_KEY_ID"),
        },
        (None, Some(secret)) => ClientAuth::Secret {
            secret: SecretString::from(secret),
            post: match var("IDPORTEN_CLIENT_AUTH_METHOD").as_deref() {
                None | Some("client_secret_basic") => false,
                Some("client_secret_post") => true,
                Some(other) => {
                    return Err(format!(
                        "IDPORTEN_CLIENT_AUTH_METHOD must be client_secret_basic or client_secret_post, not {other:?}"
                    ));
                }
            },
        },
        (None, None) => {
            return Err(
                "IDPORTEN_CLIENT_SECRET or IDPORTEN_CLIENT_KEY_FILE is required with IDPORTEN_ISSUER"
                    .into(),
            );
        }
    };
    let acr_min = match var("IDPORTEN_ACR_MIN") {
        None => Loa::Substantial,
        Some(v) => match Loa::parse(&v) {
            Some(l) if l >= Loa::Substantial => l,
            _ => {
                return Err(format!(
                    "IDPORTEN_ACR_MIN must be idporten-loa-substantial or idporten-loa-high, not {v:?}"
                ));
            }
        },
    };
    let base = base_url.trim_end_matches('/');
    Ok(Some(IdPortenSettings {
        issuer,
        client_id,
        client_auth,
        acr_min,
        redirect_uri: var("IDPORTEN_REDIRECT_URI")
            .unwrap_or_else(|| format!("{base}/auth/idporten/callback")),
        post_logout_redirect_uri: var("IDPORTEN_POST_LOGOUT_REDIRECT_URI")
            .unwrap_or_else(|| format!("{base}/auth/idporten/logged-out")),
    }))
}
