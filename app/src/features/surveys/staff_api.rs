//! Server functions for staff who write and run surveys. Each authenticates the staff user; the
//! services check the role in this very organisation.

use crate::domain::survey::SurveyForm;
use crate::domain::survey::editor::QuestionForm;
use crate::dto::surveys::{ResponsePage, StaffSurvey, StaffSurveyItem, SurveyResults};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::ssr::security::auth::staff_request as staff_ctx;

#[server(prefix = "/api", endpoint = "list_staff_surveys", input = GetUrl)]
pub async fn list_staff_surveys(slug: String) -> Result<Vec<StaffSurveyItem>, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::surveys::views::staff_list(&state, &staff, &slug).await
}

#[server(prefix = "/api", endpoint = "get_staff_survey", input = GetUrl)]
pub async fn get_staff_survey(slug: String, id: i32) -> Result<StaffSurvey, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::surveys::views::staff_view(&state, &staff, &slug, id).await
}

/// Page `side` (from 1) of the questionnaire as a respondent will see it.
#[server(prefix = "/api", endpoint = "get_survey_preview", input = GetUrl)]
pub async fn get_survey_preview(
    slug: String,
    id: i32,
    side: usize,
) -> Result<ResponsePage, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::surveys::views::preview(&state, &staff, &slug, id, side.max(1) - 1).await
}

/// The results as they will be published (small figures hidden), before and after.
#[server(prefix = "/api", endpoint = "get_staff_survey_results", input = GetUrl)]
pub async fn get_staff_survey_results(
    slug: String,
    id: i32,
    by: Option<u32>,
) -> Result<SurveyResults, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::surveys::views::results(&state, &slug, id, Some(&staff), by).await
}

/// Creates (without `id`; then on to its editor) or saves a survey's facts.
#[server(prefix = "/api", endpoint = "save_survey")]
pub async fn save_survey(
    csrf_token: String,
    slug: String,
    id: Option<i32>,
    #[server(flatten)] form: SurveyForm,
) -> Result<i32, AppError> {
    use crate::ssr::services::surveys::edit::{create, update};
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let res = match id {
        None => create(&state, &staff, &slug, &form).await.inspect(|new| {
            leptos_axum::redirect(&crate::paths::survey_editor(&slug, *new));
        }),
        Some(id) => update(&state, &staff, &slug, id, &form).await.map(|_| id),
    };
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "save_survey", &form).await?;
    }
    res
}

/// Adds a question to section `section` (from 1) of the questionnaire.
#[server(prefix = "/api", endpoint = "add_survey_question")]
pub async fn add_survey_question(
    csrf_token: String,
    slug: String,
    id: i32,
    #[server(flatten)] form: QuestionForm,
) -> Result<(), AppError> {
    use crate::ssr::services::surveys::questionnaire::{Change, change};
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let section = form
        .section
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|s| *s >= 1)
        .map(|s| s - 1);
    let res = match section {
        None => Err(AppError::field("section", "survey.editor.section_invalid")),
        Some(section) => {
            let c = Change::AddQuestion {
                section,
                form: &form,
            };
            change(&state, &staff, &slug, id, c).await
        }
    };
    if res.is_err() {
        crate::ssr::http::flash::keep_form(&session, "add_survey_question", &form).await?;
    }
    res
}

/// `action`: `remove`, `up` or `down` for question `question_id`.
#[server(prefix = "/api", endpoint = "change_survey_question")]
pub async fn change_survey_question(
    csrf_token: String,
    slug: String,
    id: i32,
    question_id: u32,
    action: String,
) -> Result<(), AppError> {
    use crate::ssr::services::surveys::questionnaire::{Change, change};
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    let c = match action.as_str() {
        "remove" => Change::RemoveQuestion(question_id),
        "up" => Change::MoveQuestion {
            id: question_id,
            up: true,
        },
        "down" => Change::MoveQuestion {
            id: question_id,
            up: false,
        },
        _ => return Err(AppError::field("action", "survey.editor.action_invalid")),
    };
    change(&state, &staff, &slug, id, c).await
}

/// Fixes a question's wording (allowed, and audit-logged, once the survey has answers).
#[server(prefix = "/api", endpoint = "reword_survey_question")]
pub async fn reword_survey_question(
    csrf_token: String,
    slug: String,
    id: i32,
    question_id: u32,
    text: String,
    help: String,
) -> Result<(), AppError> {
    use crate::ssr::services::surveys::questionnaire::{Change, change};
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let c = Change::Reword {
        id: question_id,
        text: &text,
        help: &help,
    };
    let res = change(&state, &staff, &slug, id, c).await;
    if res.is_err() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            &format!("reword_survey_question_{question_id}"),
            &[("text", &text), ("help", &help)],
        )
        .await?;
    }
    res
}

/// Adds a section (page) at the end, or (with `remove` = its number from 1) removes an empty one.
#[server(prefix = "/api", endpoint = "change_survey_section")]
pub async fn change_survey_section(
    csrf_token: String,
    slug: String,
    id: i32,
    section_title: Option<String>,
    remove: Option<usize>,
) -> Result<(), AppError> {
    use crate::ssr::services::surveys::questionnaire::{Change, change};
    let (state, staff, session) = staff_ctx(Some(&csrf_token)).await?;
    let title = section_title.unwrap_or_default();
    let c = match remove {
        Some(n) if n >= 1 => Change::RemoveSection(n - 1),
        Some(_) => return Err(AppError::field("section", "survey.editor.section_invalid")),
        None => Change::AddSection(&title),
    };
    let res = change(&state, &staff, &slug, id, c).await;
    if res.is_err() && remove.is_none() {
        crate::ssr::http::flash::keep_form_values(
            &session,
            "change_survey_section",
            &[("section_title", &title)],
        )
        .await?;
    }
    res
}

/// `action`: `open`, `close`, `publish` (the results) or `unpublish`.
#[server(prefix = "/api", endpoint = "change_survey_status")]
pub async fn change_survey_status(
    csrf_token: String,
    slug: String,
    id: i32,
    action: String,
) -> Result<(), AppError> {
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::surveys::status::change_status(&state, &staff, &slug, id, &action).await
}

/// The survey's free-text answers, for screening (they may say anything: staff only).
#[server(prefix = "/api", endpoint = "get_survey_texts", input = GetUrl)]
pub async fn get_survey_texts(
    slug: String,
    id: i32,
) -> Result<crate::dto::surveys::SurveyTexts, AppError> {
    let (state, staff, _) = staff_ctx(None).await?;
    crate::ssr::services::surveys::screening::texts(&state, &staff, &slug, id).await
}

/// Publishes (`decision` = `published`) or withholds (`withheld`) one free-text answer.
#[server(prefix = "/api", endpoint = "screen_survey_text")]
pub async fn screen_survey_text(
    csrf_token: String,
    slug: String,
    id: i32,
    answer_id: i64,
    decision: String,
) -> Result<(), AppError> {
    let (state, staff, _) = staff_ctx(Some(&csrf_token)).await?;
    crate::ssr::services::surveys::screening::screen(
        &state, &staff, &slug, id, answer_id, &decision,
    )
    .await
}
