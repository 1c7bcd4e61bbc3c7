//! The organisation's published dialogue spaces: each with its kind, when it is open, and how
//! many posts it has.

use super::api::list_dialogues;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DialoguesPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let list = Resource::new(slug, list_dialogues);
    view! {
        <Title text=i.t("dialogue.list.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("dialogue.list.title")}</h1>
        <p class="ds-paragraph">{i.t("dialogue.list.intro")}</p>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="ds-paragraph">{i.t("dialogue.list.none")}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="link-list">
                            {items.into_iter().map(|s| view! {
                                <li>
                                    <a class="ds-link" href=crate::paths::dialogue(&slug(), s.id)>{s.title.clone()}</a>
                                    <br/>
                                    <span class="ds-paragraph" data-size="sm">
                                        {i.t(s.kind.label_key())}" · "
                                        {if s.open { i.t("dialogue.list.open") } else { i.t("dialogue.list.closed") }}" · "
                                        {i.tf("dialogue.list.posts", &[("count", &s.posts.to_string())])}" · "
                                        {format::date_time(i.lang(), s.opens_at)}
                                    </span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
