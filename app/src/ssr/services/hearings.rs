//! A hearing as staff run it: writing and editing it, its dates and the six-week rule, its
//! status (by staff, and by dates through `hearing_status`), documents, sections, invited
//! consultees and deadline extensions. Every function checks that the caller is case officer
//! or admin of this very organisation.

use crate::domain::email::Email;
use crate::domain::hearing::{self, HearingStatus};
use crate::domain::org_number::OrgNumber;
use crate::domain::role::Role;
use crate::error::{AppError, FieldErrors};
use crate::features::hearings::dto::{
    EventDto, ExtensionDto, HearingPage, StaffHearing, StaffHearingItem,
};
use crate::features::organisations::api::OrganisationDto;
use crate::ssr::auth::Staff;
use crate::ssr::db::entities::{hearing as hearing_row, staff_user};
use crate::ssr::db::hearings::{self as db, HearingFields};
use crate::ssr::db::{audit, organisations, submissions};
use crate::ssr::files::kind::{self, DOCUMENTS};
use crate::ssr::internal::{OrInternal, internal};
use crate::ssr::services::hearing_status;
use crate::ssr::state::AppState;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

/// Who may write and run hearings.
pub const EDITORS: &[Role] = &[Role::Admin, Role::CaseOfficer];
/// Largest hearing document.
pub const MAX_DOCUMENT_BYTES: usize = 25 * 1024 * 1024;

/// The organisation, if `staff` has one of `roles` in it.
pub async fn staff_org(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    roles: &[Role],
) -> Result<OrganisationDto, AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    staff.require(org.id, roles)?;
    Ok(org)
}

/// The hearing, if it belongs to the organisation (else `NotFound`, whatever exists elsewhere).
pub async fn hearing_of(
    state: &AppState,
    org: &OrganisationDto,
    id: i32,
) -> Result<hearing_row::Model, AppError> {
    db::find(&state.db, org.id, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// The hearing form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HearingInput {
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub body_id: String,
    pub case_number: String,
    pub contact_name: String,
    pub contact_email: String,
    pub opens_date: String,
    pub opens_time: String,
    pub deadline_date: String,
    pub deadline_time: String,
    pub short_reason: String,
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// `None` for an empty field; `Err` for one that is not a time.
fn parse_time(s: &str) -> Result<Option<NaiveTime>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .map(Some)
        .map_err(|_| ())
}

fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn length_ok(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.trim().chars().count())
}

/// Parses a date and an optional time into a deadline (or opening), naming the fields on error.
pub fn parse_moment(
    errors: &mut FieldErrors,
    date_field: &str,
    time_field: &str,
    date: &str,
    time: &str,
    deadline: bool,
) -> Option<DateTime<Utc>> {
    let Some(d) = parse_date(date) else {
        errors.add(date_field, "hearing.form.date_invalid");
        return None;
    };
    let Ok(t) = parse_time(time) else {
        errors.add(time_field, "hearing.form.time_invalid");
        return None;
    };
    let at = if deadline {
        hearing::deadline_at(d, t)
    } else {
        hearing::opening_at(d, t)
    };
    at.map_err(|_| errors.add(time_field, "hearing.form.time_nonexistent"))
        .ok()
}

/// Checks the form; the fields to store, or every error at once.
fn validate(org: &OrganisationDto, input: &HearingInput) -> Result<HearingFields, AppError> {
    let mut errors = FieldErrors::new();
    if !length_ok(&input.title, 3, 200) {
        errors.add("title", "hearing.form.title_invalid");
    }
    if !length_ok(&input.summary, 10, 1000) {
        errors.add("summary", "hearing.form.summary_invalid");
    }
    if input.body_md.chars().count() > 100_000 {
        errors.add("body_md", "hearing.form.body_too_long");
    }
    let body_id = match input.body_id.trim() {
        "" => None,
        v => match v
            .parse::<i32>()
            .ok()
            .filter(|id| org.bodies.iter().any(|b| b.id == *id))
        {
            Some(id) => Some(id),
            None => {
                errors.add("body_id", "hearing.form.body_invalid");
                None
            }
        },
    };
    if input.case_number.trim().chars().count() > 50 {
        errors.add("case_number", "hearing.form.case_number_invalid");
    }
    if !length_ok(&input.contact_name, 2, 120) {
        errors.add("contact_name", "hearing.form.contact_name_invalid");
    }
    let contact_email = match optional(&input.contact_email) {
        None => None,
        Some(e) => match Email::parse(&e) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(_) => {
                errors.add("contact_email", "hearing.form.email_invalid");
                None
            }
        },
    };
    let opens_at = parse_moment(
        &mut errors,
        "opens_date",
        "opens_time",
        &input.opens_date,
        &input.opens_time,
        false,
    );
    let deadline = parse_moment(
        &mut errors,
        "deadline_date",
        "deadline_time",
        &input.deadline_date,
        &input.deadline_time,
        true,
    );
    let short_reason = optional(&input.short_reason);
    if let (Some(o), Some(d)) = (opens_at, deadline) {
        if d <= o {
            errors.add("deadline_date", "hearing.form.deadline_before_opening");
        } else if hearing::is_short(o, d) && short_reason.is_none() {
            errors.add("short_reason", "hearing.form.short_reason_required");
        }
    }
    errors.into_result()?;
    let (Some(opens_at), Some(deadline)) = (opens_at, deadline) else {
        return Err(internal("validated dates missing"));
    };
    Ok(HearingFields {
        title: input.title.trim().to_string(),
        summary: input.summary.trim().to_string(),
        body_md: input.body_md.trim().to_string(),
        body_id,
        case_number: optional(&input.case_number),
        contact_name: input.contact_name.trim().to_string(),
        contact_email,
        opens_at,
        deadline,
        short_reason: hearing::is_short(opens_at, deadline)
            .then_some(short_reason)
            .flatten(),
    })
}

/// Creates a draft; returns its id.
pub async fn create(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    input: &HearingInput,
) -> Result<i32, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let fields = validate(&org, input)?;
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    let id = db::insert(&txn, org.id, fields, staff.user_id, now)
        .await
        .or_internal()?;
    audit::record(
        &txn,
        Some(org.id),
        Some(staff.user_id),
        "hearing_create",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(hearing_id = id, "hearing created");
    Ok(id)
}

/// Saves the hearing's text and facts. Dates can change only before it opens; after that the
/// deadline is extended instead.
pub async fn update(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    input: &HearingInput,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let fields = validate(&org, input)?;
    let now = state.clock.now();
    let status = db::effective_status(&h, now);
    let dates_changed = fields.opens_at != h.opens_at || fields.deadline != h.deadline;
    if dates_changed && !matches!(status, HearingStatus::Draft | HearingStatus::Scheduled) {
        return Err(AppError::field(
            "deadline_date",
            "hearing.form.dates_locked",
        ));
    }
    if matches!(status, HearingStatus::Concluded | HearingStatus::Cancelled) {
        return Err(AppError::Conflict("hearing.form.finished".into()));
    }
    db::update_fields(&state.db, h, fields, now)
        .await
        .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_update",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()
}

/// A status change staff ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusAction {
    Publish,
    Unpublish,
    Cancel {
        note: String,
    },
    Conclude {
        outcome: String,
        decision_url: Option<String>,
    },
}

pub async fn change_status(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    action: StatusAction,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    // The dates may have moved it already; start from where it really is.
    let h = hearing_of(state, &org, id).await?;
    hearing_status::sync_one(state, h).await?;
    let h = hearing_of(state, &org, id).await?;
    let from = db::status_of(&h);
    let now = state.clock.now();
    let (to, note, extra) = match action {
        StatusAction::Publish => (HearingStatus::Scheduled, String::new(), vec![]),
        StatusAction::Unpublish => (HearingStatus::Draft, String::new(), vec![]),
        StatusAction::Cancel { note } => {
            if !length_ok(&note, 3, 1000) {
                return Err(AppError::field(
                    "cancel_note",
                    "hearing.status.cancel_note_invalid",
                ));
            }
            (HearingStatus::Cancelled, note.trim().to_string(), vec![])
        }
        StatusAction::Conclude {
            outcome,
            decision_url,
        } => {
            let mut errors = FieldErrors::new();
            if !length_ok(&outcome, 3, 2000) {
                errors.add("outcome", "hearing.status.outcome_invalid");
            }
            let url = decision_url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty());
            if url.is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
                errors.add("decision_url", "hearing.status.url_invalid");
            }
            errors.into_result()?;
            (
                HearingStatus::Concluded,
                String::new(),
                vec![
                    (
                        hearing_row::Column::Outcome,
                        Some(outcome.trim().to_string()).into(),
                    ),
                    (
                        hearing_row::Column::DecisionUrl,
                        url.map(str::to_string).into(),
                    ),
                ],
            )
        }
    };
    from.transition(to)
        .map_err(|_| AppError::Conflict("hearing.status.not_allowed".into()))?;
    let txn = state.db.begin().await.or_internal()?;
    if !db::change_status(&txn, id, from, to, Some(staff.user_id), &note, extra, now)
        .await
        .or_internal()?
    {
        return Err(AppError::Conflict(
            "hearing.status.changed_meanwhile".into(),
        ));
    }
    audit::record(
        &txn,
        Some(org.id),
        Some(staff.user_id),
        "hearing_status",
        &format!("hearing {id} {} -> {}", from.as_str(), to.as_str()),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(
        hearing_id = id,
        from = from.as_str(),
        to = to.as_str(),
        "hearing status changed"
    );
    // Published with an opening date already here: it opens (and invites) at once.
    if to == HearingStatus::Scheduled {
        let h = hearing_of(state, &org, id).await?;
        hearing_status::sync_one(state, h).await?;
    }
    Ok(())
}

/// A new, later deadline for everyone, announced on the page. A hearing closed by its old
/// deadline opens again.
pub async fn extend_deadline(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    date: &str,
    time: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    let new = parse_moment(&mut errors, "extend_date", "extend_time", date, time, true);
    errors.into_result()?;
    let Some(new) = new else {
        return Err(internal("validated deadline missing"));
    };
    if new <= h.deadline {
        return Err(AppError::field("extend_date", "hearing.extend.not_later"));
    }
    let now = state.clock.now();
    let status = db::effective_status(&h, now);
    if !matches!(
        status,
        HearingStatus::Scheduled | HearingStatus::Open | HearingStatus::Closed
    ) {
        return Err(AppError::Conflict("hearing.status.not_allowed".into()));
    }
    hearing_status::sync_one(state, h.clone()).await?;
    let h = hearing_of(state, &org, id).await?;
    let stored = db::status_of(&h);
    let original = h.original_deadline.unwrap_or(h.deadline);
    let note = format!(
        "deadline {} -> {}",
        h.deadline.to_rfc3339(),
        new.to_rfc3339()
    );
    let txn = state.db.begin().await.or_internal()?;
    let mut am: hearing_row::ActiveModel = h.into();
    use sea_orm::{ActiveModelTrait, Set};
    am.deadline = Set(new);
    am.original_deadline = Set(Some(original));
    am.updated_at = Set(now);
    am.update(&txn).await.or_internal()?;
    if stored == HearingStatus::Closed {
        db::change_status(
            &txn,
            id,
            HearingStatus::Closed,
            HearingStatus::Open,
            Some(staff.user_id),
            &note,
            vec![],
            now,
        )
        .await
        .or_internal()?;
    } else {
        db::change_status(
            &txn,
            id,
            stored,
            stored,
            Some(staff.user_id),
            &note,
            vec![],
            now,
        )
        .await
        .or_internal()?;
    }
    audit::record(
        &txn,
        Some(org.id),
        Some(staff.user_id),
        "hearing_extend",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()
}

/// A later deadline for one named submitter, who is known by their email address.
#[allow(clippy::too_many_arguments)] // one per form field
pub async fn grant_extension(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    name: &str,
    email: &str,
    date: &str,
    time: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    if !length_ok(name, 2, 200) {
        errors.add("grant_name", "hearing.grant.name_invalid");
    }
    let email = Email::parse(email)
        .map_err(|_| errors.add("grant_email", "hearing.form.email_invalid"))
        .ok();
    let until = parse_moment(&mut errors, "grant_date", "grant_time", date, time, true);
    if until.is_some_and(|u| u <= h.deadline) {
        errors.add("grant_date", "hearing.extend.not_later");
    }
    errors.into_result()?;
    let (Some(email), Some(until)) = (email, until) else {
        return Err(internal("validated extension missing"));
    };
    let now = state.clock.now();
    db::grant_extension(
        &state.db,
        id,
        email.as_str(),
        name.trim(),
        until,
        staff.user_id,
        now,
    )
    .await
    .or_internal()?;
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_grant_extension",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()
}

pub async fn add_section(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    if !length_ok(title, 2, 200) {
        errors.add("section_title", "hearing.section.title_invalid");
    }
    if body.chars().count() > 20_000 {
        errors.add("section_body", "hearing.section.body_too_long");
    }
    errors.into_result()?;
    db::add_section(&state.db, id, title.trim(), body.trim())
        .await
        .or_internal()?;
    Ok(())
}

pub async fn remove_section(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    section_id: i32,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    if db::effective_status(&h, state.clock.now()) != HearingStatus::Draft {
        // Submissions may already comment on it.
        return Err(AppError::Conflict("hearing.section.locked".into()));
    }
    if !db::remove_section(&state.db, id, section_id)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}

pub async fn add_consultee(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    name: &str,
    email: &str,
    org_number: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    if !length_ok(name, 2, 200) {
        errors.add("consultee_name", "hearing.consultee.name_invalid");
    }
    let email = Email::parse(email)
        .map_err(|_| errors.add("consultee_email", "hearing.form.email_invalid"))
        .ok();
    let number = match org_number.trim() {
        "" => None,
        n => OrgNumber::parse(n)
            .map_err(|_| {
                errors.add(
                    "consultee_org_number",
                    "hearing.consultee.org_number_invalid",
                )
            })
            .ok(),
    };
    errors.into_result()?;
    let Some(email) = email else {
        return Err(internal("validated email missing"));
    };
    let now = state.clock.now();
    db::add_consultee(
        &state.db,
        id,
        name.trim(),
        email.as_str(),
        number.as_ref().map(OrgNumber::as_str),
        now,
    )
    .await
    .or_internal()?;
    // Invited at once when the hearing is open already.
    if db::effective_status(&h, now) == HearingStatus::Open {
        hearing_status::invite_consultees(state, &h).await?;
    }
    Ok(())
}

pub async fn remove_consultee(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    consultee_id: i32,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    if !db::remove_consultee(&state.db, id, consultee_id)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Stores an uploaded document after checking what it really is and its size.
pub async fn add_document(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    title: &str,
    original_name: &str,
    bytes: &[u8],
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    if !length_ok(title, 2, 200) {
        errors.add("document_title", "hearing.document.title_invalid");
    }
    let kind = if bytes.is_empty() {
        errors.add("document_file", "hearing.document.missing");
        None
    } else if bytes.len() > MAX_DOCUMENT_BYTES {
        errors.add("document_file", "hearing.document.too_large");
        None
    } else {
        match kind::detect(bytes).filter(|k| DOCUMENTS.contains(k)) {
            Some(k) => Some(k),
            None => {
                errors.add("document_file", "hearing.document.type_invalid");
                None
            }
        }
    };
    errors.into_result()?;
    let Some(k) = kind else {
        return Err(internal("validated kind missing"));
    };
    let key = state.files.put(bytes).await.or_internal()?;
    let name = kind::safe_name(original_name, k);
    let now = state.clock.now();
    let res = db::insert_document(
        &state.db,
        id,
        db::NewDocument {
            title: title.trim(),
            file_name: &name,
            content_type: k.content_type(),
            size_bytes: bytes.len() as i64,
            storage_key: &key,
        },
        now,
    )
    .await;
    if let Err(e) = res {
        let _ = state.files.delete(&key).await;
        return Err(internal(e));
    }
    audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "hearing_document_add",
        &format!("hearing {id}"),
        now,
    )
    .await
    .or_internal()
}

pub async fn remove_document(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    document_id: i32,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    hearing_of(state, &org, id).await?;
    let key = db::delete_document(&state.db, id, document_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if let Err(e) = state.files.delete(&key).await {
        tracing::warn!(error = %e, "document file not deleted");
    }
    Ok(())
}

/// The public page of a hearing (drafts are not found): seven queries however many submissions.
pub async fn public_page(state: &AppState, slug: &str, id: i32) -> Result<HearingPage, AppError> {
    let row = db::find_public_with_body(&state.db, slug, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    page_of(state, row.hearing, row.body_name, slug, true).await
}

async fn page_of(
    state: &AppState,
    h: hearing_row::Model,
    body_name: Option<String>,
    slug: &str,
    public: bool,
) -> Result<HearingPage, AppError> {
    let now = state.clock.now();
    let documents = db::documents(&state.db, h.id).await.or_internal()?;
    let sections = db::sections(&state.db, h.id).await.or_internal()?;
    let consultees = db::consultees(&state.db, h.id).await.or_internal()?;
    let submissions = if public {
        submissions::public_for_hearing(&state.db, h.id, &sections)
            .await
            .or_internal()?
    } else {
        Vec::new()
    };
    Ok(HearingPage {
        id: h.id,
        organisation_slug: slug.to_string(),
        status: db::effective_status(&h, now),
        body_html: crate::ssr::markdown::to_safe_html(&h.body_md),
        title: h.title,
        summary: h.summary,
        body_id: h.body_id,
        body_name,
        case_number: h.case_number,
        contact_name: h.contact_name,
        contact_email: h.contact_email,
        opens_at: h.opens_at,
        deadline: h.deadline,
        original_deadline: h.original_deadline,
        short_reason: h.short_reason,
        outcome: h.outcome,
        decision_url: h.decision_url,
        documents,
        sections,
        consultees: db::public_consultees(&consultees),
        submissions,
        now,
    })
}

/// Everything about one hearing for the staff who run it.
pub async fn staff_view(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
) -> Result<StaffHearing, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let h = hearing_of(state, &org, id).await?;
    let stored_status = db::status_of(&h);
    let body_md = h.body_md.clone();
    let consultees = db::consultees(&state.db, id).await.or_internal()?;
    let extensions = db::extensions(&state.db, id)
        .await
        .or_internal()?
        .into_iter()
        .map(|e| ExtensionDto {
            name: e.name,
            email: e.email,
            until: e.until,
        })
        .collect();
    let events = db::events(&state.db, id).await.or_internal()?;
    let actor_ids: Vec<i32> = events.iter().filter_map(|e| e.actor_user_id).collect();
    let actors = staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(actor_ids))
        .all(&state.db)
        .await
        .or_internal()?;
    let events = events
        .into_iter()
        .map(|e| EventDto {
            from: HearingStatus::parse(&e.from_status).unwrap_or(HearingStatus::Draft),
            to: HearingStatus::parse(&e.to_status).unwrap_or(HearingStatus::Draft),
            actor: e
                .actor_user_id
                .and_then(|a| actors.iter().find(|u| u.id == a).map(|u| u.name.clone())),
            note: e.note,
            at: e.at,
        })
        .collect();
    let submission_counts = submissions::counts(&state.db, id).await.or_internal()?;
    let body_name = h.body_id.and_then(|id| {
        org.bodies
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.clone())
    });
    let page = page_of(state, h, body_name, slug, false).await?;
    Ok(StaffHearing {
        page,
        body_md,
        stored_status,
        consultees: db::staff_consultees(consultees),
        extensions,
        events,
        submission_counts,
    })
}

/// The organisation's hearings for its staff, drafts included.
pub async fn staff_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<Vec<StaffHearingItem>, AppError> {
    let org = staff_org(
        state,
        staff,
        slug,
        &[Role::Admin, Role::CaseOfficer, Role::Moderator],
    )
    .await?;
    let rows = db::list_for_staff(&state.db, org.id).await.or_internal()?;
    let stored: Vec<(i32, HearingStatus)> = rows.iter().map(|h| (h.id, db::status_of(h))).collect();
    let summaries = db::summaries(&state.db, rows, state.clock.now())
        .await
        .or_internal()?;
    let mut out = Vec::new();
    for s in summaries {
        let counts = submissions::counts(&state.db, s.id).await.or_internal()?;
        let stored_status = stored
            .iter()
            .find(|(id, _)| *id == s.id)
            .map(|(_, st)| *st)
            .unwrap_or(s.status);
        out.push(StaffHearingItem {
            summary: s,
            stored_status,
            received: counts.received,
            pending: counts.pending,
        });
    }
    Ok(out)
}
