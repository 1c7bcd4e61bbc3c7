//! A staff member's second factor: the page that sets it up (or turns it off), and the second
//! step of a login (the code from the authenticator app).

use crate::components::action::{Changes, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, field_error};
use crate::components::status::ErrorPage;
use crate::dto::auth::SecondFactorSetup;
use crate::features::auth::api::{
    DisableSecondFactor, EnableSecondFactor, StaffSecondFactor, second_factor_setup,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SecondFactorCodePage() -> impl IntoView {
    let i = use_i18n();
    let verify = ServerAction::<StaffSecondFactor>::new();
    let return_to = use_query_map().with_untracked(|q| q.get("tilbake").unwrap_or_default());
    view! {
        <Title text=i.t("second_factor.code_title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("second_factor.code_title")}</h1>
        <p class="ds-paragraph">{i.t("second_factor.code_intro")}</p>
        <ActionForm action=verify attr:class="form" attr:novalidate=true>
            <FormAlert action=verify/>
            <CsrfField/>
            <input type="hidden" name="return_to" value=return_to/>
            <CodeField error=field_error(verify, "code")/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("second_factor.code_submit")}</button>
        </ActionForm>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::STAFF_LOGIN>{i.t("reset.back_to_login")}</a></p>
    }
}

/// The six-digit code, as phones offer it from the app or a message.
#[component]
fn CodeField(error: Signal<Option<String>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="ds-field">
            <label class="ds-label" for="f-code">{i.t("second_factor.code")}</label>
            <div data-field="description" id="f-code-hint">{i.t("second_factor.code_hint")}</div>
            <input class="ds-input" id="f-code" name="code" type="text" inputmode="numeric"
                autocomplete="one-time-code" maxlength="7" size="8"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || if error.with(Option::is_some) { "f-code-hint f-code-error" } else { "f-code-hint" }/>
            {move || error.get().map(|e| view! {
                <div class="ds-validation-message" data-field="validation" id="f-code-error">{e}</div>
            })}
        </div>
    }
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i = use_i18n();
    let enable = ServerAction::<EnableSecondFactor>::new();
    let disable = ServerAction::<DisableSecondFactor>::new();
    let changes = Changes::new();
    reload_on_success(enable, changes);
    reload_on_success(disable, changes);
    let setup = Resource::new(move || changes.get(), |_| second_factor_setup());
    view! {
        <Title text=i.t("second_factor.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("second_factor.title")}</h1>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(s) => view! { <SetupView s enable disable/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::STAFF_HOME>{i.t("second_factor.back")}</a></p>
    }
}

#[component]
fn SetupView(
    s: SecondFactorSetup,
    enable: ServerAction<EnableSecondFactor>,
    disable: ServerAction<DisableSecondFactor>,
) -> impl IntoView {
    let i = use_i18n();
    if s.enabled {
        return view! {
            <p class="ds-paragraph" role="status">{i.t("second_factor.on")}</p>
            <h2 class="ds-heading" data-size="md">{i.t("second_factor.off_heading")}</h2>
            <p class="ds-paragraph">{i.t("second_factor.off_intro")}</p>
            <ActionForm action=disable attr:class="form" attr:novalidate=true>
                <FormAlert action=disable/>
                <CsrfField/>
                <CodeField error=field_error(disable, "code")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("second_factor.off_submit")}</button>
            </ActionForm>
        }
        .into_any();
    }
    view! {
        <p class="ds-paragraph">{i.t("second_factor.intro")}</p>
        <ol class="steps">
            <li>{i.t("second_factor.step_app")}</li>
            <li>{i.t("second_factor.step_scan")}</li>
            <li>{i.t("second_factor.step_code")}</li>
        </ol>
        {s.qr_code.map(|src| view! {
            <p><img class="qr-code" src=src alt=i.t("second_factor.qr_alt") width="200" height="200"/></p>
        })}
        <p class="ds-paragraph">{i.t("second_factor.secret_label")}" "<code class="totp-secret">{s.secret.unwrap_or_default()}</code></p>
        <ActionForm action=enable attr:class="form" attr:novalidate=true>
            <FormAlert action=enable/>
            <CsrfField/>
            <CodeField error=field_error(enable, "code")/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("second_factor.on_submit")}</button>
        </ActionForm>
    }
    .into_any()
}
