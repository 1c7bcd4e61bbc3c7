//! An initiative as its proposer runs it: writing the proposal (a resident with a national id
//! and a confirmed email address), seeing earlier proposals alike it, sending it for screening,
//! and submitting it (fremme) when enough residents have signed. Also the pages' views.

use crate::domain::initiative::{
    InitiativeStatus, MAX_COLLECTION_MONTHS, SIMILARITY_THRESHOLD, decision_due, election_period,
    proposal_similarity, threshold,
};
use crate::domain::lang::Lang;
use crate::domain::organisation::{OrgKind, WrittenStandard};
use crate::domain::role::Role;
use crate::error::{AppError, FieldErrors};
use crate::features::hearings::dto::AttachmentDto;
use crate::features::initiatives::dto::{
    InitiativeList, InitiativePage, InitiativeSummary, SimilarInitiative, Viewer,
};
use crate::ssr::auth::{Citizen, Staff};
use crate::ssr::db::entities::{initiative, organisation, person};
use crate::ssr::db::initiatives::{self as db, Actor, Proposal};
use crate::ssr::db::staff;
use crate::ssr::files::kind::{self, ATTACHMENTS};
use crate::ssr::internal::{OrInternal, internal};
use crate::ssr::mail::{queue, templates};
use crate::ssr::services::submissions::Upload;
use crate::ssr::state::AppState;
use chrono::{Months, NaiveDate, TimeZone};
use chrono_tz::Europe::Oslo;
use sea_orm::{EntityTrait, TransactionTrait};

pub const MAX_ATTACHMENTS: usize = 5;
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

pub fn kind_of(o: &organisation::Model) -> OrgKind {
    OrgKind::parse(&o.kind).unwrap_or(OrgKind::Municipality)
}

pub fn org_lang(o: &organisation::Model) -> Lang {
    match WrittenStandard::parse(&o.written_standard) {
        Some(WrittenStandard::Nn) => Lang::Nn,
        _ => Lang::Nb,
    }
}

pub fn threshold_of(o: &organisation::Model) -> i64 {
    threshold(kind_of(o), o.population)
}

pub fn today(state: &AppState) -> NaiveDate {
    state.clock.now().with_timezone(&Oslo).date_naive()
}

/// A resident of the organisation, logged in with a national id: who may propose (and sign).
pub async fn require_resident(
    state: &AppState,
    citizen: &Citizen,
    org: &organisation::Model,
) -> Result<(), AppError> {
    let Some(pid) = citizen.national_id(state) else {
        return Err(AppError::Conflict("initiative.sign.no_pid".into()));
    };
    let person = match state.residency.lookup(&pid).await {
        Ok(p) => p,
        Err(crate::ssr::residency::RegisterError::NotConfigured) => {
            return Err(AppError::Conflict("initiative.sign.disabled".into()));
        }
        Err(e) => {
            tracing::warn!(error = %e, "residency register unavailable");
            return Err(AppError::Conflict(
                "initiative.sign.register_unavailable".into(),
            ));
        }
    };
    if person.is_some_and(|p| p.lives_in(kind_of(org), &org.number)) {
        Ok(())
    } else {
        Err(AppError::Conflict("initiative.sign.not_resident".into()))
    }
}

/// The proposal form as sent.
#[derive(Debug, Clone, Default)]
pub struct ProposalInput {
    pub title: String,
    pub ask: String,
    pub justification: String,
    pub collection_ends: String,
    pub files: Vec<Upload>,
    pub oversized_file: bool,
}

fn validate(
    input: &ProposalInput,
    org: &organisation::Model,
    today: NaiveDate,
) -> Result<(String, String, String, NaiveDate), AppError> {
    let mut errors = FieldErrors::new();
    let len = |s: &str| s.trim().chars().count();
    if !(5..=150).contains(&len(&input.title)) {
        errors.add("title", "initiative.form.title_invalid");
    }
    if !(10..=2000).contains(&len(&input.ask)) {
        errors.add("ask", "initiative.form.ask_invalid");
    }
    if !(10..=10_000).contains(&len(&input.justification)) {
        errors.add("justification", "initiative.form.justification_invalid");
    }
    let months = (org
        .max_collection_months
        .clamp(1, MAX_COLLECTION_MONTHS as i32)) as u32;
    let latest = today
        .checked_add_months(Months::new(months))
        .unwrap_or(today);
    let ends = NaiveDate::parse_from_str(input.collection_ends.trim(), "%Y-%m-%d").ok();
    match ends {
        None => errors.add("collection_ends", "initiative.form.date_invalid"),
        Some(d) if d <= today => errors.add("collection_ends", "initiative.form.date_past"),
        Some(d) if d > latest => errors.add("collection_ends", "initiative.form.date_too_late"),
        _ => {}
    }
    if input.files.len() > MAX_ATTACHMENTS {
        errors.add("attachments", "submission.form.too_many_files");
    } else if input.oversized_file
        || input
            .files
            .iter()
            .any(|f| f.bytes.len() > MAX_ATTACHMENT_BYTES)
    {
        errors.add("attachments", "submission.form.file_too_large");
    } else if input.files.iter().any(|f| {
        kind::detect(&f.bytes)
            .filter(|k| ATTACHMENTS.contains(k))
            .is_none()
    }) {
        errors.add("attachments", "submission.form.file_type");
    }
    errors.into_result()?;
    let ends = ends.ok_or_else(|| internal("validated date missing"))?;
    Ok((
        input.title.trim().to_string(),
        input.ask.trim().to_string(),
        input.justification.trim().to_string(),
        ends,
    ))
}

async fn store_files(state: &AppState, id: i32, files: &[Upload]) -> Result<(), AppError> {
    let now = state.clock.now();
    for f in files {
        let Some(k) = kind::detect(&f.bytes) else {
            continue;
        };
        let key = state.files.put(&f.bytes).await.or_internal()?;
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
) -> Result<i32, AppError> {
    let org = organisation::Entity::find()
        .filter_slug(slug)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let Some(email) = citizen.email.clone() else {
        return Err(AppError::Conflict("initiative.form.email_required".into()));
    };
    require_resident(state, citizen, &org).await?;
    let (title, ask, justification, ends) = validate(&input, &org, today(state))?;
    let proposal = Proposal {
        title,
        ask,
        justification,
        collection_ends: ends,
        contact_email: email,
    };
    let now = state.clock.now();
    let id = match id {
        None => db::insert(&state.db, org.id, citizen.person_id, proposal, now)
            .await
            .or_internal()?,
        Some(id) => {
            let m = db::find(&state.db, org.id, id)
                .await
                .or_internal()?
                .filter(|m| m.person_id == citizen.person_id)
                .ok_or(AppError::NotFound)?;
            if db::status_of(&m) != InitiativeStatus::Draft {
                return Err(AppError::Conflict("initiative.form.not_draft".into()));
            }
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

trait FilterSlug {
    fn filter_slug(self, slug: &str) -> Self;
}

impl FilterSlug for sea_orm::Select<organisation::Entity> {
    fn filter_slug(self, slug: &str) -> Self {
        use sea_orm::{ColumnTrait, QueryFilter};
        self.filter(organisation::Column::Slug.eq(slug))
    }
}

/// The initiative of its proposer, in this organisation.
async fn own(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
) -> Result<(initiative::Model, organisation::Model), AppError> {
    db::find_with_org(&state.db, slug, id)
        .await
        .or_internal()?
        .filter(|(i, _)| i.person_id == citizen.person_id)
        .ok_or(AppError::NotFound)
}

/// The organisation's admins and case officers, who hear of new and submitted initiatives.
async fn staff_addresses(state: &AppState, org_id: i32) -> Result<Vec<String>, AppError> {
    Ok(staff::members_of(&state.db, org_id)
        .await
        .or_internal()?
        .into_iter()
        .filter(|(m, u)| {
            m.active
                && u.active
                && matches!(Role::parse(&m.role), Ok(Role::Admin | Role::CaseOfficer))
        })
        .map(|(_, u)| u.email)
        .collect())
}

/// Sends the draft to the organisation for screening (lawful and not abusive), which is done
/// by the date the proposer is shown.
pub async fn send_to_screening(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
) -> Result<(), AppError> {
    let (i, org) = own(state, citizen, slug, id).await?;
    InitiativeStatus::Draft
        .transition(InitiativeStatus::Screening)
        .ok()
        .filter(|_| db::status_of(&i) == InitiativeStatus::Draft)
        .ok_or_else(|| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let now = state.clock.now();
    let due = today(state) + chrono::Duration::days(org.screening_days.max(1) as i64);
    let lang = org_lang(&org);
    let link = format!(
        "{}/org/{}/ansatt/innbyggerforslag/{}",
        state.settings.base_url.trim_end_matches('/'),
        org.slug,
        id
    );
    let mails: Vec<_> = staff_addresses(state, org.id)
        .await?
        .into_iter()
        .map(|to| {
            templates::render(
                "initiative_screening_request",
                lang,
                &to,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "link": link,
                    "due": crate::components::format::date(lang, due),
                }),
            )
        })
        .collect::<Result<_, _>>()
        .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    if !db::change_status(
        &txn,
        id,
        db::StatusChange {
            from: InitiativeStatus::Draft,
            to: InitiativeStatus::Screening,
            actor: Actor::Person(citizen.person_id),
            note: "",
            extra: vec![
                (initiative::Column::SentToScreeningAt, Some(now).into()),
                (initiative::Column::ScreeningDue, Some(due).into()),
            ],
        },
        now,
    )
    .await
    .or_internal()?
    {
        return Err(AppError::Conflict(
            "initiative.status.changed_meanwhile".into(),
        ));
    }
    for m in &mails {
        queue::enqueue(&txn, m, now).await.or_internal()?;
    }
    txn.commit().await.or_internal()?;
    tracing::info!(initiative_id = id, "initiative sent to screening");
    Ok(())
}

/// Submits (fremmer) the initiative: enough residents have signed. Starts the council's six
/// months and tells the organisation's staff.
pub async fn submit(
    state: &AppState,
    citizen: &Citizen,
    slug: &str,
    id: i32,
) -> Result<(), AppError> {
    let (i, org) = own(state, citizen, slug, id).await?;
    if db::status_of(&i) != InitiativeStatus::Collecting {
        return Err(AppError::Conflict("initiative.status.not_allowed".into()));
    }
    state.signature_counts.forget(id);
    let counts = state
        .signature_counts
        .get(&state.db, id)
        .await
        .or_internal()?;
    let needed = threshold_of(&org);
    if counts.total() < needed {
        return Err(AppError::Conflict(
            "initiative.submit.below_threshold".into(),
        ));
    }
    let now = state.clock.now();
    let due = decision_due(today(state));
    let lang = org_lang(&org);
    let link = format!(
        "{}/org/{}/ansatt/innbyggerforslag/{}",
        state.settings.base_url.trim_end_matches('/'),
        org.slug,
        id
    );
    let mails: Vec<_> = staff_addresses(state, org.id)
        .await?
        .into_iter()
        .map(|to| {
            templates::render(
                "initiative_submitted",
                lang,
                &to,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "link": link,
                    "count": counts.total(), "threshold": needed,
                    "due": crate::components::format::date(lang, due),
                }),
            )
        })
        .collect::<Result<_, _>>()
        .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    if !db::change_status(
        &txn,
        id,
        db::StatusChange {
            from: InitiativeStatus::Collecting,
            to: InitiativeStatus::Submitted,
            actor: Actor::Person(citizen.person_id),
            note: &format!("{} signatures", counts.total()),
            extra: vec![
                (initiative::Column::SubmittedAt, Some(now).into()),
                (initiative::Column::DecisionDue, Some(due).into()),
            ],
        },
        now,
    )
    .await
    .or_internal()?
    {
        return Err(AppError::Conflict(
            "initiative.status.changed_meanwhile".into(),
        ));
    }
    for m in &mails {
        queue::enqueue(&txn, m, now).await.or_internal()?;
    }
    txn.commit().await.or_internal()?;
    tracing::info!(initiative_id = id, "initiative submitted");
    Ok(())
}

/// Earlier proposals of the organisation in this election period that are alike, most alike
/// first.
pub async fn similar(
    state: &AppState,
    i: &initiative::Model,
) -> Result<Vec<SimilarInitiative>, AppError> {
    let (start, _) = election_period(today(state));
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

/// The initiative's page, for whoever asks: the public sees it once it has passed screening;
/// its proposer and the organisation's staff see it before.
pub async fn page(
    state: &AppState,
    slug: &str,
    id: i32,
    citizen: Option<&Citizen>,
    staff_user: Option<&Staff>,
) -> Result<InitiativePage, AppError> {
    let (i, org) = db::find_with_org(&state.db, slug, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let status = db::status_of(&i);
    let is_proposer = citizen.is_some_and(|c| c.person_id == i.person_id);
    let is_staff = staff_user.is_some_and(|s| s.role_in(org.id).is_some());
    let staff_may_see = is_staff && status != InitiativeStatus::Draft;
    if !status.is_public() && !is_proposer && !staff_may_see {
        return Err(AppError::NotFound);
    }
    let counts = match (i.final_online, i.final_paper) {
        (Some(online), Some(paper)) => crate::ssr::signature_counts::Counts {
            online: online as i64,
            paper: paper as i64,
        },
        _ => state
            .signature_counts
            .get(&state.db, id)
            .await
            .or_internal()?,
    };
    let signed = match citizen.and_then(|c| c.pid_hash.as_deref()) {
        Some(h) => db::has_signed(&state.db, id, h).await.or_internal()?,
        None => false,
    };
    let proposer = person::Entity::find_by_id(i.person_id)
        .one(&state.db)
        .await
        .or_internal()?;
    let similar = if is_proposer && status == InitiativeStatus::Draft {
        similar(state, &i).await?
    } else {
        Vec::new()
    };
    let attachments = db::attachments(&state.db, id)
        .await
        .or_internal()?
        .into_iter()
        .map(|a| AttachmentDto {
            id: a.id,
            file_name: a.file_name,
            size_bytes: a.size_bytes,
        })
        .collect();
    Ok(InitiativePage {
        id,
        organisation_slug: org.slug.clone(),
        organisation_name: org.name.clone(),
        organisation_kind: kind_of(&org),
        population: org.population,
        population_date: org.population_date,
        threshold: threshold_of(&org),
        proposer_name: proposer.and_then(|p| {
            let n = [p.given_name, p.family_name]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            (!n.is_empty()).then_some(n)
        }),
        status,
        title: i.title,
        ask: i.ask,
        justification: i.justification,
        collection_ends: i.collection_ends,
        published_at: i.published_at,
        submitted_at: i.submitted_at,
        decision_due: i.decision_due,
        outcome_text: i.outcome_text,
        outcome_date: i.outcome_date,
        minutes_url: i.minutes_url,
        online: counts.online,
        paper: counts.paper,
        attachments,
        screening_due: (is_proposer || is_staff)
            .then_some(i.screening_due)
            .flatten(),
        rejected_reason: (is_proposer || is_staff)
            .then_some(i.rejected_reason)
            .flatten(),
        similar,
        viewer: Viewer {
            logged_in: citizen.is_some(),
            has_pid: citizen.is_some_and(|c| c.pid_hash.is_some()),
            has_email: citizen.is_some_and(|c| c.email.is_some()),
            signed,
            is_proposer,
            is_staff,
        },
        now: state.clock.now(),
    })
}

/// Summaries with their counts (one query for all counts).
pub async fn summaries(
    state: &AppState,
    rows: Vec<(initiative::Model, organisation::Model)>,
) -> Result<Vec<InitiativeSummary>, AppError> {
    let ids: Vec<i32> = rows.iter().map(|(i, _)| i.id).collect();
    let counts = state
        .signature_counts
        .get_many(&state.db, &ids)
        .await
        .or_internal()?;
    Ok(rows
        .into_iter()
        .map(|(i, o)| {
            let live = counts.get(&i.id).copied().unwrap_or_default().total();
            let signatures = match (i.final_online, i.final_paper) {
                (Some(a), Some(b)) => (a + b) as i64,
                _ => live,
            };
            InitiativeSummary {
                id: i.id,
                organisation_slug: o.slug.clone(),
                organisation_name: o.name.clone(),
                status: db::status_of(&i),
                signatures,
                threshold: threshold_of(&o),
                collection_ends: i.collection_ends,
                submitted_at: i.submitted_at,
                decision_due: i.decision_due,
                outcome: i.outcome_text,
                title: i.title,
            }
        })
        .collect())
}

pub async fn list(
    state: &AppState,
    filter: &db::ListFilter,
    page: u64,
    per_page: u64,
) -> Result<InitiativeList, AppError> {
    let (rows, total) = db::list_public(&state.db, filter, page, per_page)
        .await
        .or_internal()?;
    Ok(InitiativeList {
        items: summaries(state, rows).await?,
        total,
        page,
        pages: total.div_ceil(per_page.max(1)).max(1),
    })
}
