//! The organisation's hearings for its staff: every status, drafts included, with how many
//! submissions wait for screening.

use super::components::StatusTag;
use super::staff_api::list_staff_hearings;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffHearingsPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let list = Resource::new(slug, list_staff_hearings);
    view! {
        <Title text=i.t("staff_hearings.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("staff_hearings.title")}</h1>
        <p class="ds-paragraph">
            <a class="ds-button" data-variant="primary" href=move || crate::paths::new_hearing(&slug())>
                {i.t("staff_hearings.new")}
            </a>
        </p>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="ds-paragraph">{i.t("staff_hearings.none")}</p> }.into_any(),
                    Ok(items) => {
                        let lang = i.lang();
                        view! {
                            <table class="ds-table">
                                <thead><tr>
                                    <th scope="col">{i.t("staff_hearings.hearing")}</th>
                                    <th scope="col">{i.t("staff_hearings.status")}</th>
                                    <th scope="col">{i.t("staff_hearings.deadline")}</th>
                                    <th scope="col">{i.t("staff_hearings.submissions")}</th>
                                </tr></thead>
                                <tbody>
                                    {items.into_iter().map(|h| {
                                        let s = &h.summary;
                                        let edit = crate::paths::hearing_editor(&s.organisation_slug, s.id);
                                        let bench = format!("{edit}/innspill");
                                        view! {
                                            <tr>
                                                <td><a class="ds-link" href=edit>{s.title.clone()}</a></td>
                                                <td><StatusTag status=s.status/></td>
                                                <td>{format::date_time(lang, s.deadline)}</td>
                                                <td><a class="ds-link" href=bench>
                                                    {i.tf("staff_hearings.counts", &[("received", &h.received.to_string()), ("pending", &h.pending.to_string())])}
                                                </a></td>
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
