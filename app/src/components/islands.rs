//! Islands: the only parts of a page that run in the browser.
//!
//! Every page is HTML rendered on the server, and every form is a plain
//! `<form method="post">` to its server function that redirects back with the result — with or
//! without JavaScript. A component becomes an `#[island]` only where the browser adds something
//! a reader notices, and its props are small serialisable values (never a resource, a router
//! hook or the server's context: an island has none of them in the browser).
//!
//! The islands today: one, `features::surveys::conditions::ConditionalQuestions`, on a
//! respondent's page (questions shown at once as the question they depend on is answered).
//! Every page of hearings, initiatives and the staff's work is a document or a form, and a
//! post with a redirect is as quick here as a re-render in the browser and works the same in
//! every browser — so no other page loads wasm. Candidates, when their issues land: a town
//! hall's live updates, and signing's instant count if measurements show the reload is felt.
//!
//! Deliberately never islands: the header menus, the comment, proposal and login forms, the
//! staff workbench and editors, and client-side navigation (it would ship the whole app). Keep
//! islands out of `<Suspense>` and give them no children: each is a leaf with its own props.
//!
//! [`IslandScripts`] loads the wasm only on a page that has an island, once the document is
//! parsed; a page without one loads no script but this loader. It marks `<body data-hydrated>`
//! when the page's islands are live (or at once when there are none), for browser tests.

use leptos::prelude::*;

/// The loader of the page's islands, in `<head>`: `js` and `wasm` are the site's file names
/// under `/pkg`. Rendering continues without hydration markers: only islands are hydrated.
#[component]
pub fn IslandScripts(js: String, wasm: String) -> impl IntoView {
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let args = serde_json::json!([
        format!("{}/{js}", crate::paths::PKG),
        format!("{}/{wasm}", crate::paths::PKG)
    ]);
    let script = format!("({})(...{args});", include_str!("islands.js").trim_end());
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce>{script}</script> }
}
