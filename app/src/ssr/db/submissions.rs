//! Submissions to hearings, their section comments, attachments and tags. Unconfirmed
//! submissions (sent without login, link not yet followed) are never listed or counted; the
//! public only ever gets published ones, and of redacted ones only the public copy.

pub mod public;
pub mod staff;

pub use public::*;
pub use staff::*;

use crate::domain::submission::{Publication, SubmitterKind};
use crate::dto::hearings::{AttachmentDto, PublicComment, PublicSubmission, SectionDto};
use crate::ssr::db::entities::{submission, submission_attachment, submission_comment};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::HashMap;

pub struct NewSubmission {
    pub reference: String,
    pub kind: SubmitterKind,
    pub name: String,
    pub organisation_name: Option<String>,
    pub org_number: Option<String>,
    pub person_id: Option<i32>,
    pub email: Option<String>,
    pub show_name: bool,
    pub objects_to_publication: bool,
    pub objection_reason: Option<String>,
    pub general_comment: String,
    pub received_at: DateTime<Utc>,
    /// `None` when confirmed at once (logged in); else the hashed token and its expiry.
    pub confirmation: Option<(String, DateTime<Utc>)>,
    pub late_by_extension: bool,
    pub lang: String,
}

#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
}

/// Stores a submission with its comments per section and its attachments (call within a
/// transaction).
pub async fn insert(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    organisation_id: i32,
    s: NewSubmission,
    comments: Vec<(i32, String)>,
    attachments: Vec<NewAttachment>,
) -> Result<i32, DbErr> {
    let confirmed = s.confirmation.is_none();
    let (token, expires) = s
        .confirmation
        .map(|(t, e)| (Some(t), Some(e)))
        .unwrap_or_default();
    let m = submission::ActiveModel {
        hearing_id: Set(hearing_id),
        organisation_id: Set(organisation_id),
        reference: Set(s.reference),
        submitter_kind: Set(s.kind.as_str().into()),
        name: Set(s.name),
        organisation_name: Set(s.organisation_name),
        org_number: Set(s.org_number),
        person_id: Set(s.person_id),
        email: Set(s.email),
        show_name: Set(s.show_name),
        objects_to_publication: Set(s.objects_to_publication),
        objection_reason: Set(s.objection_reason),
        general_comment: Set(s.general_comment),
        received_at: Set(s.received_at),
        confirmed_at: Set(confirmed.then_some(s.received_at)),
        confirm_token_hash: Set(token),
        confirm_expires_at: Set(expires),
        publication: Set(Publication::Pending.as_str().into()),
        withhold_reason: Set(None),
        withhold_note: Set(None),
        public_general_comment: Set(None),
        admin_comment: Set(None),
        staff_summary: Set(None),
        screened_by: Set(None),
        screened_at: Set(None),
        late_by_extension: Set(s.late_by_extension),
        lang: Set(s.lang),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if !comments.is_empty() {
        submission_comment::Entity::insert_many(comments.into_iter().map(|(section_id, body)| {
            submission_comment::ActiveModel {
                submission_id: Set(m.id),
                section_id: Set(section_id),
                body: Set(body),
                public_body: Set(None),
                ..Default::default()
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    for a in attachments {
        submission_attachment::ActiveModel {
            submission_id: Set(m.id),
            file_name: Set(a.file_name),
            content_type: Set(a.content_type),
            size_bytes: Set(a.size_bytes),
            storage_key: Set(a.storage_key),
            created_at: Set(s.received_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(m.id)
}

pub async fn find_by_reference(
    db: &impl ConnectionTrait,
    reference: &str,
) -> Result<Option<submission::Model>, DbErr> {
    submission::Entity::find()
        .filter(submission::Column::Reference.eq(reference))
        .one(db)
        .await
}

pub async fn find_by_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<submission::Model>, DbErr> {
    submission::Entity::find()
        .filter(submission::Column::ConfirmTokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Confirms it once; `false` if it was confirmed meanwhile.
pub async fn confirm(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = submission::Entity::update_many()
        .col_expr(submission::Column::ConfirmedAt, Expr::value(now))
        .filter(submission::Column::Id.eq(id))
        .filter(submission::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn find_in_hearing(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    id: i32,
) -> Result<Option<submission::Model>, DbErr> {
    submission::Entity::find_by_id(id)
        .filter(submission::Column::HearingId.eq(hearing_id))
        .one(db)
        .await
}

/// The name the public sees: the organisation, the person if they agreed, else `None`.
pub fn public_submitter(m: &submission::Model) -> Option<String> {
    match SubmitterKind::parse(&m.submitter_kind) {
        Some(SubmitterKind::Organisation) => m.organisation_name.clone(),
        _ if m.show_name => Some(m.name.clone()),
        _ => None,
    }
}

fn section_lookup(sections: &[SectionDto]) -> HashMap<i32, (i32, String)> {
    sections
        .iter()
        .map(|s| (s.id, (s.number, s.title.clone())))
        .collect()
}

fn attachment_dto(a: submission_attachment::Model) -> AttachmentDto {
    AttachmentDto {
        id: a.id,
        file_name: a.file_name,
        size_bytes: a.size_bytes,
    }
}

/// An attachment with its submission.
pub async fn find_attachment(
    db: &impl ConnectionTrait,
    attachment_id: i32,
) -> Result<Option<(submission_attachment::Model, submission::Model)>, DbErr> {
    let Some(a) = submission_attachment::Entity::find_by_id(attachment_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(submission::Entity::find_by_id(a.submission_id)
        .one(db)
        .await?
        .map(|s| (a, s)))
}

/// Deletes the submissions never confirmed that were sent before `before` (their comments,
/// tags and attachment rows go with them); the storage keys of their files, for the caller to
/// delete once the rows are gone.
pub async fn purge_unconfirmed(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<(u64, Vec<String>), DbErr> {
    let stale = || {
        sea_orm::sea_query::Query::select()
            .column(submission::Column::Id)
            .from(submission::Entity)
            .and_where(submission::Column::ConfirmedAt.is_null())
            .and_where(submission::Column::ReceivedAt.lt(before))
            .to_owned()
    };
    let keys = submission_attachment::Entity::find()
        .filter(submission_attachment::Column::SubmissionId.in_subquery(stale()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.storage_key)
        .collect();
    let res = submission::Entity::delete_many()
        .filter(submission::Column::ConfirmedAt.is_null())
        .filter(submission::Column::ReceivedAt.lt(before))
        .exec(db)
        .await?;
    Ok((res.rows_affected, keys))
}

/// Deletes one submission that no one has screened yet (its comments, tags and attachment rows
/// go with it); the storage keys of its files, or `None` if it was screened meanwhile.
pub async fn withdraw_unscreened(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<Vec<String>>, DbErr> {
    let keys = submission_attachment::Entity::find()
        .filter(submission_attachment::Column::SubmissionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.storage_key)
        .collect();
    let res = submission::Entity::delete_many()
        .filter(submission::Column::Id.eq(id))
        .filter(submission::Column::ScreenedAt.is_null())
        .filter(submission::Column::Publication.eq("pending"))
        .exec(db)
        .await?;
    Ok((res.rows_affected == 1).then_some(keys))
}
