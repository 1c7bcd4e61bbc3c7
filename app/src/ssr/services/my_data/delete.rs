//! Deleting a citizen's account (GDPR art. 17). What the law keeps with a public case stays
//! with it, detached from the account: signatures on an initiative already submitted to the
//! council (kommuneloven § 12-1: the council treats the signed proposal), published hearing
//! submissions (part of the case record: offentleglova, arkivlova), and initiatives they
//! proposed that were published (public cases; their contact address goes). Everything else
//! goes: submissions not published, signatures on initiatives still collecting or expired,
//! drafts and refused proposals with their files, follows, downloads, logins, sessions,
//! addresses and the mails queued or sent to their address. The person row stays only as an empty anchor for a kept proposal (no name, no
//! address, no national id hash, a login subject nobody has). Irreversible; one audit line,
//! with no personal data.

use crate::domain::initiative::InitiativeStatus;
use crate::domain::submission::Publication;
use crate::dto::my_data::DeletionPlan;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{
    citizen_login, email_confirmation, follow, initiative, initiative_attachment, mail_outbox,
    person, session, signature, submission, submission_attachment,
};
use crate::ssr::security::auth::Citizen;
use crate::ssr::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, TransactionTrait};

/// Whether a submission is part of the public case record (published, possibly redacted).
fn published(s: &submission::Model) -> bool {
    s.confirmed_at.is_some()
        && matches!(
            Publication::parse(&s.publication),
            Some(Publication::Published | Publication::Redacted)
        )
}

/// Whether a signature stays with its initiative (submitted to the council, or treated).
fn with_the_council(status: InitiativeStatus) -> bool {
    matches!(
        status,
        InitiativeStatus::Submitted
            | InitiativeStatus::Referred
            | InitiativeStatus::Decided
            | InitiativeStatus::NotTreated
    )
}

fn mine(citizen_person: i32, pid_hash: Option<&str>) -> Condition {
    let mut c = Condition::any().add(signature::Column::PersonId.eq(citizen_person));
    if let Some(h) = pid_hash {
        c = c.add(signature::Column::PidHash.eq(h));
    }
    c
}

/// The person's rows as the deletion sorts them.
struct Sorted {
    submissions: Vec<submission::Model>,
    signatures: Vec<(signature::Model, InitiativeStatus)>,
    initiatives: Vec<initiative::Model>,
}

async fn sorted(state: &AppState, p: &person::Model) -> Result<Sorted, AppError> {
    let db = &state.db;
    let submissions = submission::Entity::find()
        .filter(submission::Column::PersonId.eq(p.id))
        .all(db)
        .await
        .or_internal()?;
    let sigs = signature::Entity::find()
        .filter(mine(p.id, p.pid_hash.as_deref()))
        .all(db)
        .await
        .or_internal()?;
    let statuses: std::collections::HashMap<i32, InitiativeStatus> = initiative::Entity::find()
        .filter(initiative::Column::Id.is_in(sigs.iter().map(|s| s.initiative_id)))
        .all(db)
        .await
        .or_internal()?
        .iter()
        .map(|i| (i.id, crate::ssr::db::initiatives::status_of(i)))
        .collect();
    let signatures = sigs
        .into_iter()
        .map(|s| {
            let st = statuses
                .get(&s.initiative_id)
                .copied()
                .unwrap_or(InitiativeStatus::Draft);
            (s, st)
        })
        .collect();
    let initiatives = initiative::Entity::find()
        .filter(initiative::Column::PersonId.eq(p.id))
        .all(db)
        .await
        .or_internal()?;
    Ok(Sorted {
        submissions,
        signatures,
        initiatives,
    })
}

async fn person_of(state: &AppState, citizen: &Citizen) -> Result<person::Model, AppError> {
    person::Entity::find_by_id(citizen.person_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

/// The person's dialogue posts that would stay (published or hidden: part of a public
/// debate, under no name) and those that would go (waiting for approval).
async fn dialogue_posts(state: &AppState, person_id: i32) -> Result<(usize, usize), AppError> {
    let (mut kept, mut gone) = (0, 0);
    for part in crate::ssr::db::dialogue::participants_of_person(&state.db, person_id)
        .await
        .or_internal()?
    {
        for x in crate::ssr::db::dialogue::posts::of_participant(&state.db, part.id)
            .await
            .or_internal()?
        {
            if x.state == crate::domain::dialogue::PostState::Pending.as_str() {
                gone += 1;
            } else {
                kept += 1;
            }
        }
    }
    Ok((kept, gone))
}

/// What deleting the account would delete and what would stay, counted (the page says it
/// before the button).
pub async fn preview(state: &AppState, citizen: &Citizen) -> Result<DeletionPlan, AppError> {
    let p = person_of(state, citizen).await?;
    let s = sorted(state, &p).await?;
    let kept_subs = s.submissions.iter().filter(|x| published(x)).count();
    let kept_sigs = s
        .signatures
        .iter()
        .filter(|(_, st)| with_the_council(*st))
        .count();
    let kept_props = s
        .initiatives
        .iter()
        .filter(|i| crate::ssr::db::initiatives::status_of(i).is_public())
        .count();
    let follows = follow::Entity::find()
        .filter(follow::Column::PersonId.eq(p.id))
        .all(&state.db)
        .await
        .or_internal()?
        .len();
    let (panels, invitations) = match p.pid_hash.as_deref() {
        Some(pid) => {
            use crate::ssr::services::panels::membership::{invitations_of, memberships_of};
            (
                memberships_of(state, &state.db, pid)
                    .await
                    .or_internal()?
                    .len(),
                invitations_of(state, &state.db, pid)
                    .await
                    .or_internal()?
                    .len(),
            )
        }
        None => (0, 0),
    };
    let (dialogue_kept, dialogue_deleted) = dialogue_posts(state, p.id).await?;
    Ok(DeletionPlan {
        submissions_deleted: s.submissions.len() - kept_subs,
        submissions_kept: kept_subs,
        signatures_deleted: s.signatures.len() - kept_sigs,
        signatures_kept: kept_sigs,
        proposals_deleted: s.initiatives.len() - kept_props,
        proposals_kept: kept_props,
        follows,
        panel_invitations: invitations,
        panel_memberships: panels,
        dialogue_posts_kept: dialogue_kept,
        dialogue_posts_deleted: dialogue_deleted,
        has_email: p.email.is_some(),
    })
}

/// Deletes the citizen's account as `preview` said; the caller ends their session.
pub async fn delete_account(state: &AppState, citizen: &Citizen) -> Result<(), AppError> {
    let p = person_of(state, citizen).await?;
    let s = sorted(state, &p).await?;
    let now = state.clock.now();
    let mut files: Vec<String> = Vec::new();
    let txn = state.db.begin().await.or_internal()?;

    if let Some(pid) = p.pid_hash.as_deref() {
        crate::ssr::services::panels::membership::end_all(state, &txn, pid)
            .await
            .or_internal()?;
    }
    // The dialogue: what waited for approval goes; what was published stays, under no name.
    for part in crate::ssr::db::dialogue::participants_of_person(&txn, p.id)
        .await
        .or_internal()?
    {
        crate::ssr::db::dialogue::posts::delete_pending_of(&txn, part.id)
            .await
            .or_internal()?;
        crate::ssr::db::dialogue::unlink_participant(&txn, part.id)
            .await
            .or_internal()?;
    }
    let (kept, gone): (Vec<_>, Vec<_>) = s.submissions.iter().partition(|x| published(x));
    let kept: Vec<i32> = kept.iter().map(|x| x.id).collect();
    let gone: Vec<i32> = gone.iter().map(|x| x.id).collect();
    submission::Entity::update_many()
        .col_expr(
            submission::Column::PersonId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            submission::Column::Email,
            Expr::value(Option::<String>::None),
        )
        .filter(submission::Column::Id.is_in(kept))
        .exec(&txn)
        .await
        .or_internal()?;
    files.extend(
        submission_attachment::Entity::find()
            .filter(submission_attachment::Column::SubmissionId.is_in(gone.clone()))
            .all(&txn)
            .await
            .or_internal()?
            .into_iter()
            .map(|a| a.storage_key),
    );
    submission::Entity::delete_many()
        .filter(submission::Column::Id.is_in(gone))
        .exec(&txn)
        .await
        .or_internal()?;

    let (kept, gone): (Vec<_>, Vec<_>) = s
        .signatures
        .iter()
        .partition(|(_, st)| with_the_council(*st));
    signature::Entity::update_many()
        .col_expr(
            signature::Column::PersonId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(signature::Column::Notify, Expr::value(false))
        .filter(signature::Column::Id.is_in(kept.iter().map(|(x, _)| x.id)))
        .exec(&txn)
        .await
        .or_internal()?;
    signature::Entity::delete_many()
        .filter(signature::Column::Id.is_in(gone.iter().map(|(x, _)| x.id)))
        .exec(&txn)
        .await
        .or_internal()?;

    let (public, private): (Vec<_>, Vec<_>) = s
        .initiatives
        .iter()
        .partition(|i| crate::ssr::db::initiatives::status_of(i).is_public());
    initiative::Entity::update_many()
        .col_expr(initiative::Column::ContactEmail, Expr::value(String::new()))
        .filter(initiative::Column::Id.is_in(public.iter().map(|i| i.id)))
        .exec(&txn)
        .await
        .or_internal()?;
    let private: Vec<i32> = private.iter().map(|i| i.id).collect();
    files.extend(
        initiative_attachment::Entity::find()
            .filter(initiative_attachment::Column::InitiativeId.is_in(private.clone()))
            .all(&txn)
            .await
            .or_internal()?
            .into_iter()
            .map(|a| a.storage_key),
    );
    initiative::Entity::delete_many()
        .filter(initiative::Column::Id.is_in(private))
        .exec(&txn)
        .await
        .or_internal()?;

    follow::Entity::delete_many()
        .filter(follow::Column::PersonId.eq(p.id))
        .exec(&txn)
        .await
        .or_internal()?;
    if let Some(address) = &p.email {
        mail_outbox::Entity::delete_many()
            .filter(mail_outbox::Column::Recipient.eq(address.as_str()))
            .exec(&txn)
            .await
            .or_internal()?;
    }
    email_confirmation::Entity::delete_many()
        .filter(email_confirmation::Column::PersonId.eq(p.id))
        .exec(&txn)
        .await
        .or_internal()?;
    let logins: Vec<i64> = citizen_login::Entity::find()
        .filter(citizen_login::Column::PersonId.eq(p.id))
        .all(&txn)
        .await
        .or_internal()?
        .into_iter()
        .map(|l| l.id)
        .collect();
    session::Entity::delete_many()
        .filter(session::Column::CitizenLoginId.is_in(logins.clone()))
        .exec(&txn)
        .await
        .or_internal()?;
    citizen_login::Entity::delete_many()
        .filter(citizen_login::Column::Id.is_in(logins))
        .exec(&txn)
        .await
        .or_internal()?;
    person::Entity::update_many()
        .col_expr(person::Column::Issuer, Expr::value("deleted"))
        .col_expr(
            person::Column::Subject,
            Expr::value(format!("deleted-{}", p.id)),
        )
        .col_expr(person::Column::PidHash, Expr::value(Option::<String>::None))
        .col_expr(
            person::Column::GivenName,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            person::Column::FamilyName,
            Expr::value(Option::<String>::None),
        )
        .col_expr(person::Column::Email, Expr::value(Option::<String>::None))
        .filter(person::Column::Id.eq(p.id))
        .exec(&txn)
        .await
        .or_internal()?;
    crate::ssr::db::audit::record(
        &txn,
        None,
        None,
        "citizen_account_deleted",
        &format!("person {}", p.id),
        now,
    )
    .await
    .or_internal()?;
    txn.commit().await.or_internal()?;
    super::export::forget(state, p.id).await?;
    crate::ssr::files::attachments::remove_all(&state.files, &files).await;
    tracing::info!(person_id = p.id, "citizen account deleted");
    Ok(())
}
