//! What the survey pages read: the staff's list and editor, the preview, the public page and
//! list, and the results (the public's once published; the staff's at any time).

use super::weighting::Weighing;
use super::{EDITORS, k_of, staff_org, survey_of};
use crate::domain::survey::SurveyStatus;
use crate::domain::survey::questionnaire::Kind;
use crate::domain::survey::results::{breakdown, published_texts, tally};
use crate::domain::survey::weighted::add_weighted;
use crate::domain::survey::weighted::add_weighted_breakdowns;
use crate::dto::organisations::OrganisationDto;
use crate::dto::surveys::{
    PublicSurvey, ResponsePage, StaffSurvey, StaffSurveyItem, SurveyResults, SurveySummary,
};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::survey;
use crate::ssr::db::organisations;
use crate::ssr::db::surveys::{self as db, responses};
use crate::ssr::security::auth::{Citizen, Staff};
use crate::ssr::state::AppState;
use sea_orm::EntityTrait;

fn status(s: &survey::Model) -> SurveyStatus {
    SurveyStatus::parse(&s.status).unwrap_or(SurveyStatus::Draft)
}

/// The organisation and one of its surveys that the public may see (not a draft).
pub async fn public_org(
    state: &AppState,
    slug: &str,
    id: i32,
) -> Result<(OrganisationDto, survey::Model), AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let s = survey_of(state, &org, id).await?;
    if status(&s) == SurveyStatus::Draft {
        return Err(AppError::NotFound);
    }
    Ok((org, s))
}

pub async fn staff_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<Vec<StaffSurveyItem>, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    Ok(db::list(&state.db, org.id)
        .await
        .or_internal()?
        .into_iter()
        .map(|(s, responses)| StaffSurveyItem {
            id: s.id,
            status: status(&s),
            results_published: s.results_published_at.is_some(),
            title: s.title,
            responses,
        })
        .collect())
}

pub async fn staff_view(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
) -> Result<StaffSurvey, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    let v = db::current_version(&state.db, &s).await.or_internal()?;
    let responses = db::submitted_count(&state.db, s.id).await.or_internal()?;
    let panel = match crate::ssr::db::panels::waves::of_survey(&state.db, s.id)
        .await
        .or_internal()?
    {
        Some(w) => crate::ssr::db::panels::find(&state.db, org.id, w.panel_id)
            .await
            .or_internal()?
            .map(|p| (p.id, p.name)),
        None => None,
    };
    Ok(StaffSurvey {
        panel,
        id: s.id,
        organisation_slug: org.slug,
        k: k_of(&s),
        status: status(&s),
        results_published: s.results_published_at.is_some(),
        min_cell: s.min_cell.map(|k| k.max(0) as u64),
        title: s.title,
        intro: s.intro,
        one_per_person: s.one_per_person,
        version: v.number,
        answered: v.answered,
        responses,
        questionnaire: db::questionnaire(&v).or_internal()?,
    })
}

/// Page `side` (from 0) of the current questionnaire as a respondent sees it, every question
/// shown, nothing kept.
pub async fn preview(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    side: usize,
) -> Result<ResponsePage, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let s = survey_of(state, &org, id).await?;
    let v = db::current_version(&state.db, &s).await.or_internal()?;
    let qs = db::questionnaire(&v).or_internal()?;
    let section = side.min(qs.sections.len().saturating_sub(1));
    let page = qs
        .sections
        .get(section)
        .cloned()
        .ok_or_else(|| crate::ssr::internal("a questionnaire without pages"))?;
    Ok(ResponsePage {
        survey_id: s.id,
        organisation_slug: org.slug.clone(),
        content_lang: org.written_standard.lang(),
        title: s.title,
        token: String::new(),
        section,
        sections: qs.sections.len(),
        reachable: qs.sections.len().saturating_sub(1),
        shown: page.questions.iter().map(|q| q.id).collect(),
        page,
        values: vec![],
        submitted: false,
        preview: true,
    })
}

/// A survey's public page (a panel's too, which says how its members answer); `citizen` says
/// whether the visitor is logged in and has answered.
pub async fn public_page(
    state: &AppState,
    slug: &str,
    id: i32,
    citizen: Option<&Citizen>,
) -> Result<PublicSurvey, AppError> {
    let (org, s) = public_org(state, slug, id).await?;
    let v = db::current_version(&state.db, &s).await.or_internal()?;
    let qs = db::questionnaire(&v).or_internal()?;
    let already_answered = match citizen {
        Some(c) if s.one_per_person => {
            responses::has_answered(&state.db, s.id, &super::answer::person_hash(state, s.id, c))
                .await
                .or_internal()?
        }
        _ => false,
    };
    Ok(PublicSurvey {
        id: s.id,
        organisation_slug: org.slug,
        organisation_name: org.name,
        content_lang: org.written_standard.lang(),
        status: status(&s),
        one_per_person: s.one_per_person,
        sections: qs.sections.len(),
        questions: qs.questions().count(),
        results_published: s.results_published_at.is_some(),
        title: s.title,
        intro: s.intro,
        logged_in: citizen.is_some(),
        already_answered,
        panel: s.kind == "panel",
    })
}

/// Open surveys and published results, of one organisation or of all.
pub async fn public_list(
    state: &AppState,
    slug: Option<&str>,
) -> Result<Vec<SurveySummary>, AppError> {
    let orgs = organisations::list(&state.db).await.or_internal()?;
    let only = match slug {
        Some(slug) => Some(
            orgs.iter()
                .find(|o| o.slug == slug)
                .ok_or(AppError::NotFound)?
                .id,
        ),
        None => None,
    };
    let surveys = db::list_open(&state.db, only).await.or_internal()?;
    Ok(surveys
        .into_iter()
        .filter_map(|s| {
            let org = orgs.iter().find(|o| o.id == s.organisation_id)?;
            Some(SurveySummary {
                id: s.id,
                organisation_slug: org.slug.clone(),
                organisation_name: org.name.clone(),
                status: status(&s),
                results_published: s.results_published_at.is_some(),
                title: s.title,
            })
        })
        .collect())
}

/// The results: the public's once published (else `NotFound`), or the staff's (`staff`) at
/// any time, broken down by single-choice question `by` if asked. Figures on fewer than the
/// survey's threshold are hidden for both.
pub async fn results(
    state: &AppState,
    slug: &str,
    id: i32,
    staff: Option<&Staff>,
    by: Option<u32>,
) -> Result<SurveyResults, AppError> {
    let (org, s) = match staff {
        Some(staff) => {
            let org = staff_org(state, staff, slug, EDITORS).await?;
            let s = survey_of(state, &org, id).await?;
            (org, s)
        }
        None => {
            let (org, s) = public_org(state, slug, id).await?;
            if s.results_published_at.is_none() {
                return Err(AppError::NotFound);
            }
            (org, s)
        }
    };
    let qs = super::all_questions(state, &s).await?;
    let (ids, answers): (Vec<i64>, Vec<_>) = responses::submitted_answers(&state.db, s.id)
        .await
        .or_internal()?
        .into_iter()
        .unzip();
    let i = crate::i18n::I18n(org.written_standard.lang());
    let k = k_of(&s);
    let mut questions = tally(
        &qs,
        &answers,
        k,
        &i.t("survey.answer.other"),
        &i.t("survey.answer.dont_know"),
    );
    let published: Vec<(u32, String)> = responses::text_answers(&state.db, s.id)
        .await
        .or_internal()?
        .into_iter()
        .filter(|t| t.screening.as_deref() == Some("published"))
        .map(|t| (t.question_id, t.text))
        .collect();
    published_texts(&mut questions, &published, k);
    let (weighting, unweighted_reason, weights) =
        match super::weighting::weigh(state, &org, &s, &ids).await? {
            Weighing::NotPanel => (None, None, None),
            Weighing::Unavailable(why) => (None, Some(why.to_string()), None),
            Weighing::Weighted(weights, summary) => {
                add_weighted(&mut questions, &qs, &answers, &weights);
                (Some(summary), None, Some(weights))
            }
        };
    // Breakdowns are for staff only, for now: each table is suppressed on its own, and the
    // totals it shares with the overall tables (and with the other breakdowns) could give a
    // hidden figure away if both were public. Staff may see them (they have the microdata).
    // A panel survey may also be broken down by the panel's profile of its respondents (age
    // band, gender, district, background questions).
    let profile = match staff {
        Some(_) => super::profile_groups::of(state, &org, &s, &ids, i).await?,
        None => None,
    };
    let mut by_choices: Vec<(u32, String)> = qs
        .questions()
        .filter(|q| staff.is_some() && matches!(q.kind, Kind::SingleChoice { .. }))
        .map(|q| (q.id, q.text.clone()))
        .collect();
    if let Some(pg) = &profile {
        by_choices.extend(pg.questions.iter().map(|q| (q.id, q.text.clone())));
    }
    let by = by.filter(|b| by_choices.iter().any(|(id, _)| id == b));
    let breakdowns = match (by, &profile) {
        (Some(b), Some(pg)) if b >= super::profile_groups::FIRST_ID => {
            // The questionnaire with the profile's questions after it, each response with its
            // profile's answers; only the questionnaire's own questions are broken down.
            let mut all = qs.clone();
            all.sections
                .push(crate::domain::survey::questionnaire::Section {
                    title: String::new(),
                    questions: pg.questions.clone(),
                });
            let both: Vec<Vec<_>> = answers
                .iter()
                .zip(&pg.answers)
                .map(|(a, p)| a.iter().chain(p).cloned().collect())
                .collect();
            let mut found = breakdown(
                &all,
                &both,
                b,
                k,
                &i.t("survey.answer.other"),
                &i.t("survey.answer.dont_know"),
            )
            .unwrap_or_default();
            found.retain(|x| x.id < super::profile_groups::FIRST_ID);
            if let Some(w) = weights.as_ref() {
                add_weighted_breakdowns(&mut found, &all, b, &both, w);
            }
            found
        }
        _ => {
            let mut found = by
                .and_then(|b| {
                    breakdown(
                        &qs,
                        &answers,
                        b,
                        k,
                        &i.t("survey.answer.other"),
                        &i.t("survey.answer.dont_know"),
                    )
                })
                .unwrap_or_default();
            if let (Some(b), Some(w)) = (by, weights.as_ref()) {
                add_weighted_breakdowns(&mut found, &qs, b, &answers, w);
            }
            found
        }
    };
    Ok(SurveyResults {
        weighting,
        unweighted_reason,
        by_choices,
        by,
        breakdowns,
        id: s.id,
        organisation_slug: org.slug,
        organisation_name: org.name,
        content_lang: org.written_standard.lang(),
        status: status(&s),
        opened_at: s.opened_at,
        closed_at: s.closed_at,
        responses: answers.len() as u64,
        k,
        questions,
        published: s.results_published_at.is_some(),
        title: s.title,
        intro: s.intro,
    })
}

/// The published results of survey `id` (of any organisation), for the open-data API.
pub async fn published_results(state: &AppState, id: i32) -> Result<SurveyResults, AppError> {
    let s = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let slug = organisations::slug_of(&state.db, s.organisation_id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    results(state, &slug, id, None, None).await
}
