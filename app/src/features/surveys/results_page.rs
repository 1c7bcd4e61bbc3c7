//! A survey's results: per question a bar chart drawn on the server (SVG, printable, no
//! script) with the same figures in a table beside it, a note on method (who answered, how
//! many, what is hidden and why), and for staff the same page before it is published.

use super::api::get_survey_results;
use super::staff_api::get_staff_survey_results;
use crate::components::context::use_i18n;
use crate::components::form::SelectField;
use crate::components::status::ErrorPage;
use crate::domain::survey::results::{Breakdown, QuestionResult, Table};
use crate::dto::surveys::SurveyResults;
use crate::i18n::{I18n, format};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The survey, and the question the results are broken down by (`?etter=<id>`).
fn key() -> impl Fn() -> (String, i32, Option<u32>) + Copy {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let by = query.with(|q| q.get("etter").and_then(|v| v.parse().ok()));
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                by,
            )
        })
    }
}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let i = use_i18n();
    let results = Resource::new(key(), |(slug, id, by)| get_survey_results(slug, id, by));
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(r) => view! { <ResultsView r staff=false/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffSurveyResultsPage() -> impl IntoView {
    let i = use_i18n();
    let results = Resource::new(key(), |(slug, id, by)| {
        get_staff_survey_results(slug, id, by)
    });
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(r) => view! { <ResultsView r staff=true/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn figure(i: I18n, x: Option<u64>) -> String {
    x.map_or_else(|| i.t("survey.results.hidden"), |x| x.to_string())
}

fn percent(i: I18n, p: Option<f64>) -> String {
    p.map_or_else(
        || i.t("survey.results.hidden"),
        |p| format!("{} %", format::decimal(i.lang(), p, 1)),
    )
}

/// Bars of the table's percentages; a hidden figure has no bar. The table beside it carries the
/// numbers for screen readers, so the drawing itself is hidden from them.
fn chart(t: &Table, lang: crate::domain::lang::Lang) -> impl IntoView + use<> {
    const ROW: usize = 44;
    let height = (t.rows.len() * ROW).max(ROW);
    let bars = t
        .rows
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let y = n * ROW;
            // A panel survey's bars are its weighted percentages, the estimate it publishes.
            let shown = r.weighted.map(|w| w.value).or(r.percent);
            let width = shown.map_or(0.0, |p| p.clamp(0.0, 100.0) * 3.6);
            let label = shown.map_or("–".to_string(), |p| format!("{} %", format::decimal(lang, p, 1)));
            view! {
                <text x="0" y=(y + 14).to_string() class="chart-label">{r.label.clone()}</text>
                <rect x="0" y=(y + 20).to_string() width=format!("{width:.1}") height="16" class="chart-bar"/>
                <text x=format!("{:.1}", width + 6.0) y=(y + 33).to_string() class="chart-value">{label}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="survey-chart" viewBox=format!("0 0 440 {height}") width="100%" aria-hidden="true" focusable="false">
            {bars}
        </svg>
    }
}

fn table_view(i: I18n, t: Table, id: String) -> impl IntoView {
    let n = figure(i, t.n);
    let mean = t.mean.map(|m| {
        i.tf(
            "survey.results.mean",
            &[("mean", &format::decimal(i.lang(), m, 2))],
        )
    });
    let median = t.median.map(|m| {
        i.tf(
            "survey.results.median",
            &[("median", &format::decimal(i.lang(), m, 1))],
        )
    });
    let weighted = t.rows.iter().any(|r| r.weighted.is_some());
    let weighted_mean = t.weighted_mean.map(|m| {
        i.tf(
            "survey.results.weighted_mean",
            &[
                ("mean", &format::decimal(i.lang(), m.value, 2)),
                ("moe", &format::decimal(i.lang(), m.margin_of_error, 2)),
            ],
        )
    });
    let caption = match &t.title {
        Some(title) => format!("{title} (n = {n})"),
        None => format!("n = {n}"),
    };
    let rows = t.rows.clone();
    view! {
        <div class="survey-result">
            {(!rows.is_empty() && t.n.is_some()).then(|| chart(&t, i.lang()))}
            {(!rows.is_empty()).then(|| view! {
                <table class="ds-table" data-size="sm" id=id>
                    <caption>{caption.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{i.t("survey.results.answer")}</th>
                        <th scope="col" class="numeric">{i.t("survey.results.count")}</th>
                        <th scope="col" class="numeric">{i.t("survey.results.percent")}</th>
                        {weighted.then(|| view! {
                            <th scope="col" class="numeric">{i.t("survey.results.weighted")}</th>
                            <th scope="col" class="numeric">{i.t("survey.results.moe")}</th>
                        })}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.label}</th>
                                <td class="numeric">{figure(i, r.count)}</td>
                                <td class="numeric">{percent(i, r.percent)}</td>
                                {weighted.then(|| view! {
                                    <td class="numeric">{percent(i, r.weighted.map(|w| w.value))}</td>
                                    <td class="numeric">{r.weighted.map_or_else(|| i.t("survey.results.hidden"), |w| format!("± {}", format::decimal(i.lang(), w.margin_of_error, 1)))}</td>
                                })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {t.rows.is_empty().then(|| view! { <p class="ds-paragraph">{caption}</p> })}
            {t.several_each.then(|| view! { <p class="ds-paragraph">{i.t("survey.results.several_each")}</p> })}
            {mean.map(|m| view! { <p class="ds-paragraph">{m}</p> })}
            {weighted_mean.map(|m| view! { <p class="ds-paragraph">{m}</p> })}
            {median.map(|m| view! { <p class="ds-paragraph">{m}</p> })}
        </div>
    }
}

fn question_view(i: I18n, q: QuestionResult) -> impl IntoView {
    let text_note =
        matches!(q.kind.as_str(), "short" | "long").then(|| i.t("survey.results.texts_withheld"));
    let ranking_note = (q.kind == "ranking").then(|| i.t("survey.results.ranked_first"));
    let id = q.id;
    view! {
        <section class="survey-question-result" aria-labelledby=format!("r{id}")>
            <h2 class="ds-heading" data-size="sm" id=format!("r{id}")>{q.text.clone()}</h2>
            {ranking_note.map(|n| view! { <p class="ds-paragraph">{n}</p> })}
            {q.tables.clone().into_iter().enumerate().map(|(n, t)| table_view(i, t, format!("r{id}-{n}"))).collect_view()}
            {(!q.texts.is_empty()).then(|| view! {
                <h3 class="ds-heading" data-size="xs">{i.t("survey.results.published_texts")}</h3>
                <ul class="survey-texts">
                    {q.texts.iter().map(|t| view! { <li class="prewrap">{t.clone()}</li> }).collect_view()}
                </ul>
            })}
            {text_note.map(|n| view! { <p class="ds-paragraph">{n}</p> })}
        </section>
    }
}

fn breakdown_view(i: I18n, b: Breakdown) -> impl IntoView {
    let id = b.id;
    let caption = format!("{} (n = {})", b.text, figure(i, b.n));
    let groups = b.groups.clone();
    let totals = b.group_totals.clone();
    view! {
        <section class="survey-question-result" aria-labelledby=format!("b{id}")>
            <h3 class="ds-heading" data-size="xs" id=format!("b{id}")>{b.text.clone()}</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby=format!("b{id}")>
                <table class="ds-table" data-size="sm">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{i.t("survey.results.answer")}</th>
                        {groups.into_iter().map(|g| view! { <th scope="col" class="numeric">{g}</th> }).collect_view()}
                        <th scope="col" class="numeric">{i.t("survey.results.total")}</th>
                    </tr></thead>
                    <tbody>
                        {b.rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.label.clone()}</th>
                                {r.cells.iter().zip(&r.percents).enumerate().map(|(g, (c, p))| {
                                    let weighted = r.weighted.get(g).copied().flatten();
                                    let text = match (c, p, weighted) {
                                        (Some(c), Some(p), Some(w)) => i.tf("survey.results.cell_weighted", &[
                                            ("count", &c.to_string()),
                                            ("percent", &format::decimal(i.lang(), *p, 1)),
                                            ("weighted", &format::decimal(i.lang(), w.value, 1)),
                                            ("margin", &format::decimal(i.lang(), w.margin_of_error, 1)),
                                        ]),
                                        (Some(c), Some(p), None) => format!("{c} ({} %)", format::decimal(i.lang(), *p, 1)),
                                        (Some(c), None, _) => c.to_string(),
                                        _ => i.t("survey.results.hidden"),
                                    };
                                    view! { <td class="numeric">{text}</td> }
                                }).collect_view()}
                                <td class="numeric">{figure(i, r.total)}</td>
                            </tr>
                        }).collect_view()}
                        <tr>
                            <th scope="row">{i.t("survey.results.total")}</th>
                            {totals.into_iter().map(|t| view! { <td class="numeric">{figure(i, t)}</td> }).collect_view()}
                            <td class="numeric">{figure(i, b.n)}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The form that breaks the results down by a single-choice question (a plain GET).
fn by_form(i: I18n, r: &SurveyResults, here: String) -> impl IntoView + use<> {
    let selected = r.by.map(|b| b.to_string()).unwrap_or_default();
    let mut options = vec![(String::new(), i.t("survey.results.by_none"))];
    options.extend(
        r.by_choices
            .iter()
            .map(|(id, text)| (id.to_string(), text.clone())),
    );
    (!r.by_choices.is_empty()).then(|| view! {
        <form method="get" action=here class="form by-form">
            <SelectField name="etter" label=i.t("survey.results.by") options selected/>
            <button class="ds-button" data-variant="secondary" type="submit">{i.t("survey.results.by_show")}</button>
        </form>
    })
}

#[component]
fn ResultsView(r: SurveyResults, staff: bool) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let period = match (r.opened_at, r.closed_at) {
        (Some(o), Some(c)) => i.tf(
            "survey.results.period_closed",
            &[
                ("from", &format::day(lang, o)),
                ("to", &format::day(lang, c)),
            ],
        ),
        (Some(o), None) => i.tf(
            "survey.results.period_open",
            &[("from", &format::day(lang, o))],
        ),
        _ => String::new(),
    };
    let method = match (&r.weighting, &r.unweighted_reason) {
        (Some(w), _) => i.tf(
            "survey.results.method_weighted",
            &[
                ("responses", &r.responses.to_string()),
                ("k", &r.k.to_string()),
                (
                    "district",
                    &i.t(&format!("panel.district_kind.{}", w.district_kind))
                        .to_lowercase(),
                ),
                ("iterations", &w.iterations.to_string()),
                (
                    "converged",
                    &if w.converged {
                        i.t("survey.results.converged")
                    } else {
                        i.tf(
                            "survey.results.not_converged",
                            &[("error", &format::decimal(lang, w.max_error, 1))],
                        )
                    },
                ),
                ("low", &format::decimal(lang, w.trim.0, 1)),
                ("high", &format::decimal(lang, w.trim.1, 1)),
                ("trimmed", &w.trimmed.to_string()),
                ("deff", &format::decimal(lang, w.design_effect, 2)),
                ("n_eff", &format::decimal(lang, w.effective_n, 0)),
                ("moe", &format::decimal(lang, w.margin_of_error, 1)),
                (
                    "population",
                    &match w.population_as_of {
                        Some(d) => i.tf(
                            "survey.results.population_ssb",
                            &[("date", &format::date(lang, d))],
                        ),
                        None => i.t("survey.results.population_synthetic"),
                    },
                ),
            ],
        ),
        (None, Some(why)) => i.tf(
            "survey.results.method_unweighted",
            &[
                ("responses", &r.responses.to_string()),
                ("k", &r.k.to_string()),
                ("why", &i.t(why)),
            ],
        ),
        (None, None) => i.tf(
            "survey.results.method_open",
            &[
                ("responses", &r.responses.to_string()),
                ("k", &r.k.to_string()),
            ],
        ),
    };
    let title = i.tf("survey.results.title", &[("title", &r.title)]);
    let here = if staff {
        format!(
            "{}/resultater",
            crate::paths::survey_editor(&r.organisation_slug, r.id)
        )
    } else {
        crate::paths::survey_results(&r.organisation_slug, r.id)
    };
    let by_form = by_form(i, &r, here);
    let by_heading =
        r.by.and_then(|b| r.by_choices.iter().find(|(id, _)| *id == b))
            .map(|(_, t)| i.tf("survey.results.by_heading", &[("question", t)]));
    let breakdowns = r.breakdowns.clone();
    view! {
        <Title text=title.clone()/>
        {staff.then(|| view! {
            <div class="ds-alert" data-color=if r.published { "success" } else { "warning" }>
                <p class="ds-paragraph">{if r.published { i.t("survey.results.staff_published") } else { i.t("survey.results.staff_unpublished") }}</p>
                <p class="ds-paragraph"><a class="ds-link" href=crate::paths::survey_editor(&r.organisation_slug, r.id)>{i.t("survey.answer.back_to_editor")}</a></p>
            </div>
        })}
        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::organisation(&r.organisation_slug)>{r.organisation_name.clone()}</a></p>
        <h1 class="ds-heading" data-size="lg" lang=r.content_lang.code()>{title}</h1>
        <section aria-labelledby="method-heading" class="survey-method">
            <h2 class="ds-heading" data-size="sm" id="method-heading">{i.t("survey.results.method")}</h2>
            <p class="ds-paragraph">{period}</p>
            <p class="ds-paragraph">{method}</p>
        </section>
        {by_form}
        {by_heading.map(|h| view! {
            <section aria-labelledby="by-heading" lang=r.content_lang.code()>
                <h2 class="ds-heading" data-size="md" id="by-heading">{h}</h2>
                {breakdowns.into_iter().map(|b| breakdown_view(i, b)).collect_view()}
            </section>
        })}
        <div lang=r.content_lang.code()>
            {r.questions.into_iter().map(|q| question_view(i, q)).collect_view()}
        </div>
    }
}
