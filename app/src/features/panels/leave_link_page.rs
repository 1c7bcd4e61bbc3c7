//! The page behind the leave link in a panel's mails: the panel, and two buttons that post to
//! the link itself — leave and keep the answers given (no longer linked to the member), or
//! leave and delete them. A mail client's one-click post to the same address keeps them. And
//! the page that says it is done.

use super::api::preview_panel_leave;
use crate::components::context::use_i18n;
use crate::components::status::LinkError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn PanelLeaveLinkPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let result = Resource::new(token, preview_panel_leave);
    view! {
        <Title text=i.t("panel.leave_link.title")/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match result.await {
                    Ok(p) if !p.active => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("panel.leave_link.done_heading")}</h1>
                        <p class="ds-paragraph">{i.tf("panel.leave_link.not_member", &[("panel", &p.panel_name)])}</p>
                    }.into_any(),
                    Ok(p) => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("panel.leave_link.title")}</h1>
                        <p class="ds-paragraph">{i.tf("panel.leave_link.body", &[("panel", &p.panel_name), ("organisation", &p.organisation_name)])}</p>
                        <p class="ds-paragraph">{i.t("panel.leave.intro")}</p>
                        <div class="button-row">
                            {[("keep", "panel.leave.keep", "primary"), ("delete", "panel.leave.delete", "secondary")].into_iter().map(|(value, label, variant)| view! {
                                <form method="post" action=crate::paths::panel_leave_link(&token()) class="inline-form">
                                    <input type="hidden" name="answers" value=value/>
                                    <button class="ds-button" data-variant=variant type="submit">{i.t(label)}</button>
                                </form>
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Err(e) => view! { <LinkError error=e heading="panel.leave_link.invalid_heading" body="panel.leave_link.invalid_body"/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Where the leave link's button leads.
#[component]
pub fn PanelLeftPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Title text=i.t("panel.leave_link.done_heading")/>
        <h1 class="ds-heading" data-size="lg">{i.t("panel.leave_link.done_heading")}</h1>
        <p class="ds-paragraph">{i.t("panel.leave_link.done_body")}</p>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::HOME>{i.t("follow.unsubscribe.home")}</a></p>
    }
}
