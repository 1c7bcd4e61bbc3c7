//! A staff member who forgot their password: the page that asks for their address, and the
//! page behind the mailed link where they choose a new one.

use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::components::status::LinkError;
use crate::dto::auth::KeptForm;
use crate::features::auth::api::{
    RequestPasswordReset, ResetPassword, kept_form_values, password_link_works,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i = use_i18n();
    let request = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = move || {
        query.with(|q| q.get("sendt").is_some()) || matches!(request.value().get(), Some(Ok(())))
    };
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Title text=i.t("reset.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("reset.heading")}</h1>
        <p class="ds-paragraph">{i.t("reset.intro")}</p>
        <p role="status" class="form-status">{move || sent().then(|| i.t("reset.sent"))}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let failed = request.value().with_untracked(|v| matches!(v, Some(Err(_))));
                let values = KeptForm::values_for(&kept_values.await.unwrap_or_default(), "request_password_reset", failed);
                view! {
                    <ActionForm action=request attr:class="form" attr:novalidate=true>
                        <FormAlert action=request/>
                        <CsrfField/>
                        <TextField name="email" label=i.t("login.email") kind="email"
                            autocomplete="username" required=true
                            value=kept(&values, "email", "") error=field_error(request, "email")/>
                        <button class="ds-button" data-variant="primary" type="submit">{i.t("reset.send")}</button>
                    </ActionForm>
                }
            })}
        </Suspense>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::STAFF_LOGIN>{i.t("reset.back_to_login")}</a></p>
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let works = Resource::new(token, password_link_works);
    let reset = ServerAction::<ResetPassword>::new();
    view! {
        <Title text=i.t("reset.new_title")/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match works.await {
                    Ok(()) => view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("reset.new_heading")}</h1>
                        <ActionForm action=reset attr:class="form" attr:novalidate=true>
                            <FormAlert action=reset/>
                            <CsrfField/>
                            <input type="hidden" name="token" value=token()/>
                            <TextField name="password" label=i.t("reset.new_password") kind="password"
                                autocomplete="new-password" hint=i.t("invitation.password_hint")
                                error=field_error(reset, "password")/>
                            <button class="ds-button" data-variant="primary" type="submit">{i.t("reset.save")}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(error) => view! {
                        <LinkError error heading="reset.link_gone_title" body="reset.link_gone">
                            <p class="ds-paragraph">
                                <a class="ds-link" href=crate::paths::FORGOT_PASSWORD>{i.t("reset.ask_again")}</a>
                            </p>
                        </LinkError>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
