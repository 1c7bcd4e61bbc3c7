//! An organisation's own pages: its header band and front page. Hearings and initiatives will
//! hang below `/org/<slug>/`.

use super::api::{OrganisationDto, get_organisation};
use crate::components::context::use_i18n;
use crate::components::format;
use crate::components::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;

/// The organisation's band (name, its pages) above every page under `/org/<slug>`.
#[component]
pub fn OrganisationLayout() -> impl IntoView {
    let params = use_params_map();
    let org = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        get_organisation,
    );
    let i = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match org.await {
                    Ok(o) => {
                        let a11y = o.accessibility_url.clone();
                        let name = o.name.clone();
                        provide_context(o.clone());
                        view! {
                            <div class="org-band">
                                <p class="org-band__name">{name.clone()}</p>
                                {a11y.map(|url| view! {
                                    <a class="ds-link" href=url>
                                        {i.tf("org.accessibility_statement", &[("name", &name)])}
                                    </a>
                                })}
                            </div>
                            <Outlet/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i = use_i18n();
    let Some(o) = use_context::<OrganisationDto>() else {
        return view! { <ErrorPage error=crate::error::AppError::NotFound/> }.into_any();
    };
    let lang = i.lang();
    let kind = match o.kind {
        crate::domain::organisation::OrgKind::Municipality => i.t("org.kind.municipality"),
        crate::domain::organisation::OrgKind::County => i.t("org.kind.county"),
    };
    view! {
        <Title text=o.name.clone()/>
        <h1 class="ds-heading" data-size="lg">{o.name.clone()}</h1>
        <dl class="facts">
            <dt>{i.t("org.kind")}</dt><dd>{kind}</dd>
            <dt>{i.t("org.number")}</dt><dd>{o.number.clone()}</dd>
            <dt>{i.t("org.population")}</dt>
            <dd>{i.tf("org.population_value", &[
                ("population", &format::number(lang, o.population)),
                ("date", &format::date(lang, o.population_date)),
            ])}</dd>
        </dl>
        <h2 class="ds-heading" data-size="md">{i.t("org.bodies")}</h2>
        {if o.bodies.is_empty() {
            view! { <p class="ds-paragraph">{i.t("org.no_bodies")}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {o.bodies.iter().map(|b| view! {
                        <li>{format!("{} ({})", b.name, i.t(b.kind.label_key()))}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p class="ds-paragraph">{i.t("org.coming")}</p>
    }
    .into_any()
}
