//! The staff login page.

use crate::features::auth::api::{StaffLogin, kept_form_values};

use crate::components::context::{use_auth_epoch, use_i18n};
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::dto::auth::KeptForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i = use_i18n();
    let login = ServerAction::<StaffLogin>::new();
    let epoch = use_auth_epoch();
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            epoch.update(|n| *n += 1);
        }
    });
    let query = use_query_map();
    let return_to = move || query.with(|q| q.get("til").unwrap_or_default());
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Title text=i.t("login.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("login.heading")}</h1>
        <p class="ds-paragraph">{i.t("login.citizens_hint")}</p>
        <p role="status" class="form-status">
            {move || query.with(|q| q.get("passord").is_some()).then(|| i.t("reset.changed"))}
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let failed = login.value().with_untracked(|v| matches!(v, Some(Err(_))));
                let values = KeptForm::values_for(&kept_values.await.unwrap_or_default(), "staff_login", failed);
                view! {
                    <ActionForm action=login attr:class="form" attr:novalidate=true>
                        <FormAlert action=login/>
                        <CsrfField/>
                        <input type="hidden" name="return_to" value=return_to/>
                        <TextField name="email" label=i.t("login.email") kind="email"
                            autocomplete="username" required=true
                            value=kept(&values, "email", "")
                            error=field_error(login, "email")/>
                        <TextField name="password" label=i.t("login.password") kind="password"
                            autocomplete="current-password" required=true/>
                        <button class="ds-button" data-variant="primary" type="submit">
                            {i.t("login.submit")}
                        </button>
                    </ActionForm>
                    <p class="ds-paragraph">
                        <a class="ds-link" href=crate::paths::FORGOT_PASSWORD>{i.t("login.forgot")}</a>
                    </p>
                }
            })}
        </Suspense>
    }
}
