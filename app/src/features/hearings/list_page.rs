//! Lists of hearings: across all organisations (`/horinger`) or one organisation's
//! (`/org/<slug>/horinger`), narrowed by organisation, status and words, a page at a time. The
//! filter is a plain GET form, so it works without JavaScript.

use super::components::HearingCard;
use crate::components::context::use_i18n;
use crate::components::list::{FilterForm, Pager, page_href, use_list_query};
use crate::components::status::ErrorPage;
use crate::domain::hearing::HearingStatus;
use crate::features::hearings::api::list_hearings;
use crate::features::organisations::api::list_organisations;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn HearingsPage() -> impl IntoView {
    view! { <HearingList fixed_slug=None/> }
}

#[component]
pub fn OrgHearingsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("slug"));
    view! { <HearingList fixed_slug=slug/> }
}

#[component]
fn HearingList(fixed_slug: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let params = use_list_query(fixed_slug.clone(), "open");
    let list = Resource::new(params.clone(), |(o, s, q, p)| {
        list_hearings(o, Some(s), Some(q), Some(p))
    });
    let orgs = Resource::new(|| (), |_| list_organisations());
    let base = crate::paths::hearings(fixed_slug.as_deref());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || {
                let base = base.clone();
                let params = params.clone();
                let fixed = fixed_slug.is_some();
                Suspend::new(async move {
                    let (o, s, q, _) = params();
                    let orgs = orgs.await.unwrap_or_default();
                    let this_org = orgs.iter().find(|org| fixed && Some(&org.slug) == o.as_ref());
                    if fixed && this_org.is_none() {
                        return view! { <ErrorPage error=crate::error::AppError::NotFound/> }.into_any();
                    }
                    let heading = match this_org {
                        Some(org) => i.tf("hearing.list.org_heading", &[("name", &org.name)]),
                        None => i.t("hearing.list.heading"),
                    };
                    let l_ = list.await;
                    let statuses: Vec<(String, String)> = std::iter::once(("all".to_string(), i.t("hearing.list.all_statuses")))
                        .chain(HearingStatus::ALL.into_iter().filter(|s| s.is_public())
                            .map(|s| (s.as_str().to_string(), i.t(s.label_key()))))
                        .collect();
                    let org_options: Vec<(String, String)> = std::iter::once((String::new(), i.t("hearing.list.all_organisations")))
                        .chain(orgs.into_iter().map(|o| (o.slug, o.name)))
                        .collect();
                    let filter = view! {
                        <FilterForm action=base.clone() organisations=(!fixed).then_some(org_options)
                            organisation=o.clone().unwrap_or_default() statuses status=s.clone() query=q.clone()
                            search_label=i.t("hearing.list.search")/>
                    };
                    let body = match l_ {
                        Ok(l) => {
                            let now = l.now;
                            let organisation = o.as_deref().filter(|_| !fixed);
                            let link = |page: u64| page_href(&base, organisation, &s, &q, page);
                            let prev = (l.page > 1).then(|| link(l.page - 1));
                            let next = (l.page < l.pages).then(|| link(l.page + 1));
                            view! {
                                <p class="ds-paragraph" role="status">
                                    {i.tf("hearing.list.count", &[("count", &l.total.to_string())])}
                                </p>
                                {if l.items.is_empty() {
                                    view! { <p class="ds-paragraph">{i.t("hearing.list.none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="card-list">
                                            {l.items.into_iter().map(|h| view! { <HearingCard h now show_org=!fixed/> }).collect_view()}
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
                        {filter}
                        <crate::components::follow::FeedLink href=crate::paths::events_feed(
                            crate::domain::follow::CaseKind::Hearing, o.as_deref().filter(|_| fixed))/>
                        {body}
                    }.into_any()
                })
            }}
        </Suspense>
    }
}
