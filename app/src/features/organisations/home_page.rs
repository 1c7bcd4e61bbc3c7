//! The front page: what Innspill is, what is open now across the installation, and the
//! organisations on it.

use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::domain::organisation::OrgKind;
use crate::features::organisations::api::{list_organisations, open_now};
use crate::features::organisations::open_now::OpenNowView;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomePage() -> impl IntoView {
    let i = use_i18n();
    let orgs = Resource::new(|| (), |_| list_organisations());
    let open = Resource::new(|| (), |_| open_now(None));
    view! {
        <Title text=i.t("home.title")/>
        <Meta name="description" content=i.t("home.description")/>
        <h1 class="ds-heading" data-size="xl">{i.t("home.heading")}</h1>
        <p class="ds-paragraph" data-size="lg">{i.t("home.intro")}</p>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match open.await {
                    Ok(open) => view! { <OpenNowView open org=None/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
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
