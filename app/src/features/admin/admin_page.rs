//! The organisation administration page: profile, bodies, initiative rules and staff.

use super::actions::AdminActions;
use super::bodies_section::BodiesSection;
use super::branding_section::BrandingSection;
use super::initiative_settings::InitiativeSettings;
use super::profile_form::ProfileForm;
use super::staff_section::StaffSection;
use crate::components::action::{Changes, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::dto::auth::KeptForm;
use crate::features::admin::api::get_admin_overview;
use crate::features::auth::api::kept_form_values;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AdminPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let actions = AdminActions {
        profile: ServerAction::new(),
        add_body: ServerAction::new(),
        remove_body: ServerAction::new(),
        invite: ServerAction::new(),
        member: ServerAction::new(),
        invitation: ServerAction::new(),
        initiatives: ServerAction::new(),
        branding: ServerAction::new(),
        remove_logo: ServerAction::new(),
    };
    // Reload after a change succeeded, not after a refused one: a form with errors keeps what
    // the user typed.
    let changes = Changes::new();
    reload_on_success(actions.profile, changes);
    reload_on_success(actions.add_body, changes);
    reload_on_success(actions.remove_body, changes);
    reload_on_success(actions.invite, changes);
    reload_on_success(actions.member, changes);
    reload_on_success(actions.invitation, changes);
    reload_on_success(actions.initiatives, changes);
    reload_on_success(actions.branding, changes);
    reload_on_success(actions.remove_logo, changes);
    let kept = Resource::new(|| (), |_| kept_form_values());
    let overview = Resource::new(
        move || {
            (
                params.with(|p| p.get("slug").unwrap_or_default()),
                changes.get(),
            )
        },
        |(slug, _)| get_admin_overview(slug),
    );
    view! {
        <Title text=i.t("admin.title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let kept = kept.await.unwrap_or_default();
                match overview.await {
                    Ok(o) => view! {
                        <h1 class="ds-heading" data-size="lg">
                            {i.tf("admin.heading", &[("name", &o.organisation.name)])}
                        </h1>
                        <ProfileForm org=o.organisation.clone() actions
                            kept=KeptForm::values_for(&kept, "update_organisation", failed(actions.profile))/>
                        <BodiesSection org=o.organisation.clone() actions
                            kept=KeptForm::values_for(&kept, "add_body", failed(actions.add_body))/>
                        <InitiativeSettings org=o.organisation.clone() actions
                            kept=KeptForm::values_for(&kept, "update_initiative_settings", failed(actions.initiatives))/>
                        <BrandingSection org=o.organisation.clone() actions
                            kept=KeptForm::values_for(&kept, "update_branding", failed(actions.branding))/>
                        <StaffSection overview=o actions
                            kept=KeptForm::values_for(&kept, "invite_staff", failed(actions.invite))/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Whether the action's latest result is an error (after a no-JavaScript post: from the URL).
fn failed<S>(action: ServerAction<S>) -> bool
where
    S: leptos::server_fn::ServerFn<Output = (), Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    action.value().with_untracked(|v| matches!(v, Some(Err(_))))
}
