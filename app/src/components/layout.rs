//! The frame of every page: skip link, header (site, staff menu, language switch), main, footer.

use super::context::{use_auth_epoch, use_i18n};
use super::form::CsrfField;
use crate::domain::lang::Lang;
use crate::features::auth::api::{StaffLogout, current_staff_summary};
use crate::features::citizen::api::current_citizen;
use crate::routes::{CITIZEN_LOGOUT_PATH, citizen_login_href, urlencode};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i = use_i18n();
    view! {
        <a class="ds-skip-link" href="#main" rel="external">{i.t("layout.skip_to_content")}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-name" href="/">"Innspill"</a>
                <nav class="main-nav" aria-label=i.t("layout.main_nav")>
                    <a class="ds-link" href="/horinger">{i.t("nav.hearings")}</a>
                    <a class="ds-link" href="/innbyggerforslag">{i.t("nav.initiatives")}</a>
                </nav>
                <CitizenMenu/>
                <StaffMenu/>
                <LanguageSwitch/>
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <nav aria-label=i.t("footer.label")>
                <ul class="site-footer__links">
                    <li><a class="ds-link" href="/personvern">{i.t("footer.privacy")}</a></li>
                    <li><a class="ds-link" href="/tilgjengelighet">{i.t("footer.accessibility")}</a></li>
                </ul>
            </nav>
        </footer>
    }
}

/// Links to another language; a plain link, so it works without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i = use_i18n();
    let location = use_location();
    view! {
        <nav class="lang-switch" aria-label=i.t("layout.language")>
            <ul>
                {Lang::ALL.into_iter().map(|l| {
                    let current = l == i.lang();
                    let href = move || format!("/sprak/{}?til={}", l.code(),
                        urlencode(&location.pathname.get()));
                    view! {
                        <li>
                            <a class="ds-link" href=href rel="external" lang=l.code() hreflang=l.code()
                                aria-current=current.then_some("true")>{l.native_name()}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// "Log in" for staff, or the logged-in staff user's name, their page and "Log out".
#[component]
fn StaffMenu() -> impl IntoView {
    let i = use_i18n();
    let epoch = use_auth_epoch();
    let me = Resource::new(move || epoch.get(), |_| current_staff_summary());
    let logout = ServerAction::<StaffLogout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            epoch.update(|n| *n += 1);
        }
    });
    view! {
        <nav class="staff-menu" aria-label=i.t("layout.staff_menu")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(s)) => view! {
                            <a class="ds-link" href="/ansatt">{s.name}</a>
                            <ActionForm action=logout attr:class="inline-form">
                                <CsrfField/>
                                <button class="ds-button" data-variant="tertiary" type="submit">
                                    {i.t("nav.logout")}
                                </button>
                            </ActionForm>
                        }.into_any(),
                        _ => view! {
                            <a class="ds-link" href="/ansatt/logg-inn">{i.t("nav.staff_login")}</a>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </nav>
    }
}

/// "Log in" with ID-porten for citizens (a plain link that comes back to this page), or the
/// citizen's name, their page and "Log out".
#[component]
fn CitizenMenu() -> impl IntoView {
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
                            <a class="ds-link" href="/meg">{c.name.unwrap_or_else(|| i.t("me.title"))}</a>
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
