//! The organisation administration page: profile, bodies and staff.

use super::api::{
    AddBody, InviteStaff, RemoveBody, UpdateMember, UpdateOrganisation, get_admin_overview,
};
use super::bodies_section::BodiesSection;
use super::profile_form::ProfileForm;
use super::staff_section::StaffSection;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The actions of the page; the overview reloads after any of them.
#[derive(Clone, Copy)]
pub(super) struct AdminActions {
    pub profile: ServerAction<UpdateOrganisation>,
    pub add_body: ServerAction<AddBody>,
    pub remove_body: ServerAction<RemoveBody>,
    pub invite: ServerAction<InviteStaff>,
    pub member: ServerAction<UpdateMember>,
}

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
    };
    let overview = Resource::new(
        move || {
            (
                params.with(|p| p.get("slug").unwrap_or_default()),
                actions.profile.version().get(),
                actions.add_body.version().get(),
                actions.remove_body.version().get(),
                actions.invite.version().get(),
                actions.member.version().get(),
            )
        },
        |(slug, ..)| get_admin_overview(slug),
    );
    view! {
        <Title text=i.t("admin.title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <h1 class="ds-heading" data-size="lg">
                            {i.tf("admin.heading", &[("name", &o.organisation.name)])}
                        </h1>
                        <ProfileForm org=o.organisation.clone() actions/>
                        <BodiesSection org=o.organisation.clone() actions/>
                        <StaffSection overview=o actions/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
