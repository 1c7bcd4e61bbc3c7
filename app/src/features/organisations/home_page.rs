//! The front page: what Innspill is, and the organisations on this installation.

use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::domain::organisation::OrgKind;
use crate::features::organisations::api::list_organisations;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let i = use_i18n();
    let orgs = Resource::new(|| (), |_| list_organisations());
    view! {
        <Title text=i.t("home.title")/>
        <h1 class="ds-heading" data-size="xl">{i.t("home.heading")}</h1>
        <p class="ds-paragraph" data-size="lg">{i.t("home.intro")}</p>
        <h2 class="ds-heading" data-size="md">{i.t("home.organisations")}</h2>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match orgs.await {
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list.into_iter().map(|o| {
                                let kind = match o.kind {
                                    OrgKind::Municipality => i.t("org.kind.municipality"),
                                    OrgKind::County => i.t("org.kind.county"),
                                };
                                view! {
                                    <li class="ds-card">
                                        <h3 class="ds-heading" data-size="sm">
                                            <a class="ds-link" href=crate::paths::organisation(&o.slug)>{o.name}</a>
                                        </h3>
                                        <p class="ds-paragraph">{kind}" · "{o.number}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
