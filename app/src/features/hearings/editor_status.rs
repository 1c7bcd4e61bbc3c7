//! The editor's status panel: publish, withdraw, cancel, conclude with the outcome, extend the
//! deadline for everyone or for one named submitter.

use super::components::{StatusTag, deadline_words};
use super::staff_api::{ChangeHearingStatus, ExtendHearingDeadline, GrantHearingExtension};
use crate::components::action::{Changes, failed, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, TextAreaField, TextField, field_error, kept};
use crate::domain::hearing::HearingStatus;
use crate::dto::auth::KeptForm;
use crate::dto::hearings::StaffHearing;
use crate::i18n::format;
use leptos::prelude::*;

#[component]
pub fn StatusSection(h: StaffHearing, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let changes = use_context::<Changes>().unwrap_or(Changes(RwSignal::new(0)));
    let status = ServerAction::<ChangeHearingStatus>::new();
    let extend = ServerAction::<ExtendHearingDeadline>::new();
    let grant = ServerAction::<GrantHearingExtension>::new();
    reload_on_success(status, changes);
    reload_on_success(extend, changes);
    reload_on_success(grant, changes);
    let p = h.page.clone();
    let sv = KeptForm::values_for(&kept_forms, "change_hearing_status", failed(status));
    let gv = KeptForm::values_for(&kept_forms, "grant_hearing_extension", failed(grant));
    let can_cancel = matches!(
        p.status,
        HearingStatus::Draft
            | HearingStatus::Scheduled
            | HearingStatus::Open
            | HearingStatus::Closed
    );
    let can_extend = matches!(
        p.status,
        HearingStatus::Scheduled | HearingStatus::Open | HearingStatus::Closed
    );
    view! {
        <section aria-labelledby="status-heading" class="editor-status">
            <h2 class="ds-heading" data-size="md" id="status-heading">{i.t("editor.status_heading")}</h2>
            <p class="ds-paragraph"><StatusTag status=p.status/>" "{deadline_words(i, p.deadline, p.now)}</p>
            {(p.status == HearingStatus::Scheduled).then(|| view! {
                <p class="ds-paragraph">{i.tf("hearing.opens_on", &[("date", &format::date_time(lang, p.opens_at))])}</p>
            })}
            <FormAlert action=status/>
            <div class="button-row">
                {(p.status == HearingStatus::Draft).then(|| view! {
                    <SimpleMove h=h.clone() status action="publish" label=i.t("editor.publish") variant="primary"/>
                })}
                {(p.status == HearingStatus::Scheduled).then(|| view! {
                    <SimpleMove h=h.clone() status action="unpublish" label=i.t("editor.unpublish") variant="secondary"/>
                })}
            </div>
            {(p.status == HearingStatus::Closed).then(|| view! { <ConcludeForm h=h.clone() status values=sv.clone()/> })}
            {can_extend.then(|| view! { <ExtendForm h=h.clone() extend/> })}
            {can_extend.then(|| view! { <GrantExtensionForm h=h.clone() grant values=gv.clone()/> })}
            {can_cancel.then(|| view! { <CancelForm h=h.clone() status values=sv.clone()/> })}
        </section>
    }
}

/// The hidden fields of every form here: the CSRF token and which hearing.
#[component]
fn HearingFields(h: StaffHearing) -> impl IntoView {
    view! {
        <CsrfField/>
        <input type="hidden" name="slug" value=h.page.organisation_slug.clone()/>
        <input type="hidden" name="id" value=h.page.id.to_string()/>
    }
}

/// A move that needs nothing but a button: publish, unpublish.
#[component]
fn SimpleMove(
    h: StaffHearing,
    status: ServerAction<ChangeHearingStatus>,
    action: &'static str,
    label: String,
    variant: &'static str,
) -> impl IntoView {
    view! {
        <ActionForm action=status attr:class="inline-form">
            <HearingFields h/>
            <input type="hidden" name="action" value=action/>
            <button class="ds-button" data-variant=variant type="submit">{label}</button>
        </ActionForm>
    }
}

/// A closed hearing concluded: its outcome and the decision's address.
#[component]
fn ConcludeForm(
    h: StaffHearing,
    status: ServerAction<ChangeHearingStatus>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <h3 class="ds-heading" data-size="sm">{i.t("editor.conclude_heading")}</h3>
        <ActionForm action=status attr:class="form" attr:novalidate=true>
            <HearingFields h/>
            <input type="hidden" name="action" value="conclude"/>
            <TextAreaField name="outcome" label=i.t("editor.outcome") rows=4
                value=kept(&values, "outcome", "") error=field_error(status, "outcome")/>
            <TextField name="decision_url" label=i.t("editor.decision_url") kind="url"
                value=kept(&values, "decision_url", "") error=field_error(status, "decision_url")/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("editor.conclude")}</button>
        </ActionForm>
    }
}

/// A later deadline for everyone.
#[component]
fn ExtendForm(h: StaffHearing, extend: ServerAction<ExtendHearingDeadline>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <h3 class="ds-heading" data-size="sm">{i.t("editor.extend_heading")}</h3>
        <ActionForm action=extend attr:class="form date-pair" attr:novalidate=true>
            <FormAlert action=extend/>
            <HearingFields h/>
            <TextField name="extend_date" label=i.t("editor.new_deadline") kind="date" error=field_error(extend, "extend_date")/>
            <TextField name="extend_time" label=i.t("editor.time_optional") kind="time" error=field_error(extend, "extend_time")/>
            <button class="ds-button" data-variant="secondary" type="submit">{i.t("editor.extend")}</button>
        </ActionForm>
    }
}

/// A later deadline for one named submitter, and those granted so far.
#[component]
fn GrantExtensionForm(
    h: StaffHearing,
    grant: ServerAction<GrantHearingExtension>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    view! {
        <h3 class="ds-heading" data-size="sm">{i.t("editor.grant_heading")}</h3>
        <p class="ds-paragraph">{i.t("editor.grant_intro")}</p>
        {(!h.extensions.is_empty()).then(|| view! {
            <ul class="plain-list">
                {h.extensions.iter().map(|e| view! {
                    <li>{i.tf("editor.grant_item", &[("name", &e.name), ("email", &e.email), ("until", &format::date_time(lang, e.until))])}</li>
                }).collect_view()}
            </ul>
        })}
        <ActionForm action=grant attr:class="form" attr:novalidate=true>
            <FormAlert action=grant/>
            <HearingFields h=h.clone()/>
            <TextField name="grant_name" label=i.t("editor.grant_name") value=kept(&values, "grant_name", "") error=field_error(grant, "grant_name")/>
            <TextField name="grant_email" label=i.t("editor.grant_email") kind="email" value=kept(&values, "grant_email", "") error=field_error(grant, "grant_email")/>
            <TextField name="grant_date" label=i.t("editor.new_deadline") kind="date" value=kept(&values, "grant_date", "") error=field_error(grant, "grant_date")/>
            <TextField name="grant_time" label=i.t("editor.time_optional") kind="time" value=kept(&values, "grant_time", "") error=field_error(grant, "grant_time")/>
            <button class="ds-button" data-variant="secondary" type="submit">{i.t("editor.grant")}</button>
        </ActionForm>
    }
}

/// Cancelling, behind a disclosure: with the note the public sees.
#[component]
fn CancelForm(
    h: StaffHearing,
    status: ServerAction<ChangeHearingStatus>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <details class="danger-zone">
            <summary>{i.t("editor.cancel_heading")}</summary>
            <ActionForm action=status attr:class="form" attr:novalidate=true>
                <HearingFields h/>
                <input type="hidden" name="action" value="cancel"/>
                <TextAreaField name="cancel_note" label=i.t("editor.cancel_note") rows=3
                    value=kept(&values, "cancel_note", "") error=field_error(status, "cancel_note")/>
                <button class="ds-button" data-variant="secondary" data-color="danger" type="submit">{i.t("editor.cancel")}</button>
            </ActionForm>
        </details>
    }
}
