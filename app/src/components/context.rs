//! What every component may need from the request: the interface language and the CSRF token.
//! On the server both come from the request; in the browser, from the server-rendered document.

use crate::domain::lang::Lang;
use crate::i18n::I18n;
use leptos::prelude::*;

/// The current CSRF token, rendered into every form.
#[derive(Debug, Clone)]
pub struct Csrf(pub String);

/// Bumped after login and logout, so that what depends on who is logged in reloads.
#[derive(Debug, Clone, Copy)]
pub struct AuthEpoch(pub RwSignal<u32>);

pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|p| {
                crate::i18n::request_lang(
                    p.headers
                        .get_all(http::header::COOKIE)
                        .iter()
                        .filter_map(|v| v.to_str().ok()),
                    p.headers
                        .get(crate::i18n::DEFAULT_LANG_HEADER)
                        .and_then(|v| v.to_str().ok()),
                )
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::from_code(&l))
            .unwrap_or_default()
    }
}

pub fn initial_csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::dto::auth::CsrfToken>().cloned())
            .map(|t| t.0)
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .query_selector("meta[name=csrf-token]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("content"))
            .unwrap_or_default()
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
}

pub fn use_csrf() -> String {
    use_context::<Csrf>().map(|c| c.0).unwrap_or_default()
}

pub fn use_auth_epoch() -> RwSignal<u32> {
    use_context::<AuthEpoch>()
        .map(|a| a.0)
        .unwrap_or_else(|| RwSignal::new(0))
}
