//! What the dialogue's pages read: the organisation's published spaces, a space with its
//! threads (hidden posts as a note of the rule broken, waiting ones only to their author), the
//! public moderation log, and the staff's spaces and moderation queue — whose view of who
//! wrote what is audit-logged.

use super::{EDITORS, MODERATORS, is_open, rules_of, space_of, staff_org};
use crate::domain::dialogue::moderation::ModeratorRole;
use crate::domain::dialogue::{ModerationMode, PostState, SpaceKind};
use crate::dto::dialogue::{
    Hidden, LogLine, ModerationLog, PostView, QueueItem, SpaceItem, SpaceView, StaffDialogue,
    Suspension, ThreadView, Viewer,
};
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::dialogue::{self as db, moderation, posts};
use crate::ssr::db::entities::{dialogue_participant, dialogue_post, dialogue_space};
use crate::ssr::db::organisations;
use crate::ssr::formats::markdown::post_to_safe_html;
use crate::ssr::security::auth::{Citizen, Staff};
use crate::ssr::state::AppState;
use std::collections::HashMap;

async fn public_org(state: &AppState, slug: &str) -> Result<OrganisationDto, AppError> {
    organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)
}

fn item(
    s: &dialogue_space::Model,
    posts: u64,
    hosts: Vec<(i32, String)>,
    now: chrono::DateTime<chrono::Utc>,
) -> SpaceItem {
    SpaceItem {
        id: s.id,
        kind: SpaceKind::parse(&s.kind).unwrap_or(SpaceKind::Debate),
        title: s.title.clone(),
        opens_at: s.opens_at,
        closes_at: s.closes_at,
        open: is_open(s, now),
        published: s.published,
        posts,
        hosts,
    }
}

/// The organisation's published spaces.
pub async fn public_list(state: &AppState, slug: &str) -> Result<Vec<SpaceItem>, AppError> {
    let org = public_org(state, slug).await?;
    let now = state.clock.now();
    let mut out = Vec::new();
    for s in db::spaces(&state.db, org.id, false).await.or_internal()? {
        let n = posts::public_of(&state.db, s.id).await.or_internal()?.len() as u64;
        out.push(item(&s, n, Vec::new(), now));
    }
    Ok(out)
}

/// A published space as the visitor sees it.
pub async fn public_space(
    state: &AppState,
    slug: &str,
    id: i32,
    (citizen, staff): (Option<&Citizen>, Option<&Staff>),
) -> Result<SpaceView, AppError> {
    let org = public_org(state, slug).await?;
    let s = space_of(state, &org, id).await?;
    if !s.published {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    let me = match citizen {
        Some(c) => db::participant_of(&state.db, org.id, c.person_id)
            .await
            .or_internal()?,
        None => None,
    };
    let mut all = posts::public_of(&state.db, s.id).await.or_internal()?;
    if let Some(p) = &me {
        all.extend(
            posts::pending_of(&state.db, s.id, p.id)
                .await
                .or_internal()?,
        );
        all.sort_by_key(|p| p.id);
    }
    let names = db::names(
        &state.db,
        all.iter().filter_map(|p| p.participant_id).collect(),
    )
    .await
    .or_internal()?;
    let officials = official_names(state, &all).await?;
    let supported = match &me {
        Some(p) => posts::supported_by(&state.db, p.id, all.iter().map(|p| p.id).collect())
            .await
            .or_internal()?,
        None => Vec::new(),
    };
    let view = |p: &dialogue_post::Model| {
        let mut v = post_view(p, &names, me.as_ref(), &supported);
        if v.hidden.is_none()
            && let Some(o) = p.official_id
        {
            v.author = officials.get(&o).cloned();
        }
        v
    };
    let mut threads: Vec<ThreadView> = all
        .iter()
        .filter(|p| p.thread_id.is_none())
        .map(|root| ThreadView {
            root: view(root),
            replies: all
                .iter()
                .filter(|r| r.thread_id == Some(root.id))
                .map(view)
                .collect(),
        })
        .collect();
    threads.reverse();
    let hearing = match s.hearing_id {
        Some(h) => crate::ssr::db::hearings::find(&state.db, org.id, h)
            .await
            .or_internal()?
            .filter(crate::ssr::db::hearings::is_public)
            .map(|h| (h.id, h.title)),
        None => None,
    };
    let settings = db::settings(&state.db, org.id).await.or_internal()?;
    let suspension = me.as_ref().and_then(|p| suspension_of(p, now));
    let open = is_open(&s, now);
    let official_badge = match staff {
        Some(st) if st.role_in(org.id) == Some(crate::domain::role::Role::ElectedOfficial) => {
            super::officials::badge_of(state, &org, st.user_id).await?
        }
        _ => None,
    };
    let cannot_post = if !open {
        Some("dialogue.post.closed")
    } else if citizen.is_none() {
        Some("dialogue.post.log_in")
    } else if suspension.is_some() {
        Some("dialogue.post.suspended")
    } else {
        None
    };
    Ok(SpaceView {
        id: s.id,
        organisation_slug: org.slug.clone(),
        organisation_name: org.name.clone(),
        kind: SpaceKind::parse(&s.kind).unwrap_or(SpaceKind::Debate),
        title: s.title,
        description: s.description,
        hearing,
        opens_at: s.opens_at,
        closes_at: s.closes_at,
        open,
        moderation: ModerationMode::parse(&s.moderation).unwrap_or(ModerationMode::Post),
        residents_only: s.residents_only,
        rules: rules_of(settings.as_ref()),
        threads,
        viewer: Viewer {
            logged_in: citizen.is_some(),
            cannot_post: cannot_post.map(str::to_string),
            suspension,
            official_badge,
        },
    })
}

/// The names of the officials who wrote any of these posts.
async fn official_names(
    state: &AppState,
    posts: &[dialogue_post::Model],
) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = posts.iter().filter_map(|p| p.official_id).collect();
    let mut out = HashMap::new();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(e) = out.entry(id)
            && let Some(u) = crate::ssr::db::staff::find_user(&state.db, id)
                .await
                .or_internal()?
        {
            e.insert(u.name);
        }
    }
    Ok(out)
}

fn suspension_of(
    p: &dialogue_participant::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<Suspension> {
    let until = p.suspended_until.filter(|u| now < *u)?;
    Some(Suspension {
        until,
        rule: p.suspension_rule.unwrap_or(0).max(0) as u32,
        reason: p.suspension_reason.clone().unwrap_or_default(),
    })
}

fn post_view(
    p: &dialogue_post::Model,
    names: &HashMap<i32, String>,
    me: Option<&dialogue_participant::Model>,
    supported: &[i64],
) -> PostView {
    let state = PostState::parse(&p.state).unwrap_or(PostState::Pending);
    let hidden =
        matches!(state, PostState::Hidden | PostState::Rejected).then(|| match p.hidden_rule {
            Some(r) if !p.hidden_by_flags => Hidden::Rule(r.max(0) as u32),
            _ => Hidden::PendingReview,
        });
    PostView {
        id: p.id,
        author: if hidden.is_some() {
            None
        } else {
            p.participant_id.and_then(|id| names.get(&id).cloned())
        },
        badge: if hidden.is_none() {
            p.badge.clone()
        } else {
            None
        },
        html: hidden.is_none().then(|| post_to_safe_html(&p.text)),
        hidden,
        pending: state == PostState::Pending,
        mine: me.is_some_and(|m| p.participant_id == Some(m.id)),
        supports: p.supports.max(0) as u32,
        supported: supported.contains(&p.id),
        locked: p.locked,
        created_at: p.created_at,
    }
}

/// The public moderation log of a published space.
pub async fn public_log(state: &AppState, slug: &str, id: i32) -> Result<ModerationLog, AppError> {
    let org = public_org(state, slug).await?;
    let s = space_of(state, &org, id).await?;
    if !s.published {
        return Err(AppError::NotFound);
    }
    let settings = db::settings(&state.db, org.id).await.or_internal()?;
    // What the public saw: not a post rejected before it was published, nor whom a
    // suspension concerns.
    let lines = moderation::of_space(&state.db, s.id)
        .await
        .or_internal()?
        .into_iter()
        .filter(|m| m.action != "reject" && m.action != "suspend")
        .map(|m| LogLine {
            at: m.created_at,
            action: m.action,
            rule: m.rule.map(|r| r.max(0) as u32),
            role: ModeratorRole::parse(&m.role).unwrap_or(ModeratorRole::Moderator),
            post_id: m.post_id,
        })
        .collect();
    Ok(ModerationLog {
        space_id: s.id,
        title: s.title,
        rules: rules_of(settings.as_ref()),
        lines,
    })
}

/// The organisation's spaces and — for its moderators — the moderation queue, with who wrote
/// each post (that view is audit-logged when the queue holds any).
pub async fn staff_dialogue(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<StaffDialogue, AppError> {
    let mut roles = EDITORS.to_vec();
    roles.push(crate::domain::role::Role::ElectedOfficial);
    let org = staff_org(state, staff, slug, &roles).await?;
    let editor = staff.require(org.id, EDITORS).is_ok();
    let moderator = staff.require(org.id, MODERATORS).is_ok();
    let now = state.clock.now();
    let mut spaces = db::spaces(&state.db, org.id, true).await.or_internal()?;
    if !editor {
        // A hosting official: the spaces they host.
        let hosted = db::hosted_by(&state.db, staff.user_id)
            .await
            .or_internal()?;
        spaces.retain(|s| hosted.contains(&s.id));
    }
    let officials = super::spaces::officials_of(state, org.id).await?;
    let mut items = Vec::new();
    for s in &spaces {
        let n = posts::public_of(&state.db, s.id).await.or_internal()?.len() as u64;
        let hosts = db::hosts(&state.db, s.id)
            .await
            .or_internal()?
            .into_iter()
            .filter_map(|h| officials.iter().find(|(id, _)| *id == h).cloned())
            .collect();
        items.push(item(s, n, hosts, now));
    }
    let ids: Vec<i32> = spaces.iter().map(|s| s.id).collect();
    let (queue, hidden) = if moderator || !editor {
        let waiting = posts::queue(&state.db, ids.clone()).await.or_internal()?;
        let hidden = posts::hidden_by_moderators(&state.db, ids)
            .await
            .or_internal()?;
        (
            queue(state, &org, staff, &spaces, waiting).await?,
            queue(state, &org, staff, &spaces, hidden).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let settings = db::settings(&state.db, org.id).await.or_internal()?;
    Ok(StaffDialogue {
        organisation_slug: org.slug,
        spaces: items,
        rules: rules_of(settings.as_ref()),
        queue,
        hidden,
        can_create: editor,
        host: !editor,
        officials: if editor { officials } else { Vec::new() },
    })
}

async fn queue(
    state: &AppState,
    org: &OrganisationDto,
    staff: &Staff,
    spaces: &[dialogue_space::Model],
    waiting: Vec<dialogue_post::Model>,
) -> Result<Vec<QueueItem>, AppError> {
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let names = db::names(
        &state.db,
        waiting.iter().filter_map(|p| p.participant_id).collect(),
    )
    .await
    .or_internal()?;
    let reasons = posts::open_flag_reasons(&state.db, waiting.iter().map(|p| p.id).collect())
        .await
        .or_internal()?;
    let requests = moderation::open_requests(&state.db, waiting.iter().map(|p| p.id).collect())
        .await
        .or_internal()?;
    let ids: Vec<String> = waiting.iter().map(|p| p.id.to_string()).collect();
    crate::ssr::db::audit::record(
        &state.db,
        Some(org.id),
        Some(staff.user_id),
        "dialogue_queue_view",
        &format!("posts {}", ids.join(",")),
        state.clock.now(),
    )
    .await
    .or_internal()?;
    Ok(waiting
        .into_iter()
        .map(|p| {
            let mut flags: Vec<(String, u32)> = Vec::new();
            for (_, r) in reasons.iter().filter(|(id, _)| *id == p.id) {
                let key = crate::domain::dialogue::post::FlagReason::ALL
                    .into_iter()
                    .find(|x| x.as_str() == r)
                    .map_or("dialogue.flag.off_topic", |x| x.label_key())
                    .to_string();
                match flags.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += 1,
                    None => flags.push((key, 1)),
                }
            }
            QueueItem {
                post_id: p.id,
                space_id: p.space_id,
                space_title: spaces
                    .iter()
                    .find(|s| s.id == p.space_id)
                    .map(|s| s.title.clone())
                    .unwrap_or_default(),
                thread_id: p.thread_id,
                author: p.participant_id.and_then(|id| names.get(&id).cloned()),
                participant_id: p.participant_id,
                html: post_to_safe_html(&p.text),
                state: PostState::parse(&p.state).unwrap_or(PostState::Pending),
                hidden_by_flags: p.hidden_by_flags,
                hide_requested: requests
                    .iter()
                    .find(|r| r.post_id == Some(p.id))
                    .and_then(|r| r.rule)
                    .map(|r| r.max(0) as u32),
                flags,
                created_at: p.created_at,
            }
        })
        .collect())
}
