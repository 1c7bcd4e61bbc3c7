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
    let slug = p.organisation_slug.clone();
    let id = p.id.to_string();
    let sv = KeptForm::values_for(&kept_forms, "change_hearing_status", failed(status));
    let gv = KeptForm::values_for(&kept_forms, "grant_hearing_extension", failed(grant));
    let (outcome, decision_url, cancel_note) = (
        kept(&sv, "outcome", ""),
        kept(&sv, "decision_url", ""),
        kept(&sv, "cancel_note", ""),
    );
    let (grant_name, grant_email, grant_date, grant_time) = (
        kept(&gv, "grant_name", ""),
        kept(&gv, "grant_email", ""),
        kept(&gv, "grant_date", ""),
        kept(&gv, "grant_time", ""),
    );
    let hidden = {
        let (slug, id) = (slug.clone(), id.clone());
        move || {
            view! {
                <CsrfField/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
            }
        }
    };
    let simple = |action: &'static str, label: String, variant: &'static str| {
        let hidden = hidden.clone();
        view! {
            <ActionForm action=status attr:class="inline-form">
                {hidden()}
                <input type="hidden" name="action" value=action/>
                <button class="ds-button" data-variant=variant type="submit">{label}</button>
            </ActionForm>
        }
    };
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
                {(p.status == HearingStatus::Draft).then(|| simple("publish", i.t("editor.publish"), "primary"))}
                {(p.status == HearingStatus::Scheduled).then(|| simple("unpublish", i.t("editor.unpublish"), "secondary"))}
            </div>
            {(p.status == HearingStatus::Closed).then(|| {
                let hidden = hidden.clone();
                view! {
                    <h3 class="ds-heading" data-size="sm">{i.t("editor.conclude_heading")}</h3>
                    <ActionForm action=status attr:class="form" attr:novalidate=true>
                        {hidden()}
                        <input type="hidden" name="action" value="conclude"/>
                        <TextAreaField name="outcome" label=i.t("editor.outcome") rows=4
                            value=outcome error=field_error(status, "outcome")/>
                        <TextField name="decision_url" label=i.t("editor.decision_url") kind="url"
                            value=decision_url error=field_error(status, "decision_url")/>
                        <button class="ds-button" data-variant="primary" type="submit">{i.t("editor.conclude")}</button>
                    </ActionForm>
                }
            })}
            {can_extend.then(|| {
                let hidden = hidden.clone();
                view! {
                    <h3 class="ds-heading" data-size="sm">{i.t("editor.extend_heading")}</h3>
                    <ActionForm action=extend attr:class="form date-pair" attr:novalidate=true>
                        <FormAlert action=extend/>
                        {hidden()}
                        <TextField name="extend_date" label=i.t("editor.new_deadline") kind="date" error=field_error(extend, "extend_date")/>
                        <TextField name="extend_time" label=i.t("editor.time_optional") kind="time" error=field_error(extend, "extend_time")/>
                        <button class="ds-button" data-variant="secondary" type="submit">{i.t("editor.extend")}</button>
                    </ActionForm>
                }
            })}
            {can_extend.then(|| {
                let hidden = hidden.clone();
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
                        {hidden()}
                        <TextField name="grant_name" label=i.t("editor.grant_name") value=grant_name error=field_error(grant, "grant_name")/>
                        <TextField name="grant_email" label=i.t("editor.grant_email") kind="email" value=grant_email error=field_error(grant, "grant_email")/>
                        <TextField name="grant_date" label=i.t("editor.new_deadline") kind="date" value=grant_date error=field_error(grant, "grant_date")/>
                        <TextField name="grant_time" label=i.t("editor.time_optional") kind="time" value=grant_time error=field_error(grant, "grant_time")/>
                        <button class="ds-button" data-variant="secondary" type="submit">{i.t("editor.grant")}</button>
                    </ActionForm>
                }
            })}
            {can_cancel.then(|| {
                let hidden = hidden.clone();
                view! {
                    <details class="danger-zone">
                        <summary>{i.t("editor.cancel_heading")}</summary>
                        <ActionForm action=status attr:class="form" attr:novalidate=true>
                            {hidden()}
                            <input type="hidden" name="action" value="cancel"/>
                            <TextAreaField name="cancel_note" label=i.t("editor.cancel_note") rows=3
                                value=cancel_note error=field_error(status, "cancel_note")/>
                            <button class="ds-button" data-variant="secondary" data-color="danger" type="submit">{i.t("editor.cancel")}</button>
                        </ActionForm>
                    </details>
                }
            })}
        </section>
    }
}
