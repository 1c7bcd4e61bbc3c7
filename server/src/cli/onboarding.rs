//! The onboarding commands: `org create`, `org deactivate` and `org reactivate` (with `admin
//! create` and `user second-factor-off` in `main`). Each runs the same service as the browser,
//! as the command line (the operator, who has the server's configuration, so is trusted).

use super::NewOrgArgs;
use app::domain::lang::Lang;
use app::domain::organisation::onboarding::NewOrganisationInput;
use app::error::AppError;
use app::i18n::I18n;
use app::ssr::AppState;
use app::ssr::services::platform::{self, Actor};

/// An error as the operator reads it: each wrong field (as its option) with its message.
pub fn explain(e: AppError) -> String {
    match e {
        AppError::Validation(fields) => fields
            .0
            .iter()
            .map(|(field, key)| {
                let option = match field.as_str() {
                    "population_file" => "population-csv".to_string(),
                    "bodies" => "body".to_string(),
                    f => f.replace('_', "-"),
                };
                format!("--{option}: {}", I18n(Lang::En).t(key))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        AppError::Conflict(key) => I18n(Lang::En).t(&key),
        other => other.to_string(),
    }
}

pub async fn org_create(state: &AppState, args: NewOrgArgs) -> Result<String, String> {
    let kind = match args.kind.trim() {
        "kommune" => "municipality".to_string(),
        "fylkeskommune" | "fylke" => "county".to_string(),
        k => k.to_string(),
    };
    let input = NewOrganisationInput {
        kind,
        number: args.number,
        slug: args.slug,
        name: args.name,
        name_nn: args.name_nn,
        name_sami: args.name_sami,
        written_standard: args.written_standard,
        population: args.population,
        population_date: args.population_date,
        bodies: args.bodies.join("\n"),
        max_collection_months: args.max_collection_months,
        signer_retention_months: args.signer_retention_months,
        screening_days: args.screening_days,
        admin_email: args.admin_email,
    };
    let csv = match &args.population_csv {
        Some(path) => Some(
            std::fs::read(path).map_err(|e| format!("--population-csv {}: {e}", path.display()))?,
        ),
        None => None,
    };
    platform::create(state, Actor::CommandLine, &input, csv.as_deref())
        .await
        .map_err(explain)
}

pub async fn org_set_active(state: &AppState, slug: &str, active: bool) -> Result<(), String> {
    platform::set_active(state, Actor::CommandLine, slug, active)
        .await
        .map_err(|e| match e {
            AppError::NotFound => format!("no organisation with slug {slug:?}"),
            e => explain(e),
        })
}
