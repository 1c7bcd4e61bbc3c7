//! The citizen menu in the header: "Log in" with ID-porten, or the citizen's name, their page
//! and "Log out".

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
    let location = use_location();
    let me = Resource::new(|| (), |_| current_citizen());
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
        <nav class="citizen-menu" aria-label=i.t("layout.citizen_menu")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(c)) => view! {
                            <a class="ds-link" href=crate::paths::MY_PAGE>{c.name.unwrap_or_else(|| i.t("me.title"))}</a>
                            <form method="post" action=CITIZEN_LOGOUT_PATH class="inline-form">
                                <CsrfField/>
                                <button class="ds-button" data-variant="tertiary" type="submit">
                                    {i.t("nav.citizen_logout")}
                                </button>
                            </form>
                        }.into_any(),
                        _ => view! {
                            <a class="ds-link" rel="external" href=move || citizen_login_href(&here())>
                                {i.t("nav.citizen_login")}
                            </a>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </nav>
    }
}
