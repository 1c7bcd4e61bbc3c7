//! Innspill: e-participation for Norwegian municipalities. Everything a page needs lives in this
//! crate, in layers that import downwards only (`make lint` checks it with tools/layers):
//!
//! - `domain`: pure types and rules, and the parser of every form (`NewComment::parse`,
//!   `HearingDraft::parse`, `Proposal::parse`, …): a service receives parsed values;
//! - `dto`, `error`: what crosses the wire, and `AppError`, the error of every server function;
//! - `i18n`, `paths`: strings and formatting in Europe/Oslo; every URL the app builds;
//! - `ssr` (feature `ssr`): server-only code — state, http, security, db, services, signing,
//!   the adapters;
//! - `testing`, `demo` (features `testing`, `demo`): test support and demo data, never in a
//!   release build;
//! - `components`, `features`, `routes`: shared UI, one folder per capability, the router.
//!
//! Good examples to copy: `ssr::batch` (a small generic batcher whose policy is a pure,
//! sentence-tested function), `AppError` at the boundary with internals logged under a
//! reference, `domain::national_id::NationalId` (masked `Debug`), `on_both_databases!` for
//! tests on SQLite and PostgreSQL, and the process tests in `server/tests/processes`.

#![recursion_limit = "256"]

pub mod components;
#[cfg(any(feature = "demo", all(test, feature = "ssr")))]
pub mod demo;
pub mod domain;
pub mod dto;
pub mod error;
pub mod features;
pub mod i18n;
pub mod paths;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(all(feature = "ssr", any(test, feature = "testing")))]
pub mod testing;

#[cfg(feature = "ssr")]
use leptos::prelude::*;

pub use routes::App;

/// The HTML document around the app, rendered on the server.
#[cfg(feature = "ssr")]
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    use leptos_meta::MetaTags;
    let lang = components::context::initial_lang();
    let csrf = components::context::initial_csrf_token();
    let files = ssr::http::site::SiteFiles::current();
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="csrf-token" content=csrf/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=format!("{}/{}", paths::PKG, files.css)/>
                <components::islands::IslandScripts js=files.js.clone() wasm=files.wasm.clone()/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: scripts only from this site or with this response's
/// nonce (the islands' loader carries it).
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let Some(res) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce()
        .map(|n| format!(" 'nonce-{}'", n.as_inner()))
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{nonce}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = http::HeaderValue::from_str(&csp) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

#[cfg(all(test, feature = "ssr"))]
mod debug_only_tests {
    use crate::domain::submission::comment::CommentForm;
    use crate::ssr::db::entities::{person, staff_user};

    #[test]
    fn structs_with_personal_data_show_no_personal_data_in_debug() {
        let now = chrono::Utc::now();
        let p = person::Model {
            id: 7,
            issuer: "https://idporten.no".into(),
            subject: "sub-123".into(),
            pid_hash: Some("hash-of-the-national-id".into()),
            given_name: Some("Kari".into()),
            family_name: Some("Nordmann".into()),
            email: Some("kari@example.org".into()),
            lang: "nb".into(),
            created_at: now,
            last_login_at: now,
        };
        let u = staff_user::Model {
            id: 3,
            email: "sigurd@eksempel.kommune.no".into(),
            name: "Sigurd".into(),
            password_hash: "$argon2id$v=19$secret".into(),
            active: true,
            lang: "nb".into(),
            created_at: now,
            platform_admin: false,
            totp_secret: Some("sealed-totp-secret".into()),
            totp_step: Some(1),
            session_epoch: 0,
        };
        let form = CommentForm {
            name: "Kari Nordmann".into(),
            email: "kari@example.org".into(),
            general_comment: "Min mening om saken".into(),
            ..Default::default()
        };
        let shown = format!("{p:?} {u:?} {form:?}");
        for personal in [
            "sub-123",
            "hash-of-the-national-id",
            "Kari",
            "Nordmann",
            "kari@example.org",
            "sigurd@",
            "Sigurd",
            "argon2",
            "sealed-totp-secret",
            "Min mening",
        ] {
            assert!(!shown.contains(personal), "{personal} in {shown}");
        }
        assert!(
            shown.contains("id: 7") && shown.contains("id: 3"),
            "{shown}"
        );
    }
}
