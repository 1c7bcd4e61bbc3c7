//! Min side's panels: each panel the citizen is a member of, with the two ways out (keeping
//! their answers anonymised or deleting them), one click each.

use super::api::{LeavePanel, my_panels};
use super::panel_page::LeaveForms;
use crate::components::context::use_i18n;
use leptos::prelude::*;

#[component]
pub fn MyPanels() -> impl IntoView {
    let i = use_i18n();
    let leave = ServerAction::<LeavePanel>::new();
    let panels = Resource::new(move || leave.version().get(), |_| my_panels());
    view! {
        <section aria-labelledby="panels-heading">
            <h2 class="ds-heading" data-size="md" id="panels-heading">{i.t("me.panels.heading")}</h2>
            <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    let list = panels.await.unwrap_or_default();
                    if list.is_empty() {
                        view! { <p class="ds-paragraph">{i.t("me.panels.none")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list">
                                {list.into_iter().map(|p| view! {
                                    <li>
                                        <p class="ds-paragraph">
                                            <a class="ds-link" href=crate::paths::panel(&p.organisation_slug, p.id)>{p.name.clone()}</a>
                                            " (" {p.organisation_name.clone()} ")"
                                        </p>
                                        <LeaveForms leave slug=p.organisation_slug.clone() id=p.id/>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
