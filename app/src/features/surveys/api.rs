//! Public server functions of surveys: the lists, a survey's page, starting a response, its
//! pages and answering them (a multipart form: the questions' fields are the questionnaire's),
//! and the published results.

use crate::dto::surveys::{PublicSurvey, ResponsePage, SurveyResults, SurveySummary};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

/// Public: open surveys and published results, of one organisation (slug) or of all.
#[server(prefix = "/api", endpoint = "list_surveys", input = GetUrl)]
pub async fn list_surveys(organisation: Option<String>) -> Result<Vec<SurveySummary>, AppError> {
    let state = crate::ssr::app_state()?;
    let slug = organisation.filter(|o| !o.is_empty());
    crate::ssr::services::surveys::views::public_list(&state, slug.as_deref()).await
}

/// Public: a survey's introduction (never a draft's). Says whether a logged-in visitor has
/// answered a one-answer-per-person survey.
#[server(prefix = "/api", endpoint = "get_survey", input = GetUrl)]
pub async fn get_survey(slug: String, id: i32) -> Result<PublicSurvey, AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let citizen = auth::current_citizen(&state, &session).await?;
    crate::ssr::services::surveys::views::public_page(&state, &slug, id, citizen.as_ref()).await
}

/// Public (anyone may answer an open survey; one answer per person asks for a login): starts
/// a response and goes on to its first page, whose address is the resume link.
#[server(prefix = "/api", endpoint = "start_survey")]
pub async fn start_survey(csrf_token: String, slug: String, id: i32) -> Result<(), AppError> {
    use crate::ssr::security::auth;
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    crate::ssr::http::csrf::verify(&csrf_token)?;
    let citizen = auth::current_citizen(&state, &session).await?;
    let client = crate::ssr::http::client_addr::current(&state);
    let token =
        crate::ssr::services::surveys::answer::start(&state, &slug, id, citizen.as_ref(), &client)
            .await?;
    leptos_axum::redirect(&crate::paths::survey_response(&slug, id, &token, None));
    Ok(())
}

/// Public: the token is the proof. Page `side` (from 1; the furthest reached when absent).
#[server(prefix = "/api", endpoint = "get_survey_response", input = GetUrl)]
pub async fn get_survey_response(
    slug: String,
    id: i32,
    token: String,
    side: Option<usize>,
) -> Result<ResponsePage, AppError> {
    let state = crate::ssr::app_state()?;
    let side = side.filter(|s| *s >= 1).map(|s| s - 1);
    crate::ssr::services::surveys::answer::page(&state, &slug, id, &token, side).await
}

/// Public: the token is the proof; the CSRF token is a field. Keeps a page's answers
/// (`slug`, `id`, `token`, `section` from 1, `go` = `back` or next, and the questions'
/// fields) and goes on to the next page, back, or to the receipt. A refused page comes back
/// with what was typed and a message at each wrong field.
#[server(prefix = "/api", endpoint = "answer_survey", input = MultipartFormData)]
pub async fn answer_survey(data: MultipartData) -> Result<(), AppError> {
    use crate::ssr::http::multipart;
    use crate::ssr::security::auth;
    use crate::ssr::services::surveys::answer::{Next, PagePost, answer};
    let state = crate::ssr::app_state()?;
    let session = auth::session().await?;
    let form = multipart::read(data, 0, 0).await?;
    let slug = form.get("slug").to_string();
    let id: i32 = form.get("id").parse().map_err(|_| AppError::NotFound)?;
    let token = form.get("token").to_string();
    let section = form
        .get("section")
        .parse::<usize>()
        .ok()
        .filter(|s| *s >= 1)
        .ok_or(AppError::NotFound)?
        - 1;
    // Asked for only when the survey takes one answer per person.
    let citizen = async || auth::current_citizen(&state, &session).await;
    let post = PagePost {
        token: &token,
        section,
        fields: form.fields(),
        go: form.get("go"),
    };
    let res = answer(&state, &slug, id, post, citizen).await;
    match res {
        Ok(Next::Page(n)) => {
            leptos_axum::redirect(&crate::paths::survey_response(&slug, id, &token, Some(n)));
            Ok(())
        }
        Ok(Next::Recheck(n, errors)) => {
            // To the page that needs another look, with its messages, as a refused page
            // comes back (the error in the address, where the page reads it).
            use server_fn::ServerFn;
            let page = crate::paths::survey_response(&slug, id, &token, Some(n));
            let told = server_fn::error::ServerFnUrlError::new(
                AnswerSurvey::PATH,
                AppError::Validation(errors),
            );
            let to = told
                .to_url(&format!("http://innspill.invalid{page}"))
                .map(|u| format!("{}?{}", u.path(), u.query().unwrap_or_default()))
                .unwrap_or(page);
            leptos_axum::redirect(&to);
            Ok(())
        }
        Ok(Next::Thanks) => {
            leptos_axum::redirect(&crate::paths::survey_thanks(&slug, id));
            Ok(())
        }
        Err(e) => {
            // What was typed on the page, for it to show again: the question fields only
            // (never the token, which the page's address has).
            let typed: Vec<(&str, &str)> = form
                .fields()
                .iter()
                .filter(|(k, _)| k.starts_with('q'))
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            crate::ssr::http::flash::keep_form_values(&session, "answer_survey", &typed).await?;
            Err(multipart::tell_cut(&form, e))
        }
    }
}

/// Public once staff publish them: the results, broken down by single-choice question `by`
/// if asked, every figure on fewer than the survey's threshold hidden.
#[server(prefix = "/api", endpoint = "get_survey_results", input = GetUrl)]
pub async fn get_survey_results(
    slug: String,
    id: i32,
    by: Option<u32>,
) -> Result<SurveyResults, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::services::surveys::views::results(&state, &slug, id, None, by).await
}
