//! A panel's public page: what the panel is for and what joining means (the consent text:
//! purpose, what is kept, how long, how to leave); for a logged-in resident the enrolment
//! form, for a member the way out — keeping their answers anonymised or deleting them.

use super::api::{JoinPanel, LeavePanel, get_panel};
use crate::components::context::use_i18n;
use crate::components::form::choice::{CheckboxField, RadioGroup, SelectField};
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::components::status::ErrorPage;
use crate::dto::auth::KeptForm;
use crate::dto::panels::PublicPanel;
use crate::features::auth::api::kept_form_values;
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// What a panel keeps, for how long and how to leave, as the resident reads it before joining.
pub fn consent_text(i: I18n, p: &PublicPanel) -> impl IntoView {
    let kind = i
        .t(&format!("panel.district_kind.{}", p.district_kind))
        .to_lowercase();
    view! {
        <section aria-labelledby="consent-heading">
            <h2 class="ds-heading" data-size="md" id="consent-heading">{i.t("panel.consent.heading")}</h2>
            <ul class="ds-list">
                <li>{i.tf("panel.consent.purpose", &[("organisation", &p.organisation_name)])}</li>
                <li>{i.tf("panel.consent.kept", &[("district", &kind)])}</li>
                {(!p.background.is_empty()).then(|| view! { <li>{i.t("panel.consent.background")}</li> })}
                <li>{i.t("panel.consent.apart")}</li>
                <li>{i.t("panel.consent.how_long")}</li>
                <li>{i.t("panel.consent.leave")}</li>
            </ul>
        </section>
    }
}

/// The field names of the background questions' answers.
pub const BACKGROUND_FIELDS: [&str; 5] = ["bg0", "bg1", "bg2", "bg3", "bg4"];

/// The panel's background questions, each a radio group with "vil ikke svare" first (all of
/// them optional), with what was chosen kept and a message at a wrong one.
pub fn background_fields(
    i: I18n,
    questions: &[crate::domain::survey::background::BackgroundQuestion],
    values: &[(String, String)],
    error: impl Fn(&'static str) -> Signal<Option<String>>,
) -> impl IntoView {
    let groups = questions
        .iter()
        .zip(BACKGROUND_FIELDS)
        .map(|(q, name)| {
            let mut options = vec![(String::new(), i.t("panel.background.no_answer"))];
            options.extend(
                q.options
                    .iter()
                    .enumerate()
                    .map(|(n, o)| (n.to_string(), o.clone())),
            );
            view! {
                <RadioGroup name=name legend=q.text.clone() options
                    selected=kept(values, name, "") error=error(name)/>
            }
        })
        .collect_view();
    (!questions.is_empty()).then(|| {
        view! {
            <p class="ds-paragraph">{i.t("panel.background.intro")}</p>
            {groups}
        }
    })
}

/// The two ways out: each a form of its own, one click.
#[component]
pub fn LeaveForms(leave: ServerAction<LeavePanel>, slug: String, id: i32) -> impl IntoView {
    let i = use_i18n();
    let form = move |answers: &'static str, label: String, variant: &'static str| {
        let slug = slug.clone();
        view! {
            <ActionForm action=leave attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="answers" value=answers/>
                <button class="ds-button" data-variant=variant type="submit">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <FormAlert action=leave/>
        <p class="ds-paragraph">{i.t("panel.leave.intro")}</p>
        <div class="button-row">
            {form("keep", i.t("panel.leave.keep"), "secondary")}
            {form("delete", i.t("panel.leave.delete"), "secondary")}
        </div>
    }
}

#[component]
fn JoinFormView(
    join: ServerAction<JoinPanel>,
    p: PublicPanel,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let genders = ["woman", "man", "not_given"]
        .into_iter()
        .map(|g| (g.to_string(), i.t(&format!("panel.gender.{g}"))))
        .collect::<Vec<_>>();
    let mut districts = vec![(String::new(), i.t("panel.join.district_choose"))];
    districts.extend(
        p.districts
            .iter()
            .enumerate()
            .map(|(n, d)| (n.to_string(), d.clone())),
    );
    let kind = i.t(&format!("panel.district_kind.{}", p.district_kind));
    view! {
        <ActionForm action=join attr:class="form" attr:novalidate=true>
            <FormAlert action=join/>
            <CsrfField/>
            <input type="hidden" name="slug" value=p.organisation_slug.clone()/>
            <input type="hidden" name="id" value=p.id.to_string()/>
            <TextField name="email" kind="email" autocomplete="email" required=true
                label=i.t("panel.join.email") hint=i.t("panel.join.email_hint")
                value=kept(&values, "email", "") error=field_error(join, "email")/>
            <RadioGroup name="gender" legend=i.t("panel.join.gender") options=genders
                selected=kept(&values, "gender", "") error=field_error(join, "gender")/>
            <SelectField name="district" label=i.tf("panel.join.district", &[("kind", &kind)])
                options=districts selected=kept(&values, "district", "")
                error=field_error(join, "district")/>
            {background_fields(i, &p.background, &values, |f| field_error(join, f))}
            <CheckboxField name="consent" label=i.t("panel.join.consent")
                checked=values.iter().any(|(k, v)| k == "consent" && !v.is_empty())
                error=field_error(join, "consent")/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("panel.join.submit")}</button>
        </ActionForm>
    }
}

#[component]
pub fn PanelPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
            )
        })
    };
    let join = ServerAction::<JoinPanel>::new();
    let leave = ServerAction::<LeavePanel>::new();
    let panel = Resource::new(
        move || (key(), join.version().get(), leave.version().get()),
        |((slug, id), _, _)| get_panel(slug, id),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let p = match panel.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let failed = join.value().with_untracked(|v| matches!(v, Some(Err(_))));
                let values = KeptForm::values_for(&kept_values.await.unwrap_or_default(), "join_panel", failed);
                let here = crate::paths::panel(&p.organisation_slug, p.id);
                let left = matches!(leave.value().get_untracked(), Some(Ok(())));
                let action = if p.member {
                    view! {
                        <h2 class="ds-heading" data-size="md">{i.t("panel.member.heading")}</h2>
                        <p class="ds-paragraph" role="status">{i.t("panel.member.body")}</p>
                        <LeaveForms leave slug=p.organisation_slug.clone() id=p.id/>
                    }.into_any()
                } else if !p.recruiting && !p.invited && p.logged_in {
                    view! { <p class="ds-paragraph">{i.t("panel.join.closed")}</p> }.into_any()
                } else if !p.recruiting && !p.logged_in {
                    // Closed to volunteers, open to those drawn (their letter sends them here).
                    view! {
                        <p class="ds-paragraph">{i.t("panel.join.closed")}</p>
                        <p class="ds-paragraph">{i.t("panel.join.invited_login")}</p>
                        <p class="ds-paragraph">
                            <a class="ds-button" data-variant="secondary" rel="external" href=crate::paths::citizen_login_href(&here)>
                                {i.t("panel.join.login")}
                            </a>
                            " "
                            <a class="ds-link" href=crate::paths::panel_enrol(None)>{i.t("panel.code.title")}</a>
                        </p>
                    }.into_any()
                } else if !p.logged_in {
                    view! {
                        <p class="ds-paragraph">{i.t("panel.join.login_needed")}</p>
                        <p class="ds-paragraph">
                            <a class="ds-button" data-variant="primary" rel="external" href=crate::paths::citizen_login_href(&here)>
                                {i.t("panel.join.login")}
                            </a>
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <h2 class="ds-heading" data-size="md">{i.t("panel.join.heading")}</h2>
                        {p.invited.then(|| view! { <p class="ds-paragraph">{i.t("panel.join.invited")}</p> })}
                        <JoinFormView join p=p.clone() values/>
                    }.into_any()
                };
                view! {
                    <Title text=p.name.clone()/>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::organisation(&p.organisation_slug)>{p.organisation_name.clone()}</a></p>
                    <div lang=p.content_lang.code()>
                        <h1 class="ds-heading" data-size="lg">{p.name.clone()}</h1>
                        <p class="ds-paragraph prewrap">{p.purpose.clone()}</p>
                    </div>
                    {left.then(|| view! { <p class="ds-paragraph" role="status">{i.t("panel.leave.done")}</p> })}
                    {consent_text(i, &p)}
                    {action}
                }.into_any()
            })}
        </Suspense>
    }
}
