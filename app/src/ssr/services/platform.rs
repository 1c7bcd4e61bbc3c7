//! The platform administrator's work, across organisations: creating an organisation (from the
//! browser or with `innspill org create`), with its bodies, rules and first administrator
//! invited by mail, and deactivating one (its pages stay and say so; nothing is deleted).

use crate::domain::organisation::OrgKind;
use crate::domain::organisation::onboarding::{
    NewOrganisation, NewOrganisationInput, slug_from_name,
};
use crate::domain::role::Role;
use crate::dto::platform::{ClassifiedUnit, NewOrganisationForm, PlatformOverview};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::organisations;
use crate::ssr::formats::ssb::{self, Shipped};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::admin::store_invitation;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Who creates or changes an organisation: the platform administrator in the browser, or the
/// operator with the command line (who has the server's own configuration, so is trusted).
#[derive(Clone, Copy)]
pub enum Actor<'a> {
    Platform(&'a Staff),
    CommandLine,
}

impl Actor<'_> {
    fn authorise(self) -> Result<Option<i32>, AppError> {
        match self {
            Actor::Platform(s) if s.platform_admin => Ok(Some(s.user_id)),
            Actor::Platform(_) => Err(AppError::Forbidden),
            Actor::CommandLine => Ok(None),
        }
    }
}

pub async fn overview(state: &AppState, staff: &Staff) -> Result<PlatformOverview, AppError> {
    Actor::Platform(staff).authorise()?;
    Ok(PlatformOverview {
        organisations: organisations::list(&state.db).await.or_internal()?,
    })
}

/// SSB's current municipalities and counties, for the form's list.
pub fn form(staff: &Staff) -> Result<NewOrganisationForm, AppError> {
    Actor::Platform(staff).authorise()?;
    let mut units = Vec::new();
    for kind in [OrgKind::Municipality, OrgKind::County] {
        let u = Shipped::units(kind);
        units.extend(u.all().map(|(number, name)| ClassifiedUnit {
            kind,
            number: number.to_string(),
            name: name.to_string(),
        }));
    }
    units.sort_by(|a, b| a.number.cmp(&b.number));
    Ok(NewOrganisationForm {
        units,
        classification_valid_from: Shipped::units(OrgKind::Municipality).valid_from,
    })
}

/// Creates the organisation and invites its first administrator; its slug. With a Statbank
/// CSV (`population_csv`), the population and its date are read from it instead of typed.
pub async fn create(
    state: &AppState,
    actor: Actor<'_>,
    input: &NewOrganisationInput,
    population_csv: Option<&[u8]>,
) -> Result<String, AppError> {
    let actor_id = actor.authorise()?;
    let mut input = input.clone();
    let mut file_error = None;
    if let Some(csv) = population_csv.filter(|b| !b.is_empty()) {
        match ssb::population_from_csv(csv, input.number.trim()) {
            Some(p) => {
                input.population = p.figure.to_string();
                input.population_date = p.date.to_string();
            }
            None => file_error = Some("onboarding.population_file_invalid"),
        }
    }
    let today = state.clock.now().date_naive();
    let parsed = NewOrganisation::parse(&input, today, &Shipped);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    if let Some(key) = file_error {
        errors.set("population_file", key);
    }
    // Taken addresses and numbers are named along with the form's other faults.
    let slug = if input.slug.trim().is_empty() {
        slug_from_name(&input.name)
    } else {
        input.slug.trim().to_string()
    };
    let (slug_taken, number_taken) = organisations::taken(&state.db, &slug, input.number.trim())
        .await
        .or_internal()?;
    if slug_taken && errors.get("slug").is_none() {
        errors.add("slug", "onboarding.slug_taken");
    }
    if number_taken && errors.get("number").is_none() {
        errors.add("number", "onboarding.number_taken");
    }
    if !errors.is_empty() {
        return Err(AppError::from(errors));
    }
    let mut o = parsed.map_err(AppError::from)?;
    // The Sámi name SSB gives, when none was typed (Kárášjohka for Karasjok).
    if o.name_sami.is_none() {
        o.name_sami = Shipped::units(o.kind)
            .sami_name(o.number.as_str())
            .map(str::to_string);
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let id = organisations::onboard(&txn, &o, now).await.or_internal()?;
    let dto = organisations::find_by_slug(&txn, &o.slug)
        .await
        .or_internal()?
        .ok_or_else(|| crate::ssr::internal("the new organisation is not there"))?;
    store_invitation(
        state,
        &txn,
        &dto,
        &o.admin_email,
        Role::Admin,
        actor_id.unwrap_or(0),
        now,
    )
    .await?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(id),
            actor: actor_id,
            action: "organisation_create",
            detail: &format!(
                "{} {} by {}",
                o.kind.as_str(),
                o.number.as_str(),
                if actor_id.is_some() {
                    "platform admin"
                } else {
                    "command line"
                }
            ),
        },
        now,
    )
    .await?;
    tracing::info!(
        organisation_id = id,
        recipient_domain = o.admin_email.domain(),
        "organisation created, first admin invited"
    );
    Ok(o.slug)
}

/// Deactivates the organisation (`active` false) or lets it use Innspill again.
pub async fn set_active(
    state: &AppState,
    actor: Actor<'_>,
    slug: &str,
    active: bool,
) -> Result<(), AppError> {
    let actor_id = actor.authorise()?;
    let org = organisations::model_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if org.deactivated_at.is_none() == active {
        return Ok(());
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    organisations::set_deactivated(&txn, org.id, (!active).then_some(now))
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: actor_id,
            action: if active {
                "organisation_reactivate"
            } else {
                "organisation_deactivate"
            },
            detail: "",
        },
        now,
    )
    .await?;
    tracing::info!(
        organisation_id = org.id,
        active,
        "organisation activity changed"
    );
    Ok(())
}
