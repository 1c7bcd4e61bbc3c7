//! Screening free-text answers before they are published, as hearing submissions are: staff
//! read each text ("annet" and text questions) of the sent responses and publish or withhold
//! it. The results show a question's published texts only as a set of at least k, and never
//! with anything of the response beside them.

use super::{EDITORS, k_of, staff_org, survey_of};
use crate::dto::surveys::{SurveyTexts, TextAnswerDto};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::surveys::responses;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

pub async fn texts(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
) -> Result<SurveyTexts, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    let qs = super::all_questions(state, &s).await?;
    let texts = responses::text_answers(&state.db, s.id)
        .await
        .or_internal()?
        .into_iter()
        .map(|t| TextAnswerDto {
            question: qs
                .question(t.question_id)
                .map(|q| q.text.clone())
                .unwrap_or_default(),
            id: t.id,
            question_id: t.question_id,
            text: t.text,
            screening: t.screening,
        })
        .collect();
    Ok(SurveyTexts {
        survey_id: s.id,
        organisation_slug: org.slug,
        k: k_of(&s),
        title: s.title,
        texts,
    })
}

/// `decision`: `published` or `withheld`.
pub async fn screen(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    answer_id: i64,
    decision: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    if !matches!(decision, "published" | "withheld") {
        return Err(AppError::field("decision", "survey.texts.decision_invalid"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    if !responses::set_screening(&txn, s.id, answer_id, decision)
        .await
        .or_internal()?
    {
        return Err(AppError::NotFound);
    }
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "survey_text_screened",
            detail: &format!("survey {id} answer {answer_id} {decision}"),
        },
        now,
    )
    .await
}
