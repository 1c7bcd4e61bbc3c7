//! An organisation's surveys for the public: those taking answers, and those whose results are
//! published.

use super::api::list_surveys;
use super::staff_list_page::status_tag;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrgSurveysPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let list = Resource::new(slug, |s| list_surveys(Some(s)));
    view! {
        <Title text=i.t("surveys.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("surveys.title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="ds-paragraph">{i.t("surveys.none")}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="plain-list card-list">
                            {items.into_iter().map(|s| view! {
                                <li>
                                    <h2 class="ds-heading" data-size="sm">
                                        <a class="ds-link" href=crate::paths::survey(&s.organisation_slug, s.id)>{s.title.clone()}</a>
                                    </h2>
                                    <p class="ds-paragraph">
                                        {status_tag(i, s.status)}" "
                                        {s.results_published.then(|| view! {
                                            <a class="ds-link" href=crate::paths::survey_results(&s.organisation_slug, s.id)>{i.t("survey.page.results")}</a>
                                        })}
                                    </p>
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
