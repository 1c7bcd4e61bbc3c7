//! The page behind the emailed confirmation link.

use crate::components::context::use_i18n;
use crate::components::status::set_status;
use crate::error::AppError;
use crate::features::citizen::api::confirm_citizen_email;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let result = Resource::new(
        move || params.with(|p| p.get("token").unwrap_or_default()),
        confirm_citizen_email,
    );
    view! {
        <Title text=i.t("me.email.confirm_title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let (heading, body) = match result.await {
                    Ok(()) => (i.t("me.email.confirmed_heading"), i.t("me.email.confirmed_body")),
                    Err(AppError::NotFound) => {
                        set_status(404);
                        (i.t("me.email.link_invalid_heading"), i.t("me.email.link_invalid_body"))
                    }
                    Err(e) => {
                        set_status(e.status());
                        (i.t("error.internal.title"), crate::components::status::error_message(i, &e))
                    }
                };
                view! {
                    <h1 class="ds-heading" data-size="lg">{heading}</h1>
                    <p class="ds-paragraph">{body}</p>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::MY_PAGE>{i.t("me.title")}</a></p>
                }
            })}
        </Suspense>
    }
}
