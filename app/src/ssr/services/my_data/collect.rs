//! Everything linked to one person, as JSON: who they are as Innspill knows them, their logins,
//! hearing submissions (with comments per section and attachments), signatures, proposals,
//! follows and the mails sent to their address — and what is not included, and why. Nothing
//! of anyone else: every row is found by the person's id, their keyed national id (a paper
//! signature staff entered with it) or their own confirmed address.

use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{
    citizen_login, email_confirmation, follow, hearing, hearing_section, initiative,
    initiative_attachment, mail_outbox, person, signature, submission, submission_attachment,
    submission_comment,
};
use crate::ssr::state::AppState;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A file to put in the ZIP beside the JSON: its path in the ZIP and its storage key.
pub struct FileRef {
    pub path: String,
    pub storage_key: String,
}

/// What is not in the download, and why (keys of its name and reason, in every language).
pub const NOT_INCLUDED: &[(&str, &str)] = &[
    ("export.not.pid.what", "export.not.pid.why"),
    ("export.not.token.what", "export.not.token.why"),
    ("export.not.session.what", "export.not.session.why"),
    ("export.not.notes.what", "export.not.notes.why"),
    ("export.not.counters.what", "export.not.counters.why"),
];

/// The person's data, and the files that belong with it.
pub async fn collect(
    state: &AppState,
    person_id: i32,
    lang: crate::domain::lang::Lang,
) -> Result<(Value, Vec<FileRef>), AppError> {
    let i = crate::i18n::I18n(lang);
    let db = &state.db;
    let p = person::Entity::find_by_id(person_id)
        .one(db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let logins = citizen_login::Entity::find()
        .filter(citizen_login::Column::PersonId.eq(person_id))
        .order_by_asc(citizen_login::Column::Id)
        .all(db)
        .await
        .or_internal()?;
    let pending = email_confirmation::Entity::find()
        .filter(email_confirmation::Column::PersonId.eq(person_id))
        .filter(email_confirmation::Column::ConfirmedAt.is_null())
        .all(db)
        .await
        .or_internal()?;
    let mut files = Vec::new();
    let submissions = submissions_of(state, person_id, &mut files).await?;
    let signatures = signatures_of(state, &p).await?;
    let initiatives = initiatives_of(state, person_id, &mut files).await?;
    let follows = follow::Entity::find()
        .filter(follow::Column::PersonId.eq(person_id))
        .all(db)
        .await
        .or_internal()?;
    let mails = match &p.email {
        Some(e) => mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Recipient.eq(e.as_str()))
            .order_by_asc(mail_outbox::Column::Id)
            .all(db)
            .await
            .or_internal()?,
        None => Vec::new(),
    };
    let panels = match p.pid_hash.as_deref() {
        Some(pid) => panels_of(state, pid).await?,
        None => Vec::new(),
    };
    let dialogue = dialogue_of(state, person_id).await?;
    let data = json!({
        "generated_at": state.clock.now(),
        "person": {
            "given_name": p.given_name, "family_name": p.family_name, "email": p.email,
            "language": p.lang, "login_provider": p.issuer, "login_subject": p.subject,
            "national_id_keyed_hash": p.pid_hash,
            "first_login": p.created_at, "last_login": p.last_login_at,
        },
        "logins": logins.iter().map(|l| json!({
            "at": l.created_at, "ended_at": l.ended_at, "level": l.acr,
        })).collect::<Vec<_>>(),
        "email_addresses_waiting_for_confirmation": pending.iter().map(|e| json!({
            "email": e.email, "asked_at": e.created_at,
        })).collect::<Vec<_>>(),
        "hearing_submissions": submissions,
        "signatures": signatures,
        "initiatives_proposed": initiatives,
        "follows": follows.iter().map(|f| json!({
            "case_kind": f.case_kind, "case_id": f.case_id, "how_often": f.cadence,
            "why": f.reason, "email": f.email, "since": f.created_at,
        })).collect::<Vec<_>>(),
        "citizen_panels": panels,
        "dialogue": dialogue,
        "mails_to_your_address": mails.iter().map(|m| json!({
            "subject": m.subject, "queued_at": m.created_at, "status": m.status,
        })).collect::<Vec<_>>(),
        "not_included": NOT_INCLUDED.iter()
            .map(|(what, why)| json!({"what": i.t(what), "why": i.t(why)}))
            .collect::<Vec<_>>(),
    });
    Ok((data, files))
}

async fn submissions_of(
    state: &AppState,
    person_id: i32,
    files: &mut Vec<FileRef>,
) -> Result<Vec<Value>, AppError> {
    let db = &state.db;
    let subs = submission::Entity::find()
        .filter(submission::Column::PersonId.eq(person_id))
        .order_by_asc(submission::Column::Id)
        .all(db)
        .await
        .or_internal()?;
    let ids: Vec<i32> = subs.iter().map(|s| s.id).collect();
    let titles: HashMap<i32, String> = hearing::Entity::find()
        .filter(hearing::Column::Id.is_in(subs.iter().map(|s| s.hearing_id)))
        .all(db)
        .await
        .or_internal()?
        .into_iter()
        .map(|h| (h.id, h.title))
        .collect();
    let comments = submission_comment::Entity::find()
        .filter(submission_comment::Column::SubmissionId.is_in(ids.clone()))
        .all(db)
        .await
        .or_internal()?;
    let sections: HashMap<i32, hearing_section::Model> = hearing_section::Entity::find()
        .filter(hearing_section::Column::Id.is_in(comments.iter().map(|c| c.section_id)))
        .all(db)
        .await
        .or_internal()?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let attachments = submission_attachment::Entity::find()
        .filter(submission_attachment::Column::SubmissionId.is_in(ids))
        .all(db)
        .await
        .or_internal()?;
    let mut out = Vec::new();
    for s in subs {
        let mine: Vec<&submission_attachment::Model> = attachments
            .iter()
            .filter(|a| a.submission_id == s.id)
            .collect();
        let mut names = Vec::new();
        for a in mine {
            let path = format!("innspill/{}/{}-{}", s.reference, a.id, a.file_name);
            names.push(path.clone());
            files.push(FileRef {
                path,
                storage_key: a.storage_key.clone(),
            });
        }
        out.push(json!({
            "reference": s.reference,
            "hearing": titles.get(&s.hearing_id),
            "as": s.submitter_kind, "name": s.name, "organisation": s.organisation_name,
            "organisation_number": s.org_number, "email": s.email, "show_name": s.show_name,
            "objects_to_publication": s.objects_to_publication,
            "objection_reason": s.objection_reason,
            "comment": s.general_comment,
            "section_comments": comments.iter().filter(|c| c.submission_id == s.id).map(|c| json!({
                "section": sections.get(&c.section_id).map(|x| format!("{}. {}", x.number, x.title)),
                "comment": c.body, "published_as": c.public_body,
            })).collect::<Vec<_>>(),
            "received_at": s.received_at, "confirmed_at": s.confirmed_at,
            "publication": s.publication, "withheld_because": s.withhold_reason,
            "published_as": s.public_general_comment,
            "attachments": names,
        }));
    }
    Ok(out)
}

async fn signatures_of(state: &AppState, p: &person::Model) -> Result<Vec<Value>, AppError> {
    let db = &state.db;
    let mut mine = Condition::any().add(signature::Column::PersonId.eq(p.id));
    if let Some(h) = &p.pid_hash {
        mine = mine.add(signature::Column::PidHash.eq(h.as_str()));
    }
    let sigs = signature::Entity::find()
        .filter(mine)
        .order_by_asc(signature::Column::Id)
        .all(db)
        .await
        .or_internal()?;
    let titles: HashMap<i32, String> = initiative::Entity::find()
        .filter(initiative::Column::Id.is_in(sigs.iter().map(|s| s.initiative_id)))
        .all(db)
        .await
        .or_internal()?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    Ok(sigs
        .iter()
        .map(|s| {
            json!({
                "initiative": titles.get(&s.initiative_id), "signed_at": s.signed_at,
                "how": s.source, "name": s.name, "date_of_birth": s.birth_date,
                "address": s.address, "resident": s.resident,
                "kommunenummer": s.residency_kommunenummer,
                "residency_checked_at": s.residency_checked_at,
                "wants_the_outcome": s.notify,
            })
        })
        .collect())
}

async fn initiatives_of(
    state: &AppState,
    person_id: i32,
    files: &mut Vec<FileRef>,
) -> Result<Vec<Value>, AppError> {
    let db = &state.db;
    let rows = initiative::Entity::find()
        .filter(initiative::Column::PersonId.eq(person_id))
        .order_by_asc(initiative::Column::Id)
        .all(db)
        .await
        .or_internal()?;
    let attachments = initiative_attachment::Entity::find()
        .filter(initiative_attachment::Column::InitiativeId.is_in(rows.iter().map(|i| i.id)))
        .all(db)
        .await
        .or_internal()?;
    let mut out = Vec::new();
    for i in rows {
        let mut names = Vec::new();
        for a in attachments.iter().filter(|a| a.initiative_id == i.id) {
            let path = format!("forslag/{}/{}-{}", i.id, a.id, a.file_name);
            names.push(path.clone());
            files.push(FileRef {
                path,
                storage_key: a.storage_key.clone(),
            });
        }
        out.push(json!({
            "title": i.title, "ask": i.ask, "justification": i.justification,
            "contact_email": i.contact_email, "status": i.status,
            "collection_ends": i.collection_ends, "created_at": i.created_at,
            "sent_to_screening_at": i.sent_to_screening_at, "published_at": i.published_at,
            "rejected_because": i.rejected_reason, "submitted_at": i.submitted_at,
            "outcome": i.outcome_text, "attachments": names,
        }));
    }
    Ok(out)
}

/// The person's panel memberships, with the profile they are counted by.
async fn panels_of(state: &AppState, pid_hash: &str) -> Result<Vec<Value>, AppError> {
    use crate::ssr::db::entities::panel_profile;
    let mut out = Vec::new();
    for (p, m) in
        crate::ssr::services::panels::membership::memberships_of(state, &state.db, pid_hash)
            .await
            .or_internal()?
    {
        let profile = match m.pseudonym.clone() {
            Some(ps) => panel_profile::Entity::find_by_id(ps)
                .one(&state.db)
                .await
                .or_internal()?,
            None => None,
        };
        let districts = crate::ssr::db::panels::districts(&p).unwrap_or_default();
        out.push(json!({
            "panel": p.name, "organisation_id": p.organisation_id, "joined_at": m.joined_at,
            "email": m.email, "came_in": m.source,
            "age_band": profile.as_ref().and_then(|x| u8::try_from(x.age_band).ok())
                .map(|b| crate::domain::survey::strata::AgeBand(b).label()),
            "gender": profile.as_ref().map(|x| x.gender.clone()),
            "district": profile.as_ref().and_then(|x| districts.get(x.district.max(0) as usize).cloned()),
            "background": profile.as_ref().map(|x| {
                let qs = crate::ssr::db::panels::background(&p);
                crate::ssr::db::panels::answers_of(x)
                    .into_iter()
                    .zip(&qs)
                    .filter_map(|(a, q)| Some(json!({
                        "question": q.text,
                        "answer": q.options.get(usize::from(a?))?,
                    })))
                    .collect::<Vec<_>>()
            }),
        }));
    }
    // Drawn for a panel's sample: what the invitation holds while it is kept.
    for (p, i) in
        crate::ssr::services::panels::membership::invitations_of(state, &state.db, pid_hash)
            .await
            .or_internal()?
    {
        let districts = crate::ssr::db::panels::districts(&p).unwrap_or_default();
        out.push(json!({
            "panel": p.name, "organisation_id": p.organisation_id,
            "drawn_for_the_sample": true, "invitation": i.status, "reached_by": i.channel,
            "email": i.email, "name": i.name, "address": i.address,
            "age_band": u8::try_from(i.age_band).ok()
                .map(|b| crate::domain::survey::strata::AgeBand(b).label()),
            "gender": i.gender,
            "district": districts.get(i.district.max(0) as usize).cloned(),
        }));
    }
    Ok(out)
}

/// The person in each organisation's dialogue: the name they chose, a suspension, their posts
/// (as written, whatever their state), the posts they support and the flags they gave.
async fn dialogue_of(state: &AppState, person_id: i32) -> Result<Vec<Value>, AppError> {
    use crate::ssr::db::dialogue::{self as dialogue_db, posts};
    let mut out = Vec::new();
    for p in dialogue_db::participants_of_person(&state.db, person_id)
        .await
        .or_internal()?
    {
        let written = posts::of_participant(&state.db, p.id).await.or_internal()?;
        let flags = posts::flags_of(&state.db, p.id).await.or_internal()?;
        let supported = posts::supports_of(&state.db, p.id).await.or_internal()?;
        out.push(json!({
            "organisation_id": p.organisation_id, "display_name": p.display_name,
            "since": p.created_at, "suspended_until": p.suspended_until,
            "suspension_rule": p.suspension_rule, "suspension_reason": p.suspension_reason,
            "posts": written.iter().map(|x| json!({
                "space_id": x.space_id, "in_reply_to": x.parent_id, "text": x.text,
                "state": x.state, "hidden_under_rule": x.hidden_rule, "supports": x.supports,
                "written_at": x.created_at,
            })).collect::<Vec<_>>(),
            "supported_post_ids": supported,
            "flags_given": flags.iter().map(|f| json!({
                "post_id": f.post_id, "reason": f.reason, "at": f.created_at,
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(out)
}
