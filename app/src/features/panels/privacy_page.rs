//! What a panel keeps, where, for how long and who sees it — for the organisation's data
//! protection impact assessment (DPIA), stated from what the code does.

use super::staff_api::get_staff_panel;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The rows of the table: what, where, how long, who sees it (keys under `panel.privacy.`).
const ROWS: [&str; 7] = [
    "national_id",
    "drawn",
    "membership",
    "invitations",
    "profile",
    "answers",
    "logs",
];

#[component]
pub fn PanelPrivacyPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
            )
        })
    };
    let panel = Resource::new(key, |(slug, id)| get_staff_panel(slug, id));
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let p = match panel.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let kind = i.t(&format!("panel.district_kind.{}", p.district_kind)).to_lowercase();
                view! {
                    <Title text=i.t("panel.privacy.title")/>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::staff_panel(&key().0, p.id)>{p.name.clone()}</a></p>
                    <h1 class="ds-heading" data-size="lg">{i.t("panel.privacy.title")}</h1>
                    <p class="ds-paragraph">{i.t("panel.privacy.intro")}</p>
                    <div class="table-scroll">
                        <table class="ds-table">
                            <thead><tr>
                                <th scope="col">{i.t("panel.privacy.what")}</th>
                                <th scope="col">{i.t("panel.privacy.where")}</th>
                                <th scope="col">{i.t("panel.privacy.how_long")}</th>
                                <th scope="col">{i.t("panel.privacy.who")}</th>
                            </tr></thead>
                            <tbody>
                                {ROWS.iter().map(|r| view! {
                                    <tr>
                                        <th scope="row">{i.tf(&format!("panel.privacy.{r}.what"), &[("district", &kind)])}</th>
                                        <td>{i.t(&format!("panel.privacy.{r}.where"))}</td>
                                        <td>{i.t(&format!("panel.privacy.{r}.how_long"))}</td>
                                        <td>{i.t(&format!("panel.privacy.{r}.who"))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <h2 class="ds-heading" data-size="md">{i.t("panel.privacy.basis_heading")}</h2>
                    <p class="ds-paragraph">{i.t("panel.privacy.basis")}</p>
                    <h2 class="ds-heading" data-size="md">{i.t("panel.privacy.link_heading")}</h2>
                    <p class="ds-paragraph">{i.t("panel.privacy.link")}</p>
                }.into_any()
            })}
        </Suspense>
    }
}
