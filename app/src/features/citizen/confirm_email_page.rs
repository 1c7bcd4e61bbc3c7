//! The page behind the emailed confirmation link: the address and a button (a POST) that
//! confirms it, so that a link scanner opening the link confirms nothing; and the page that
//! says it is done.

use crate::components::context::use_i18n;
use crate::components::form::CsrfField;
use crate::components::status::LinkError;
use crate::features::citizen::api::preview_citizen_email;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let result = Resource::new(token, preview_citizen_email);
    view! {
        <Title text=i.t("me.email.confirm_title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(email) => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("me.email.confirm_title")}</h1>
                        <p class="ds-paragraph">{i.tf("me.email.confirm_body", &[("email", &email)])}</p>
                        <form method="post" action=crate::paths::CONFIRM_EMAIL_ACTION class="form">
                            <CsrfField/>
                            <input type="hidden" name="token" value=token()/>
                            <button class="ds-button" data-variant="primary" type="submit">
                                {i.t("me.email.confirm_button")}
                            </button>
                        </form>
                    }.into_any(),
                    Err(e) => view! { <LinkError error=e heading="me.email.link_invalid_heading" body="me.email.link_invalid_body">
                            <p class="ds-paragraph"><a class="ds-link" href=crate::paths::MY_PAGE>{i.t("me.title")}</a></p>
                        </LinkError> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Where the button leads: the address is confirmed.
#[component]
pub fn EmailConfirmedPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("me.email.confirmed_heading")/>
        <h1 class="ds-heading" data-size="lg">{i.t("me.email.confirmed_heading")}</h1>
        <p class="ds-paragraph">{i.t("me.email.confirmed_body")}</p>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::MY_PAGE>{i.t("me.title")}</a></p>
    }
}
