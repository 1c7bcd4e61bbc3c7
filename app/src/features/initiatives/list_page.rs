//! Lists of initiatives: across all organisations (`/innbyggerforslag`) or one organisation's,
//! narrowed by status and words (a plain GET form), a page at a time.

use super::components::InitiativeCard;
use crate::components::context::use_i18n;
use crate::components::list::{FilterForm, Pager, page_href, use_list_query};
use crate::components::status::ErrorPage;
use crate::domain::initiative::InitiativeStatus;
use crate::features::initiatives::api::list_initiatives;
use crate::features::organisations::api::list_organisations;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InitiativesPage() -> impl IntoView {
    view! { <InitiativeList fixed_slug=None/> }
}

#[component]
pub fn OrgInitiativesPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("slug"));
    view! { <InitiativeList fixed_slug=slug/> }
}

#[component]
fn InitiativeList(fixed_slug: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let params = use_list_query(fixed_slug.clone(), "all");
    let list = Resource::new(params.clone(), |(o, s, q, p)| {
        list_initiatives(o, Some(s), Some(q), Some(p))
    });
    let orgs = Resource::new(|| (), |_| list_organisations());
    let fixed = fixed_slug.is_some();
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || {
                let params = params.clone();
                Suspend::new(async move {
                    let (o, s, q, _) = params();
                    let orgs = orgs.await.unwrap_or_default();
                    let this_org = orgs.iter().find(|org| fixed && Some(&org.slug) == o.as_ref()).cloned();
                    if fixed && this_org.is_none() {
                        return view! { <ErrorPage error=crate::error::AppError::NotFound/> }.into_any();
                    }
                    let heading = match &this_org {
                        Some(org) => i.tf("initiative.list.org_heading", &[("name", &org.name)]),
                        None => i.t("initiative.list.heading"),
                    };
                    let base = crate::paths::initiatives(this_org.as_ref().map(|o| o.slug.as_str()));
                    let statuses: Vec<(String, String)> = std::iter::once(("all".to_string(), i.t("hearing.list.all_statuses")))
                        .chain(InitiativeStatus::ALL.into_iter().filter(|s| s.is_public())
                            .map(|s| (s.as_str().to_string(), i.t(s.label_key()))))
                        .collect();
                    let org_options: Vec<(String, String)> = std::iter::once((String::new(), i.t("hearing.list.all_organisations")))
                        .chain(orgs.iter().map(|o| (o.slug.clone(), o.name.clone())))
                        .collect();
                    let propose_links: Vec<(String, String)> = if fixed {
                        Vec::new()
                    } else {
                        orgs.iter().map(|o| (crate::paths::propose_initiative(&o.slug), o.name.clone())).collect()
                    };
                    let body = match list.await {
                        Ok(l) => {
                            let organisation = o.as_deref().filter(|_| !fixed);
                            let link = |page: u64| page_href(&base, organisation, &s, &q, page);
                            let prev = (l.page > 1).then(|| link(l.page - 1));
                            let next = (l.page < l.pages).then(|| link(l.page + 1));
                            view! {
                                <p class="ds-paragraph" role="status">{i.tf("initiative.list.count", &[("count", &l.total.to_string())])}</p>
                                {if l.items.is_empty() {
                                    view! { <p class="ds-paragraph">{i.t("initiative.list.none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="card-list">
                                            {l.items.into_iter().map(|s| view! { <InitiativeCard s show_org=!fixed/> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <Pager page=l.page pages=l.pages prev next/>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    };
                    view! {
                        <Title text=heading.clone()/>
                        <h1 class="ds-heading" data-size="lg">{heading}</h1>
                        <p class="ds-paragraph">{i.t("initiative.list.intro")}</p>
                        <crate::components::follow::FeedLink href=crate::paths::events_feed(
                            crate::domain::follow::CaseKind::Initiative, o.as_deref().filter(|_| fixed))/>
                        {this_org.map(|org| view! {
                            <p class="ds-paragraph">
                                <a class="ds-button" data-variant="primary" href=crate::paths::propose_initiative(&org.slug)>
                                    {i.t("initiative.list.propose")}
                                </a>
                            </p>
                        })}
                        <ProposeLinks links=propose_links/>
                        <FilterForm action=base.clone() organisations=(!fixed).then_some(org_options)
                            organisation=o.clone().unwrap_or_default() statuses status=s.clone() query=q.clone()
                            search_label=i.t("initiative.list.search")/>
                        {body}
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

/// On the list of all organisations: where to propose, one link per organisation.
#[component]
fn ProposeLinks(links: Vec<(String, String)>) -> impl IntoView {
    let i = use_i18n();
    (!links.is_empty()).then(|| {
        view! {
            <details class="propose-choice">
                <summary>{i.t("initiative.list.propose_choose")}</summary>
                <ul class="link-list">
                    {links.into_iter().map(|(href, name)| view! {
                        <li><a class="ds-link" href=href>{name}</a></li>
                    }).collect_view()}
                </ul>
            </details>
        }
    })
}
