//! Writing and running one hearing: its details (and a new hearing's), then — once saved — its
//! status, deadlines, documents, sections, consultees and history.

use super::editor_parts::{ConsulteesSection, DocumentsSection, HistorySection, SectionsSection};
use super::editor_status::StatusSection;
use super::staff_api::{SaveHearing, get_staff_hearing};
use crate::components::action::{Changes, failed, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{
    CsrfField, FormAlert, SelectField, TextAreaField, TextField, field_error, kept,
};
use crate::components::status::ErrorPage;
use crate::domain::role::HEARING_EDITORS;
use crate::dto::auth::{KeptForm, StaffSummary};
use crate::dto::hearings::StaffHearing;
use crate::dto::organisations::OrganisationDto;
use crate::error::AppError;
use crate::features::auth::api::{current_staff_summary, kept_form_values};
use crate::features::organisations::organisation_page::organisation_resource;
use chrono_tz::Europe::Oslo;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The organisation's bodies as (id, name) choices, "not chosen" first.
fn body_options(
    i: crate::i18n::I18n,
    org: &Result<OrganisationDto, crate::error::AppError>,
) -> Vec<(String, String)> {
    let mut bodies = vec![(String::new(), i.t("editor.no_body"))];
    if let Ok(o) = org {
        bodies.extend(o.bodies.iter().map(|b| (b.id.to_string(), b.name.clone())));
    }
    bodies
}

#[component]
pub fn NewHearingPage() -> impl IntoView {
    let i = use_i18n();
    let save = ServerAction::<SaveHearing>::new();
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    let org = organisation_resource();
    let staff = Resource::new(|| (), |_| current_staff_summary());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let org = org.await;
                // Asked to log in (401) or refused (403) like every staff page, not shown a form
                // that cannot be saved.
                let slug = org.as_ref().map(|o| o.slug.clone()).unwrap_or_default();
                let may = |s: &StaffSummary| s.memberships.iter()
                    .any(|m| m.slug == slug && HEARING_EDITORS.contains(&m.role));
                match staff.await {
                    Ok(Some(s)) if may(&s) => {}
                    Ok(Some(_)) => return view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                    _ => return view! { <ErrorPage error=AppError::Unauthorized/> }.into_any(),
                }
                let values = KeptForm::values_for(&kept_values.await.unwrap_or_default(), "save_hearing", failed(save));
                view! {
                    <Title text=i.t("editor.new_title")/>
                    <h1 class="ds-heading" data-size="lg">{i.t("editor.new_title")}</h1>
                    <DetailsForm save hearing=None values bodies=body_options(i, &org) slug/>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn HearingEditorPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let changes = Changes::new();
    provide_context(changes);
    let save = ServerAction::<SaveHearing>::new();
    reload_on_success(save, changes);
    let hearing = Resource::new(
        move || {
            (
                params.with(|p| {
                    (
                        p.get("slug").unwrap_or_default(),
                        p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                    )
                }),
                changes.0.get(),
            )
        },
        |((slug, id), _)| get_staff_hearing(slug, id),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    let org = organisation_resource();
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let kept = kept_values.await.unwrap_or_default();
                let org = org.await;
                match hearing.await {
                    Ok(h) => {
                        let values = KeptForm::values_for(&kept, "save_hearing", failed(save));
                        let page = &h.page;
                        let public = crate::paths::hearing(&page.organisation_slug, page.id);
                        let bench = crate::paths::workbench(&page.organisation_slug, page.id);
                        view! {
                            <Title text=page.title.clone()/>
                            <h1 class="ds-heading" data-size="lg">{page.title.clone()}</h1>
                            <p class="ds-paragraph editor-links">
                                {h.public.then(|| view! { <a class="ds-link" href=public>{i.t("editor.public_page")}</a> " · " })}
                                <a class="ds-link" href=bench>{i.tf("editor.workbench", &[("count", &h.submission_counts.received.to_string())])}</a>
                            </p>
                            <StatusSection h=h.clone() kept_forms=kept.clone()/>
                            <section aria-labelledby="details-heading">
                                <h2 class="ds-heading" data-size="md" id="details-heading">{i.t("editor.details")}</h2>
                                <DetailsForm save hearing=Some(h.clone()) values bodies=body_options(i, &org)
                                    slug=page.organisation_slug.clone()/>
                            </section>
                            <DocumentsSection h=h.clone() kept_forms=kept.clone()/>
                            <SectionsSection h=h.clone() kept_forms=kept.clone()/>
                            <ConsulteesSection h=h.clone() kept_forms=kept.clone()/>
                            <HistorySection h/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn date_in_oslo(t: chrono::DateTime<chrono::Utc>) -> (String, String) {
    let l = t.with_timezone(&Oslo);
    (
        l.format("%Y-%m-%d").to_string(),
        l.format("%H:%M").to_string(),
    )
}

/// The opening and the deadline as the form shows them: date and time in Oslo, without a time
/// where it is the day's default (an opening at midnight, a deadline at 23:59).
fn form_dates(hearing: Option<&StaffHearing>) -> (String, String, String, String) {
    let (od, ot) = hearing
        .map(|h| date_in_oslo(h.page.opens_at))
        .unwrap_or_default();
    let (dd, dt) = hearing
        .map(|h| date_in_oslo(h.page.deadline))
        .unwrap_or_default();
    let dt = if dt == "23:59" { String::new() } else { dt };
    let ot = if ot == "00:00" { String::new() } else { ot };
    (od, ot, dd, dt)
}

#[component]
fn DetailsForm(
    save: ServerAction<SaveHearing>,
    hearing: Option<StaffHearing>,
    values: Vec<(String, String)>,
    bodies: Vec<(String, String)>,
    slug: String,
) -> impl IntoView {
    let i = use_i18n();
    let exists = hearing.is_some();
    let id = hearing.as_ref().map(|h| h.page.id);
    let (od, ot, dd, dt) = form_dates(hearing.as_ref());
    let current =
        |f: fn(&StaffHearing) -> Option<String>| hearing.as_ref().and_then(f).unwrap_or_default();
    let v = |field: &str, now: String| kept(&values, field, &now);
    let title = v("title", current(|h| Some(h.page.title.clone())));
    let summary = v("summary", current(|h| Some(h.page.summary.clone())));
    let body_md = v("body_md", current(|h| Some(h.body_md.clone())));
    let body_id = v(
        "body_id",
        current(|h| h.page.body_id.map(|b| b.to_string())),
    );
    let case_number = v("case_number", current(|h| h.page.case_number.clone()));
    let contact_name = v(
        "contact_name",
        current(|h| Some(h.page.contact_name.clone())),
    );
    let contact_email = v("contact_email", current(|h| h.page.contact_email.clone()));
    let short_reason = v("short_reason", current(|h| h.page.short_reason.clone()));
    let (od, ot, dd, dt) = (
        v("opens_date", od),
        v("opens_time", ot),
        v("deadline_date", dd),
        v("deadline_time", dt),
    );
    view! {
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <FormAlert action=save/>
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <TextField name="title" label=i.t("editor.title") required=true value=title error=field_error(save, "title")/>
            <TextAreaField name="summary" label=i.t("editor.summary") hint=i.t("editor.summary_hint") rows=3
                value=summary error=field_error(save, "summary")/>
            <TextAreaField name="body_md" label=i.t("editor.body") hint=i.t("editor.body_hint") rows=12
                value=body_md error=field_error(save, "body_md")/>
            <SelectField name="body_id" label=i.t("editor.deciding_body") options=bodies selected=body_id
                error=field_error(save, "body_id")/>
            <TextField name="case_number" label=i.t("editor.case_number") value=case_number error=field_error(save, "case_number")/>
            <TextField name="contact_name" label=i.t("editor.contact_name") value=contact_name error=field_error(save, "contact_name")/>
            <TextField name="contact_email" label=i.t("editor.contact_email") kind="email" value=contact_email
                error=field_error(save, "contact_email")/>
            <fieldset class="ds-fieldset date-pair">
                <legend class="ds-label">{i.t("editor.opens")}</legend>
                <TextField name="opens_date" label=i.t("editor.date") kind="date" value=od error=field_error(save, "opens_date")/>
                <TextField name="opens_time" label=i.t("editor.time_optional") kind="time" value=ot error=field_error(save, "opens_time")/>
            </fieldset>
            <fieldset class="ds-fieldset date-pair">
                <legend class="ds-label">{i.t("editor.deadline")}</legend>
                <TextField name="deadline_date" label=i.t("editor.date") kind="date" value=dd error=field_error(save, "deadline_date")/>
                <TextField name="deadline_time" label=i.t("editor.time_optional") kind="time" hint=i.t("editor.deadline_time_hint")
                    value=dt error=field_error(save, "deadline_time")/>
            </fieldset>
            <TextAreaField name="short_reason" label=i.t("editor.short_reason") hint=i.t("editor.short_reason_hint") rows=3
                value=short_reason error=field_error(save, "short_reason")/>
            <button class="ds-button" data-variant="primary" type="submit">
                {if exists { i.t("common.save") } else { i.t("editor.create") }}
            </button>
            <p role="status" class="form-status">
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| i.t("common.saved"))}
            </p>
        </ActionForm>
    }
}
