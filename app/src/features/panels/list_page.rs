//! The organisation's panels that take new members, each with a link to join.

use super::api::list_panels;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PanelsPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let list = Resource::new(slug, list_panels);
    view! {
        <Title text=i.t("panels.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("panels.title")}</h1>
        <p class="ds-paragraph">{i.t("panels.intro")}</p>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="ds-paragraph">{i.t("panels.none")}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="link-list">
                            {items.into_iter().map(|p| view! {
                                <li><a class="ds-link" href=crate::paths::panel(&slug(), p.id)>{p.name.clone()}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
