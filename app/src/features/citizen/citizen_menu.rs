//! The citizen menu in the header: "Log in" with ID-porten, or the citizen's name, their page
//! and "Log out". A page rendered for the page cache carries both forms, the name a
//! placeholder (`ssr::http::page_cache`), so that it serves readers and logged-in citizens.

use crate::components::context::use_i18n;
use crate::components::form::CsrfField;
use crate::features::citizen::api::current_citizen;
use crate::paths::{CITIZEN_LOGOUT_PATH, citizen_login_href};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// "Log in" with ID-porten for citizens (a plain link that comes back to this page), or the
/// citizen's name, their page and "Log out".
#[component]
pub fn CitizenMenu() -> impl IntoView {
    let i = use_i18n();
    view! {
        <nav class="citizen-menu" aria-label=i.t("layout.citizen_menu")>
            {if for_the_cache() { view! { <BothForms/> }.into_any() } else { view! { <OneForm/> }.into_any() }}
        </nav>
    }
}

/// Whether this render goes into the page cache.
fn for_the_cache() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::http::page_cache::is_fill()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// The menu for whoever holds this session.
#[component]
fn OneForm() -> impl IntoView {
    let me = Resource::new(|| (), |_| current_citizen());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(c)) => {
                        let name = c.name.unwrap_or_else(|| use_i18n().t("me.title"));
                        view! { <LoggedIn name/> }.into_any()
                    }
                    _ => view! { <LogIn/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Both forms between the page cache's marks, the name a placeholder.
#[component]
fn BothForms() -> impl IntoView {
    let [start, or, end, name] = marks();
    view! {
        {start}<LogIn/>{or}<LoggedIn name=name.to_string()/>{end}
    }
}

/// The page cache's marks and name placeholder (none in the browser, which renders no page).
fn marks() -> [&'static str; 4] {
    #[cfg(feature = "ssr")]
    {
        let m = &*crate::ssr::http::page_cache::MARKS;
        [
            m.menu_start.as_str(),
            m.menu_or.as_str(),
            m.menu_end.as_str(),
            m.name.as_str(),
        ]
    }
    #[cfg(not(feature = "ssr"))]
    {
        [""; 4]
    }
}

#[component]
fn LoggedIn(name: String) -> impl IntoView {
    let i = use_i18n();
    view! {
        <a class="ds-link" href=crate::paths::MY_PAGE>{name}</a>
        <form method="post" action=CITIZEN_LOGOUT_PATH class="inline-form">
            <CsrfField/>
            <button class="ds-button" data-variant="tertiary" type="submit">
                {i.t("nav.citizen_logout")}
            </button>
        </form>
    }
}

#[component]
fn LogIn() -> impl IntoView {
    let i = use_i18n();
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{}", search.trim_start_matches('?'))
        }
    };
    view! {
        <a class="ds-link" rel="external" href=move || citizen_login_href(&here())>
            {i.t("nav.citizen_login")}
        </a>
    }
}
