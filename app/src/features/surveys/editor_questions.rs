//! The questionnaire in the survey's editor: its pages and questions (move, remove, fix the
//! wording), a form for a new question of any kind, and one for a new page. Every form is a
//! plain post; the server says what is wrong next to the field.

use super::staff_api::{
    AddSurveyQuestion, ChangeSurveyQuestion, ChangeSurveySection, RewordSurveyQuestion,
};
use crate::components::action::{Changes, failed, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{
    CheckboxField, CsrfField, FormAlert, SelectField, TextAreaField, TextField, field_error, kept,
};
use crate::domain::survey::editor::KINDS;
use crate::domain::survey::questionnaire::{Kind, Question, Questionnaire};
use crate::dto::auth::KeptForm;
use crate::dto::surveys::StaffSurvey;
use crate::i18n::I18n;
use leptos::prelude::*;

fn hidden(slug: String, id: i32) -> impl IntoView {
    view! {
        <CsrfField/>
        <input type="hidden" name="slug" value=slug/>
        <input type="hidden" name="id" value=id.to_string()/>
    }
}

/// What a question offers, in a line: its kind and its options.
fn describe(i: I18n, qs: &Questionnaire, q: &Question) -> String {
    let mut parts = vec![i.t(&format!("survey.kind.{}", kind_name(&q.kind)))];
    match &q.kind {
        Kind::SingleChoice { options, .. }
        | Kind::MultipleChoice { options, .. }
        | Kind::Ranking { items: options, .. }
        | Kind::Matrix {
            statements: options,
            ..
        } => parts.push(
            options
                .iter()
                .enumerate()
                .map(|(n, o)| format!("{}. {o}", n + 1))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Kind::Scale(s) => parts.push(format!("{}–{}", s.from, s.to)),
        Kind::Number { min, max } => parts.push(format!("{min}–{max}")),
        Kind::ShortText { max_len } | Kind::LongText { max_len } => parts.push(i.tf(
            "survey.editor.max_chars",
            &[("count", &max_len.to_string())],
        )),
    }
    if q.required {
        parts.push(i.t("survey.editor.required_mark"));
    }
    if let Some(c) = &q.show_if {
        let options = match qs.question(c.question).map(|t| &t.kind) {
            Some(Kind::SingleChoice { options, .. } | Kind::MultipleChoice { options, .. }) => c
                .any_of
                .iter()
                .filter_map(|o| options.get(*o).cloned())
                .collect::<Vec<_>>()
                .join(" / "),
            _ => String::new(),
        };
        parts.push(i.tf(
            "survey.editor.shown_if",
            &[("question", &c.question.to_string()), ("options", &options)],
        ));
    }
    parts.join(" · ")
}

pub fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::SingleChoice { .. } => "single",
        Kind::MultipleChoice { .. } => "multiple",
        Kind::Scale(_) => "scale",
        Kind::Matrix { .. } => "matrix",
        Kind::Ranking { .. } => "ranking",
        Kind::Number { .. } => "number",
        Kind::ShortText { .. } => "short",
        Kind::LongText { .. } => "long",
    }
}

#[component]
pub fn QuestionnaireSection(s: StaffSurvey, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let changes = use_context::<Changes>().unwrap_or_default();
    let question = ServerAction::<ChangeSurveyQuestion>::new();
    let section = ServerAction::<ChangeSurveySection>::new();
    let reword = ServerAction::<RewordSurveyQuestion>::new();
    reload_on_success(question, changes);
    reload_on_success(section, changes);
    reload_on_success(reword, changes);
    let qs = s.questionnaire.clone();
    let pages = qs.sections.len();
    let (slug, id) = (s.organisation_slug.clone(), s.id);
    let section_values =
        KeptForm::values_for(&kept_forms, "change_survey_section", failed(section));
    let reword_failed = failed(reword);
    let sections = qs
        .sections
        .iter()
        .enumerate()
        .map(|(n, sec)| {
            let heading = i.tf(
                "survey.editor.page_heading",
                &[("number", &(n + 1).to_string()), ("title", &sec.title)],
            );
            let empty = sec.questions.is_empty();
            let remove = (empty && pages > 1).then(|| {
                let fields = hidden(slug.clone(), id);
                view! {
                    <ActionForm action=section attr:class="inline-form">
                        {fields}
                        <input type="hidden" name="remove" value=(n + 1).to_string()/>
                        <button class="ds-button" data-variant="tertiary" type="submit">
                            {i.tf("survey.editor.remove_page", &[("number", &(n + 1).to_string())])}
                        </button>
                    </ActionForm>
                }
            });
            let items = sec
                .questions
                .iter()
                .map(|q| {
                    let kept_name = format!("reword_survey_question_{}", q.id);
                    let values = KeptForm::values_for(&kept_forms, &kept_name, reword_failed);
                    question_item(i, &qs, q, slug.clone(), id, question, reword, values)
                })
                .collect_view();
            view! {
                <h3 class="ds-heading" data-size="sm">{heading}</h3>
                {empty.then(|| view! { <p class="ds-paragraph">{i.t("survey.editor.page_empty")}</p> })}
                {remove}
                <ol class="survey-questions">{items}</ol>
            }
        })
        .collect_view();
    let section_fields = hidden(slug.clone(), id);
    view! {
        <section aria-labelledby="questionnaire-heading">
            <h2 class="ds-heading" data-size="md" id="questionnaire-heading">{i.t("survey.editor.questionnaire")}</h2>
            <FormAlert action=question/>
            <FormAlert action=reword/>
            {sections}
            <AddQuestionForm s=s.clone() kept_forms=kept_forms.clone()/>
            <h3 class="ds-heading" data-size="sm">{i.t("survey.editor.add_page")}</h3>
            <ActionForm action=section attr:class="form" attr:novalidate=true>
                <FormAlert action=section/>
                {section_fields}
                <TextField name="section_title" label=i.t("survey.editor.page_title")
                    value=kept(&section_values, "section_title", "") error=field_error(section, "section_title")/>
                <button class="ds-button" data-variant="secondary" type="submit">{i.t("survey.editor.add_page")}</button>
            </ActionForm>
        </section>
    }
}

/// One question in the editor: what it asks and offers, its moves, and its wording form
/// (`values`: what a refused wording fix typed).
#[allow(clippy::too_many_arguments)]
fn question_item(
    i: I18n,
    qs: &Questionnaire,
    q: &Question,
    slug: String,
    id: i32,
    question: ServerAction<ChangeSurveyQuestion>,
    reword: ServerAction<RewordSurveyQuestion>,
    values: Vec<(String, String)>,
) -> AnyView {
    let label = i.tf(
        "survey.editor.question_label",
        &[("id", &q.id.to_string()), ("text", &q.text)],
    );
    let text = kept(&values, "text", &q.text);
    let help = kept(&values, "help", q.help.as_deref().unwrap_or(""));
    let qid = q.id.to_string();
    let act = |action: &'static str, key: &str| {
        let label = i.tf(key, &[("id", &qid)]);
        let fields = hidden(slug.clone(), id);
        let qid = qid.clone();
        view! {
            <ActionForm action=question attr:class="inline-form">
                {fields}
                <input type="hidden" name="question_id" value=qid/>
                <input type="hidden" name="action" value=action/>
                <button class="ds-button" data-variant="tertiary" type="submit">{label}</button>
            </ActionForm>
        }
    };
    let moves = view! {
        {act("up", "survey.editor.move_up")}
        {act("down", "survey.editor.move_down")}
        {act("remove", "survey.editor.remove_question")}
    };
    let summary = i.tf("survey.editor.reword", &[("id", &qid)]);
    let reword_fields = hidden(slug, id);
    let (text_id, help_id) = (format!("f-text-{qid}"), format!("f-help-{qid}"));
    view! {
        <li class="survey-editor-question">
            <strong>{label}</strong>
            {q.help.clone().map(|h| view! { <p class="ds-paragraph">{h}</p> })}
            <p class="ds-paragraph">{describe(i, qs, q)}</p>
            <div class="button-row">{moves}</div>
            <details open=!values.is_empty()>
                <summary>{summary}</summary>
                <ActionForm action=reword attr:class="form" attr:novalidate=true>
                    {reword_fields}
                    <input type="hidden" name="question_id" value=qid/>
                    <TextField name="text" id=text_id label=i.t("survey.editor.text") value=text/>
                    <TextField name="help" id=help_id label=i.t("survey.editor.help") value=help/>
                    <button class="ds-button" data-variant="secondary" type="submit">{i.t("survey.editor.save_wording")}</button>
                </ActionForm>
            </details>
        </li>
    }
    .into_any()
}

/// A new question: its page, kind and text, then what its kind needs (every part is shown;
/// only the kind's own are read).
#[component]
fn AddQuestionForm(s: StaffSurvey, kept_forms: Option<KeptForm>) -> impl IntoView {
    let i = use_i18n();
    let changes = use_context::<Changes>().unwrap_or_default();
    let add = ServerAction::<AddSurveyQuestion>::new();
    reload_on_success(add, changes);
    let values = KeptForm::values_for(&kept_forms, "add_survey_question", failed(add));
    let v = move |f: &str, d: &str| kept(&values, f, d);
    let ticked = {
        let sent: Vec<String> =
            KeptForm::values_for(&kept_forms, "add_survey_question", failed(add))
                .into_iter()
                .map(|(k, _)| k)
                .collect();
        move |f: &str| sent.iter().any(|k| k == f)
    };
    let pages: Vec<(String, String)> = s
        .questionnaire
        .sections
        .iter()
        .enumerate()
        .map(|(n, sec)| ((n + 1).to_string(), format!("{}. {}", n + 1, sec.title)))
        .collect();
    let last_page = pages.len().to_string();
    let kinds: Vec<(String, String)> = KINDS
        .iter()
        .map(|k| (k.to_string(), i.t(&format!("survey.kind.{k}"))))
        .collect();
    let mut targets = vec![(String::new(), i.t("survey.editor.always_shown"))];
    targets.extend(
        s.questionnaire
            .questions()
            .filter(|q| {
                matches!(
                    q.kind,
                    Kind::SingleChoice { .. } | Kind::MultipleChoice { .. }
                )
            })
            .map(|q| (q.id.to_string(), format!("{}. {}", q.id, q.text))),
    );
    let scales = vec![
        ("1-5".to_string(), "1–5".to_string()),
        ("0-10".to_string(), "0–10".to_string()),
    ];
    view! {
        <h3 class="ds-heading" data-size="sm" id="add-question">{i.t("survey.editor.add_question")}</h3>
        <ActionForm action=add attr:class="form" attr:novalidate=true>
            <FormAlert action=add/>
            {hidden(s.organisation_slug.clone(), s.id)}
            <SelectField name="section" label=i.t("survey.editor.page") options=pages selected=v("section", &last_page)
                error=field_error(add, "section")/>
            <SelectField name="kind" label=i.t("survey.editor.kind") options=kinds selected=v("kind", "single")
                error=field_error(add, "kind")/>
            <TextField name="text" label=i.t("survey.editor.text") value=v("text", "") error=field_error(add, "text")/>
            <TextField name="help" label=i.t("survey.editor.help") value=v("help", "") error=field_error(add, "help")/>
            <CheckboxField name="required" label=i.t("survey.editor.required") checked=ticked("required")/>
            <TextAreaField name="options" label=i.t("survey.editor.options") hint=i.t("survey.editor.options_hint") rows=4
                value=v("options", "") error=field_error(add, "options")/>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{i.t("survey.editor.for_choices")}</legend>
                <CheckboxField name="other" label=i.t("survey.editor.other") checked=ticked("other")/>
                <TextField name="min_choices" label=i.t("survey.editor.min_choices") kind="number" value=v("min_choices", "")
                    error=field_error(add, "min_choices")/>
                <TextField name="max_choices" label=i.t("survey.editor.max_choices") kind="number" value=v("max_choices", "")
                    error=field_error(add, "max_choices")/>
                <TextField name="up_to" label=i.t("survey.editor.up_to") kind="number" value=v("up_to", "")
                    error=field_error(add, "up_to")/>
            </fieldset>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{i.t("survey.editor.for_scales")}</legend>
                <SelectField name="scale" label=i.t("survey.editor.scale") options=scales selected=v("scale", "1-5")
                    error=field_error(add, "scale")/>
                <TextField name="low_label" label=i.t("survey.editor.low_label") value=v("low_label", "")
                    error=field_error(add, "low_label")/>
                <TextField name="high_label" label=i.t("survey.editor.high_label") value=v("high_label", "")
                    error=field_error(add, "high_label")/>
                <CheckboxField name="dont_know" label=i.t("survey.editor.dont_know") checked=ticked("dont_know")/>
            </fieldset>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{i.t("survey.editor.for_numbers_and_text")}</legend>
                <TextField name="number_min" label=i.t("survey.editor.number_min") kind="number" value=v("number_min", "")
                    error=field_error(add, "number_min")/>
                <TextField name="number_max" label=i.t("survey.editor.number_max") kind="number" value=v("number_max", "")
                    error=field_error(add, "number_max")/>
                <TextField name="max_len" label=i.t("survey.editor.max_len") kind="number" value=v("max_len", "")
                    error=field_error(add, "max_len")/>
            </fieldset>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{i.t("survey.editor.condition")}</legend>
                <SelectField name="show_if_question" label=i.t("survey.editor.show_if_question") options=targets
                    selected=v("show_if_question", "") error=field_error(add, "show_if_question")/>
                <TextField name="show_if_options" label=i.t("survey.editor.show_if_options") hint=i.t("survey.editor.show_if_options_hint")
                    value=v("show_if_options", "") error=field_error(add, "show_if_options")/>
            </fieldset>
            <button class="ds-button" data-variant="primary" type="submit">{i.t("survey.editor.add_question")}</button>
        </ActionForm>
    }
}
