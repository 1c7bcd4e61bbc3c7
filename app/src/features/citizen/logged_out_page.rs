//! Where a citizen lands after logging out (here and at ID-porten).

use crate::components::context::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoggedOutPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("logged_out.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("logged_out.title")}</h1>
        <p class="ds-paragraph">{i.t("logged_out.body")}</p>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::HOME>{i.t("error.home")}</a></p>
    }
}
