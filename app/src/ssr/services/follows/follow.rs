//! Following a case: one click for a logged-in citizen; for anyone else an address, confirmed
//! by a link whose page has a button (a POST), so that a mail scanner opening the link confirms
//! nothing. The answer to an address is the same whether it already follows or not.

use crate::domain::follow::{AnonymousFollow, CaseKind, FollowForm, Reason};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::follows::{self, PersonFollow};
use crate::ssr::mail::{queue, templates};
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::rate_limit::{self, Limit};
use crate::ssr::security::tokens::{random_token, token_hash};
use crate::ssr::services::follows::public_case;
use crate::ssr::state::AppState;
use chrono::Duration;
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};

/// A confirmation link works this long; an unconfirmed follow is deleted after it.
pub const CONFIRM_HOURS: i64 = 24;
/// Follow requests by address, per client address and per recipient address.
pub const PER_CLIENT: Limit = Limit {
    max: 20,
    window: Duration::hours(1),
};
pub const PER_ADDRESS: Limit = Limit {
    max: 3,
    window: Duration::hours(1),
};

/// Follows the case as the logged-in citizen (mails go to their confirmed address).
pub async fn follow_as_citizen(
    state: &AppState,
    citizen: &Citizen,
    kind: CaseKind,
    slug: &str,
    id: i32,
    cadence: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let c = public_case(state, kind, slug, id).await?;
    let cadence = crate::domain::follow::parse_cadence(cadence)
        .ok_or_else(|| AppError::field("cadence", "follow.cadence_invalid"))?;
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    follows::follow_person(
        &txn,
        PersonFollow {
            case: c.case,
            person_id: citizen.person_id,
            email: None,
            lang,
            cadence,
            reason: Reason::Follow,
        },
        now,
    )
    .await
    .or_internal()?;
    // Followed by address before logging in: one follow is enough.
    if let Some(email) = citizen.email.as_deref()
        && let Some(old) = follows::of_address(&txn, kind, id, email)
            .await
            .or_internal()?
        && old.person_id.is_none()
    {
        follows::delete(&txn, &[old.id]).await.or_internal()?;
    }
    txn.commit().await.or_internal()?;
    tracing::info!(case_kind = kind.as_str(), case_id = id, "case followed");
    Ok(())
}

/// Asks the address to confirm that it follows the case. Answers alike whether the address
/// already follows, so that nobody learns who follows what.
pub async fn follow_by_address(
    state: &AppState,
    kind: CaseKind,
    slug: &str,
    id: i32,
    form: &FollowForm,
    client: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let c = public_case(state, kind, slug, id).await?;
    let form = AnonymousFollow::parse(form)?;
    let now = state.clock.now();
    for (bucket, limit) in [
        (format!("follow:client:{client}"), PER_CLIENT),
        (
            format!("follow:address:{}", token_hash(form.email.as_str())),
            PER_ADDRESS,
        ),
    ] {
        if let Err(minutes) = rate_limit::hit(&state.db, &bucket, limit, now)
            .await
            .or_internal()?
        {
            return Err(AppError::RateLimited {
                retry_after_minutes: minutes,
            });
        }
    }
    let existing = follows::of_address(&state.db, kind, id, form.email.as_str())
        .await
        .or_internal()?;
    let mailed_already = follows::person_follow_mails(&state.db, kind, id, form.email.as_str())
        .await
        .or_internal()?;
    if mailed_already || existing.as_ref().is_some_and(|f| f.confirmed_at.is_some()) {
        tracing::info!(
            case_kind = kind.as_str(),
            case_id = id,
            "follow asked again"
        );
        return Ok(());
    }
    let token = random_token();
    let expires = now + Duration::hours(CONFIRM_HOURS);
    let link = crate::paths::absolute(
        &state.settings.base_url,
        &crate::paths::confirm_follow(&token),
    );
    let mail = templates::render(
        "follow_confirm",
        lang,
        form.email.as_str(),
        serde_json::json!({
            "title": c.info.title, "organisation": c.info.organisation, "link": link,
            "expires": crate::i18n::format::date_time(lang, expires),
        }),
    )
    .or_internal()?;
    let txn = state.db.begin().await.or_internal()?;
    match existing {
        Some(f) => {
            let mut am: crate::ssr::db::entities::follow::ActiveModel = f.into();
            am.confirm_hash = Set(Some(token_hash(&token)));
            am.cadence = Set(form.cadence.as_str().into());
            am.lang = Set(lang.code().into());
            am.created_at = Set(now);
            am.update(&txn).await.or_internal()?;
        }
        None => {
            follows::follow_address(
                &txn,
                c.case,
                form.email.as_str(),
                lang,
                form.cadence,
                Reason::Follow,
                Some(&token_hash(&token)),
                now,
            )
            .await
            .or_internal()?;
        }
    }
    queue::enqueue(&txn, &mail, now).await.or_internal()?;
    txn.commit().await.or_internal()?;
    tracing::info!(
        case_kind = kind.as_str(),
        case_id = id,
        recipient_domain = form.email.domain(),
        "follow confirmation queued"
    );
    Ok(())
}

/// The title of the case an unconfirmed follow's link is for (its page shows it before the
/// button is pressed); `NotFound` if the link is unknown, used or expired. Changes nothing.
pub async fn preview_confirmation(state: &AppState, token: &str) -> Result<String, AppError> {
    let f = pending(state, token).await?;
    let kind = CaseKind::parse(&f.case_kind).ok_or(AppError::NotFound)?;
    let c = super::case_by_ids(state, f.organisation_id, kind, f.case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(c.info.title)
}

/// Confirms the follow behind the link (the button, a POST): from now on it hears of the
/// case's events. Returns the case's follow page, which says so.
pub async fn confirm(state: &AppState, token: &str) -> Result<String, AppError> {
    let f = pending(state, token).await?;
    let kind = CaseKind::parse(&f.case_kind).ok_or(AppError::NotFound)?;
    let c = super::case_by_ids(state, f.organisation_id, kind, f.case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    follows::confirm(&state.db, f.id, state.clock.now())
        .await
        .or_internal()?;
    tracing::info!(
        case_kind = kind.as_str(),
        case_id = f.case_id,
        "follow confirmed"
    );
    Ok(crate::paths::follow_path(kind, &c.slug, c.case.id))
}

async fn pending(
    state: &AppState,
    token: &str,
) -> Result<crate::ssr::db::entities::follow::Model, AppError> {
    let hash = token_hash(token.trim());
    let f = follows::by_confirm_hash(&state.db, &hash)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    if f.created_at + Duration::hours(CONFIRM_HOURS) < state.clock.now() {
        return Err(AppError::NotFound);
    }
    Ok(f)
}
