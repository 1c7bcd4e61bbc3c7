//! Fixed information pages: privacy and accessibility.

use crate::components::context::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("privacy.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("privacy.title")}</h1>
        <p class="ds-paragraph">{i.t("privacy.intro")}</p>
        <h2 class="ds-heading" data-size="md">{i.t("privacy.staff_heading")}</h2>
        <p class="ds-paragraph">{i.t("privacy.staff_body")}</p>
        <h2 class="ds-heading" data-size="md">{i.t("privacy.citizen_heading")}</h2>
        <p class="ds-paragraph">{i.t("privacy.citizen_body")}</p>
        <h2 class="ds-heading" data-size="md">{i.t("privacy.cookies_heading")}</h2>
        <p class="ds-paragraph">{i.t("privacy.cookies_body")}</p>
        <h2 class="ds-heading" data-size="md">{i.t("privacy.rights_heading")}</h2>
        <p class="ds-paragraph">{i.t("privacy.rights_body")}</p>
        <p class="ds-paragraph">
            <a class="ds-link" href=crate::paths::PROCESSING_RECORDS>{i.t("privacy.records_link")}</a>
        </p>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("a11y.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("a11y.title")}</h1>
        <p class="ds-paragraph">{i.t("a11y.intro")}</p>
        <p class="ds-paragraph">{i.t("a11y.org_statements")}</p>
    }
}
