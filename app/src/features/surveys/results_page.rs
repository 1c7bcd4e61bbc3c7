//! A survey's results: per question a bar chart drawn on the server (SVG, printable, no
//! script) with the same figures in a table beside it, a note on method (who answered, how
//! many, what is hidden and why), and for staff the same page before it is published.

use super::api::get_survey_results;
use super::staff_api::get_staff_survey_results;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::domain::survey::results::{QuestionResult, Table};
use crate::dto::surveys::SurveyResults;
use crate::i18n::{I18n, format};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn key() -> impl Fn() -> (String, i32) + Copy {
    let params = use_params_map();
    move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
            )
        })
    }
}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let i = use_i18n();
    let results = Resource::new(key(), |(slug, id)| get_survey_results(slug, id));
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
    let results = Resource::new(key(), |(slug, id)| get_staff_survey_results(slug, id));
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
            let width = r.percent.map_or(0.0, |p| p.clamp(0.0, 100.0) * 3.6);
            let label = r
                .percent
                .map_or("–".to_string(), |p| format!("{} %", format::decimal(lang, p, 1)));
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
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.label}</th>
                                <td class="numeric">{figure(i, r.count)}</td>
                                <td class="numeric">{percent(i, r.percent)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {t.rows.is_empty().then(|| view! { <p class="ds-paragraph">{caption}</p> })}
            {t.several_each.then(|| view! { <p class="ds-paragraph">{i.t("survey.results.several_each")}</p> })}
            {mean.map(|m| view! { <p class="ds-paragraph">{m}</p> })}
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
    let method = i.tf(
        "survey.results.method_open",
        &[
            ("responses", &r.responses.to_string()),
            ("k", &r.k.to_string()),
        ],
    );
    let title = i.tf("survey.results.title", &[("title", &r.title)]);
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
        <div lang=r.content_lang.code()>
            {r.questions.into_iter().map(|q| question_view(i, q)).collect_view()}
        </div>
    }
}
