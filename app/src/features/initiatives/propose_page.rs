//! Proposing an initiative (and rewriting the draft): a plain multipart form (it may carry
//! files). Only a resident with a national id and a confirmed email address may propose; the
//! page says what is missing.

use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, TextAreaField, TextField, UrlErrorAlert, error_for, kept, url_error,
};
use crate::components::status::ErrorPage;
use crate::components::upload::AttachmentsField;
use crate::domain::initiative::InitiativeStatus;
use crate::dto::auth::KeptForm;
use crate::dto::initiatives::InitiativePage;
use crate::features::auth::api::kept_form_values;
use crate::features::citizen::api::current_citizen;
use crate::features::initiatives::api::{SaveInitiative, get_initiative};
use crate::paths::citizen_login_href;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProposePage() -> impl IntoView {
    view! { <ProposalEditor editing=false/> }
}

#[component]
pub fn EditProposalPage() -> impl IntoView {
    view! { <ProposalEditor editing=true/> }
}

#[component]
fn ProposalEditor(editing: bool) -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse::<i32>().ok()),
            )
        })
    };
    let me = Resource::new(|| (), |_| current_citizen());
    let existing = Resource::new(key, |(slug, id)| async move {
        match id {
            Some(id) => get_initiative(slug, id).await.map(Some),
            None => Ok(None),
        }
    });
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let (slug, _) = key();
                let error = url_error::<SaveInitiative>();
                let values = KeptForm::values_for(&kept_values.await.unwrap_or_default(), "save_initiative", error.is_some());
                let me = me.await.ok().flatten();
                let existing = match existing.await {
                    Ok(e) => e,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                if editing && existing.as_ref().is_none_or(|e| !e.viewer.is_proposer || e.status != InitiativeStatus::Draft) {
                    return view! { <ErrorPage error=crate::error::AppError::NotFound/> }.into_any();
                }
                let heading = if editing { i.t("initiative.form.edit_heading") } else { i.t("initiative.form.heading") };
                let here = crate::paths::propose_initiative(&slug);
                let intro = view! {
                    <Title text=heading.clone()/>
                    <h1 class="ds-heading" data-size="lg">{heading}</h1>
                    <p class="ds-paragraph">{i.t("initiative.form.intro")}</p>
                };
                let Some(me) = me else {
                    return view! {
                        {intro}
                        <p class="ds-paragraph">{i.t("initiative.form.login_needed")}</p>
                        <p class="ds-paragraph"><a class="ds-button" data-variant="primary" rel="external"
                            href=citizen_login_href(&here)>{i.t("nav.citizen_login")}</a></p>
                    }.into_any();
                };
                if !me.can_sign {
                    return view! {
                        {intro}
                        <div class="ds-alert" data-color="warning"><p class="ds-paragraph">{i.t("initiative.sign.no_pid")}</p></div>
                    }.into_any();
                }
                if me.email.is_none() {
                    return view! {
                        {intro}
                        <div class="ds-alert" data-color="warning"><p class="ds-paragraph">
                            {i.t("initiative.form.email_required")}" "
                            <a class="ds-link" href=crate::paths::MY_PAGE>{i.t("me.title")}</a>
                        </p></div>
                    }.into_any();
                }
                view! {
                    {intro}
                    <ProposalForm slug existing values error/>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The proposal form, filled with what a failed post kept or the draft being edited.
#[component]
fn ProposalForm(
    slug: String,
    existing: Option<InitiativePage>,
    values: Vec<(String, String)>,
    error: Option<crate::error::AppError>,
) -> impl IntoView {
    let i = use_i18n();
    let cur = |f: fn(&InitiativePage) -> String| existing.as_ref().map(f).unwrap_or_default();
    let title = kept(&values, "title", &cur(|e| e.title.clone()));
    let ask = kept(&values, "ask", &cur(|e| e.ask.clone()));
    let justification = kept(&values, "justification", &cur(|e| e.justification.clone()));
    let ends = kept(
        &values,
        "collection_ends",
        &cur(|e| e.collection_ends.to_string()),
    );
    let err = |f: &'static str| error_for(i, &error, f);
    view! {
        <UrlErrorAlert error=error.clone()/>
        <form method="post" action=crate::paths::SAVE_INITIATIVE_ACTION enctype="multipart/form-data" class="form" novalidate>
            <CsrfField/>
            <input type="hidden" name="slug" value=slug.clone()/>
            {existing.as_ref().map(|e| view! { <input type="hidden" name="id" value=e.id.to_string()/> })}
            <TextField name="title" label=i.t("initiative.form.title") hint=i.t("initiative.form.title_hint") value=title error=err("title")/>
            <TextAreaField name="ask" label=i.t("initiative.form.ask") hint=i.t("initiative.form.ask_hint") rows=4 value=ask error=err("ask")/>
            <TextAreaField name="justification" label=i.t("initiative.form.justification") rows=8 value=justification error=err("justification")/>
            <TextField name="collection_ends" label=i.t("initiative.form.collection_ends") hint=i.t("initiative.form.collection_ends_hint")
                kind="date" value=ends error=err("collection_ends")/>
            <AttachmentsField accept=".pdf,.odt,.docx,.png,.jpg,.jpeg" error=err("attachments")/>
            <p class="ds-paragraph">{i.t("initiative.form.public_notice")}</p>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("initiative.form.save")}</button>
        </form>
    }
}
