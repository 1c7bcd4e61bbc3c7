//! Server functions of following. The follow page and the pages behind mailed links are
//! public; the token in a link is its proof. A citizen's own follows are theirs alone.

use crate::domain::follow::{CaseKind, FollowForm};
use crate::dto::follows::{FollowPageData, MyFollow};
use crate::error::AppError;
use leptos::prelude::*;

/// Public: the follow page of a public case, for whoever reads it (their own follow, if
/// logged in). `NotFound` for a case the public cannot see.
#[server(prefix = "/api", endpoint = "follow_page", input = server_fn::codec::GetUrl)]
pub async fn follow_page(
    kind: CaseKind,
    slug: String,
    id: i32,
) -> Result<FollowPageData, AppError> {
    use crate::domain::follow::{Cadence, Reason};
    use crate::ssr::{OrInternal, db::follows, security::auth, services::follows::public_case};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let c = public_case(&state, kind, &slug, id).await?;
    let citizen = auth::current_citizen(&state, &session).await?;
    let following = match &citizen {
        Some(ci) => follows::of_person(&state.db, kind, id, ci.person_id)
            .await
            .or_internal()?
            .map(|f| {
                (
                    Cadence::parse(&f.cadence).unwrap_or_default(),
                    Reason::parse(&f.reason).unwrap_or(Reason::Follow),
                )
            }),
        None => None,
    };
    Ok(FollowPageData {
        kind,
        title: c.info.title,
        case_path: c.path,
        feed_path: match kind {
            CaseKind::Hearing => crate::paths::hearing_feed(id),
            CaseKind::Initiative => crate::paths::initiative_feed(id),
        },
        citizen: citizen.is_some(),
        citizen_email: citizen.and_then(|c| c.email),
        following,
    })
}

/// Follows a public case as the logged-in citizen, at the chosen cadence.
#[server(prefix = "/api", endpoint = "follow_case")]
pub async fn follow_case(
    csrf_token: String,
    kind: CaseKind,
    slug: String,
    id: i32,
    cadence: String,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth, services::follows::follow};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    let lang = crate::components::context::initial_lang();
    follow::follow_as_citizen(&state, &citizen, kind, &slug, id, &cadence, lang).await
}

/// Stops the logged-in citizen's follow of the case (from its follow page).
#[server(prefix = "/api", endpoint = "unfollow_case")]
pub async fn unfollow_case(
    csrf_token: String,
    kind: CaseKind,
    slug: String,
    id: i32,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth, services::follows};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    let c = follows::public_case(&state, kind, &slug, id).await?;
    follows::mine::unfollow_case(&state, &citizen, kind, c.case.id).await
}

/// Public (anyone may follow by address; rate-limited per client and per address): mails a
/// confirmation link to the address. The answer is the same whether it follows already.
#[server(prefix = "/api", endpoint = "follow_by_email")]
pub async fn follow_by_email(
    csrf_token: String,
    kind: CaseKind,
    slug: String,
    id: i32,
    #[server(flatten)] form: FollowForm,
) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, http::flash, security::auth, services::follows::follow};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let client = crate::ssr::http::client_addr::current(&state);
    let lang = crate::components::context::initial_lang();
    let res = follow::follow_by_address(&state, kind, &slug, id, &form, &client, lang).await;
    match res {
        Ok(()) => {
            let page = crate::paths::follow_path(kind, &slug, id);
            leptos_axum::redirect(&format!("{page}?sendt=1"));
            Ok(())
        }
        Err(e) => {
            flash::keep_form(&session, "follow_by_email", &form).await?;
            Err(e)
        }
    }
}

/// Public: the token from the mailed link is the proof. The title of the case it would follow;
/// changes nothing.
#[server(prefix = "/api", endpoint = "preview_follow", input = server_fn::codec::GetUrl)]
pub async fn preview_follow(token: String) -> Result<String, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::follows::follow::preview_confirmation(&state, &token).await
}

/// Public: the token from the mailed link is the proof. Confirms the follow (the button on the
/// link's page, a POST) and goes to the case's follow page, which says so.
#[server(prefix = "/api", endpoint = "confirm_follow")]
pub async fn confirm_follow(csrf_token: String, token: String) -> Result<(), AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    let path = crate::ssr::services::follows::follow::confirm(&state, &token).await?;
    leptos_axum::redirect(&format!("{path}?bekreftet=1"));
    Ok(())
}

/// Public: the token from a mail's unsubscribe link is the proof. The titles of the cases it
/// would stop; changes nothing (the button posts to the link itself).
#[server(prefix = "/api", endpoint = "preview_unsubscribe", input = server_fn::codec::GetUrl)]
pub async fn preview_unsubscribe(token: String) -> Result<Vec<String>, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::follows::unsubscribe::preview(&state, &token).await
}

/// The logged-in citizen's follows (Min side).
#[server(prefix = "/api", endpoint = "my_follows", input = server_fn::codec::GetUrl)]
pub async fn my_follows() -> Result<Vec<MyFollow>, AppError> {
    let state = crate::ssr::app_state()?;
    let session = crate::ssr::security::auth::session().await?;
    let citizen = crate::ssr::security::auth::require_citizen(&state, &session).await?;
    crate::ssr::services::follows::mine::my_follows(&state, &citizen).await
}

/// Sets how often the citizen hears of one of their follows.
#[server(prefix = "/api", endpoint = "set_follow_cadence")]
pub async fn set_follow_cadence(
    csrf_token: String,
    follow_id: i64,
    cadence: String,
) -> Result<(), AppError> {
    use crate::domain::follow::Cadence;
    use crate::ssr::{http::csrf, security::auth, services::follows::mine};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    let cadence = Cadence::parse(&cadence)
        .ok_or_else(|| AppError::field("cadence", "follow.cadence_invalid"))?;
    mine::set_cadence(&state, &citizen, follow_id, cadence).await
}

/// Stops one of the citizen's follows (Min side).
#[server(prefix = "/api", endpoint = "unfollow")]
pub async fn unfollow(csrf_token: String, follow_id: i64) -> Result<(), AppError> {
    use crate::ssr::{http::csrf, security::auth, services::follows::mine};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    csrf::verify(&csrf_token)?;
    let citizen = auth::require_citizen(&state, &session).await?;
    mine::unfollow(&state, &citizen, follow_id).await
}
