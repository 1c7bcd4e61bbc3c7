//! One initiative for the organisation's staff: screen it, enter paper signatures, record the
//! council's outcome, and get the signature list.

use super::components::{InitiativeStatusTag, SignatureProgress};
use super::staff_api::{AddPaperSignature, RecordInitiativeOutcome, ScreenInitiative};
use crate::components::action::failed;
use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FormAlert, RadioGroup, TextAreaField, TextField, field_error, kept,
};
use crate::components::status::ErrorPage;
use crate::domain::initiative::InitiativeStatus;
use crate::dto::auth::KeptForm;
use crate::dto::initiatives::InitiativePage;
use crate::features::auth::api::{current_staff_summary, kept_form_values};
use crate::features::initiatives::api::get_initiative;
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy)]
struct Actions {
    screen: ServerAction<ScreenInitiative>,
    paper: ServerAction<AddPaperSignature>,
    outcome: ServerAction<RecordInitiativeOutcome>,
}

#[component]
pub fn StaffInitiativePage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let a = Actions {
        screen: ServerAction::new(),
        paper: ServerAction::new(),
        outcome: ServerAction::new(),
    };
    let page = Resource::new(
        move || {
            (
                params.with(|p| {
                    (
                        p.get("slug").unwrap_or_default(),
                        p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                    )
                }),
                a.screen.version().get() + a.paper.version().get() + a.outcome.version().get(),
            )
        },
        |((slug, id), _)| get_initiative(slug, id),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    let staff = Resource::new(|| (), |_| current_staff_summary());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let kept = kept_values.await.unwrap_or_default();
                // Anonymous visitors are asked to log in (401), like on every staff page,
                // before anything is looked up.
                if !matches!(staff.await, Ok(Some(_))) {
                    return view! { <ErrorPage error=crate::error::AppError::Unauthorized/> }.into_any();
                }
                match page.await {
                    Ok(p) if p.viewer.is_staff => view! { <StaffView p a kept_forms=kept/> }.into_any(),
                    Ok(_) => view! { <ErrorPage error=crate::error::AppError::Forbidden/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffView(p: InitiativePage, a: Actions, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let base = crate::paths::staff_initiative(&p.organisation_slug, p.id);
    let sv = KeptForm::values_for(&kept_forms, "screen_initiative", failed(a.screen));
    let pv = KeptForm::values_for(&kept_forms, "add_paper_signature", failed(a.paper));
    let ov = KeptForm::values_for(&kept_forms, "record_initiative_outcome", failed(a.outcome));
    let total = p.total();
    let public = crate::paths::initiative(&p.organisation_slug, p.id);
    view! {
        <Title text=p.title.clone()/>
        <h1 class="ds-heading" data-size="lg">{p.title.clone()}</h1>
        <p class="ds-paragraph"><InitiativeStatusTag status=p.status/></p>
        <p class="ds-paragraph editor-links">
            {p.status.is_public().then(|| view! { <a class="ds-link" href=public>{i.t("editor.public_page")}</a> " · " })}
            <a class="ds-link" href=format!("{base}/underskrifter")>{i.t("staff_initiative.list_page")}</a>" · "
            <a class="ds-link" rel="external" href=format!("{base}/underskrifter.csv")>{i.t("staff_initiative.list_csv")}</a>
        </p>
        <SignatureProgress count=total threshold=p.threshold/>
        <p class="ds-paragraph">{i.tf("initiative.counts", &[("online", &p.online.to_string()), ("paper", &p.paper.to_string())])}</p>
        {p.decision_due.filter(|_| p.status == InitiativeStatus::Submitted).map(|d| view! {
            <p class="ds-paragraph"><strong>{i.tf("initiative.page.council_must_decide", &[("date", &format::date(lang, d))])}</strong></p>
        })}
        <h2 class="ds-heading" data-size="md">{i.t("initiative.page.ask")}</h2>
        <p class="ds-paragraph prewrap">{p.ask.clone()}</p>
        <h2 class="ds-heading" data-size="md">{i.t("initiative.page.justification")}</h2>
        <p class="ds-paragraph prewrap">{p.justification.clone()}</p>
        <SimilarSection p=p.clone()/>
        {(p.status == InitiativeStatus::Screening).then(|| view! { <ScreenSection p=p.clone() a values=sv.clone()/> })}
        {(p.status == InitiativeStatus::Collecting).then(|| view! { <PaperSection p=p.clone() a values=pv.clone()/> })}
        {matches!(p.status, InitiativeStatus::Submitted | InitiativeStatus::Referred).then(|| view! {
            <OutcomeSection p=p.clone() a values=ov.clone()/>
        })}
    }
}

/// Earlier proposals of this election period that are alike (for screening, and for the
/// outcome "not treated: the same matter this period").
#[component]
fn SimilarSection(p: InitiativePage) -> impl IntoView {
    let i = use_i18n();
    (!p.similar.is_empty()).then(|| {
        let slug = p.organisation_slug.clone();
        view! {
            <section aria-labelledby="similar-heading">
                <h2 class="ds-heading" data-size="md" id="similar-heading">{i.t("staff_initiative.similar_heading")}</h2>
                <p class="ds-paragraph">{i.t("staff_initiative.similar_intro")}</p>
                <ul>
                    {p.similar.iter().map(|s| view! {
                        <li><a class="ds-link" href=crate::paths::initiative(&slug, s.id)>{s.title.clone()}</a>
                            {format!(" ({}, {} %)", i.t(s.status.label_key()), s.score)}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The hidden fields of every form here: the CSRF token and which initiative.
#[component]
fn InitiativeFields(p: InitiativePage) -> impl IntoView {
    view! {
        <CsrfField/>
        <input type="hidden" name="slug" value=p.organisation_slug.clone()/>
        <input type="hidden" name="id" value=p.id.to_string()/>
    }
}

/// Screening: publish, or reject with a reason.
#[component]
fn ScreenSection(p: InitiativePage, a: Actions, values: Vec<(String, String)>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let (p1, p2) = (p.clone(), p.clone());
    view! {
        <section aria-labelledby="screen-heading">
            <h2 class="ds-heading" data-size="md" id="screen-heading">{i.t("staff_initiative.screen_heading")}</h2>
            <p class="ds-paragraph">{i.t("staff_initiative.screen_intro")}</p>
            {p.screening_due.map(|d| view! { <p class="ds-paragraph">{i.tf("staff_initiatives.screen_by", &[("date", &format::date(lang, d))])}</p> })}
            <FormAlert action=a.screen/>
            <ActionForm action=a.screen attr:class="inline-form">
                <InitiativeFields p=p1/>
                <input type="hidden" name="action" value="publish"/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("staff_initiative.publish")}</button>
            </ActionForm>
            <ActionForm action=a.screen attr:class="form" attr:novalidate=true>
                <InitiativeFields p=p2/>
                <input type="hidden" name="action" value="reject"/>
                <TextAreaField name="reason" label=i.t("staff_initiative.reason") hint=i.t("staff_initiative.reason_hint")
                    rows=3 value=kept(&values, "reason", "") error=field_error(a.screen, "reason")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("staff_initiative.reject")}</button>
            </ActionForm>
        </section>
    }
}

/// Paper signatures entered while it collects.
#[component]
fn PaperSection(p: InitiativePage, a: Actions, values: Vec<(String, String)>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section aria-labelledby="paper-heading">
            <h2 class="ds-heading" data-size="md" id="paper-heading">{i.t("staff_initiative.paper_heading")}</h2>
            <p class="ds-paragraph">{i.t("staff_initiative.paper_intro")}</p>
            <ActionForm action=a.paper attr:class="form" attr:novalidate=true>
                <FormAlert action=a.paper/>
                <InitiativeFields p/>
                <TextField name="paper_name" label=i.t("staff_initiative.paper_name") value=kept(&values, "paper_name", "") error=field_error(a.paper, "paper_name")/>
                <TextField name="paper_birth_date" label=i.t("staff_initiative.paper_birth_date") kind="date" value=kept(&values, "paper_birth_date", "")
                    error=field_error(a.paper, "paper_birth_date")/>
                <TextField name="paper_address" label=i.t("staff_initiative.paper_address") value=kept(&values, "paper_address", "")/>
                <TextField name="paper_national_id" label=i.t("staff_initiative.paper_national_id") hint=i.t("staff_initiative.paper_national_id_hint")
                    autocomplete="off" error=field_error(a.paper, "paper_national_id")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("staff_initiative.paper_add")}</button>
            </ActionForm>
            <p role="status" class="form-status">{move || matches!(a.paper.value().get(), Some(Ok(()))).then(|| i.t("staff_initiative.paper_added"))}</p>
        </section>
    }
}

/// The council's outcome, recorded once it has been treated.
#[component]
fn OutcomeSection(p: InitiativePage, a: Actions, values: Vec<(String, String)>) -> impl IntoView {
    let i = use_i18n();
    let kinds = vec![
        ("decided".to_string(), i.t("initiative.status.decided")),
        ("referred".to_string(), i.t("initiative.status.referred")),
        (
            "not_treated".to_string(),
            i.t("initiative.status.not_treated"),
        ),
    ];
    view! {
        <section aria-labelledby="outcome-heading">
            <h2 class="ds-heading" data-size="md" id="outcome-heading">{i.t("staff_initiative.outcome_heading")}</h2>
            <ActionForm action=a.outcome attr:class="form" attr:novalidate=true>
                <FormAlert action=a.outcome/>
                <InitiativeFields p/>
                <RadioGroup name="kind" legend=i.t("staff_initiative.outcome_kind") options=kinds selected=kept(&values, "kind", "decided")
                    error=field_error(a.outcome, "kind")/>
                <TextAreaField name="text" label=i.t("staff_initiative.outcome_text") hint=i.t("staff_initiative.outcome_text_hint")
                    rows=4 value=kept(&values, "text", "") error=field_error(a.outcome, "text")/>
                <TextField name="date" label=i.t("staff_initiative.outcome_date") kind="date" value=kept(&values, "date", "") error=field_error(a.outcome, "date")/>
                <TextField name="minutes_url" label=i.t("staff_initiative.minutes_url") kind="url" value=kept(&values, "minutes_url", "") error=field_error(a.outcome, "minutes_url")/>
                <button class="ds-button" data-variant="primary" type="submit">{i.t("staff_initiative.outcome_save")}</button>
            </ActionForm>
        </section>
    }
}
