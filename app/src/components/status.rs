//! Error pages inside the app, with the real HTTP status on the server-rendered response.

use super::context::use_i18n;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the HTTP status of the server-rendered response (no effect in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        r.set_status(
            http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A full-page error: heading, explanation, a way on, and the matching status code.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let i = use_i18n();
    set_status(error.status());
    let (title, body) = match &error {
        AppError::NotFound => (i.t("error.not_found.title"), i.t("error.not_found.body")),
        AppError::Forbidden => (i.t("error.forbidden.title"), i.t("error.forbidden.body")),
        AppError::CrossSite => (i.t("error.cross_site.title"), i.t("error.cross_site.body")),
        AppError::Unauthorized => (
            i.t("error.unauthorized.title"),
            i.t("error.unauthorized.body"),
        ),
        AppError::Internal { reference } => (
            i.t("error.internal.title"),
            i.tf("error.internal.body", &[("reference", reference)]),
        ),
        _ => (i.t("error.internal.title"), i.t("error.generic")),
    };
    let login = matches!(error, AppError::Unauthorized);
    view! {
        <Title text=title.clone()/>
        <h1 class="ds-heading" data-size="lg">{title}</h1>
        <p class="ds-paragraph">{body}</p>
        <p class="ds-paragraph">
            {login.then(|| view! {
                <a class="ds-link" href=crate::paths::STAFF_LOGIN>{i.t("nav.staff_login")}</a>" · "
            })}
            <a class="ds-link" href=crate::paths::HOME>{i.t("error.home")}</a>
        </p>
    }
}

/// The page for an unknown address.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound/> }
}

/// A message for an error that is not about one field (shown above a form).
pub fn error_message(i: crate::i18n::I18n, e: &AppError) -> String {
    match e {
        AppError::Validation(_) => i.t("form.fix_errors"),
        AppError::Conflict(key) | AppError::Unavailable(key) => i.t(key),
        AppError::RateLimited {
            retry_after_minutes,
        } => i.tf(
            "login.rate_limited",
            &[("minutes", &retry_after_minutes.to_string())],
        ),
        AppError::Forbidden => i.t("error.forbidden.body"),
        AppError::CrossSite => i.t("error.cross_site.body"),
        AppError::Unauthorized => i.t("error.unauthorized.body"),
        AppError::NotFound => i.t("error.not_found.body"),
        AppError::Internal { reference } => {
            i.tf("error.internal.body", &[("reference", reference)])
        }
        AppError::ServerFn(_) => i.t("error.generic"),
    }
}

/// The page behind a mailed link that does not work: unknown, used or expired (404, with the
/// `heading` and `body` keys saying what to do), or another error; `children` offer a way on.
#[component]
pub fn LinkError(
    error: AppError,
    heading: &'static str,
    body: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i = use_i18n();
    let (heading, body) = match error {
        AppError::NotFound => {
            set_status(404);
            (i.t(heading), i.t(body))
        }
        e => {
            set_status(e.status());
            (i.t("error.internal.title"), error_message(i, &e))
        }
    };
    view! {
        <h1 class="ds-heading" data-size="lg">{heading}</h1>
        <p class="ds-paragraph">{body}</p>
        {children.map(|c| c())}
    }
}
