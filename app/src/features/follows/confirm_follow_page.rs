//! The page behind a follow confirmation link: which case, and a button (a POST) that confirms,
//! so that a mail scanner opening the link follows nothing.

use crate::components::context::use_i18n;
use crate::components::form::CsrfField;
use crate::components::status::set_status;
use crate::error::AppError;
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
                    Err(e) => {
                        let (heading, body) = match e {
                            AppError::NotFound => {
                                set_status(404);
                                (i.t("follow.confirm.invalid_heading"), i.t("follow.confirm.invalid_body"))
                            }
                            e => {
                                set_status(e.status());
                                (i.t("error.internal.title"), crate::components::status::error_message(i, &e))
                            }
                        };
                        view! {
                            <h1 class="ds-heading" data-size="lg">{heading}</h1>
                            <p class="ds-paragraph">{body}</p>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
