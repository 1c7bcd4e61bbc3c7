//! Screening a survey's free-text answers: each text with the question it answers, published
//! or withheld one by one. Published texts appear with the results once there are enough of
//! them.

use super::staff_api::{ScreenSurveyText, get_survey_texts};
use crate::components::action::{Changes, reload_on_success};
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, FormAlert};
use crate::components::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SurveyTextsPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let changes = Changes::new();
    let screen = ServerAction::<ScreenSurveyText>::new();
    reload_on_success(screen, changes);
    let texts = Resource::new(
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
        |((slug, id), _)| get_survey_texts(slug, id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let t = match texts.await {
                    Ok(t) => t,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let heading = i.tf("survey.texts.title", &[("title", &t.title)]);
                let slug = t.organisation_slug.clone();
                let rows = t.texts.into_iter().map(|a| {
                    let state = match a.screening.as_deref() {
                        Some("published") => i.t("survey.texts.published"),
                        Some("withheld") => i.t("survey.texts.withheld"),
                        _ => i.t("survey.texts.not_screened"),
                    };
                    let button = |decision: &'static str, label: String| {
                        let slug = slug.clone();
                        view! {
                            <ActionForm action=screen attr:class="inline-form">
                                <CsrfField/>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="id" value=t.survey_id.to_string()/>
                                <input type="hidden" name="answer_id" value=a.id.to_string()/>
                                <input type="hidden" name="decision" value=decision/>
                                <button class="ds-button" data-variant="tertiary" type="submit">{label}</button>
                            </ActionForm>
                        }
                    };
                    let publish = button("published", i.tf("survey.texts.publish", &[("n", &a.id.to_string())]));
                    let withhold = button("withheld", i.tf("survey.texts.withhold", &[("n", &a.id.to_string())]));
                    view! {
                        <tr>
                            <td>{a.question.clone()}</td>
                            <td class="prewrap">{a.text.clone()}</td>
                            <td>{state}</td>
                            <td><div class="button-row">{publish}{withhold}</div></td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <Title text=heading.clone()/>
                    <h1 class="ds-heading" data-size="lg">{heading}</h1>
                    <p class="ds-paragraph">{i.tf("survey.texts.intro", &[("k", &t.k.to_string())])}</p>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::survey_editor(&t.organisation_slug, t.survey_id)>{i.t("survey.answer.back_to_editor")}</a></p>
                    <FormAlert action=screen/>
                    <table class="ds-table">
                        <thead><tr>
                            <th scope="col">{i.t("survey.texts.question")}</th>
                            <th scope="col">{i.t("survey.texts.text")}</th>
                            <th scope="col">{i.t("survey.texts.state")}</th>
                            <th scope="col">{i.t("survey.texts.decide")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}
