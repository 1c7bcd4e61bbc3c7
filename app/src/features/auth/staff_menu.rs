//! The staff menu in the header: "Log in" for staff, or the user's name, their page and
//! "Log out".

use crate::components::context::{use_auth_epoch, use_i18n};
use crate::components::form::CsrfField;
use crate::features::auth::api::{StaffLogout, current_staff_summary};
use leptos::prelude::*;

/// "Log in" for staff, or the logged-in staff user's name, their page and "Log out".
#[component]
pub fn StaffMenu() -> impl IntoView {
    let i = use_i18n();
    let epoch = use_auth_epoch();
    let me = Resource::new(move || epoch.get(), |_| current_staff_summary());
    let logout = ServerAction::<StaffLogout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            epoch.update(|n| *n += 1);
        }
    });
    view! {
        <nav class="staff-menu" aria-label=i.t("layout.staff_menu")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(s)) => view! {
                            <a class="ds-link" href=crate::paths::STAFF_HOME>{s.name}</a>
                            <ActionForm action=logout attr:class="inline-form">
                                <CsrfField/>
                                <button class="ds-button" data-variant="tertiary" type="submit">
                                    {i.t("nav.logout")}
                                </button>
                            </ActionForm>
                        }.into_any(),
                        _ => view! {
                            <a class="ds-link" href=crate::paths::STAFF_LOGIN>{i.t("nav.staff_login")}</a>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </nav>
    }
}
