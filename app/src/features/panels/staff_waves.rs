//! The panel's waves on its staff page: each wave's survey, times, audience, reminders and
//! response rate, in all and per age band, gender and district, and the form that plans a new one (a draft survey, every member or a
//! stratified sub-sample, opening and closing in Norway's time, up to two reminders).

use super::staff_api::CreateWave;
use crate::components::context::use_i18n;
use crate::components::form::choice::{RadioGroup, SelectField};
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::domain::survey::wave::WaveStatus;
use crate::dto::panels::{DraftSurvey, RateTable, WaveItem};
use crate::i18n::{I18n, format};
use leptos::prelude::*;

fn rate(i: I18n, answered: u64, invited: u64) -> String {
    if invited == 0 {
        return String::new();
    }
    format!(
        "{} %",
        format::decimal(i.lang(), answered as f64 * 100.0 / invited as f64, 1)
    )
}

/// A wave's response rate by one variable.
fn rate_table(i: I18n, title: &str, t: RateTable) -> impl IntoView + use<> {
    let caption = i.tf(
        &format!("staff_panel.rate_by_{}", t.variable),
        &[("title", title)],
    );
    view! {
        <div class="table-scroll">
            <table class="ds-table" data-size="sm">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{i.t(&format!("staff_panel.rate_group_{}", t.variable))}</th>
                    <th scope="col">{i.t("staff_panel.wave_invited")}</th>
                    <th scope="col">{i.t("staff_panel.wave_answered")}</th>
                    <th scope="col">{i.t("staff_panel.wave_rate")}</th>
                </tr></thead>
                <tbody>
                    {t.rows.into_iter().filter(|r| r.invited > 0).map(|r| view! {
                        <tr>
                            <th scope="row">{r.label}</th>
                            <td>{r.invited.to_string()}</td>
                            <td>{r.answered.to_string()}</td>
                            <td>{rate(i, r.answered, r.invited)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The waves so far, newest first, and each opened wave's response rate per group.
#[component]
pub fn WaveTable(waves: Vec<WaveItem>, slug: String) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    if waves.is_empty() {
        return view! { <p class="ds-paragraph">{i.t("staff_panel.waves_none")}</p> }.into_any();
    }
    let groups = waves
        .iter()
        .filter(|w| !w.rates.is_empty())
        .map(|w| {
            let title = w.survey_title.clone();
            let tables = w.rates.clone();
            view! {
                <details class="wave-rates">
                    <summary>{i.tf("staff_panel.rates_summary", &[("title", &title)])}</summary>
                    {tables.into_iter().map(|t| rate_table(i, &title, t)).collect_view()}
                </details>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="ds-table">
                <caption>{i.t("staff_panel.waves_caption")}</caption>
                <thead><tr>
                    <th scope="col">{i.t("staff_panel.wave_survey")}</th>
                    <th scope="col">{i.t("staff_panel.wave_status")}</th>
                    <th scope="col">{i.t("staff_panel.wave_when")}</th>
                    <th scope="col">{i.t("staff_panel.wave_audience")}</th>
                    <th scope="col">{i.t("staff_panel.wave_reminders")}</th>
                    <th scope="col">{i.t("staff_panel.wave_invited")}</th>
                    <th scope="col">{i.t("staff_panel.wave_answered")}</th>
                    <th scope="col">{i.t("staff_panel.wave_rate")}</th>
                </tr></thead>
                <tbody>
                    {waves.into_iter().map(|w| {
                        let status = match w.status {
                            WaveStatus::Scheduled => "staff_panel.wave_scheduled",
                            WaveStatus::Open => "staff_panel.wave_open",
                            WaveStatus::Closed => "staff_panel.wave_closed",
                        };
                        let audience = match w.sample_size {
                            None => i.t("staff_panel.wave_all"),
                            Some(n) => i.tf("staff_panel.wave_sample", &[("n", &n.to_string()), ("seed", &w.seed)]),
                        };
                        let reminders = if w.reminders.is_empty() {
                            i.t("staff_panel.wave_no_reminders")
                        } else {
                            let days: Vec<String> = w.reminders.iter().map(u32::to_string).collect();
                            i.tf("staff_panel.wave_reminder_days", &[("days", &days.join(", "))])
                        };
                        let invited = (w.status != WaveStatus::Scheduled).then(|| w.invited.to_string());
                        view! {
                            <tr>
                                <th scope="row"><a class="ds-link" href=crate::paths::survey_editor(&slug, w.survey_id)>{w.survey_title.clone()}</a></th>
                                <td>{i.t(status)}</td>
                                <td>{i.tf("staff_panel.wave_from_to", &[
                                    ("from", &format::date_time(lang, w.opens_at)),
                                    ("to", &format::date_time(lang, w.closes_at)),
                                ])}</td>
                                <td>{audience}</td>
                                <td>{reminders}</td>
                                <td>{invited.unwrap_or_default()}</td>
                                <td>{w.answered.to_string()}</td>
                                <td>{rate(i, w.answered, w.invited)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {groups}
    }
    .into_any()
}

/// The form that plans a new wave.
#[component]
pub fn NewWaveForm(
    create: ServerAction<CreateWave>,
    sendable: Vec<DraftSurvey>,
    values: Vec<(String, String)>,
    slug: String,
    panel: i32,
) -> impl IntoView {
    let i = use_i18n();
    if sendable.is_empty() {
        return view! {
            <p class="ds-paragraph">
                {i.t("staff_panel.wave_no_drafts")}" "
                <a class="ds-link" href=crate::paths::new_survey(&slug)>{i.t("staff_panel.wave_new_survey")}</a>
            </p>
        }
        .into_any();
    }
    let v = |field: &str, default: &str| kept(&values, field, default);
    let (survey, audience, sample_size) =
        (v("survey", ""), v("audience", "all"), v("sample_size", ""));
    let (opens_date, opens_time) = (v("opens_date", ""), v("opens_time", ""));
    let (closes_date, closes_time) = (v("closes_date", ""), v("closes_time", ""));
    let (first, second) = (v("first_reminder", ""), v("second_reminder", ""));
    let mut options = vec![(String::new(), i.t("panel.join.district_choose"))];
    options.extend(sendable.into_iter().map(|s| (s.id.to_string(), s.title)));
    let audiences = vec![
        ("all".to_string(), i.t("staff_panel.wave_all")),
        ("sample".to_string(), i.t("staff_panel.wave_sample_choice")),
    ];
    view! {
        <ActionForm action=create attr:class="form" attr:novalidate=true>
            <FormAlert action=create/>
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="panel" value=panel.to_string()/>
            <SelectField name="survey" label=i.t("staff_panel.wave_survey") options selected=survey
                error=field_error(create, "survey")/>
            <RadioGroup name="audience" legend=i.t("staff_panel.wave_audience") options=audiences selected=audience
                error=field_error(create, "audience")/>
            <TextField name="sample_size" kind="number" label=i.t("staff_panel.wave_sample_size")
                hint=i.t("staff_panel.wave_sample_size_hint") value=sample_size error=field_error(create, "sample_size")/>
            <fieldset class="ds-fieldset date-pair">
                <legend class="ds-label">{i.t("staff_panel.wave_opens")}</legend>
                <TextField name="opens_date" label=i.t("editor.date") kind="date" value=opens_date error=field_error(create, "opens_date")/>
                <TextField name="opens_time" label=i.t("editor.time_optional") kind="time" value=opens_time error=field_error(create, "opens_time")/>
            </fieldset>
            <fieldset class="ds-fieldset date-pair">
                <legend class="ds-label">{i.t("staff_panel.wave_closes")}</legend>
                <TextField name="closes_date" label=i.t("editor.date") kind="date" value=closes_date error=field_error(create, "closes_date")/>
                <TextField name="closes_time" label=i.t("editor.time_optional") kind="time" hint=i.t("editor.deadline_time_hint")
                    value=closes_time error=field_error(create, "closes_time")/>
            </fieldset>
            <TextField name="first_reminder" kind="number" label=i.t("staff_panel.wave_first_reminder")
                hint=i.t("staff_panel.wave_reminder_hint") value=first error=field_error(create, "first_reminder")/>
            <TextField name="second_reminder" kind="number" label=i.t("staff_panel.wave_second_reminder")
                value=second error=field_error(create, "second_reminder")/>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("staff_panel.wave_create")}</button>
            <p role="status" class="form-status">
                {move || matches!(create.value().get(), Some(Ok(_))).then(|| i.t("staff_panel.wave_created"))}
            </p>
        </ActionForm>
    }
    .into_any()
}
