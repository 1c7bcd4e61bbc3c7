//! What the hearing's staff read and do with submissions: the workbench rows, counts, screening, notes and tags, and attachments for export.

use crate::domain::submission::{Publication, SubmitterKind, WithholdReason};
use crate::dto::hearings::{SectionDto, StaffComment, StaffSubmission, SubmissionCounts};
use crate::ssr::db::entities::{
    submission, submission_attachment, submission_comment, submission_tag,
};
use crate::ssr::db::submissions::*;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

/// Every confirmed submission of a hearing, with all staff see.
pub async fn for_staff(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    sections: &[SectionDto],
) -> Result<Vec<StaffSubmission>, DbErr> {
    let subs = submission::Entity::find()
        .filter(submission::Column::HearingId.eq(hearing_id))
        .filter(submission::Column::ConfirmedAt.is_not_null())
        .order_by_asc(submission::Column::ReceivedAt)
        .order_by_asc(submission::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = subs.iter().map(|s| s.id).collect();
    let mut children = Children::of(db, &ids).await?;
    let mut tags = tags_of(db, &ids).await?;
    let lookup = section_lookup(sections);
    Ok(subs
        .into_iter()
        .map(|s| {
            let tags = tags.remove(&s.id).unwrap_or_default();
            staff_submission(s, &mut children, tags, &lookup)
        })
        .collect())
}

/// The tags of some submissions, by submission id, in alphabetical order.
async fn tags_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    let mut tags: HashMap<i32, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(tags);
    }
    for t in submission_tag::Entity::find()
        .filter(submission_tag::Column::SubmissionId.is_in(ids.to_vec()))
        .order_by_asc(submission_tag::Column::Tag)
        .all(db)
        .await?
    {
        tags.entry(t.submission_id).or_default().push(t.tag);
    }
    Ok(tags)
}

/// One submission as staff see it: every field, the original and the public copy.
fn staff_submission(
    s: submission::Model,
    children: &mut Children,
    tags: Vec<String>,
    lookup: &HashMap<i32, (i32, String)>,
) -> StaffSubmission {
    let mut comments: Vec<StaffComment> = children
        .take_comments(s.id)
        .into_iter()
        .filter_map(|c| {
            let (number, title) = lookup.get(&c.section_id)?.clone();
            Some(StaffComment {
                section_id: c.section_id,
                section_number: number,
                section_title: title,
                text: c.body,
                public_text: c.public_body,
            })
        })
        .collect();
    comments.sort_by_key(|c| c.section_number);
    StaffSubmission {
        id: s.id,
        kind: SubmitterKind::parse(&s.submitter_kind).unwrap_or(SubmitterKind::Private),
        logged_in: s.person_id.is_some(),
        publication: Publication::parse(&s.publication).unwrap_or(Publication::Pending),
        withhold_reason: s.withhold_reason.as_deref().and_then(WithholdReason::parse),
        comments,
        attachments: children.take_files(s.id),
        tags,
        admin_comment: s.admin_comment.unwrap_or_default(),
        staff_summary: s.staff_summary.unwrap_or_default(),
        reference: s.reference,
        name: s.name,
        organisation_name: s.organisation_name,
        org_number: s.org_number,
        email: s.email,
        show_name: s.show_name,
        objects_to_publication: s.objects_to_publication,
        objection_reason: s.objection_reason,
        received_at: s.received_at,
        late_by_extension: s.late_by_extension,
        general_comment: s.general_comment,
        withhold_note: s.withhold_note,
        public_general_comment: s.public_general_comment,
        screened_at: s.screened_at,
        undoable: false,
    }
}

/// How many submissions a hearing has, by state (one query of two columns).
pub async fn counts(db: &impl ConnectionTrait, hearing_id: i32) -> Result<SubmissionCounts, DbErr> {
    let rows: Vec<(String, Option<DateTime<Utc>>)> = submission::Entity::find()
        .select_only()
        .column(submission::Column::Publication)
        .column(submission::Column::ConfirmedAt)
        .filter(submission::Column::HearingId.eq(hearing_id))
        .into_tuple()
        .all(db)
        .await?;
    let mut c = SubmissionCounts::default();
    for (publication, confirmed) in rows {
        if confirmed.is_none() {
            c.unconfirmed += 1;
            continue;
        }
        c.received += 1;
        match Publication::parse(&publication) {
            Some(Publication::Published) => c.published += 1,
            Some(Publication::Redacted) => c.redacted += 1,
            Some(Publication::Withheld) => c.withheld += 1,
            _ => c.pending += 1,
        }
    }
    Ok(c)
}

pub use crate::domain::submission::screening::Screening;

pub async fn screen(
    db: &impl ConnectionTrait,
    s: submission::Model,
    decision: Screening,
    by: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let id = s.id;
    let mut am: submission::ActiveModel = s.into();
    am.publication = Set(decision.publication.as_str().into());
    am.withhold_reason = Set(decision.withhold_reason.map(|r| r.as_str().into()));
    am.withhold_note = Set(decision.withhold_note);
    am.public_general_comment = Set(decision.public_general_comment);
    am.screened_by = Set(Some(by));
    am.screened_at = Set(Some(now));
    am.update(db).await?;
    submission_comment::Entity::update_many()
        .col_expr(
            submission_comment::Column::PublicBody,
            Expr::value(Option::<String>::None),
        )
        .filter(submission_comment::Column::SubmissionId.eq(id))
        .exec(db)
        .await?;
    for (section_id, text) in decision.public_comments {
        submission_comment::Entity::update_many()
            .col_expr(submission_comment::Column::PublicBody, Expr::value(text))
            .filter(submission_comment::Column::SubmissionId.eq(id))
            .filter(submission_comment::Column::SectionId.eq(section_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The administration's notes on a submission and its tags (replacing the old set).
pub async fn annotate(
    db: &impl ConnectionTrait,
    s: submission::Model,
    admin_comment: Option<String>,
    staff_summary: Option<String>,
    tags: &[String],
) -> Result<(), DbErr> {
    let (id, hearing_id) = (s.id, s.hearing_id);
    let mut am: submission::ActiveModel = s.into();
    am.admin_comment = Set(admin_comment);
    am.staff_summary = Set(staff_summary);
    am.update(db).await?;
    submission_tag::Entity::delete_many()
        .filter(submission_tag::Column::SubmissionId.eq(id))
        .exec(db)
        .await?;
    if !tags.is_empty() {
        submission_tag::Entity::insert_many(tags.iter().map(|t| submission_tag::ActiveModel {
            submission_id: Set(id),
            hearing_id: Set(hearing_id),
            tag: Set(t.clone()),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Every tag used in the hearing, sorted.
pub async fn tags_of_hearing(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<String>, DbErr> {
    let mut tags: Vec<String> = submission_tag::Entity::find()
        .select_only()
        .column(submission_tag::Column::Tag)
        .filter(submission_tag::Column::HearingId.eq(hearing_id))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    tags.sort();
    Ok(tags)
}

/// Every attachment of the hearing's confirmed submissions, with the submission's reference.
pub async fn attachments_of_hearing(
    db: &impl ConnectionTrait,
    hearing_id: i32,
) -> Result<Vec<(String, submission_attachment::Model)>, DbErr> {
    let subs: Vec<(i32, String)> = submission::Entity::find()
        .select_only()
        .column(submission::Column::Id)
        .column(submission::Column::Reference)
        .filter(submission::Column::HearingId.eq(hearing_id))
        .filter(submission::Column::ConfirmedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let refs: HashMap<i32, String> = subs.into_iter().collect();
    let ids: Vec<i32> = refs.keys().copied().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(submission_attachment::Entity::find()
        .filter(submission_attachment::Column::SubmissionId.is_in(ids))
        .order_by_asc(submission_attachment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| Some((refs.get(&a.submission_id)?.clone(), a)))
        .collect())
}
