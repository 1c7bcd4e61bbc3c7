//! The page behind the unsubscribe link in every notification: which cases it stops, and a
//! button that posts to the link itself — the same POST a mail client sends for a one-click
//! unsubscribe (RFC 8058), answered by the `server`'s route. And the page that says it is done.

use crate::components::context::use_i18n;
use crate::components::status::LinkError;
use crate::features::follows::api::preview_unsubscribe;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let result = Resource::new(token, preview_unsubscribe);
    view! {
        <Title text=i.t("follow.unsubscribe.title")/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(titles) if titles.is_empty() => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("follow.unsubscribe.done_heading")}</h1>
                        <p class="ds-paragraph">{i.t("follow.unsubscribe.nothing_left")}</p>
                    }.into_any(),
                    Ok(titles) => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("follow.unsubscribe.title")}</h1>
                        <p class="ds-paragraph">{i.t("follow.unsubscribe.body")}</p>
                        <ul class="plain-list">
                            {titles.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                        </ul>
                        <form method="post" action=crate::paths::unsubscribe(&token()) class="form">
                            <input type="hidden" name="List-Unsubscribe" value="One-Click"/>
                            <button class="ds-button" data-variant="primary" type="submit">
                                {i.t("follow.unsubscribe.button")}
                            </button>
                        </form>
                    }.into_any(),
                    Err(e) => view! { <LinkError error=e heading="follow.unsubscribe.invalid_heading" body="follow.unsubscribe.invalid_body"/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Where the unsubscribe button leads.
#[component]
pub fn UnsubscribedPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("follow.unsubscribe.done_heading")/>
        <h1 class="ds-heading" data-size="lg">{i.t("follow.unsubscribe.done_heading")}</h1>
        <p class="ds-paragraph">{i.t("follow.unsubscribe.done_body")}</p>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::HOME>{i.t("follow.unsubscribe.home")}</a></p>
    }
}
