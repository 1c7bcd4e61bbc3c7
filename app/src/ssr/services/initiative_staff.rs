//! Initiatives as the organisation's staff handle them: screening (publish, or reject for
//! unlawful or abusive content — never for its politics — with the reason sent to the
//! proposer), paper signatures, the signature list (every download on record), the council's
//! outcome (told to the proposer and to signers who asked), and the organisation's limits.
//! Also what the dates do: collection ends, and signer data is deleted after the retention
//! period, leaving the counts.

use crate::domain::initiative::InitiativeStatus;
use crate::domain::national_id::NationalId;
use crate::domain::role::Role;
use crate::error::{AppError, FieldErrors};
use crate::features::initiatives::dto::{SignatureList, SignatureRow, StaffInitiativeItem};
use crate::ssr::auth::Staff;
use crate::ssr::db::entities::{initiative, organisation, person};
use crate::ssr::db::initiatives::{self as db, Actor, NewSignature};
use crate::ssr::db::{audit, organisations};
use crate::ssr::internal::{OrInternal, internal};
use crate::ssr::mail::{queue, templates};
use crate::ssr::pid;
use crate::ssr::residency::RegisterError;
use crate::ssr::services::initiatives::{kind_of, org_lang, summaries, today};
use crate::ssr::state::AppState;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

/// Who handles initiatives.
pub const HANDLERS: &[Role] = &[Role::Admin, Role::CaseOfficer];

async fn org_of(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<organisation::Model, AppError> {
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    staff.require(org.id, HANDLERS)?;
    Ok(org)
}

async fn initiative_of(
    state: &AppState,
    org: &organisation::Model,
    id: i32,
) -> Result<initiative::Model, AppError> {
    db::find(&state.db, org.id, id)
        .await
        .or_internal()?
        .filter(|i| db::status_of(i) != InitiativeStatus::Draft)
        .ok_or(AppError::NotFound)
}

/// The organisation's initiatives for its staff: what waits for screening, what collects, and
/// how long the council has left for the submitted ones.
pub async fn staff_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<Vec<StaffInitiativeItem>, AppError> {
    let org = org_of(state, staff, slug).await?;
    let rows = db::list_for_staff(&state.db, org.id).await.or_internal()?;
    let screening: Vec<(i32, Option<NaiveDate>)> =
        rows.iter().map(|i| (i.id, i.screening_due)).collect();
    let today = today(state);
    let items = summaries(state, rows.into_iter().map(|i| (i, org.clone())).collect()).await?;
    Ok(items
        .into_iter()
        .map(|s| StaffInitiativeItem {
            screening_due: screening
                .iter()
                .find(|(id, _)| *id == s.id)
                .and_then(|(_, d)| *d)
                .filter(|_| s.status == InitiativeStatus::Screening),
            days_to_decision: s
                .decision_due
                .filter(|_| s.status == InitiativeStatus::Submitted)
                .map(|d| (d - today).num_days()),
            summary: s,
        })
        .collect())
}

/// Publishes the initiative for signing, or rejects it with a reason the proposer is sent.
pub async fn screen(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    publish: bool,
    reason: &str,
) -> Result<(), AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let to = if publish {
        InitiativeStatus::Collecting
    } else {
        InitiativeStatus::Rejected
    };
    db::status_of(&i)
        .transition(to)
        .map_err(|_| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let reason = reason.trim();
    if !publish && !(10..=2000).contains(&reason.chars().count()) {
        return Err(AppError::field(
            "reason",
            "initiative.screen.reason_required",
        ));
    }
    let now = state.clock.now();
    let lang = org_lang(&org);
    let mail = if publish {
        None
    } else {
        Some(
            templates::render(
                "initiative_rejected",
                lang,
                &i.contact_email,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "reason": reason,
                }),
            )
            .or_internal()?,
        )
    };
    let extra = if publish {
        vec![(initiative::Column::PublishedAt, Some(now).into())]
    } else {
        vec![(
            initiative::Column::RejectedReason,
            Some(reason.to_string()).into(),
        )]
    };
    let txn = state.db.begin().await.or_internal()?;
    if !db::change_status(
        &txn,
        id,
        db::StatusChange {
            from: InitiativeStatus::Screening,
            to,
            actor: Actor::Staff(staff.user_id),
            note: reason,
            extra,
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
    if let Some(m) = &mail {
        queue::enqueue(&txn, m, now).await.or_internal()?;
    }
    audit::record(
        &txn,
        Some(org.id),
        Some(staff.user_id),
        "initiative_screen",
        &format!("initiative {id} {}", to.as_str()),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()
}

/// The council's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    Referred,
    Decided,
    NotTreated,
}

impl OutcomeKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "referred" => Some(OutcomeKind::Referred),
            "decided" => Some(OutcomeKind::Decided),
            "not_treated" => Some(OutcomeKind::NotTreated),
            _ => None,
        }
    }

    fn status(self) -> InitiativeStatus {
        match self {
            OutcomeKind::Referred => InitiativeStatus::Referred,
            OutcomeKind::Decided => InitiativeStatus::Decided,
            OutcomeKind::NotTreated => InitiativeStatus::NotTreated,
        }
    }
}

/// The outcome form as staff filled it in.
pub struct OutcomeInput<'a> {
    /// `referred`, `decided` or `not_treated`.
    pub kind: &'a str,
    pub text: &'a str,
    pub date: &'a str,
    pub minutes_url: &'a str,
}

/// Records what the council did, and tells the proposer and the signers who asked.
pub async fn record_outcome(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    input: OutcomeInput<'_>,
) -> Result<(), AppError> {
    let OutcomeInput {
        kind,
        text,
        date,
        minutes_url,
    } = input;
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    let kind = OutcomeKind::parse(kind);
    if kind.is_none() {
        errors.add("kind", "initiative.outcome.kind_invalid");
    }
    let text = text.trim();
    if !(3..=5000).contains(&text.chars().count()) {
        errors.add("text", "initiative.outcome.text_invalid");
    }
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        errors.add("date", "initiative.form.date_invalid");
    }
    let url = minutes_url.trim();
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        errors.add("minutes_url", "hearing.status.url_invalid");
    }
    errors.into_result()?;
    let (Some(kind), Some(date)) = (kind, date) else {
        return Err(internal("validated outcome missing"));
    };
    let from = db::status_of(&i);
    let to = kind.status();
    from.transition(to)
        .map_err(|_| AppError::Conflict("initiative.status.not_allowed".into()))?;
    let now = state.clock.now();
    // Who hears: the proposer, and every signer who asked (by their confirmed address).
    let mut recipients = vec![(i.contact_email.clone(), org_lang(&org))];
    let ids = db::notify_person_ids(&state.db, id).await.or_internal()?;
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
    let link = format!(
        "{}/org/{}/innbyggerforslag/{}",
        state.settings.base_url.trim_end_matches('/'),
        org.slug,
        id
    );
    let mails: Vec<_> = recipients
        .iter()
        .map(|(to_addr, lang)| {
            templates::render(
                "initiative_outcome",
                *lang,
                to_addr,
                serde_json::json!({
                    "title": i.title, "organisation": org.name, "link": link, "outcome": text,
                    "kind": crate::i18n::I18n(*lang).t(to.label_key()),
                    "date": crate::components::format::date(*lang, date),
                }),
            )
        })
        .collect::<Result<_, _>>()
        .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    let extra = vec![
        (
            initiative::Column::OutcomeText,
            Some(text.to_string()).into(),
        ),
        (initiative::Column::OutcomeDate, Some(date).into()),
        (
            initiative::Column::MinutesUrl,
            Some(url.to_string()).filter(|u| !u.is_empty()).into(),
        ),
    ];
    if !db::change_status(
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
    audit::record(
        &txn,
        Some(org.id),
        Some(staff.user_id),
        "initiative_outcome",
        &format!("initiative {id} {}", to.as_str()),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(
        initiative_id = id,
        outcome = to.as_str(),
        recipients = mails.len(),
        "initiative outcome recorded"
    );
    Ok(())
}

/// A signature from a paper list, as written on it.
#[derive(Debug, Clone, Default)]
pub struct PaperSignature {
    pub name: String,
    pub birth_date: String,
    pub address: String,
    /// Where the list has it.
    pub national_id: String,
}

/// Enters a paper signature: found in the register (by national id, or by name and birth
/// date), a resident, and not signed already (online or on paper).
pub async fn add_paper_signature(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    input: &PaperSignature,
) -> Result<(), AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    if db::status_of(&i) != InitiativeStatus::Collecting {
        return Err(AppError::Conflict("initiative.sign.closed".into()));
    }
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if !(2..=200).contains(&name.chars().count()) {
        errors.add("paper_name", "initiative.paper.name_invalid");
    }
    let birth = NaiveDate::parse_from_str(input.birth_date.trim(), "%Y-%m-%d").ok();
    if birth.is_none() {
        errors.add("paper_birth_date", "initiative.form.date_invalid");
    }
    let national_id = match input.national_id.trim() {
        "" => None,
        raw => match NationalId::parse(raw, state.settings.allow_synthetic_ids()) {
            Ok(n) => Some(n),
            Err(_) => {
                errors.add("paper_national_id", "initiative.paper.national_id_invalid");
                None
            }
        },
    };
    errors.into_result()?;
    let birth = birth.ok_or_else(|| internal("validated date missing"))?;
    let found = match &national_id {
        Some(n) => state
            .residency
            .lookup(n)
            .await
            .map(|p| p.into_iter().collect::<Vec<_>>()),
        None => state.residency.search(name, birth).await,
    };
    let found = match found {
        Ok(f) => f,
        Err(RegisterError::NotConfigured) => {
            return Err(AppError::Conflict("initiative.sign.disabled".into()));
        }
        Err(_) => {
            return Err(AppError::Conflict(
                "initiative.sign.register_unavailable".into(),
            ));
        }
    };
    let person = match found.as_slice() {
        [one] => one.clone(),
        [] => return Err(AppError::Conflict("initiative.paper.not_found".into())),
        _ => return Err(AppError::Conflict("initiative.paper.ambiguous".into())),
    };
    if !person.lives_in(kind_of(&org), &org.number) {
        return Err(AppError::Conflict("initiative.paper.not_resident".into()));
    }
    let hash = pid::pid_hash(state.settings.pid_key(), &person.national_id);
    let now = state.clock.now();
    let address = Some(input.address.trim())
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .or(person.address.clone());
    let txn = state.db.begin().await.or_internal()?;
    let stored = db::insert_signature(
        &txn,
        NewSignature {
            initiative_id: i.id,
            organisation_id: org.id,
            pid_hash: &hash,
            paper: true,
            person_id: None,
            name: Some(name),
            birth_date: Some(birth),
            address: address.as_deref(),
            kommunenummer: person.kommunenummer.as_deref(),
            notify: false,
            entered_by: Some(staff.user_id),
        },
        today(state),
        now,
    )
    .await
    .or_internal()?;
    if !stored {
        return Err(AppError::Conflict("initiative.paper.already_signed".into()));
    }
    audit::record(
        &txn,
        Some(org.id),
        Some(staff.user_id),
        "initiative_paper_signature",
        &format!("initiative {id}"),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    state.signature_counts.forget(i.id);
    Ok(())
}

/// The signature list, for the organisation's handlers only; every read is on record.
pub async fn signature_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    format: &str,
) -> Result<SignatureList, AppError> {
    let org = org_of(state, staff, slug).await?;
    let i = initiative_of(state, &org, id).await?;
    let rows: Vec<SignatureRow> = db::signatures(&state.db, id)
        .await
        .or_internal()?
        .into_iter()
        .map(|s| SignatureRow {
            name: s.name,
            birth_date: s.birth_date,
            address: s.address,
            paper: s.source == "paper",
            signed_at: s.signed_at,
            resident: s.resident,
            kommunenummer: s.residency_kommunenummer,
        })
        .collect();
    let online = rows.iter().filter(|r| !r.paper).count() as i64;
    let paper = rows.len() as i64 - online;
    let (online, paper) = match (i.final_online, i.final_paper) {
        (Some(a), Some(b)) => (a as i64, b as i64),
        _ => (online, paper),
    };
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "initiative_signature_list",
        &format!("initiative {id} {format}"),
        state.clock.now(),
    )
    .await
    .or_internal()?;
    Ok(SignatureList {
        title: i.title,
        organisation_name: org.name,
        online,
        paper,
        rows,
        deleted_at: i.signer_data_deleted_at,
    })
}

/// The list as CSV (for a spreadsheet).
pub fn signature_csv(list: &SignatureList) -> Result<Vec<u8>, AppError> {
    use chrono_tz::Europe::Oslo;
    let rows = list.rows.iter().map(|r| {
        vec![
            r.name.clone().unwrap_or_default(),
            r.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            r.address.clone().unwrap_or_default(),
            r.signed_at
                .with_timezone(&Oslo)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
            (if r.paper { "papir" } else { "elektronisk" }).to_string(),
            (if r.resident { "ja" } else { "nei" }).to_string(),
            r.kommunenummer.clone().unwrap_or_default(),
        ]
    });
    crate::ssr::spreadsheet::csv(
        &[
            "navn",
            "fødselsdato",
            "adresse",
            "underskrevet (norsk tid)",
            "måte",
            "bosatt",
            "kommunenummer",
        ],
        rows,
    )
    .map_err(internal)
}

/// The organisation's own limits for initiatives.
pub async fn update_settings(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    max_collection_months: &str,
    signer_retention_months: &str,
    screening_days: &str,
) -> Result<(), AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    staff.require(org.id, &[Role::Admin])?;
    let mut errors = FieldErrors::new();
    let num = |s: &str| s.trim().parse::<i32>().ok();
    let max = num(max_collection_months).filter(|m| (1..=12).contains(m));
    if max.is_none() {
        errors.add("max_collection_months", "admin.initiatives.months_invalid");
    }
    let keep = num(signer_retention_months).filter(|m| (0..=120).contains(m));
    if keep.is_none() {
        errors.add(
            "signer_retention_months",
            "admin.initiatives.retention_invalid",
        );
    }
    let days = num(screening_days).filter(|d| (1..=90).contains(d));
    if days.is_none() {
        errors.add("screening_days", "admin.initiatives.days_invalid");
    }
    errors.into_result()?;
    let (Some(max), Some(keep), Some(days)) = (max, keep, days) else {
        return Err(crate::ssr::internal::internal("settings validated"));
    };
    use sea_orm::sea_query::Expr;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::MaxCollectionMonths, Expr::value(max))
        .col_expr(
            organisation::Column::SignerRetentionMonths,
            Expr::value(keep),
        )
        .col_expr(organisation::Column::ScreeningDays, Expr::value(days))
        .filter(organisation::Column::Id.eq(org.id))
        .exec(&state.db)
        .await
        .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "initiative_settings_update",
        &format!(
            "collection at most {max} months, keep signers {keep} months, screening {days} days"
        ),
        state.clock.now(),
    )
    .await
    .or_internal()
}

/// What the dates do: collecting initiatives past their last day expire, and the signer data
/// of concluded ones past the retention period is deleted (counts are kept). Safe in several
/// processes at once.
pub async fn run_dates(state: &AppState) -> Result<(), AppError> {
    let now = state.clock.now();
    let today = today(state);
    for i in db::collection_over(&state.db, today).await.or_internal()? {
        if db::change_status(
            &state.db,
            i.id,
            db::StatusChange {
                from: InitiativeStatus::Collecting,
                to: InitiativeStatus::Expired,
                actor: Actor::Dates,
                note: "",
                extra: vec![(
                    initiative::Column::OutcomeDate,
                    Some(i.collection_ends).into(),
                )],
            },
            now,
        )
        .await
        .or_internal()?
        {
            tracing::info!(initiative_id = i.id, "initiative collection ended");
        }
    }
    for i in db::due_for_deletion(&state.db, today).await.or_internal()? {
        let id = i.id;
        state.signature_counts.forget(id);
        let counts = state
            .signature_counts
            .get(&state.db, id)
            .await
            .or_internal()?;
        let txn = state.db.begin().await.or_internal()?;
        db::delete_signer_data(&txn, i, counts.online, counts.paper, now)
            .await
            .or_internal()?;
        txn.commit().await.or_internal()?;
        tracing::info!(
            initiative_id = id,
            "signer data deleted after the retention period"
        );
    }
    Ok(())
}
