//! The workbench: every received submission with filters, screening (publish, a redacted copy,
//! or withhold with a reason), the administration's comment, tags and summary, and exports.

use super::workbench_api::{AnnotateSubmission, ScreenSubmission, get_workbench};
use crate::components::action::{Changes, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert, SelectField, TextAreaField, TextField};
use crate::components::status::ErrorPage;
use crate::domain::submission::screening::UNDO_MINUTES;
use crate::domain::submission::{Publication, SubmitterKind, WithholdReason};
use crate::dto::hearings::{StaffSubmission, Workbench};
use crate::i18n::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn WorkbenchPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let changes = Changes(RwSignal::new(0));
    let screen = ServerAction::<ScreenSubmission>::new();
    let annotate = ServerAction::<AnnotateSubmission>::new();
    reload_on_success(screen, changes);
    reload_on_success(annotate, changes);
    let key = move || {
        let (slug, id) = params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
            )
        });
        let f = query.with(|q| {
            (
                q.get("section"),
                q.get("kind"),
                q.get("publication"),
                q.get("tag"),
            )
        });
        (slug, id, f, changes.0.get())
    };
    let bench = Resource::new(key, |(slug, id, (section, kind, publication, tag), _)| {
        get_workbench(slug, id, section, kind, publication, tag)
    });
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let (slug, _, filter, _) = key();
                match bench.await {
                    Ok(w) => view! { <WorkbenchView w slug filter screen annotate/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

type FilterValues = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

#[component]
fn WorkbenchView(
    w: Workbench,
    slug: String,
    filter: FilterValues,
    screen: ServerAction<ScreenSubmission>,
    annotate: ServerAction<AnnotateSubmission>,
) -> impl IntoView {
    let i = use_i18n();
    let base = crate::paths::hearing_editor(&slug, w.hearing_id);
    let heading = i.tf("workbench.heading", &[("title", &w.title)]);
    let c = &w.counts;
    let counts = i.tf(
        "workbench.counts",
        &[
            ("received", &c.received.to_string()),
            ("pending", &c.pending.to_string()),
            ("published", &c.published.to_string()),
            ("redacted", &c.redacted.to_string()),
            ("withheld", &c.withheld.to_string()),
            ("unconfirmed", &c.unconfirmed.to_string()),
        ],
    );
    let any = |label: String| (String::new(), label);
    let sections: Vec<(String, String)> = std::iter::once(any(i.t("workbench.all")))
        .chain(
            w.sections
                .iter()
                .map(|s| (s.id.to_string(), format!("{}. {}", s.number, s.title))),
        )
        .collect();
    let kinds = vec![
        any(i.t("workbench.all")),
        ("private".into(), i.t("submission.kind.private")),
        ("organisation".into(), i.t("submission.kind.organisation")),
    ];
    let publications: Vec<(String, String)> = std::iter::once(any(i.t("workbench.all")))
        .chain(
            Publication::ALL
                .into_iter()
                .map(|p| (p.as_str().to_string(), i.t(p.label_key()))),
        )
        .collect();
    let tags: Vec<(String, String)> = std::iter::once(any(i.t("workbench.all")))
        .chain(w.all_tags.iter().map(|t| (t.clone(), t.clone())))
        .collect();
    let shown = w.submissions.len();
    view! {
        <Title text=heading.clone()/>
        <h1 class="ds-heading" data-size="lg">{heading}</h1>
        <p class="ds-paragraph">{counts}</p>
        <p class="ds-paragraph editor-links">
            <a class="ds-link" href=base.clone()>{i.t("workbench.back_to_hearing")}</a>" · "
            <a class="ds-link" rel="external" href=format!("{base}/eksport.csv")>{i.t("workbench.export_csv")}</a>" · "
            <a class="ds-link" rel="external" href=format!("{base}/eksport.zip")>{i.t("workbench.export_zip")}</a>" · "
            <a class="ds-link" href=format!("{base}/oppsummering")>{i.t("workbench.summary")}</a>
        </p>
        <form method="get" action=format!("{base}/innspill") class="filter-form">
            <SelectField name="section" label=i.t("workbench.filter_section") options=sections selected=filter.0.unwrap_or_default()/>
            <SelectField name="kind" label=i.t("workbench.filter_kind") options=kinds selected=filter.1.unwrap_or_default()/>
            <SelectField name="publication" label=i.t("workbench.filter_publication") options=publications selected=filter.2.unwrap_or_default()/>
            <SelectField name="tag" label=i.t("workbench.filter_tag") options=tags selected=filter.3.unwrap_or_default()/>
            <button class="ds-button" data-variant="secondary" type="submit">{i.t("hearing.list.filter")}</button>
        </form>
        <FormAlert action=screen/>
        <FormAlert action=annotate/>
        <p class="ds-paragraph" role="status">{i.tf("workbench.shown", &[("count", &shown.to_string())])}</p>
        <ul class="submission-list">
            {w.submissions.into_iter().map(|s| view! {
                <StaffSubmissionCard s slug=slug.clone() hearing_id=w.hearing_id screen annotate/>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn StaffSubmissionCard(
    s: StaffSubmission,
    slug: String,
    hearing_id: i32,
    screen: ServerAction<ScreenSubmission>,
    annotate: ServerAction<AnnotateSubmission>,
) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang();
    let who = match s.kind {
        SubmitterKind::Organisation => format!(
            "{} ({}{}), {}",
            s.organisation_name.clone().unwrap_or_default(),
            i.t("workbench.org_number"),
            s.org_number
                .clone()
                .map(|n| format!(" {n}"))
                .unwrap_or_default(),
            s.name
        ),
        SubmitterKind::Private => s.name.clone(),
    };
    let state = match (s.publication, s.withhold_reason) {
        (Publication::Withheld, Some(r)) => {
            format!("{}: {}", i.t(s.publication.label_key()), i.t(r.label_key()))
        }
        (p, _) => i.t(p.label_key()),
    };
    let card_heading = format!("{} – {}", s.reference, who);
    view! {
        <li class="ds-card submission" id=s.reference.clone()>
            <h2 class="ds-heading" data-size="xs">{card_heading.clone()}</h2>
            <p class="ds-paragraph submission__meta">
                {i.t(s.kind.label_key())}" · "
                {i.tf("submission.received", &[("date", &format::date_time(lang, s.received_at))])}
                {s.late_by_extension.then(|| view! { " · " {i.t("workbench.late_by_extension")} })}" · "
                {if s.logged_in { i.t("workbench.logged_in") } else { i.t("workbench.email_confirmed") }}
                {s.email.clone().map(|e| view! { " · " {e} })}
                {(s.kind == SubmitterKind::Private).then(|| if s.show_name { i.t("workbench.name_public") } else { i.t("workbench.name_hidden") }).map(|t| view! { " · " {t} })}
            </p>
            <p class="ds-paragraph"><strong>{i.t("workbench.publication")}": "</strong>{state}</p>
            {s.objects_to_publication.then(|| view! {
                <div class="ds-alert" data-color="warning"><p class="ds-paragraph">
                    {i.tf("workbench.objection", &[("reason", &s.objection_reason.clone().unwrap_or_default())])}
                </p></div>
            })}
            {(!s.general_comment.is_empty()).then(|| view! { <p class="ds-paragraph prewrap">{s.general_comment.clone()}</p> })}
            {s.comments.iter().map(|c| view! {
                <h3 class="ds-heading" data-size="2xs">{i.tf("submission.on_section", &[("number", &c.section_number.to_string()), ("title", &c.section_title)])}</h3>
                <p class="ds-paragraph prewrap">{c.text.clone()}</p>
            }).collect_view()}
            {(!s.attachments.is_empty()).then(|| view! {
                <ul class="plain-list">
                    {s.attachments.iter().map(|a| view! {
                        <li><a class="ds-link" href=crate::paths::submission_attachment(a.id, &a.file_name)>{a.file_name.clone()}</a>
                            {format!(" ({})", format::file_size(lang, a.size_bytes))}</li>
                    }).collect_view()}
                </ul>
            })}
            <ScreenForms s=s.clone() slug=slug.clone() hearing_id screen/>
            <AnnotateForm s=s.clone() slug=slug.clone() hearing_id annotate/>
        </li>
    }
}

/// The hidden fields of every form on a card: the CSRF token, the hearing and the submission.
#[component]
fn SubmissionFields(slug: String, hearing_id: i32, submission_id: i32) -> impl IntoView {
    view! {
        <CsrfField/>
        <input type="hidden" name="slug" value=slug/>
        <input type="hidden" name="id" value=hearing_id.to_string()/>
        <input type="hidden" name="submission_id" value=submission_id.to_string()/>
    }
}

/// Screening: publish as written, publish a redacted copy, or withhold with a reason.
#[component]
fn ScreenForms(
    s: StaffSubmission,
    slug: String,
    hearing_id: i32,
    screen: ServerAction<ScreenSubmission>,
) -> impl IntoView {
    let i = use_i18n();
    let sid = s.id;
    let publish_label = i.tf("workbench.publish_named", &[("reference", &s.reference)]);
    let reasons: Vec<(String, String)> =
        std::iter::once((String::new(), i.t("workbench.choose_reason")))
            .chain(
                WithholdReason::ALL
                    .into_iter()
                    .map(|r| (r.as_str().to_string(), i.t(r.label_key()))),
            )
            .collect();
    let (slug1, slug2, slug3) = (slug.clone(), slug.clone(), slug);
    // Only what changes something: no "Publish" on what is published as sent; an "Undo" for
    // a few minutes after that publication.
    let quick = if s.undoable {
        let undo_label = i.tf("workbench.undo_named", &[("reference", &s.reference)]);
        let hint = i.tf(
            "workbench.undo_hint",
            &[("minutes", &UNDO_MINUTES.to_string())],
        );
        view! {
            <ActionForm action=screen attr:class="inline-form">
                <SubmissionFields slug=slug1 hearing_id submission_id=sid/>
                <input type="hidden" name="action" value="undo"/>
                <button class="ds-button" data-variant="secondary" type="submit"
                    aria-label=undo_label>{i.t("workbench.undo")}</button>
            </ActionForm>
            <p class="ds-paragraph" data-size="sm">{hint}</p>
        }
        .into_any()
    } else if s.publication != Publication::Published {
        view! {
            <ActionForm action=screen attr:class="inline-form">
                <SubmissionFields slug=slug1 hearing_id submission_id=sid/>
                <input type="hidden" name="action" value="publish"/>
                <button class="ds-button" data-variant="primary" type="submit"
                    aria-label=publish_label>{i.t("workbench.publish")}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <div class="button-row">{quick}</div>
        <details>
            <summary>{i.t("workbench.redact")}</summary>
            <ActionForm action=screen attr:class="form">
                <SubmissionFields slug=slug2 hearing_id submission_id=sid/>
                <input type="hidden" name="action" value="redact"/>
                <TextAreaField name="public_general_comment" id=format!("f-{sid}-public_general_comment") label=i.t("workbench.public_copy") rows=5
                    value=s.public_general_comment.clone().unwrap_or_else(|| s.general_comment.clone())/>
                {s.comments.iter().map(|c| view! {
                    <TextAreaField name=format!("public_sections[{}]", c.section_id) id=format!("f-{sid}-public_section_{}", c.section_id) rows=3
                        label=i.tf("workbench.public_copy_section", &[("number", &c.section_number.to_string())])
                        value=c.public_text.clone().unwrap_or_else(|| c.text.clone())/>
                }).collect_view()}
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("workbench.publish_redacted")}</button>
            </ActionForm>
        </details>
        <details>
            <summary>{i.t("workbench.withhold")}</summary>
            <ActionForm action=screen attr:class="form">
                <SubmissionFields slug=slug3 hearing_id submission_id=sid/>
                <input type="hidden" name="action" value="withhold"/>
                <SelectField name="withhold_reason" id=format!("f-{sid}-withhold_reason") label=i.t("workbench.reason") options=reasons
                    selected=s.withhold_reason.map(|r| r.as_str().to_string()).unwrap_or_default()/>
                <TextAreaField name="withhold_note" id=format!("f-{sid}-withhold_note") label=i.t("workbench.note") rows=3
                    value=s.withhold_note.clone().unwrap_or_default()/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("workbench.withhold_button")}</button>
            </ActionForm>
        </details>
    }
}

/// Staff's own notes: a summary, a comment and tags.
#[component]
fn AnnotateForm(
    s: StaffSubmission,
    slug: String,
    hearing_id: i32,
    annotate: ServerAction<AnnotateSubmission>,
) -> impl IntoView {
    let i = use_i18n();
    let sid = s.id;
    view! {
        <details>
            <summary>{i.t("workbench.annotate")}</summary>
            <ActionForm action=annotate attr:class="form">
                <SubmissionFields slug hearing_id submission_id=sid/>
                <TextAreaField name="staff_summary" id=format!("f-{sid}-staff_summary") label=i.t("workbench.staff_summary") rows=3 value=s.staff_summary.clone()/>
                <TextAreaField name="admin_comment" id=format!("f-{sid}-admin_comment") label=i.t("workbench.admin_comment") rows=4 value=s.admin_comment.clone()/>
                <TextField name="tags" id=format!("f-{sid}-tags") label=i.t("workbench.tags") hint=i.t("workbench.tags_hint") value=s.tags.join(", ")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("common.save")}</button>
            </ActionForm>
        </details>
    }
}
