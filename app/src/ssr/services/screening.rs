//! The workbench: staff screen every submission before it is published (publish, publish a
//! redacted copy, or withhold with a reason the submitter is told by email), comment on it,
//! tag it and summarise it. Case officers, admins and moderators of the organisation only.

use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::domain::submission::screening::{Annotation, AnnotationForm, UNDO_MINUTES};
use crate::domain::submission::{Publication, SubmitterKind};
use crate::dto::hearings::{Workbench, WorkbenchFilter};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::organisation;
use crate::ssr::db::hearings as hearings_db;
use crate::ssr::db::submissions::{self as db, Screening};
use crate::ssr::mail::{queue, templates};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::hearings::{hearing_of, staff_org};
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::{EntityTrait, TransactionTrait};

/// Who screens and works with submissions.
pub const SCREENERS: &[Role] = &[Role::Admin, Role::CaseOfficer, Role::Moderator];

pub async fn workbench(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    hearing_id: i32,
    filter: &WorkbenchFilter,
) -> Result<Workbench, AppError> {
    let org = staff_org(state, staff, slug, SCREENERS).await?;
    let h = hearing_of(state, &org, hearing_id).await?;
    let sections = hearings_db::sections(&state.db, h.id).await.or_internal()?;
    let all = db::for_staff(&state.db, h.id, &sections)
        .await
        .or_internal()?;
    let counts = db::counts(&state.db, h.id).await.or_internal()?;
    let all_tags = db::tags_of_hearing(&state.db, h.id).await.or_internal()?;
    let undo_from = state.clock.now() - chrono::Duration::minutes(UNDO_MINUTES);
    let mut submissions: Vec<_> = all
        .into_iter()
        .filter(|s| {
            filter
                .section
                .is_none_or(|id| s.comments.iter().any(|c| c.section_id == id))
                && filter.kind.is_none_or(|k| s.kind == k)
                && filter.publication.is_none_or(|p| s.publication == p)
                && filter.tag.as_ref().is_none_or(|t| s.tags.contains(t))
        })
        .map(|mut s| {
            s.undoable = s.publication == Publication::Published
                && s.screened_at.is_some_and(|at| at > undo_from);
            s
        })
        .collect();
    // Those waiting for screening first, each group in the order received.
    submissions.sort_by_key(|s| s.publication != Publication::Pending);
    Ok(Workbench {
        hearing_id: h.id,
        status: hearings_db::effective_status(&h, state.clock.now()),
        title: h.title,
        sections,
        all_tags,
        counts,
        submissions,
    })
}

pub use crate::domain::submission::screening::Decision;

pub async fn screen(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    hearing_id: i32,
    submission_id: i32,
    form: &crate::domain::submission::screening::ScreeningForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, SCREENERS).await?;
    let decision = Decision::from_form(form)
        .ok_or_else(|| AppError::Conflict("screening.action_invalid".into()))?;
    let h = hearing_of(state, &org, hearing_id).await?;
    let s = db::find_in_hearing(&state.db, h.id, submission_id)
        .await
        .or_internal()?
        .filter(|s| s.confirmed_at.is_some())
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    if matches!(decision, Decision::Undo) {
        let recent = s
            .screened_at
            .is_some_and(|at| at > now - chrono::Duration::minutes(UNDO_MINUTES));
        if s.publication != Publication::Published.as_str() || !recent {
            return Err(AppError::Conflict("screening.undo_too_late".into()));
        }
    }
    let screening = Screening::parse(decision)?;
    let withheld = screening
        .withhold_reason
        .map(|r| (r, screening.withhold_note.clone()));
    let publication = screening.publication;
    let was_withheld = s.publication == Publication::Withheld.as_str();
    let email = s.email.clone();
    let reference = s.reference.clone();
    let lang = Lang::from_code(&s.lang).unwrap_or_default();
    let txn = state.db.begin().await.or_internal()?;
    db::screen(&txn, s, screening, staff.user_id, now)
        .await
        .or_internal()?;
    if let (Some((reason, note)), Some(email), false) = (withheld, email, was_withheld) {
        let org_name = organisation::Entity::find_by_id(h.organisation_id)
            .one(&txn)
            .await
            .or_internal()?
            .map(|o| o.name)
            .unwrap_or_default();
        let mail = templates::render(
            "submission_withheld",
            lang,
            &email,
            serde_json::json!({
                "title": h.title, "organisation": org_name, "reference": reference,
                "reason": I18n(lang).t(reason.label_key()), "note": note,
            }),
        )
        .or_internal()?;
        queue::enqueue(&txn, &mail, now).await.or_internal()?;
    }
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "submission_screen",
            detail: &format!("submission {submission_id} {}", publication.as_str()),
        },
        now,
    )
    .await?;
    tracing::info!(
        submission_id,
        publication = publication.as_str(),
        "submission screened"
    );
    Ok(())
}

/// Stores staff's own notes on a confirmed submission.
pub async fn annotate(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    hearing_id: i32,
    submission_id: i32,
    form: &AnnotationForm,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, SCREENERS).await?;
    let h = hearing_of(state, &org, hearing_id).await?;
    let s = db::find_in_hearing(&state.db, h.id, submission_id)
        .await
        .or_internal()?
        .filter(|s| s.confirmed_at.is_some())
        .ok_or(AppError::NotFound)?;
    let note = Annotation::parse(&form.admin_comment, &form.staff_summary, &form.tags)?;
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    db::annotate(&txn, s, note.admin_comment, note.staff_summary, &note.tags)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "submission_annotate",
            detail: &format!("submission {submission_id}"),
        },
        now,
    )
    .await
}

/// Parses the workbench's filter fields (unknown values are ignored).
pub fn parse_filter(section: &str, kind: &str, publication: &str, tag: &str) -> WorkbenchFilter {
    WorkbenchFilter {
        section: section.parse().ok(),
        kind: SubmitterKind::parse(kind),
        publication: Publication::parse(publication),
        tag: Some(tag.trim().to_lowercase()).filter(|t| !t.is_empty()),
    }
}
