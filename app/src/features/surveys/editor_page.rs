//! Writing and running one survey: its state (open, close, publish the results), its facts,
//! and its questionnaire (`editor_questions`).

use super::editor_questions::QuestionnaireSection;
use super::staff_api::{ChangeSurveyStatus, SaveSurvey, get_staff_survey};
use super::staff_list_page::status_tag;
use crate::components::action::{Changes, failed, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{
    CheckboxField, CsrfField, FormAlert, TextAreaField, TextField, field_error, kept,
};
use crate::components::status::ErrorPage;
use crate::domain::survey::SurveyStatus;
use crate::dto::auth::KeptForm;
use crate::dto::surveys::StaffSurvey;
use crate::features::auth::api::kept_form_values;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SurveyEditorPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let changes = Changes::new();
    provide_context(changes);
    let save = ServerAction::<SaveSurvey>::new();
    reload_on_success(save, changes);
    let survey = Resource::new(
        move || {
            (
                params.with(|p| {
                    (
                        p.get("slug").unwrap_or_default(),
                        p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                    )
                }),
                changes.get(),
            )
        },
        |((slug, id), _)| get_staff_survey(slug, id),
    );
    let kept_values = Resource::new(|| (), |_| kept_form_values());
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let kept = kept_values.await.unwrap_or_default();
                match survey.await {
                    Ok(s) => {
                        let values = KeptForm::values_for(&kept, "save_survey", failed(save));
                        let slug = s.organisation_slug.clone();
                        view! {
                            <Title text=s.title.clone()/>
                            <h1 class="ds-heading" data-size="lg">{s.title.clone()}</h1>
                            <p class="ds-paragraph editor-links">
                                <a class="ds-link" href=crate::paths::survey_preview(&slug, s.id, 0)>{i.t("survey.editor.preview")}</a>
                                {(s.status != SurveyStatus::Draft && s.panel.is_none()).then(|| view! {
                                    " · "<a class="ds-link" href=crate::paths::survey(&slug, s.id)>{i.t("survey.editor.public_page")}</a>
                                })}
                                " · "<a class="ds-link" href=format!("{}/resultater", crate::paths::survey_editor(&slug, s.id))>
                                    {i.tf("survey.editor.results_link", &[("count", &s.responses.to_string())])}
                                </a>
                                " · "<a class="ds-link" href=format!("{}/tekstsvar", crate::paths::survey_editor(&slug, s.id))>
                                    {i.t("survey.editor.texts_link")}
                                </a>
                                " · "<a class="ds-link" rel="external" href=format!("{}/svar.csv", crate::paths::survey_editor(&slug, s.id))>
                                    {i.t("survey.editor.microdata_link")}
                                </a>
                            </p>
                            <StatusSection s=s.clone()/>
                            <section aria-labelledby="details-heading">
                                <h2 class="ds-heading" data-size="md" id="details-heading">{i.t("survey.editor.details")}</h2>
                                <SurveyDetailsForm save survey=Some(s.clone()) values slug=slug.clone()/>
                            </section>
                            <QuestionnaireSection s kept_forms=kept/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The survey's state and the moves it allows.
#[component]
fn StatusSection(s: StaffSurvey) -> impl IntoView {
    let i = use_i18n();
    let changes = use_context::<Changes>().unwrap_or_default();
    let act = ServerAction::<ChangeSurveyStatus>::new();
    reload_on_success(act, changes);
    let wave = s.panel.clone().map(|(id, name)| {
        let href = crate::paths::staff_panel(&s.organisation_slug, id);
        view! {
            <p class="ds-paragraph">
                {i.t("survey.editor.wave_note")}" "
                <a class="ds-link" href=href>{name}</a>
            </p>
        }
    });
    let button = move |action: &'static str, label: String, variant: &'static str| {
        let slug = s.organisation_slug.clone();
        view! {
            <ActionForm action=act attr:class="inline-form">
                <CsrfField/>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=s.id.to_string()/>
                <input type="hidden" name="action" value=action/>
                <button class="ds-button" data-variant=variant type="submit">{label}</button>
            </ActionForm>
        }
    };
    let moves = match s.status {
        // A panel's survey opens and closes with its wave.
        _ if s.panel.is_some() => vec![],
        SurveyStatus::Draft | SurveyStatus::Closed => {
            vec![button("open", i.t("survey.status.action_open"), "primary")]
        }
        SurveyStatus::Open => vec![button(
            "close",
            i.t("survey.status.action_close"),
            "secondary",
        )],
    };
    let publish = if s.results_published {
        Some(button(
            "unpublish",
            i.t("survey.status.action_unpublish"),
            "tertiary",
        ))
    } else {
        (s.status == SurveyStatus::Closed)
            .then(|| button("publish", i.t("survey.status.action_publish"), "secondary"))
    };
    let version_note = if s.answered {
        i.tf(
            "survey.editor.version_answered",
            &[("version", &s.version.to_string())],
        )
    } else {
        i.tf(
            "survey.editor.version_free",
            &[("version", &s.version.to_string())],
        )
    };
    view! {
        <section aria-labelledby="status-heading">
            <h2 class="ds-heading" data-size="md" id="status-heading">{i.t("survey.editor.status")}</h2>
            <FormAlert action=act/>
            <p class="ds-paragraph">
                {status_tag(i, s.status)}" "
                {if s.results_published { i.t("survey.editor.results_public") } else { i.t("survey.editor.results_not_public") }}
            </p>
            {wave}
            <p class="ds-paragraph">{version_note}</p>
            <div class="button-row">{moves}{publish}</div>
        </section>
    }
}

/// A survey's facts: a new survey's, or (with `survey`) the one being edited.
#[component]
pub fn SurveyDetailsForm(
    save: ServerAction<SaveSurvey>,
    survey: Option<StaffSurvey>,
    values: Vec<(String, String)>,
    slug: String,
) -> impl IntoView {
    let i = use_i18n();
    let id = survey.as_ref().map(|s| s.id);
    let v = |field: &str, now: String| kept(&values, field, &now);
    let title = v(
        "title",
        survey.as_ref().map(|s| s.title.clone()).unwrap_or_default(),
    );
    let intro = v(
        "intro",
        survey.as_ref().map(|s| s.intro.clone()).unwrap_or_default(),
    );
    let min_cell = v(
        "min_cell",
        survey
            .as_ref()
            .and_then(|s| s.min_cell)
            .map(|k| k.to_string())
            .unwrap_or_default(),
    );
    let once = if values.is_empty() {
        survey.as_ref().is_some_and(|s| s.one_per_person)
    } else {
        values.iter().any(|(k, _)| k == "one_per_person")
    };
    view! {
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <FormAlert action=save/>
            <CsrfField/>
            <input type="hidden" name="slug" value=slug/>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <TextField name="title" label=i.t("survey.form.title") required=true value=title error=field_error(save, "title")/>
            <TextAreaField name="intro" label=i.t("survey.form.intro") hint=i.t("survey.form.intro_hint") rows=5
                value=intro error=field_error(save, "intro")/>
            <CheckboxField name="one_per_person" label=i.t("survey.form.one_per_person") hint=i.t("survey.form.one_per_person_hint")
                checked=once error=field_error(save, "one_per_person")/>
            <TextField name="min_cell" label=i.t("survey.form.min_cell") hint=i.t("survey.form.min_cell_hint") kind="number"
                value=min_cell error=field_error(save, "min_cell")/>
            <button class="ds-button" data-variant="primary" type="submit">
                {if id.is_some() { i.t("common.save") } else { i.t("survey.editor.create") }}
            </button>
            <p role="status" class="form-status">
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| i.t("common.saved"))}
            </p>
        </ActionForm>
    }
}
