//! A printable summary of the submissions (submitter, summary, the administration's comment),
//! ready to paste into the council's case paper. Submitters appear as the public sees them.

use super::workbench_api::get_workbench;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::domain::submission::SubmitterKind;
use crate::dto::hearings::StaffSubmission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// How the submitter is named in public and in the council's paper.
pub fn public_name(i: crate::i18n::I18n, s: &StaffSubmission) -> String {
    match s.kind {
        SubmitterKind::Organisation => s.organisation_name.clone().unwrap_or_default(),
        SubmitterKind::Private if s.show_name => s.name.clone(),
        SubmitterKind::Private => i.t("submission.private_person"),
    }
}

/// The summary staff wrote, or the start of the submission.
fn summary_of(s: &StaffSubmission) -> String {
    if !s.staff_summary.trim().is_empty() {
        return s.staff_summary.clone();
    }
    let text = if s.general_comment.trim().is_empty() {
        s.comments
            .first()
            .map(|c| c.text.clone())
            .unwrap_or_default()
    } else {
        s.general_comment.clone()
    };
    let short: String = text.chars().take(300).collect();
    if short.len() < text.len() {
        format!("{short} …")
    } else {
        short
    }
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let bench = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("slug").unwrap_or_default(),
                    p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                )
            })
        },
        |(slug, id)| get_workbench(slug, id, None, None, None, None),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match bench.await {
                    Ok(w) => {
                        let heading = i.tf("summary.heading", &[("title", &w.title)]);
                        view! {
                            <Title text=heading.clone()/>
                            <h1 class="ds-heading" data-size="lg">{heading}</h1>
                            <p class="ds-paragraph no-print">{i.t("summary.print_hint")}</p>
                            <table class="ds-table summary-table">
                                <thead><tr>
                                    <th scope="col">{i.t("summary.number")}</th>
                                    <th scope="col">{i.t("summary.submitter")}</th>
                                    <th scope="col">{i.t("summary.summary")}</th>
                                    <th scope="col">{i.t("summary.admin_comment")}</th>
                                </tr></thead>
                                <tbody>
                                    {w.submissions.iter().enumerate().map(|(n, s)| view! {
                                        <tr>
                                            <td>{(n + 1).to_string()}</td>
                                            <td>{public_name(i, s)}</td>
                                            <td class="prewrap">{summary_of(s)}</td>
                                            <td class="prewrap">{s.admin_comment.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
