//! A survey's public page: what it is about, how long it is, and the button that starts
//! answering (a login first where it takes one answer per person); and the receipt after.

use super::api::{StartSurvey, get_survey};
use crate::components::context::use_i18n;
use crate::components::form::{CsrfField, UrlErrorAlert, url_error};
use crate::components::status::ErrorPage;
use crate::domain::survey::SurveyStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn survey_key() -> impl Fn() -> (String, i32) + Copy {
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
pub fn SurveyPublicPage() -> impl IntoView {
    let i = use_i18n();
    let key = survey_key();
    let survey = Resource::new(key, |(slug, id)| get_survey(slug, id));
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let s = match survey.await {
                    Ok(s) => s,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let (slug, id) = (s.organisation_slug.clone(), s.id);
                let here = crate::paths::survey(&slug, id);
                let open = s.status == SurveyStatus::Open;
                let size = i.tf("survey.page.size", &[("questions", &s.questions.to_string()), ("pages", &s.sections.to_string())]);
                let action = if s.panel && open {
                    view! { <p class="ds-paragraph">{i.t("survey.page.panel")}</p> }.into_any()
                } else if !open {
                    view! { <p class="ds-paragraph">{i.t("survey.page.closed")}</p> }.into_any()
                } else if s.one_per_person && !s.logged_in {
                    view! {
                        <p class="ds-paragraph">{i.t("survey.page.login_needed")}</p>
                        <p class="ds-paragraph">
                            <a class="ds-button" data-variant="primary" href=crate::paths::citizen_login_href(&here)>
                                {i.t("survey.page.login")}
                            </a>
                        </p>
                    }.into_any()
                } else if s.already_answered {
                    view! { <p class="ds-paragraph">{i.t("survey.answer.already")}</p> }.into_any()
                } else {
                    let start_error = url_error::<StartSurvey>();
                    view! {
                        <UrlErrorAlert error=start_error/>
                        <form method="post" action=crate::paths::START_SURVEY_ACTION>
                            <CsrfField/>
                            <input type="hidden" name="slug" value=slug.clone()/>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <button class="ds-button" data-variant="primary" type="submit">{i.t("survey.page.start")}</button>
                        </form>
                    }.into_any()
                };
                view! {
                    <Title text=s.title.clone()/>
                    <p class="ds-paragraph"><a class="ds-link" href=crate::paths::organisation(&slug)>{s.organisation_name.clone()}</a></p>
                    <div lang=s.content_lang.code()>
                        <h1 class="ds-heading" data-size="lg">{s.title.clone()}</h1>
                        <p class="ds-paragraph prewrap">{s.intro.clone()}</p>
                    </div>
                    <p class="ds-paragraph">{size}</p>
                    {(!s.panel).then(|| view! {
                        <p class="ds-paragraph">{if s.one_per_person { i.t("survey.page.privacy_once") } else { i.t("survey.page.privacy") }}</p>
                    })}
                    {action}
                    {s.results_published.then(|| view! {
                        <p class="ds-paragraph"><a class="ds-link" href=crate::paths::survey_results(&slug, id)>{i.t("survey.page.results")}</a></p>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn SurveyThanksPage() -> impl IntoView {
    let i = use_i18n();
    let key = survey_key();
    let survey = Resource::new(key, |(slug, id)| get_survey(slug, id));
    view! {
        <Suspense fallback=move || view! { <p>{i.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match survey.await {
                    Ok(s) => view! {
                        <Title text=i.t("survey.thanks.title")/>
                        <h1 class="ds-heading" data-size="lg">{i.t("survey.thanks.title")}</h1>
                        <p class="ds-paragraph">{i.tf("survey.thanks.body", &[("title", &s.title)])}</p>
                        <p class="ds-paragraph">
                            <a class="ds-link" href=crate::paths::organisation(&s.organisation_slug)>{s.organisation_name.clone()}</a>
                        </p>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
