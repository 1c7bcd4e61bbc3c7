//! The national registers' settings: `INNSPILL_RESIDENCY_REGISTER`,
//! `INNSPILL_CONTACT_REGISTER` and, for Folkeregisteret and KRR, the platform's Maskinporten
//! client (`INNSPILL_MASKINPORTEN_*`).

use super::var;
use app::ssr::contact::krr::KrrSettings;
use app::ssr::maskinporten::MaskinportenSettings;
use app::ssr::residency::folkeregisteret::FolkeregisteretSettings;
use app::ssr::state::settings::{ContactSetting, ResidencySetting};
use secrecy::SecretString;
use std::path::PathBuf;

/// Where residency is checked: `folkeregisteret` (production), `fixture` (development) or
/// `none` (nobody can sign).
pub fn residency(prod: bool) -> Result<ResidencySetting, String> {
    Ok(match var("INNSPILL_RESIDENCY_REGISTER").as_deref() {
        Some("fixture") if prod => {
            return Err("INNSPILL_RESIDENCY_REGISTER=fixture holds synthetic persons and is not for production; use folkeregisteret".into());
        }
        Some("fixture") | None if !prod => ResidencySetting::Fixture(
            var("INNSPILL_RESIDENCY_FIXTURE")
                .map(PathBuf::from)
                .unwrap_or_else(app::ssr::residency::default_fixture_path),
        ),
        Some("folkeregisteret") => {
            let base_url = var("INNSPILL_FOLKEREGISTERET_URL").ok_or(
                "INNSPILL_FOLKEREGISTERET_URL is required with INNSPILL_RESIDENCY_REGISTER=folkeregisteret (https://folkeregisteret.api.skatteetaten.no)",
            )?;
            https_in_production(prod, "INNSPILL_FOLKEREGISTERET_URL", &base_url)?;
            ResidencySetting::Folkeregisteret(FolkeregisteretSettings { base_url })
        }
        None | Some("none") => ResidencySetting::None,
        Some(other) => {
            return Err(format!(
                "INNSPILL_RESIDENCY_REGISTER must be folkeregisteret, fixture or none, not {other:?}"
            ));
        }
    })
}

/// Where contact data is found: `krr` (production), `fixture` (development) or `none` (everyone
/// on the letter list).
pub fn contact(prod: bool) -> Result<ContactSetting, String> {
    Ok(match var("INNSPILL_CONTACT_REGISTER").as_deref() {
        Some("fixture") if prod => {
            return Err("INNSPILL_CONTACT_REGISTER=fixture holds synthetic persons and is not for production; use krr or none".into());
        }
        Some("fixture") | None if !prod => ContactSetting::Fixture(
            var("INNSPILL_RESIDENCY_FIXTURE")
                .map(PathBuf::from)
                .unwrap_or_else(app::ssr::residency::default_fixture_path),
        ),
        Some("krr") => {
            let base_url = var("INNSPILL_KRR_URL").ok_or(
                "INNSPILL_KRR_URL is required with INNSPILL_CONTACT_REGISTER=krr (https://kontaktregisteret.no)",
            )?;
            https_in_production(prod, "INNSPILL_KRR_URL", &base_url)?;
            ContactSetting::Krr(KrrSettings { base_url })
        }
        None | Some("none") => ContactSetting::None,
        Some(other) => {
            return Err(format!(
                "INNSPILL_CONTACT_REGISTER must be krr, fixture or none, not {other:?}"
            ));
        }
    })
}

/// The Maskinporten client; `None` when `INNSPILL_MASKINPORTEN_ISSUER` is unset.
pub fn maskinporten(prod: bool) -> Result<Option<MaskinportenSettings>, String> {
    let Some(issuer) = var("INNSPILL_MASKINPORTEN_ISSUER") else {
        return Ok(None);
    };
    https_in_production(prod, "INNSPILL_MASKINPORTEN_ISSUER", &issuer)?;
    let client_id = var("INNSPILL_MASKINPORTEN_CLIENT_ID")
        .ok_or("INNSPILL_MASKINPORTEN_CLIENT_ID is required with INNSPILL_MASKINPORTEN_ISSUER")?;
    let key_file = var("INNSPILL_MASKINPORTEN_KEY_FILE")
        .ok_or("INNSPILL_MASKINPORTEN_KEY_FILE (the RSA private key, PEM) is required with INNSPILL_MASKINPORTEN_ISSUER")?;
    let key_pem = std::fs::read_to_string(&key_file)
        .map_err(|e| format!("INNSPILL_MASKINPORTEN_KEY_FILE {key_file}: {e}"))?;
    let certificate_chain = var("INNSPILL_MASKINPORTEN_CERTIFICATE_FILE")
        .map(|f| {
            std::fs::read_to_string(&f)
                .map_err(|e| format!("INNSPILL_MASKINPORTEN_CERTIFICATE_FILE {f}: {e}"))
                .and_then(|pem| {
                    app::ssr::security::jws::x5c_chain(&pem)
                        .map_err(|e| format!("INNSPILL_MASKINPORTEN_CERTIFICATE_FILE {f}: {e}"))
                })
        })
        .transpose()?;
    let key_id = var("INNSPILL_MASKINPORTEN_KEY_ID");
    if key_id.is_none() && certificate_chain.is_none() {
        return Err("INNSPILL_MASKINPORTEN_KEY_ID (the kid registered in Digdir's self-service) or INNSPILL_MASKINPORTEN_CERTIFICATE_FILE is required with INNSPILL_MASKINPORTEN_ISSUER".into());
    }
    Ok(Some(MaskinportenSettings {
        issuer,
        client_id,
        key_pem: SecretString::from(key_pem),
        key_id,
        certificate_chain,
    }))
}

fn https_in_production(prod: bool, name: &str, url: &str) -> Result<(), String> {
    if prod && !url.starts_with("https://") {
        return Err(format!("{name} must be an https:// address in production"));
    }
    Ok(())
}
