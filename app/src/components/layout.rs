//! The frame of every page: skip link, header (site, the account menus it is given, language
//! switch), main, footer. The menus come from the features that know who is logged in.

use super::context::use_i18n;
use crate::domain::lang::Lang;
use crate::paths::language_href;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(
    /// The citizen's and the staff user's menus, shown in the header.
    menus: AnyView,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <a class="ds-skip-link" href="#main" rel="external">{i.t("layout.skip_to_content")}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-name" href=crate::paths::HOME>"Innspill"</a>
                <nav class="main-nav" aria-label=i.t("layout.main_nav")>
                    <a class="ds-link" href=crate::paths::HEARINGS>{i.t("nav.hearings")}</a>
                    <a class="ds-link" href=crate::paths::INITIATIVES>{i.t("nav.initiatives")}</a>
                </nav>
                {menus}
                <LanguageSwitch/>
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <nav aria-label=i.t("footer.label")>
                <ul class="site-footer__links">
                    <li><a class="ds-link" href=crate::paths::PRIVACY>{i.t("footer.privacy")}</a></li>
                    <li><a class="ds-link" href=crate::paths::ACCESSIBILITY>{i.t("footer.accessibility")}</a></li>
                    <li><a class="ds-link" href=crate::paths::PROCESSING_RECORDS>{i.t("footer.records")}</a></li>
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
                    let href = move || language_href(l.code(), &location.pathname.get());
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
