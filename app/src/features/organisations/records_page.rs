//! An organisation's records of processing (GDPR art. 30), in its written standard, and the
//! list of organisations that leads to them (linked from every page's footer).

use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::features::organisations::api::{list_organisations, processing_records};
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RecordsPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let records = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        processing_records,
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match records.await {
                    Ok(r) => {
                        // The organisation's own written standard, whatever the reader chose.
                        let o = I18n(r.lang);
                        let title = o.tf("records.title", &[("organisation", &r.organisation)]);
                        view! {
                            <Title text=title.clone()/>
                            <div lang=r.lang.code()>
                                <h1 class="ds-heading" data-size="lg">{title}</h1>
                                <p class="ds-paragraph">{o.tf("records.intro", &[("organisation", &r.organisation)])}</p>
                                {r.activities.into_iter().map(|a| {
                                    let key = |part: &str| format!("records.{}.{part}", a.key);
                                    let figures: Vec<(&str, &str)> = a.figures.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                                    view! {
                                        <section aria-labelledby=format!("act-{}", a.key)>
                                            <h2 class="ds-heading" data-size="md" id=format!("act-{}", a.key)>{o.t(&key("name"))}</h2>
                                            <dl class="facts">
                                                <dt>{o.t("records.purpose")}</dt><dd>{o.t(&key("purpose"))}</dd>
                                                <dt>{o.t("records.basis")}</dt><dd>{o.t(&key("basis"))}</dd>
                                                <dt>{o.t("records.data")}</dt><dd>{o.t(&key("data"))}</dd>
                                                <dt>{o.t("records.retention")}</dt><dd>{o.tf(&key("retention"), &figures)}</dd>
                                                <dt>{o.t("records.recipients")}</dt><dd>{o.t(&key("recipients"))}</dd>
                                            </dl>
                                        </section>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RecordsIndexPage() -> impl IntoView {
    let i = use_i18n();
    let orgs = Resource::new(|| (), |_| list_organisations());
    view! {
        <Title text=i.t("records.index_title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("records.index_title")}</h1>
        <p class="ds-paragraph">{i.t("records.index_intro")}</p>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let list = orgs.await.unwrap_or_default();
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|o| view! {
                            <li><a class="ds-link" href=crate::paths::processing_records(&o.slug)>{o.name}</a></li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </Suspense>
    }
}
