//! The council's outcome, told to the proposer and to the signers who asked.

use crate::domain::initiative::outcome::Outcome;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{initiative, organisation, person};
use crate::ssr::db::initiatives::{self as db, Actor};
use crate::ssr::db::signatures;
use crate::ssr::mail::{OutgoingMail, templates};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::initiatives::staff::{initiative_of, org_of};
use crate::ssr::services::initiatives::{move_status, org_lang};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

pub use crate::domain::initiative::outcome::{OutcomeForm, OutcomeKind};

/// Records what the council did, and tells the proposer and the signers who asked.
pub async fn record_outcome(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    form: &OutcomeForm,
) -> Result<(), AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let outcome = Outcome::parse(form.input())?;
    let from = db::status_of(&i);
    let to = outcome.kind.status();
    from.transition(to)
        .map_err(|_| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let now = state.clock.now();
    let mails = outcome_mails(state, &i, &org, &outcome).await?;
    let Outcome {
        text,
        date,
        minutes_url,
        ..
    } = outcome;
    let txn = state.db.begin().await.or_internal()?;
    let extra = vec![
        (
            initiative::Column::OutcomeText,
            Some(text.to_string()).into(),
        ),
        (initiative::Column::OutcomeDate, Some(date).into()),
        (initiative::Column::MinutesUrl, minutes_url.into()),
    ];
    move_status(
        &txn,
        id,
        db::StatusChange {
            from,
            to,
            actor: Actor::Staff(staff.user_id),
            note: "",
            extra,
        },
        now,
    )
    .await?;
    record_transition(
        txn,
        &mails,
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "initiative_outcome",
            detail: &format!("initiative {id} {}", to.as_str()),
        },
        now,
    )
    .await?;
    tracing::info!(
        initiative_id = id,
        outcome = to.as_str(),
        recipients = mails.len(),
        "initiative outcome recorded"
    );
    Ok(())
}

/// The outcome told to each recipient, in their language.
async fn outcome_mails(
    state: &AppState,
    i: &initiative::Model,
    org: &organisation::Model,
    outcome: &Outcome,
) -> Result<Vec<OutgoingMail>, AppError> {
    let link = crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::initiative(&org.slug, i.id),
    );
    let kind = outcome.kind.status().label_key();
    recipients(state, i, org)
        .await?
        .iter()
        .map(|(to_addr, lang)| {
            templates::render(
                "initiative_outcome",
                *lang,
                to_addr,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "link": link,
                    "outcome": outcome.text,
                    "kind": crate::i18n::I18n(*lang).t(kind),
                    "date": crate::i18n::format::date(*lang, outcome.date),
                }),
            )
        })
        .collect::<Result<_, _>>()
        .or_internal()
}

/// Who hears of the outcome: the proposer, and every signer who asked (by their confirmed
/// address), each once, in their language.
async fn recipients(
    state: &AppState,
    i: &initiative::Model,
    org: &organisation::Model,
) -> Result<Vec<(String, crate::domain::lang::Lang)>, AppError> {
    let mut recipients = vec![(i.contact_email.clone(), org_lang(org))];
    let ids = signatures::notify_person_ids(&state.db, i.id)
        .await
        .or_internal()?;
    for p in person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(&state.db)
        .await
        .or_internal()?
    {
        if let Some(e) = p.email {
            recipients.push((
                e,
                crate::domain::lang::Lang::from_code(&p.lang).unwrap_or_default(),
            ));
        }
    }
    recipients.sort_by(|a, b| a.0.cmp(&b.0));
    recipients.dedup_by(|a, b| a.0 == b.0);
    Ok(recipients)
}
