//! The organisation's panels for its staff (with their members), and the page that sets up a
//! new one.

use super::staff_api::{SavePanel, list_staff_panels};
use super::staff_panel_page::PanelDetailsForm;
use crate::components::action::failed;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::dto::auth::KeptForm;
use crate::features::auth::api::kept_form_values;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffPanelsPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let list = Resource::new(slug, list_staff_panels);
    view! {
        <Title text=i.t("staff_panels.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("staff_panels.title")}</h1>
        <p class="ds-paragraph">
            <a class="ds-button" data-variant="primary" href=move || crate::paths::new_panel(&slug())>
                {i.t("staff_panels.new")}
            </a>
        </p>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="ds-paragraph">{i.t("staff_panels.none")}</p> }.into_any(),
                    Ok(items) => view! {
                        <table class="ds-table">
                            <thead><tr>
                                <th scope="col">{i.t("staff_panels.panel")}</th>
                                <th scope="col">{i.t("staff_panels.members")}</th>
                                <th scope="col">{i.t("staff_panels.recruiting")}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|p| view! {
                                    <tr>
                                        <td><a class="ds-link" href=crate::paths::staff_panel(&slug(), p.id)>{p.name.clone()}</a></td>
                                        <td>{p.members.to_string()}</td>
                                        <td>{if p.recruiting { i.t("staff_panels.open") } else { i.t("staff_panels.closed") }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewPanelPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let save = ServerAction::<SavePanel>::new();
    let kept = Resource::new(|| (), |_| kept_form_values());
    // Asked to log in, or refused, like every staff page (the list says which).
    let access = Resource::new(slug, list_staff_panels);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                if let Err(e) = access.await {
                    return view! { <ErrorPage error=e/> }.into_any();
                }
                let values = KeptForm::values_for(&kept.await.unwrap_or_default(), "save_panel", failed(save));
                view! {
                    <Title text=i.t("staff_panels.new")/>
                    <h1 class="ds-heading" data-size="lg">{i.t("staff_panels.new")}</h1>
                    <PanelDetailsForm save panel=None values slug=slug()/>
                }.into_any()
            })}
        </Suspense>
    }
}
