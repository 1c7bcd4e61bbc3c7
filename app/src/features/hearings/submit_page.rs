//! The submission form: a plain multipart form (it carries files), so it works the same with
//! and without JavaScript. A failed post comes back here with the messages next to the fields
//! and what was typed (files must be chosen again: browsers never keep them).

use super::components::deadline_words;
use super::hearing_page::hearing_params;
use crate::components::context::use_i18n;
use crate::components::form::{
    CheckboxField, CsrfField, RadioGroup, TextAreaField, TextField, UrlErrorAlert, error_for, kept,
    url_error,
};
use crate::components::status::ErrorPage;
use crate::components::upload::AttachmentsField;
use crate::domain::hearing::HearingStatus;
use crate::dto::auth::KeptForm;
use crate::dto::citizen::CitizenSummary;
use crate::dto::hearings::HearingPage;
use crate::features::auth::api::kept_form_values;
use crate::features::citizen::api::current_citizen;
use crate::features::hearings::api::{SubmitComment, get_hearing};
use crate::i18n::format;
use crate::paths::citizen_login_href;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SubmitPage() -> impl IntoView {
    let i = use_i18n();
    let hearing = Resource::new(hearing_params(), |(slug, id)| get_hearing(slug, id, 1));
    let me = Resource::new(|| (), |_| current_citizen());
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let error = url_error::<SubmitComment>();
                let kept_values = KeptForm::values_for(&kept_values.await.unwrap_or_default(), "submit_comment", error.is_some());
                let me = me.await.ok().flatten();
                match hearing.await {
                    Ok(h) => view! { <SubmitForm h me kept_values error/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SubmitForm(
    h: HearingPage,
    me: Option<CitizenSummary>,
    kept_values: Vec<(String, String)>,
    error: Option<crate::error::AppError>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let heading = i.tf("submit.heading", &[("title", &h.title)]);
    let back = crate::paths::hearing(&h.organisation_slug, h.id);
    if !matches!(h.status, HearingStatus::Open | HearingStatus::Closed) {
        return view! { <NotOpen h heading back/> }.into_any();
    }
    let closed = h.status == HearingStatus::Closed;
    let form = view! { <CommentForm h=h.clone() me kept_values error=error.clone()/> };
    // After the deadline the notice replaces the form; it stays one click away for those the
    // municipality has given more time.
    let form_view = if closed {
        view! {
            <details class="extension-form">
                <summary>{i.t("submit.extension_summary")}</summary>
                {form}
            </details>
        }
        .into_any()
    } else {
        form.into_any()
    };
    view! {
        <Title text=heading.clone()/>
        <h1 class="ds-heading" data-size="lg">{heading}</h1>
        {if closed {
            // After the deadline: the notice, and the form only for those granted more time.
            view! {
                <div class="ds-alert" data-color="warning" role="alert"><p class="ds-paragraph">
                    {i.tf("hearing.page.closed_notice", &[("deadline", &format::date_time(lang, h.deadline))])}
                </p></div>
                <p class="ds-paragraph">{i.t("submit.extension_only")}</p>
            }.into_any()
        } else {
            view! { <p class="ds-paragraph">{deadline_words(i, h.deadline, h.now)}</p> }.into_any()
        }}
        <div class="ds-alert" data-color="info">
            <p class="ds-paragraph">{i.t("submit.public_notice")}</p>
        </div>
        <UrlErrorAlert error=error.clone()/>
        {form_view}
        <p class="ds-paragraph"><a class="ds-link" href=back>{i.t("submit.back")}</a></p>
    }
    .into_any()
}

/// A hearing that is not open (yet, or any more): why, instead of the form.
#[component]
fn NotOpen(h: HearingPage, heading: String, back: String) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let notice = match h.status {
        HearingStatus::Scheduled => i.tf(
            "hearing.opens_on",
            &[("date", &format::date_time(lang, h.opens_at))],
        ),
        HearingStatus::Cancelled => i.t("hearing.page.cancelled"),
        _ => i.tf(
            "hearing.page.closed_notice",
            &[("deadline", &format::date_time(lang, h.deadline))],
        ),
    };
    view! {
        <Title text=heading.clone()/>
        <h1 class="ds-heading" data-size="lg">{heading}</h1>
        <div class="ds-alert" data-color="warning" role="alert"><p class="ds-paragraph">{notice}</p></div>
        <p class="ds-paragraph"><a class="ds-link" href=back>{i.t("submit.back")}</a></p>
    }
}

/// The form itself, with what a failed post kept.
#[component]
fn CommentForm(
    h: HearingPage,
    me: Option<CitizenSummary>,
    kept_values: Vec<(String, String)>,
    error: Option<crate::error::AppError>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <form method="post" action=crate::paths::SUBMIT_COMMENT_ACTION enctype="multipart/form-data" class="form" novalidate>
            <CsrfField/>
            <input type="hidden" name="slug" value=h.organisation_slug.clone()/>
            <input type="hidden" name="hearing_id" value=h.id.to_string()/>
            <WhoFields h=h.clone() me kept_values=kept_values.clone() error=error.clone()/>
            <CommentFields h kept_values=kept_values.clone() error=error.clone()/>
            <PublicationFields kept_values error/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("submit.send")}</button>
        </form>
    }
}

/// Who submits: the name (from ID-porten when logged in), the address, and for whom.
#[component]
fn WhoFields(
    h: HearingPage,
    me: Option<CitizenSummary>,
    kept_values: Vec<(String, String)>,
    error: Option<crate::error::AppError>,
) -> impl IntoView {
    let i = use_i18n();
    let here = format!(
        "{}/innspill",
        crate::paths::hearing(&h.organisation_slug, h.id)
    );
    let k = |f: &str| kept(&kept_values, f, "");
    let checked = |f: &str| kept_values.iter().any(|(k, _)| k == f);
    let err = |f: &'static str| error_for(i, &error, f);
    let kind = kept(&kept_values, "kind", "private");
    let kinds = vec![
        ("private".to_string(), i.t("submission.kind.private")),
        (
            "organisation".to_string(),
            i.t("submission.kind.organisation"),
        ),
    ];
    let logged_in = me.is_some();
    let login_name = me.as_ref().and_then(|c| c.name.clone());
    view! {
        <h2 class="ds-heading" data-size="sm">{i.t("submit.who_heading")}</h2>
        {match (logged_in, login_name.clone()) {
            (true, Some(name)) => view! {
                <p class="ds-paragraph">{i.tf("submit.logged_in_as", &[("name", &name)])}</p>
            }.into_any(),
            (true, None) => view! {
                <TextField name="name" label=i.t("submit.name") autocomplete="name" value=k("name") error=err("name")/>
            }.into_any(),
            (false, _) => view! {
                <p class="ds-paragraph">
                    {i.t("submit.login_offer")}" "
                    <a class="ds-link" rel="external" href=citizen_login_href(&here)>{i.t("nav.citizen_login")}</a>
                </p>
                <TextField name="name" label=i.t("submit.name") autocomplete="name" value=k("name") error=err("name")/>
            }.into_any(),
        }}
        <TextField name="email" kind="email" autocomplete="email"
            label=if logged_in { i.t("submit.email_optional") } else { i.t("submit.email") }
            hint=if logged_in { i.t("submit.email_hint_logged_in") } else { i.t("submit.email_hint") }
            value=if logged_in { kept(&kept_values, "email", &me.as_ref().and_then(|c| c.email.clone()).unwrap_or_default()) } else { k("email") }
            error=err("email")/>
        <RadioGroup name="kind" legend=i.t("submit.kind") options=kinds selected=kind error=err("kind")/>
        <TextField name="organisation_name" label=i.t("submit.organisation_name")
            hint=i.t("submit.organisation_hint") value=k("organisation_name") error=err("organisation_name")/>
        <TextField name="org_number" label=i.t("submit.org_number") autocomplete="off"
            value=k("org_number") error=err("org_number")/>
        <CheckboxField name="show_name" label=i.t("submit.show_name") checked=checked("show_name")/>
    }
}

/// The comment: in general, on each section, and attachments.
#[component]
fn CommentFields(
    h: HearingPage,
    kept_values: Vec<(String, String)>,
    error: Option<crate::error::AppError>,
) -> impl IntoView {
    let i = use_i18n();
    let k = |f: &str| kept(&kept_values, f, "");
    view! {
        <h2 class="ds-heading" data-size="sm">{i.t("submit.comment_heading")}</h2>
        <TextAreaField name="general_comment" label=i.t("submit.general_comment") rows=8
            value=k("general_comment") error=error_for(i, &error, "general_comment")/>
        {h.sections.iter().map(|s| {
            let name = format!("section_{}", s.id);
            view! {
                <TextAreaField name=name.clone() rows=4
                    label=i.tf("submit.section_comment", &[("number", &s.number.to_string()), ("title", &s.title)])
                    value=k(&name)/>
            }
        }).collect_view()}
        <AttachmentsField accept=".pdf,.odt,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            error=error_for(i, &error, "attachments")/>
    }
}

/// Publication: an objection with its reason, and the confirmation that it will be public.
#[component]
fn PublicationFields(
    kept_values: Vec<(String, String)>,
    error: Option<crate::error::AppError>,
) -> impl IntoView {
    let i = use_i18n();
    let checked = |f: &str| kept_values.iter().any(|(k, _)| k == f);
    let err = |f: &'static str| error_for(i, &error, f);
    view! {
        <h2 class="ds-heading" data-size="sm">{i.t("submit.publication_heading")}</h2>
        <CheckboxField name="objects_to_publication" label=i.t("submit.objects") checked=checked("objects_to_publication")/>
        <TextAreaField name="objection_reason" label=i.t("submit.objection_reason") rows=3
            value=kept(&kept_values, "objection_reason", "") error=err("objection_reason")/>
        <CheckboxField name="confirm_public" label=i.t("submit.confirm_public") checked=checked("confirm_public")
            error=err("confirm_public")/>
    }
}
