//! Writing a proposal: the form as typed, checked (a collection end within the organisation's
//! limit, attachments), saved as a draft; and the earlier proposals alike it.

use crate::domain::initiative::proposal::{Proposal as ParsedProposal, ProposalForm};
use crate::domain::initiative::{
    InitiativeStatus, SIMILARITY_THRESHOLD, election_period, proposal_similarity,
};
use crate::dto::initiatives::SimilarInitiative;
use crate::error::{AppError, FieldErrors};
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{initiative, organisation};
use crate::ssr::db::initiatives::{self as db, Proposal};
use crate::ssr::files::attachments;
use crate::ssr::files::attachments::Upload;
use crate::ssr::files::kind;
use crate::ssr::security::auth::Citizen;
use crate::ssr::services::initiatives::{FilterSlug, require_resident};
use crate::ssr::state::AppState;
use chrono::TimeZone;
use chrono_tz::Europe::Oslo;
use sea_orm::EntityTrait;

/// The proposal form as sent, with its files.
#[derive(Debug, Clone, Default)]
pub struct ProposalInput {
    pub form: ProposalForm,
    pub files: Vec<Upload>,
    pub oversized_file: bool,
}

/// The proposal in `input` for this organisation today, with its attachments checked.
fn parse(
    input: &ProposalInput,
    org: &organisation::Model,
    today: chrono::NaiveDate,
) -> Result<ParsedProposal, AppError> {
    let parsed = ParsedProposal::parse(&input.form, org.max_collection_months, today);
    let checked = attachments::check(&input.files, input.oversized_file);
    Ok(FieldErrors::both(parsed, checked)?.0)
}

async fn store_files(state: &AppState, id: i32, files: &[Upload]) -> Result<(), AppError> {
    let now = state.clock.now();
    for f in files {
        let Some(k) = kind::detect(&f.bytes) else {
            continue;
        };
        let key = attachments::put(&state.files, &f.bytes).await?;
        db::insert_attachment(
            &state.db,
            id,
            &kind::safe_name(&f.name, k),
            k.content_type(),
            f.bytes.len() as i64,
            &key,
            now,
        )
        .await
        .or_internal()?;
    }
    Ok(())
}

/// Writes (or, with `id`, rewrites) a draft; returns its id.
pub async fn save_draft(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: Option<i32>,
    input: ProposalInput,
    lang: crate::domain::lang::Lang,
) -> Result<i32, AppError> {
    let org = organisation::Entity::find()
        .filter_slug(slug)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if org.deactivated_at.is_some() {
        return Err(AppError::Conflict("org.deactivated_refusal".into()));
    }
    // A draft being rewritten must be the citizen's own, before anything of the form counts.
    let existing = match id {
        None => None,
        Some(id) => {
            let m = db::find(&state.db, org.id, id)
                .await
                .or_internal()?
                .filter(|m| m.person_id == citizen.person_id)
                .ok_or(AppError::NotFound)?;
            if db::status_of(&m) != InitiativeStatus::Draft {
                return Err(AppError::Conflict("initiative.form.not_draft".into()));
            }
            Some(m)
        }
    };
    let Some(email) = citizen.email.clone() else {
        return Err(AppError::Conflict("initiative.form.email_required".into()));
    };
    require_resident(state, citizen, &org).await?;
    let p = parse(&input, &org, state.clock.today())?;
    let proposal = Proposal {
        title: p.title,
        ask: p.ask,
        justification: p.justification,
        collection_ends: p.collection_ends,
        contact_email: email,
        lang,
    };
    let now = state.clock.now();
    let id = match existing {
        None => db::insert(&state.db, org.id, citizen.person_id, proposal, now)
            .await
            .or_internal()?,
        Some(m) => {
            let id = m.id;
            db::update_draft(&state.db, m, proposal, now)
                .await
                .or_internal()?;
            id
        }
    };
    store_files(state, id, &input.files).await?;
    tracing::info!(initiative_id = id, "initiative draft saved");
    Ok(id)
}

/// Earlier proposals of the organisation in this election period that are alike, most alike
/// first.
pub async fn similar(
    state: &AppState,
    i: &initiative::Model,
) -> Result<Vec<SimilarInitiative>, AppError> {
    let (start, _) = election_period(state.clock.today());
    let since = Oslo
        .from_local_datetime(&start.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|| state.clock.now());
    let mut out: Vec<SimilarInitiative> =
        db::candidates_for_similarity(&state.db, i.organisation_id, i.id, since)
            .await
            .or_internal()?
            .into_iter()
            .filter_map(|c| {
                let score = proposal_similarity(&i.title, &i.ask, &c.title, &c.ask);
                (score >= SIMILARITY_THRESHOLD).then(|| SimilarInitiative {
                    id: c.id,
                    status: db::status_of(&c),
                    title: c.title,
                    score: (score * 100.0).round() as u8,
                })
            })
            .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.score));
    Ok(out)
}
