//! The probability sample on a panel's staff page: the targets (in proportion to the population
//! with a total, or the same number in every stratum, and the share expected to enrol), each
//! stratum against its target with what the next draw would send, the button that draws (the
//! first sample or a top-up), and the draws so far with their seeds and links to the letters.

use super::staff_api::{DrawPanelSample, SavePanelTargets};
use crate::components::context::use_i18n;
use crate::components::form::choice::{CheckboxField, RadioGroup};
use crate::components::form::{CsrfField, FormAlert, TextField, field_error, kept};
use crate::dto::panels::{DrawItem, Recruitment, TargetRow};
use crate::i18n::{I18n, format};
use leptos::prelude::*;

fn strata_table(i: I18n, rows: Vec<TargetRow>, kind: String) -> impl IntoView {
    view! {
        <details class="wave-rates">
            <summary>{i.t("panel.targets.strata_summary")}</summary>
            // Wider than a phone: the scrolling box takes keyboard focus, named by the table.
            <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("panel.targets.strata_caption")>
                <table class="ds-table" data-size="sm">
                    <caption>{i.t("panel.targets.strata_caption")}</caption>
                    <thead><tr>
                        <th scope="col">{i.t("staff_panel.age_band")}</th>
                        <th scope="col">{i.t("staff_panel.gender")}</th>
                        <th scope="col">{kind}</th>
                        <th scope="col">{i.t("staff_panel.population")}</th>
                        <th scope="col">{i.t("panel.targets.target")}</th>
                        <th scope="col">{i.t("staff_panel.members")}</th>
                        <th scope="col">{i.t("panel.targets.open")}</th>
                        <th scope="col">{i.t("panel.targets.rate")}</th>
                        <th scope="col">{i.t("panel.targets.to_invite")}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.age}</th>
                                <td>{r.gender}</td>
                                <td>{r.district}</td>
                                <td>{r.population.to_string()}</td>
                                <td>{r.target.to_string()}</td>
                                <td>{r.members.to_string()}</td>
                                <td>{r.open.to_string()}</td>
                                <td>{format!("{} %", format::decimal(i.lang(), r.rate, 0))}</td>
                                <td>{r.to_invite.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn draws_table(i: I18n, draws: Vec<DrawItem>, slug: String, panel: i32) -> impl IntoView {
    let lang = i.lang();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("panel.draw.caption")>
            <table class="ds-table">
                <caption>{i.t("panel.draw.caption")}</caption>
                <thead><tr>
                    <th scope="col">{i.t("panel.draw.when")}</th>
                    <th scope="col">{i.t("panel.draw.seed")}</th>
                    <th scope="col">{i.t("panel.draw.invited")}</th>
                    <th scope="col">{i.t("panel.draw.by_email")}</th>
                    <th scope="col">{i.t("panel.draw.by_letter")}</th>
                    <th scope="col">{i.t("panel.draw.enrolled")}</th>
                    <th scope="col">{i.t("panel.draw.expires")}</th>
                    <th scope="col">{i.t("panel.draw.letters")}</th>
                </tr></thead>
                <tbody>
                    {draws.into_iter().map(|d| {
                        let letters = (d.by_letter > 0).then(|| view! {
                            <a class="ds-link" href=crate::paths::panel_letters(&slug, panel, d.id)>{i.t("panel.draw.print")}</a>
                            " · "
                            <a class="ds-link" rel="external" download="" href=crate::paths::panel_letters_csv(&slug, panel, d.id)>"CSV"</a>
                        });
                        view! {
                            <tr>
                                <th scope="row">{format::date_time(lang, d.drawn_at)}</th>
                                <td>{d.seed}</td>
                                <td>{d.invited.to_string()}</td>
                                <td>{d.by_email.to_string()}</td>
                                <td>{d.by_letter.to_string()}</td>
                                <td>{d.enrolled.to_string()}</td>
                                <td>{format::date_time(lang, d.expires_at)}</td>
                                <td>{letters}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The recruitment section's body.
#[component]
pub fn RecruitmentSection(
    save: ServerAction<SavePanelTargets>,
    draw: ServerAction<DrawPanelSample>,
    r: Recruitment,
    values: Vec<(String, String)>,
    slug: String,
    panel: i32,
    district_kind: String,
    population_known: bool,
) -> impl IntoView {
    let i = use_i18n();
    let set = r.targets.clone().unwrap_or_default();
    let v = |field: &str, now: &str| kept(&values, field, now);
    let mode = v(
        "mode",
        if set.mode.is_empty() {
            "proportional"
        } else {
            &set.mode
        },
    );
    let (size, per, rate) = (
        v("size", &set.size),
        v("per_stratum", &set.per_stratum),
        v(
            "expected_rate",
            if set.expected_rate.is_empty() {
                "20"
            } else {
                &set.expected_rate
            },
        ),
    );
    let modes = vec![
        (
            "proportional".to_string(),
            i.t("panel.targets.proportional"),
        ),
        ("fixed".to_string(), i.t("panel.targets.fixed")),
    ];
    let drawable = r.targets.is_some() && population_known;
    let next = r.next_draw;
    let first = r.draws.is_empty();
    let (slug_draw, slug_table) = (slug.clone(), slug.clone());
    let draws_view =
        (!r.draws.is_empty()).then(|| draws_table(i, r.draws.clone(), slug_table, panel));
    view! {
        <p class="ds-paragraph">{i.t("panel.targets.intro")}</p>
        {(!population_known).then(|| view! { <p class="ds-paragraph">{i.t("panel.draw.no_register")}</p> })}
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <FormAlert action=save/>
            <CsrfField/>
            <input type="hidden" name="slug" value=slug.clone()/>
            <input type="hidden" name="panel" value=panel.to_string()/>
            <RadioGroup name="mode" legend=i.t("panel.targets.mode") options=modes selected=mode
                error=field_error(save, "mode")/>
            <TextField name="size" kind="number" label=i.t("panel.targets.size") hint=i.t("panel.targets.size_hint")
                value=size error=field_error(save, "size")/>
            <TextField name="per_stratum" kind="number" label=i.t("panel.targets.per_stratum")
                hint=i.t("panel.targets.per_stratum_hint") value=per error=field_error(save, "per_stratum")/>
            <TextField name="expected_rate" kind="number" label=i.t("panel.targets.expected_rate")
                hint=i.t("panel.targets.expected_rate_hint") value=rate error=field_error(save, "expected_rate")/>
            <button class="ds-button" data-variant="secondary" type="submit">{i.t("panel.targets.save")}</button>
            <p role="status" class="form-status">
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| i.t("common.saved"))}
            </p>
        </ActionForm>
        {(!r.rows.is_empty()).then(|| strata_table(i, r.rows.clone(), district_kind))}
        {drawable.then(|| view! {
            <ActionForm action=draw attr:class="form">
                <FormAlert action=draw/>
                <CsrfField/>
                <input type="hidden" name="slug" value=slug_draw.clone()/>
                <input type="hidden" name="panel" value=panel.to_string()/>
                <p class="ds-paragraph">{if next == 0 {
                    i.t("panel.draw.at_target")
                } else {
                    i.tf("panel.draw.next", &[("n", &next.to_string())])
                }}</p>
                {(next > 0).then(|| view! {
                    <CheckboxField name="confirm" label=i.tf("panel.draw.confirm", &[("n", &next.to_string())])
                        error=field_error(draw, "confirm")/>
                })}
                <button class="ds-button" data-variant="primary" type="submit" disabled=next == 0>
                    {if first { i.t("panel.draw.first") } else { i.t("panel.draw.top_up") }}
                </button>
                <p role="status" class="form-status">
                    {move || matches!(draw.value().get(), Some(Ok(_))).then(|| i.t("panel.draw.done"))}
                </p>
            </ActionForm>
        })}
        {draws_view}
    }
}
