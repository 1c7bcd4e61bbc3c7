//! Answering: one page of the questionnaire per page ("Side 2 av 4"), a plain multipart form
//! that keeps its answers and goes on (or back), with the resume link on every page; and the
//! staff's preview of the same pages, which keeps nothing.

use super::api::{AnswerSurvey, get_survey_response};
use super::conditions::{ConditionalQuestions, QUESTIONS_ID};
use super::question_fields::QuestionFields;
use super::staff_api::get_survey_preview;
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, UrlErrorAlert, url_error};
use crate::components::status::ErrorPage;
use crate::domain::survey::questionnaire::Kind;
use crate::dto::auth::KeptForm;
use crate::dto::surveys::ResponsePage;
use crate::error::AppError;
use crate::features::auth::api::kept_form_values;
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn side() -> Memo<Option<usize>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("side").and_then(|s| s.parse().ok())))
}

#[component]
pub fn SurveyResponsePage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let side = side();
    let page = Resource::new(
        move || {
            (
                params.with(|p| {
                    (
                        p.get("slug").unwrap_or_default(),
                        p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                        p.get("token").unwrap_or_default(),
                    )
                }),
                side.get(),
            )
        },
        |((slug, id, token), side)| get_survey_response(slug, id, token, side),
    );
    let kept = Resource::new(|| (), |_| kept_form_values());
    view! {
        <ConditionalQuestions/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let error = url_error::<AnswerSurvey>();
                let kept = kept.await.unwrap_or_default();
                match page.await {
                    Ok(p) => {
                        let values = if error.is_some() {
                            KeptForm::values_for(&kept, "answer_survey", true)
                        } else {
                            p.values.clone()
                        };
                        view! { <ResponseView p values error/> }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn SurveyPreviewPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let side = side();
    let page = Resource::new(
        move || {
            (
                params.with(|p| {
                    (
                        p.get("slug").unwrap_or_default(),
                        p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                    )
                }),
                side.get(),
            )
        },
        |((slug, id), side)| get_survey_preview(slug, id, side.unwrap_or(1)),
    );
    view! {
        <ConditionalQuestions/>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <ResponseView p values=vec![] error=None/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Answer only if you answered … to question …", for a condition on the same page.
fn condition_words(i: I18n, p: &ResponsePage, id: u32) -> Option<String> {
    let q = p.page.questions.iter().find(|q| q.id == id)?;
    let c = q.show_if.as_ref()?;
    let target = p.page.questions.iter().find(|t| t.id == c.question)?;
    let options = match &target.kind {
        Kind::SingleChoice { options, .. } | Kind::MultipleChoice { options, .. } => c
            .any_of
            .iter()
            .filter_map(|o| options.get(*o).map(|s| format!("«{s}»")))
            .collect::<Vec<_>>()
            .join(i.t("survey.answer.or").as_str()),
        _ => return None,
    };
    Some(i.tf(
        "survey.answer.only_if",
        &[("options", &options), ("question", &target.text)],
    ))
}

#[component]
fn ResponseView(
    p: ResponsePage,
    values: Vec<(String, String)>,
    error: Option<AppError>,
) -> impl IntoView {
    let i = use_i18n();
    let slug = p.organisation_slug.clone();
    let errors: Vec<(String, String)> = match &error {
        Some(AppError::Validation(f)) => f.0.clone(),
        _ => vec![],
    };
    let page_of = i.tf(
        "survey.answer.page_of",
        &[
            ("page", &(p.section + 1).to_string()),
            ("pages", &p.sections.to_string()),
        ],
    );
    let last = p.section + 1 == p.sections;
    let questions = p
        .page
        .questions
        .iter()
        .filter(|q| p.shown.contains(&q.id))
        .map(|q| {
            let condition = condition_words(i, &p, q.id);
            view! { <QuestionFields q=q.clone() values=values.clone() errors=errors.clone() condition/> }
        })
        .collect_view();
    let resume = crate::paths::survey_response(&slug, p.survey_id, &p.token, None);
    let lang = p.content_lang.code();
    let preview_nav = p.preview.then(|| {
        let prev = (p.section > 0)
            .then(|| crate::paths::survey_preview(&slug, p.survey_id, p.section - 1));
        let next = (!last).then(|| crate::paths::survey_preview(&slug, p.survey_id, p.section + 1));
        view! {
            <p class="ds-paragraph button-row">
                {prev.map(|h| view! { <a class="ds-button" data-variant="secondary" href=h>{i.t("survey.answer.previous")}</a> })}
                {next.map(|h| view! { <a class="ds-button" data-variant="primary" href=h>{i.t("survey.answer.next")}</a> })}
                <a class="ds-link" href=crate::paths::survey_editor(&slug, p.survey_id)>{i.t("survey.answer.back_to_editor")}</a>
            </p>
        }
    });
    view! {
        <Title text=format!("{} – {}", p.title, page_of)/>
        <div lang=lang>
            <h1 class="ds-heading" data-size="lg">{p.title.clone()}</h1>
            {p.preview.then(|| view! {
                <div class="ds-alert" data-color="info"><p class="ds-paragraph">{i.t("survey.answer.preview_note")}</p></div>
            })}
            <p class="ds-paragraph survey-progress">{page_of.clone()}</p>
            <h2 class="ds-heading" data-size="md">{p.page.title.clone()}</h2>
        </div>
        {if p.submitted {
            view! {
                <div class="ds-alert" data-color="success" role="status">
                    <p class="ds-paragraph">{i.t("survey.answer.already_sent")}</p>
                </div>
            }.into_any()
        } else if p.preview {
            view! { <div class="survey-form" lang=lang id=QUESTIONS_ID>{questions}</div>{preview_nav}}.into_any()
        } else {
            view! {
                <UrlErrorAlert error=error.clone()/>
                <form method="post" action=crate::paths::ANSWER_SURVEY_ACTION enctype="multipart/form-data"
                    class="form survey-form" novalidate>
                    <CsrfField/>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="id" value=p.survey_id.to_string()/>
                    <input type="hidden" name="token" value=p.token.clone()/>
                    <input type="hidden" name="section" value=(p.section + 1).to_string()/>
                    <div lang=lang id=QUESTIONS_ID>{questions}</div>
                    <div class="button-row">
                        <button class="ds-button" data-variant="primary" type="submit" name="go" value="next">
                            {if last { i.t("survey.answer.send") } else { i.t("survey.answer.next") }}
                        </button>
                        {(p.section > 0).then(|| view! {
                            <button class="ds-button" data-variant="secondary" type="submit" name="go" value="back">
                                {i.t("survey.answer.previous")}
                            </button>
                        })}
                    </div>
                </form>
                <p class="ds-paragraph">
                    {i.t("survey.answer.resume")}" "<a class="ds-link" href=resume.clone()>{i.t("survey.answer.resume_link")}</a>
                </p>
            }.into_any()
        }}
    }
}
