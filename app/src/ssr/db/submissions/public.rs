//! The published submissions of a hearing as the public sees them, and the comments and attachments of any submissions, loaded in one query each.

use super::*;
use sea_orm::PaginatorTrait;

/// The comments and attachments of some submissions, by submission id, each in the order
/// written.
#[derive(Default)]
pub(crate) struct Children {
    pub comments: HashMap<i32, Vec<submission_comment::Model>>,
    pub files: HashMap<i32, Vec<submission_attachment::Model>>,
}

impl Children {
    /// Two queries, however many submissions.
    pub async fn of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Self, DbErr> {
        let mut children = Children::default();
        if ids.is_empty() {
            return Ok(children);
        }
        for c in submission_comment::Entity::find()
            .filter(submission_comment::Column::SubmissionId.is_in(ids.to_vec()))
            .order_by_asc(submission_comment::Column::Id)
            .all(db)
            .await?
        {
            children
                .comments
                .entry(c.submission_id)
                .or_default()
                .push(c);
        }
        for a in submission_attachment::Entity::find()
            .filter(submission_attachment::Column::SubmissionId.is_in(ids.to_vec()))
            .order_by_asc(submission_attachment::Column::Id)
            .all(db)
            .await?
        {
            children.files.entry(a.submission_id).or_default().push(a);
        }
        Ok(children)
    }

    pub fn take_comments(&mut self, id: i32) -> Vec<submission_comment::Model> {
        self.comments.remove(&id).unwrap_or_default()
    }

    pub fn take_files(&mut self, id: i32) -> Vec<AttachmentDto> {
        self.files
            .remove(&id)
            .unwrap_or_default()
            .into_iter()
            .map(attachment_dto)
            .collect()
    }
}

/// The published submissions of a hearing as the public sees them: three queries, however many.
pub async fn public_for_hearing(
    db: &impl ConnectionTrait,
    hearing_id: i32,
    sections: &[SectionDto],
    page: u64,
    per_page: u64,
) -> Result<(Vec<PublicSubmission>, u64), DbErr> {
    let paginator = submission::Entity::find()
        .filter(submission::Column::HearingId.eq(hearing_id))
        .filter(submission::Column::ConfirmedAt.is_not_null())
        .filter(submission::Column::Publication.is_in([
            Publication::Published.as_str(),
            Publication::Redacted.as_str(),
        ]))
        .order_by_asc(submission::Column::ReceivedAt)
        .order_by_asc(submission::Column::Id)
        .paginate(db, per_page.max(1));
    let total = paginator.num_items().await?;
    // A page past the last is empty (and never computes an offset that overflows).
    if page == 0 || page > total.div_ceil(per_page.max(1)) {
        return Ok((Vec::new(), total));
    }
    let subs = paginator.fetch_page(page - 1).await?;
    let ids: Vec<i32> = subs.iter().map(|s| s.id).collect();
    let mut children = Children::of(db, &ids).await?;
    let lookup = section_lookup(sections);
    let page = subs
        .into_iter()
        .map(|s| public_submission(s, &mut children, &lookup))
        .collect();
    Ok((page, total))
}

/// One published submission as the public sees it: a redacted one by its public copy and
/// without attachments.
fn public_submission(
    s: submission::Model,
    children: &mut Children,
    lookup: &HashMap<i32, (i32, String)>,
) -> PublicSubmission {
    let redacted = s.publication == Publication::Redacted.as_str();
    let mut comments: Vec<PublicComment> = children
        .take_comments(s.id)
        .into_iter()
        .filter_map(|c| {
            let (number, title) = lookup.get(&c.section_id)?.clone();
            let text = if redacted {
                c.public_body.unwrap_or_default()
            } else {
                c.body
            };
            (!text.trim().is_empty()).then_some(PublicComment {
                section_number: number,
                section_title: title,
                text,
            })
        })
        .collect();
    comments.sort_by_key(|c| c.section_number);
    let attachments = if redacted {
        Vec::new()
    } else {
        children.take_files(s.id)
    };
    PublicSubmission {
        submitter: public_submitter(&s),
        kind: SubmitterKind::parse(&s.submitter_kind).unwrap_or(SubmitterKind::Private),
        received_at: s.received_at,
        general_comment: if redacted {
            s.public_general_comment.clone().unwrap_or_default()
        } else {
            s.general_comment.clone()
        },
        comments,
        attachments,
        redacted,
        reference: s.reference,
    }
}
