//! An organisation's own pages: its header band and front page. Hearings and initiatives will
//! hang below `/org/<slug>/`.

use crate::features::organisations::api::{get_organisation, get_organisation_band, open_now};
use crate::features::organisations::open_now::OpenNowView;

use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::dto::organisations::OrganisationDto;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;

/// The organisation's band (name, its accessibility statement) above every page under
/// `/org/<slug>`. The pages below load what they need themselves: the band's own loading must
/// not make them render (and load) twice.
#[component]
pub fn OrganisationLayout() -> impl IntoView {
    let params = use_params_map();
    let band = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        get_organisation_band,
    );
    let i = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                band.await.ok().map(|o| {
                    let name = o.name.clone();
                    view! {
                        // The organisation's accent colour, as Designsystemet's tokens (a
                        // stylesheet, since the pages' policy allows no inline style).
                        {o.theme_url.map(|href| view! { <link rel="stylesheet" href=href/> })}
                        <div class="org-band">
                            <p class="org-band__name">
                                <a class="org-band__link" href=crate::paths::organisation(&o.slug)>
                                    // Decorative: the name beside it says what it is.
                                    {o.logo_url.map(|src| view! { <img class="org-band__logo" src=src alt="" height="40"/> })}
                                    {name.clone()}
                                </a>
                            </p>
                            {o.accessibility_url.map(|url| view! {
                                <a class="ds-link" href=url>
                                    {i.tf("org.accessibility_statement", &[("name", &name)])}
                                </a>
                            })}
                        </div>
                        {o.deactivated.then(|| view! {
                            <div class="ds-alert" data-color="warning" role="status">
                                <p class="ds-paragraph">{i.tf("org.deactivated", &[("name", &name)])}</p>
                            </div>
                        })}
                    }
                })
            })}
        </Suspense>
        <Outlet/>
    }
}

/// The organisation of the page (`/org/<slug>/…`), loaded by the page itself.
pub fn organisation_resource() -> Resource<Result<OrganisationDto, crate::error::AppError>> {
    let params = use_params_map();
    Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        get_organisation,
    )
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i = use_i18n();
    let org = organisation_resource();
    let params = use_params_map();
    let open = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        |slug| open_now(Some(slug)),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match (org.await, open.await) {
                    (Ok(o), Ok(open)) => view! { <OrganisationView o open/> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationView(o: OrganisationDto, open: crate::dto::organisations::OpenNow) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let kind = match o.kind {
        crate::domain::organisation::OrgKind::Municipality => i.t("org.kind.municipality"),
        crate::domain::organisation::OrgKind::County => i.t("org.kind.county"),
    };
    let slug = o.slug.clone();
    // The name in nynorsk for a reader who reads nynorsk, where it has one.
    let heading = match (lang, &o.name_nn) {
        (crate::domain::lang::Lang::Nn, Some(nn)) => nn.clone(),
        _ => o.name.clone(),
    };
    view! {
        <Title text=o.name.clone()/>
        <Meta name="description" content=i.tf("org.description", &[("name", &o.name)])/>
        <h1 class="ds-heading" data-size="lg">{heading}</h1>
        {o.name_sami.clone().map(|n| view! { <p class="ds-paragraph org-sami-name" lang="smi">{n}</p> })}
        <OpenNowView open org=Some(slug)/>
        <h2 class="ds-heading" data-size="md">{i.tf("org.about", &[("name", &o.name)])}</h2>
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
        <h2 class="ds-heading" data-size="md">{i.t("org.participate")}</h2>
        <ul class="link-list">
            <li><a class="ds-link" href=crate::paths::hearings(Some(&o.slug))>{i.tf("org.hearings_link", &[("name", &o.name)])}</a></li>
            <li><a class="ds-link" href=crate::paths::initiatives(Some(&o.slug))>{i.tf("org.initiatives_link", &[("name", &o.name)])}</a></li>
            <li><a class="ds-link" href=crate::paths::surveys(&o.slug)>{i.tf("org.surveys_link", &[("name", &o.name)])}</a></li>
            <li><a class="ds-link" href=crate::paths::panels(&o.slug)>{i.tf("org.panels_link", &[("name", &o.name)])}</a></li>
            <li><a class="ds-link" href=crate::paths::dialogues(&o.slug)>{i.tf("org.dialogue_link", &[("name", &o.name)])}</a></li>
        </ul>
    }
    .into_any()
}
