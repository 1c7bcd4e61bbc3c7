//! The editor's lists: documents (uploaded as a multipart form), numbered sections, invited
//! consultees, and the status history.

use super::staff_api::{
    AddHearingConsultee, AddHearingSection, RemoveHearingConsultee, RemoveHearingDocument,
    RemoveHearingSection, UploadHearingDocument,
};
use crate::components::action::{Changes, failed, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FileField, FormAlert, TextAreaField, TextField, UrlErrorAlert, error_for,
    field_error, kept, url_error,
};
use crate::domain::hearing::HearingStatus;
use crate::dto::auth::KeptForm;
use crate::dto::hearings::StaffHearing;
use crate::i18n::format;
use leptos::prelude::*;

fn hidden(slug: String, id: i32) -> impl IntoView {
    view! {
        <CsrfField/>
        <input type="hidden" name="slug" value=slug/>
        <input type="hidden" name="id" value=id.to_string()/>
    }
}

#[component]
pub fn DocumentsSection(h: StaffHearing, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let changes = use_context::<Changes>().unwrap_or(Changes(RwSignal::new(0)));
    let remove = ServerAction::<RemoveHearingDocument>::new();
    reload_on_success(remove, changes);
    let upload_error = url_error::<UploadHearingDocument>();
    let values = KeptForm::values_for(
        &kept_forms,
        "upload_hearing_document",
        upload_error.is_some(),
    );
    let p = h.page;
    let (slug, pid) = (p.organisation_slug.clone(), p.id);
    let docs = p.documents.clone();
    let row_slug = slug.clone();
    view! {
        <section aria-labelledby="documents-heading">
            <h2 class="ds-heading" data-size="md" id="documents-heading">{i.t("hearing.page.documents")}</h2>
            <FormAlert action=remove/>
            <ul class="plain-list">
                {docs.into_iter().map(move |d| {
                    let row_slug = row_slug.clone();
                    view! {
                    <li>
                        <a class="ds-link" href=crate::paths::hearing_document(d.id, &d.file_name)>{d.title.clone()}</a>
                        {format!(" ({}, {}) ", d.file_name, format::file_size(lang, d.size_bytes))}
                        <ActionForm action=remove attr:class="inline-form">
                            {hidden(row_slug.clone(), pid)}
                            <input type="hidden" name="document_id" value=d.id.to_string()/>
                            <button class="ds-button" data-variant="tertiary" type="submit">
                                {i.tf("editor.remove_named", &[("name", &d.title)])}
                            </button>
                        </ActionForm>
                    </li>
                }}).collect_view()}
            </ul>
            <h3 class="ds-heading" data-size="sm">{i.t("editor.upload_heading")}</h3>
            <UrlErrorAlert error=upload_error.clone()/>
            <form method="post" action=crate::paths::UPLOAD_DOCUMENT_ACTION enctype="multipart/form-data" class="form" novalidate>
                {hidden(slug.clone(), pid)}
                <TextField name="document_title" label=i.t("editor.document_title")
                    value=kept(&values, "document_title", "") error=error_for(i, &upload_error, "document_title")/>
                <FileField name="document_file" label=i.t("editor.document_file")
                    hint=i.t("editor.document_file_hint") accept=".pdf,.odt,.docx"
                    error=error_for(i, &upload_error, "document_file")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("editor.upload")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn SectionsSection(h: StaffHearing, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let changes = use_context::<Changes>().unwrap_or(Changes(RwSignal::new(0)));
    let add = ServerAction::<AddHearingSection>::new();
    let remove = ServerAction::<RemoveHearingSection>::new();
    reload_on_success(add, changes);
    reload_on_success(remove, changes);
    let values = KeptForm::values_for(&kept_forms, "add_hearing_section", failed(add));
    let p = h.page;
    let draft = p.status == HearingStatus::Draft;
    let (slug, pid) = (p.organisation_slug.clone(), p.id);
    let sections = p.sections.clone();
    let row_slug = slug.clone();
    view! {
        <section aria-labelledby="sections-heading">
            <h2 class="ds-heading" data-size="md" id="sections-heading">{i.t("hearing.page.sections")}</h2>
            <p class="ds-paragraph">{i.t("editor.sections_intro")}</p>
            <FormAlert action=remove/>
            <ol class="section-list">
                {sections.into_iter().map(move |s| {
                    let row_slug = row_slug.clone();
                    view! {
                    <li>
                        <strong>{format!("{}. {}", s.number, s.title)}</strong>
                        <p class="ds-paragraph prewrap">{s.body.clone()}</p>
                        {draft.then(|| view! {
                            <ActionForm action=remove attr:class="inline-form">
                                {hidden(row_slug.clone(), pid)}
                                <input type="hidden" name="section_id" value=s.id.to_string()/>
                                <button class="ds-button" data-variant="tertiary" type="submit">
                                    {i.tf("editor.remove_named", &[("name", &format!("{}. {}", s.number, s.title))])}
                                </button>
                            </ActionForm>
                        })}
                    </li>
                }}).collect_view()}
            </ol>
            <h3 class="ds-heading" data-size="sm">{i.t("editor.add_section")}</h3>
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <FormAlert action=add/>
                {hidden(slug.clone(), pid)}
                <TextField name="section_title" label=i.t("editor.section_title")
                    value=kept(&values, "section_title", "") error=field_error(add, "section_title")/>
                <TextAreaField name="section_body" label=i.t("editor.section_body") rows=5
                    value=kept(&values, "section_body", "") error=field_error(add, "section_body")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("editor.add_section_button")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ConsulteesSection(h: StaffHearing, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let changes = use_context::<Changes>().unwrap_or(Changes(RwSignal::new(0)));
    let add = ServerAction::<AddHearingConsultee>::new();
    let remove = ServerAction::<RemoveHearingConsultee>::new();
    reload_on_success(add, changes);
    reload_on_success(remove, changes);
    let values = KeptForm::values_for(&kept_forms, "add_hearing_consultee", failed(add));
    let p = h.page;
    let (slug, pid) = (p.organisation_slug.clone(), p.id);
    let row_slug = slug.clone();
    let consultees = h.consultees.clone();
    view! {
        <section aria-labelledby="consultees-heading">
            <h2 class="ds-heading" data-size="md" id="consultees-heading">{i.t("hearing.page.consultees")}</h2>
            <p class="ds-paragraph">{i.t("editor.consultees_intro")}</p>
            <FormAlert action=remove/>
            <ul class="plain-list">
                {consultees.into_iter().map(move |c| {
                    let row_slug = row_slug.clone();
                    view! {
                    <li>
                        {format!("{} ({}{}) ", c.name, c.email, c.org_number.as_ref().map(|n| format!(", {n}")).unwrap_or_default())}
                        {match c.invited_at {
                            Some(t) => i.tf("editor.invited_at", &[("date", &format::date_time(lang, t))]),
                            None => i.t("editor.not_invited"),
                        }}
                        " "
                        <ActionForm action=remove attr:class="inline-form">
                            {hidden(row_slug.clone(), pid)}
                            <input type="hidden" name="consultee_id" value=c.id.to_string()/>
                            <button class="ds-button" data-variant="tertiary" type="submit">
                                {i.tf("editor.remove_named", &[("name", &c.name)])}
                            </button>
                        </ActionForm>
                    </li>
                }}).collect_view()}
            </ul>
            <h3 class="ds-heading" data-size="sm">{i.t("editor.add_consultee")}</h3>
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <FormAlert action=add/>
                {hidden(slug.clone(), pid)}
                <TextField name="consultee_name" label=i.t("editor.consultee_name")
                    value=kept(&values, "consultee_name", "") error=field_error(add, "consultee_name")/>
                <TextField name="consultee_email" label=i.t("editor.consultee_email") kind="email"
                    value=kept(&values, "consultee_email", "") error=field_error(add, "consultee_email")/>
                <TextField name="consultee_org_number" label=i.t("editor.consultee_org_number")
                    value=kept(&values, "consultee_org_number", "") error=field_error(add, "consultee_org_number")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("editor.add_consultee_button")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn HistorySection(h: StaffHearing) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    view! {
        <section aria-labelledby="history-heading">
            <h2 class="ds-heading" data-size="md" id="history-heading">{i.t("editor.history")}</h2>
            {if h.events.is_empty() {
                view! { <p class="ds-paragraph">{i.t("editor.no_history")}</p> }.into_any()
            } else {
                view! {
                    <table class="ds-table">
                        <thead><tr>
                            <th scope="col">{i.t("editor.history_when")}</th>
                            <th scope="col">{i.t("editor.history_change")}</th>
                            <th scope="col">{i.t("editor.history_who")}</th>
                        </tr></thead>
                        <tbody>
                            {h.events.into_iter().map(|e| {
                                let change = if e.from == e.to {
                                    i.t("editor.history_deadline")
                                } else {
                                    format!("{} → {}", i.t(e.from.label_key()), i.t(e.to.label_key()))
                                };
                                view! {
                                    <tr>
                                        <td>{format::date_time(lang, e.at)}</td>
                                        <td>{change}{(!e.note.is_empty() && e.from != e.to).then(|| format!(": {}", e.note))}</td>
                                        <td>{e.actor.unwrap_or_else(|| i.t("editor.history_by_dates"))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
