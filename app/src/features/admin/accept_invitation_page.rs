//! Accepting a staff invitation: choose a name and a password.

use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::components::status::ErrorPage;
use crate::dto::auth::KeptForm;
use crate::features::admin::api::{AcceptInvitation, get_invitation};
use crate::features::auth::api::kept_form_values;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let info = Resource::new(token, get_invitation);
    let values = Resource::new(|| (), |_| kept_form_values());
    let accept = ServerAction::<AcceptInvitation>::new();
    view! {
        <Title text=i.t("invitation.title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let failed = accept.value().with_untracked(|v| matches!(v, Some(Err(_))));
                let v = KeptForm::values_for(&values.await.unwrap_or_default(), "accept_invitation", failed);
                match info.await {
                    Ok(inv) => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("invitation.heading")}</h1>
                        <p class="ds-paragraph">{i.tf("invitation.intro", &[
                            ("organisation", &inv.organisation_name),
                            ("role", &i.t(inv.role.label_key())),
                            ("email", &inv.email),
                        ])}</p>
                        <ActionForm action=accept attr:class="form" attr:novalidate=true>
                            <FormAlert action=accept/>
                            <CsrfField/>
                            <input type="hidden" name="token" value=token()/>
                            <TextField name="name" label=i.t("invitation.name") autocomplete="name"
                                value=kept(&v, "name", "") error=field_error(accept, "name")/>
                            {if inv.needs_password {
                                view! {
                                    <TextField name="password" label=i.t("invitation.password") kind="password"
                                        autocomplete="new-password" hint=i.t("invitation.password_hint")
                                        error=field_error(accept, "password")/>
                                }.into_any()
                            } else {
                                view! {
                                    <input type="hidden" name="password" value=""/>
                                    <p class="ds-paragraph">{i.t("invitation.existing_account")}</p>
                                }.into_any()
                            }}
                            <button class="ds-button" data-variant="primary" type="submit">{i.t("invitation.submit")}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
