//! The organisation's surveys for its staff (every status, with their responses), and the page
//! that starts a new one.

use super::editor_page::SurveyDetailsForm;
use super::staff_api::{SaveSurvey, list_staff_surveys};
use crate::components::action::failed;
use crate::components::context::use_i18n;
use crate::components::status::ErrorPage;
use crate::domain::survey::SurveyStatus;
use crate::dto::auth::KeptForm;
use crate::features::auth::api::kept_form_values;
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The status in words, as a tag.
pub fn status_tag(i: I18n, status: SurveyStatus) -> impl IntoView {
    let color = match status {
        SurveyStatus::Draft => "neutral",
        SurveyStatus::Open => "success",
        SurveyStatus::Closed => "warning",
    };
    view! {
        <span class="ds-tag" data-color=color>{i.t(&format!("survey.status.{}", status.as_str()))}</span>
    }
}

#[component]
pub fn StaffSurveysPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let list = Resource::new(slug, list_staff_surveys);
    view! {
        <Title text=i.t("staff_surveys.title")/>
        <h1 class="ds-heading" data-size="lg">{i.t("staff_surveys.title")}</h1>
        <p class="ds-paragraph">
            <a class="ds-button" data-variant="primary" href=move || crate::paths::new_survey(&slug())>
                {i.t("staff_surveys.new")}
            </a>
        </p>
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="ds-paragraph">{i.t("staff_surveys.none")}</p> }.into_any(),
                    Ok(items) => view! {
                        <table class="ds-table">
                            <thead><tr>
                                <th scope="col">{i.t("staff_surveys.survey")}</th>
                                <th scope="col">{i.t("staff_surveys.status")}</th>
                                <th scope="col">{i.t("staff_surveys.responses")}</th>
                                <th scope="col">{i.t("staff_surveys.results")}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|s| view! {
                                    <tr>
                                        <td><a class="ds-link" href=crate::paths::survey_editor(&slug(), s.id)>{s.title.clone()}</a></td>
                                        <td>{status_tag(i, s.status)}</td>
                                        <td>{s.responses.to_string()}</td>
                                        <td>{if s.results_published { i.t("staff_surveys.published") } else { i.t("staff_surveys.not_published") }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewSurveyPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let save = ServerAction::<SaveSurvey>::new();
    let kept = Resource::new(|| (), |_| kept_form_values());
    // Asked to log in, or refused, like every staff page (the list says which).
    let access = Resource::new(slug, list_staff_surveys);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                if let Err(e) = access.await {
                    return view! { <ErrorPage error=e/> }.into_any();
                }
                let values = KeptForm::values_for(&kept.await.unwrap_or_default(), "save_survey", failed(save));
                view! {
                    <Title text=i.t("survey.editor.new_title")/>
                    <h1 class="ds-heading" data-size="lg">{i.t("survey.editor.new_title")}</h1>
                    <SurveyDetailsForm save survey=None values slug=slug()/>
                }.into_any()
            })}
        </Suspense>
    }
}
