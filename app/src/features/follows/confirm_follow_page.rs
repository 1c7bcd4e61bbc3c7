//! The page behind a follow confirmation link: which case, and a button (a POST) that confirms,
//! so that a mail scanner opening the link follows nothing.

use crate::components::context::use_i18n;
use crate::components::form::CsrfField;
use crate::components::status::LinkError;
use crate::features::follows::api::preview_follow;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmFollowPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let result = Resource::new(token, preview_follow);
    view! {
        <Title text=i.t("follow.confirm.title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(title) => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("follow.confirm.title")}</h1>
                        <p class="ds-paragraph">{i.tf("follow.confirm.body", &[("title", &title)])}</p>
                        <form method="post" action=crate::paths::CONFIRM_FOLLOW_ACTION class="form">
                            <CsrfField/>
                            <input type="hidden" name="token" value=token()/>
                            <button class="ds-button" data-variant="primary" type="submit">
                                {i.t("follow.confirm.button")}
                            </button>
                        </form>
                    }.into_any(),
                    Err(e) => view! { <LinkError error=e heading="follow.confirm.invalid_heading" body="follow.confirm.invalid_body"/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
