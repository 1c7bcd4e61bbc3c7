//! The organisation's initiatives for its staff: what waits for screening, what collects, and
//! how long the council has left for each submitted one (approaching and past deadlines stand
//! out).

use super::components::InitiativeStatusTag;
use super::staff_api::list_staff_initiatives;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Days within which a council deadline counts as approaching.
pub const APPROACHING_DAYS: i64 = 30;

#[component]
pub fn StaffInitiativesPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let list = Resource::new(slug, list_staff_initiatives);
    view! {
        <Title text=i.t("staff_initiatives.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("staff_initiatives.title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="ds-paragraph">{i.t("staff_initiatives.none")}</p> }.into_any(),
                    Ok(items) => {
                        let lang = i.lang();
                        view! {
                            <table class="ds-table">
                                <thead><tr>
                                    <th scope="col">{i.t("staff_initiatives.initiative")}</th>
                                    <th scope="col">{i.t("staff_hearings.status")}</th>
                                    <th scope="col">{i.t("staff_initiatives.signatures")}</th>
                                    <th scope="col">{i.t("staff_initiatives.deadline")}</th>
                                </tr></thead>
                                <tbody>
                                    {items.into_iter().map(|it| {
                                        let s = &it.summary;
                                        let href = crate::paths::staff_initiative(&s.organisation_slug, s.id);
                                        let deadline = match (it.screening_due, it.days_to_decision, s.decision_due) {
                                            (Some(d), _, _) => view! { <span>{i.tf("staff_initiatives.screen_by", &[("date", &format::date(lang, d))])}</span> }.into_any(),
                                            (_, Some(days), Some(due)) if days < 0 => view! {
                                                <strong class="deadline-past">{i.tf("staff_initiatives.past_due", &[("date", &format::date(lang, due)), ("days", &(-days).to_string())])}</strong>
                                            }.into_any(),
                                            (_, Some(days), Some(due)) if days <= APPROACHING_DAYS => view! {
                                                <strong class="deadline-soon">{i.tf("staff_initiatives.due_soon", &[("date", &format::date(lang, due)), ("days", &days.to_string())])}</strong>
                                            }.into_any(),
                                            (_, _, Some(due)) => view! { <span>{format::date(lang, due)}</span> }.into_any(),
                                            _ => ().into_any(),
                                        };
                                        view! {
                                            <tr>
                                                <td><a class="ds-link" href=href>{s.title.clone()}</a></td>
                                                <td><InitiativeStatusTag status=s.status/></td>
                                                <td>{format!("{} / {}", s.signatures, s.threshold)}</td>
                                                <td>{deadline}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
