//! Where one drawn for a panel joins with the code from their letter or mail, without logging
//! in: first the code (a plain form that reloads the page with it, or the mail's link), then
//! what the panel is and keeps (the consent text), an email address and the consent. Their age
//! band, gender and district are the register's, as they were drawn; they are not asked. Or
//! they log in with ID-porten on the panel's page instead.

use super::api::{EnrolPanelCode, get_code_invitation};
use super::panel_page::{background_fields, consent_text};
use crate::components::action::failed;
use crate::components::context::use_i18n;
use crate::components::form::choice::CheckboxField;
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::dto::auth::KeptForm;
use crate::error::AppError;
use crate::features::auth::api::kept_form_values;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The form asking for the code; `error` next to its field.
fn code_form(i: crate::i18n::I18n, value: String, error: Option<String>) -> impl IntoView {
    view! {
        <form method="get" action=crate::paths::PANEL_ENROL class="form" novalidate>
            <TextField name="kode" label=i.t("panel.code.label") hint=i.t("panel.code.hint")
                autocomplete="off" required=true value error=Signal::stored(error)/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("panel.code.next")}</button>
        </form>
    }
}

#[component]
pub fn PanelEnrolPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let code = move || query.with(|q| q.get("kode").unwrap_or_default());
    let done = move || query.with(|q| q.get("innmeldt").is_some());
    let enrol = ServerAction::<EnrolPanelCode>::new();
    let invitation = Resource::new(code, |c| async move {
        if c.trim().is_empty() {
            Ok(None)
        } else {
            get_code_invitation(c).await.map(Some)
        }
    });
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Title text=i.t("panel.code.title")/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                if done() || matches!(enrol.value().get(), Some(Ok(()))) {
                    return view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("panel.code.done_heading")}</h1>
                        <p class="ds-paragraph" role="status">{i.t("panel.code.done_body")}</p>
                    }.into_any();
                }
                let typed = code();
                let found = invitation.await;
                let inv = match found {
                    Ok(Some(inv)) => inv,
                    Ok(None) => return view! {
                        <h1 class="ds-heading" data-size="lg">{i.t("panel.code.title")}</h1>
                        <p class="ds-paragraph">{i.t("panel.code.intro")}</p>
                        {code_form(i, typed, None)}
                    }.into_any(),
                    Err(e) => {
                        let message = match &e {
                            AppError::Validation(f) => f.get("code").map(|k| i.t(k)),
                            AppError::RateLimited { retry_after_minutes } => Some(i.tf("panel.code.too_many", &[("minutes", &retry_after_minutes.to_string())])),
                            _ => Some(i.t("panel.code.unknown")),
                        };
                        return view! {
                            <h1 class="ds-heading" data-size="lg">{i.t("panel.code.title")}</h1>
                            <p class="ds-paragraph">{i.t("panel.code.intro")}</p>
                            {code_form(i, typed, message)}
                        }.into_any();
                    }
                };
                let values = KeptForm::values_for(&kept_values.await.unwrap_or_default(), "enrol_panel_code", failed(enrol));
                let p = inv.panel.clone();
                view! {
                    <p class="ds-paragraph">{p.organisation_name.clone()}</p>
                    <div lang=p.content_lang.code()>
                        <h1 class="ds-heading" data-size="lg">{p.name.clone()}</h1>
                        <p class="ds-paragraph prewrap">{p.purpose.clone()}</p>
                    </div>
                    <p class="ds-paragraph">{i.t("panel.code.drawn")}</p>
                    {consent_text(i, &p)}
                    <h2 class="ds-heading" data-size="md">{i.t("panel.join.heading")}</h2>
                    <ActionForm action=enrol attr:class="form" attr:novalidate=true>
                        <FormAlert action=enrol/>
                        <CsrfField/>
                        <input type="hidden" name="code" value=inv.code.clone()/>
                        <p class="ds-paragraph">{i.tf("panel.code.your_code", &[("code", &inv.code)])}</p>
                        {move || field_error(enrol, "code").get().map(|m| view! { <p class="ds-validation-message" data-color="danger">{m}</p> })}
                        <TextField name="email" kind="email" autocomplete="email" required=true
                            label=i.t("panel.join.email") hint=i.t("panel.join.email_hint")
                            value=kept(&values, "email", "") error=field_error(enrol, "email")/>
                        {background_fields(i, &p.background, &values, |f| field_error(enrol, f))}
                        <CheckboxField name="consent" label=i.t("panel.join.consent")
                            checked=values.iter().any(|(k, v)| k == "consent" && !v.is_empty())
                            error=field_error(enrol, "consent")/>
                        <button class="ds-button" data-variant="primary" type="submit">{i.t("panel.join.submit")}</button>
                    </ActionForm>
                    <p class="ds-paragraph">
                        {i.t("panel.code.or_login")}" "
                        <a class="ds-link" href=crate::paths::panel(&p.organisation_slug, p.id)>{i.t("panel.code.panel_page")}</a>
                    </p>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::panel_enrol(None)>{i.t("panel.code.other")}</a></p>
                }.into_any()
            })}
        </Suspense>
    }
}
