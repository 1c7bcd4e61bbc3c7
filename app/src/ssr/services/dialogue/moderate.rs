//! A moderator decides on a post: approves it (a waiting post, or one the flags hid, or the
//! flags dismissed), hides it citing the rule it breaks, restores it, locks or unlocks its
//! thread, or suspends its author from the organisation's dialogue. Hiding a post that was never
//! published rejects it (only its author sees it). Every decision goes in the audit log (by
//! person), and those about what the public saw in the public log (by role, never by person).
//!
//! The elected officials hosting a space moderate it too — approve, restore, lock, unlock — but
//! a host never hides a post alone: in a space they host a post may well criticise them, so a
//! host's hide is a request that the organisation's moderators (admin or moderator) decide,
//! hiding the post or keeping it. Suspensions reach the whole organisation's dialogue: only its
//! moderators suspend.

use super::{MODERATORS, rules_of, space_of, staff_org};
use crate::domain::dialogue::PostState;
use crate::domain::dialogue::moderation::{Decision, ModerationForm, ModeratorRole};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue::{self as db, moderation, posts};
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::{DatabaseTransaction, TransactionTrait};

/// Decides on post `post_id` of the organisation's dialogue.
pub async fn moderate(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    post_id: i64,
    form: &ModerationForm,
) -> Result<(), AppError> {
    let org = staff_org(
        state,
        staff,
        slug,
        &[Role::Admin, Role::Moderator, Role::ElectedOfficial],
    )
    .await?;
    let post = posts::post(&state.db, post_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let space = space_of(state, &org, post.space_id).await?;
    let role = if staff.require(org.id, MODERATORS).is_ok() {
        ModeratorRole::Moderator
    } else if db::hosts(&state.db, space.id)
        .await
        .or_internal()?
        .contains(&staff.user_id)
    {
        ModeratorRole::Host
    } else {
        return Err(AppError::Forbidden);
    };
    let settings = db::settings(&state.db, org.id).await.or_internal()?;
    let decision = form.parse(rules_of(settings.as_ref()).len())?;
    let was = PostState::parse(&post.state).unwrap_or(PostState::Pending);
    let hidden_by_rule = was == PostState::Hidden && !post.hidden_by_flags;
    let now = state.clock.now();
    if role == ModeratorRole::Host {
        match decision {
            Decision::Suspend { .. } => return Err(AppError::Forbidden),
            Decision::Hide { rule } => {
                return request_hide(state, staff, (&org, &space, &post), rule).await;
            }
            _ => {}
        }
    }
    let txn = state.db.begin().await.or_internal()?;
    match &decision {
        Decision::Approve => {
            if hidden_by_rule || was == PostState::Rejected {
                return Err(AppError::Conflict("dialogue.moderate.use_restore".into()));
            }
            publish(&txn, &post, was, now).await?;
            if role == ModeratorRole::Moderator {
                moderation::settle_requests(&txn, post.id, "declined", now)
                    .await
                    .or_internal()?;
            }
        }
        Decision::Hide { rule } => {
            if hidden_by_rule || was == PostState::Rejected {
                return Err(AppError::Conflict(
                    "dialogue.moderate.already_hidden".into(),
                ));
            }
            // A post never published is rejected: nobody but its author ever sees it.
            let to = if was == PostState::Pending {
                PostState::Rejected
            } else {
                PostState::Hidden
            };
            posts::set_state(&txn, post.id, to, Some(*rule), false, now)
                .await
                .or_internal()?;
            moderation::settle_requests(&txn, post.id, "approved", now)
                .await
                .or_internal()?;
        }
        Decision::Restore => {
            if was != PostState::Hidden && was != PostState::Rejected {
                return Err(AppError::Conflict("dialogue.moderate.not_hidden".into()));
            }
            if post.text.is_empty() {
                return Err(AppError::Conflict("dialogue.moderate.erased".into()));
            }
            publish(&txn, &post, was, now).await?;
        }
        Decision::Lock | Decision::Unlock => {
            if post.thread_id.is_some() {
                return Err(AppError::Conflict("dialogue.moderate.not_thread".into()));
            }
            posts::set_locked(&txn, post.id, decision == Decision::Lock)
                .await
                .or_internal()?;
        }
        Decision::Suspend { rule, days, reason } => {
            let p = match post.participant_id {
                Some(id) => db::participant(&txn, id).await.or_internal()?,
                None => None,
            }
            .ok_or(AppError::Conflict("dialogue.moderate.no_author".into()))?;
            let until = now + Duration::days(i64::from(*days));
            let person = p.person_id;
            db::suspend(&txn, p, until, *rule, reason)
                .await
                .or_internal()?;
            let told = Suspended {
                organisation: &org.name,
                space: &space.title,
                until,
                rule: *rule,
                rules: &rules_of(settings.as_ref()),
                reason,
            };
            tell_suspended(&txn, person, told, now).await?;
        }
    }
    let action = match decision {
        Decision::Hide { .. } if was == PostState::Pending => "reject",
        _ => decision.action(),
    };
    moderation::record(
        &txn,
        moderation::Entry {
            organisation_id: org.id,
            space_id: Some(space.id),
            post_id: Some(post.id),
            participant_id: post.participant_id,
            action,
            rule: decision.rule(),
            role,
            actor_id: Some(staff.user_id),
        },
        now,
    )
    .await
    .or_internal()?;
    let detail = format!(
        "post {} {} rule {}",
        post.id,
        action,
        decision.rule().map_or("-".into(), |r| r.to_string())
    );
    record_transition(
        txn,
        [],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "dialogue_moderate",
            detail: &detail,
        },
        now,
    )
    .await?;
    tracing::info!(post_id = post.id, action, "dialogue post moderated");
    Ok(())
}

/// What a suspended participant is told.
struct Suspended<'a> {
    organisation: &'a str,
    space: &'a str,
    until: chrono::DateTime<chrono::Utc>,
    rule: u32,
    rules: &'a crate::dto::dialogue::HouseRules,
    reason: &'a str,
}

/// Mails the suspended participant (if they have a confirmed address) why, until when and how
/// to complain, in their language.
async fn tell_suspended(
    txn: &DatabaseTransaction,
    person: Option<i32>,
    s: Suspended<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    use crate::domain::lang::Lang;
    use crate::ssr::db::entities::person;
    use sea_orm::EntityTrait;
    let Some(p) = (match person {
        Some(id) => person::Entity::find_by_id(id)
            .one(txn)
            .await
            .or_internal()?,
        None => None,
    }) else {
        return Ok(());
    };
    let Some(email) = p.email.clone() else {
        return Ok(());
    };
    let lang = Lang::from_code(&p.lang).unwrap_or_default();
    let i = crate::i18n::I18n(lang);
    let rule_text = match s.rules {
        crate::dto::dialogue::HouseRules::Default(_) => {
            i.t(&crate::domain::dialogue::default_rule_key(s.rule as usize))
        }
        crate::dto::dialogue::HouseRules::Own(r) => {
            r.get(s.rule as usize - 1).cloned().unwrap_or_default()
        }
    };
    let mail = crate::ssr::mail::templates::render(
        "dialogue_suspended",
        lang,
        &email,
        serde_json::json!({
            "organisation": s.organisation, "space": s.space,
            "until": crate::i18n::format::date_time(lang, s.until),
            "rule": s.rule, "rule_text": rule_text, "reason": s.reason,
        }),
    )
    .or_internal()?;
    crate::ssr::mail::queue::enqueue(txn, &mail, now)
        .await
        .or_internal()?;
    Ok(())
}

/// A host asks the organisation's moderators to hide a post in their space, citing a rule: the
/// post stays until a moderator decides (in the queue); the audit log has who asked.
async fn request_hide(
    state: &AppState,
    staff: &Staff,
    (org, space, post): (
        &crate::dto::organisations::OrganisationDto,
        &crate::ssr::db::entities::dialogue_space::Model,
        &crate::ssr::db::entities::dialogue_post::Model,
    ),
    rule: u32,
) -> Result<(), AppError> {
    if post.state == PostState::Hidden.as_str() {
        return Err(AppError::Conflict(
            "dialogue.moderate.already_hidden".into(),
        ));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    moderation::request_hide(
        &txn,
        moderation::Entry {
            organisation_id: org.id,
            space_id: Some(space.id),
            post_id: Some(post.id),
            participant_id: post.participant_id,
            action: "hide",
            rule: Some(rule),
            role: ModeratorRole::Host,
            actor_id: Some(staff.user_id),
        },
        now,
    )
    .await
    .or_internal()?;
    let detail = format!("post {} hide requested rule {rule}", post.id);
    record_transition(
        txn,
        [],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "dialogue_hide_request",
            detail: &detail,
        },
        now,
    )
    .await?;
    tracing::info!(post_id = post.id, "dialogue hide requested by a host");
    Ok(())
}

/// The post is seen by everyone (its flags resolved); a first publication counts for its author.
async fn publish(
    txn: &DatabaseTransaction,
    post: &crate::ssr::db::entities::dialogue_post::Model,
    was: PostState,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    posts::set_state(txn, post.id, PostState::Visible, None, false, now)
        .await
        .or_internal()?;
    if (was == PostState::Pending || was == PostState::Rejected)
        && let Some(p) = post.participant_id
    {
        db::count_published(txn, p).await.or_internal()?;
    }
    Ok(())
}
