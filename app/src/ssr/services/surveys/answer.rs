//! Answering a survey, page by page: starting a response (a resume link with an unguessable
//! token; for "one answer per person", a login), reading a page with the answers kept so far,
//! and keeping a page's answers — checked on the server, the next page or the receipt after.
//! The last page submits: every page is checked again with the answers as they now stand (an
//! answer changed on an earlier page may show or hide later questions), and a person's one
//! answer is recorded beside the survey, never beside the response.

use super::views::public_org;
use crate::domain::survey::SurveyStatus;
use crate::domain::survey::questionnaire::{Answer, Fields, Questionnaire};
use crate::dto::surveys::{ResponsePage, answer_values};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::{survey, survey_response, survey_version};
use crate::ssr::db::surveys::{self as db, responses};
use crate::ssr::security::auth::Citizen;
use crate::ssr::security::tokens::{random_token, token_hash};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// The day of `now` (its midnight, UTC): a response keeps no finer time, so that it cannot be
/// matched by its time to a login, a session or a log line.
fn day_of(now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Responses a client may start per hour (a person answering again and again from one
/// address is stopped; a library's shared address is not).
const STARTS_PER_HOUR: i32 = 60;

/// The keyed hash that says a person answered a survey: the person (by their national id's
/// hash, else their account) under the installation's secret, for this survey only.
pub(super) fn person_hash(state: &AppState, survey_id: i32, c: &Citizen) -> String {
    let person = c
        .pid_hash
        .clone()
        .unwrap_or_else(|| format!("person:{}", c.person_id));
    crate::ssr::security::seal::keyed_hash(
        state.settings.secret(),
        &[
            b"survey-once:",
            survey_id.to_string().as_bytes(),
            b":",
            person.as_bytes(),
        ],
    )
}

/// The open survey that takes answers (else `NotFound` for a draft, or for a panel's survey
/// unless `panel` — its members answer by their invitation's link — and `Conflict` once
/// closed or when its organisation is deactivated).
async fn answerable(
    state: &AppState,
    slug: &str,
    id: i32,
    panel: bool,
) -> Result<survey::Model, AppError> {
    let Some(s) = db::of_active_org(&state.db, slug, id).await.or_internal()? else {
        // No such survey, or its organisation is deactivated: which one, the long way.
        let (org, _) = public_org(state, slug, id).await?;
        if org.deactivated_at.is_some() {
            return Err(AppError::Conflict("org.deactivated_refusal".into()));
        }
        return Err(AppError::NotFound);
    };
    let status = SurveyStatus::parse(&s.status).unwrap_or(SurveyStatus::Draft);
    if status == SurveyStatus::Draft || !(s.kind == "open" || panel && s.kind == "panel") {
        return Err(AppError::NotFound);
    }
    if status != SurveyStatus::Open {
        return Err(AppError::Conflict("survey.answer.closed".into()));
    }
    Ok(s)
}

/// Starts a response; returns its resume token.
pub async fn start(
    state: &AppState,
    slug: &str,
    id: i32,
    citizen: Option<&Citizen>,
    client: &str,
) -> Result<String, AppError> {
    use crate::ssr::security::rate_limit::{self, Limit};
    let s = answerable(state, slug, id, false).await?;
    if s.one_per_person {
        let c = citizen.ok_or(AppError::Unauthorized)?;
        if responses::has_answered(&state.db, s.id, &person_hash(state, s.id, c))
            .await
            .or_internal()?
        {
            return Err(AppError::Conflict("survey.answer.already".into()));
        }
    }
    let now = state.clock.now();
    let limit = Limit {
        max: STARTS_PER_HOUR,
        window: chrono::Duration::hours(1),
    };
    if let Err(minutes) = rate_limit::hit(&state.db, &format!("survey:ip:{client}"), limit, now)
        .await
        .or_internal()?
    {
        tracing::warn!(survey_id = id, "survey responses rate limited for a client");
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
        });
    }
    let version = db::current_version(&state.db, &s).await.or_internal()?;
    let token = random_token();
    responses::start(
        &state.db,
        s.id,
        version.id,
        &token_hash(&token),
        day_of(now),
    )
    .await
    .or_internal()?;
    tracing::info!(survey_id = id, "survey response started");
    Ok(token)
}

/// The response with this token, if it is one of this survey's, with its version and that
/// version's questionnaire.
async fn response_of(
    state: &AppState,
    s: &survey::Model,
    token: &str,
) -> Result<(survey_response::Model, survey_version::Model, Questionnaire), AppError> {
    let found = responses::by_token_with_version(&state.db, &token_hash(token))
        .await
        .or_internal()?;
    let (r, v) = match found {
        Some(found) => found,
        // A panel member's first visit by their invitation's link starts their response.
        None if s.kind == "panel" => {
            let r = crate::ssr::services::panels::waves::invited_response(state, s, token)
                .await?
                .ok_or(AppError::NotFound)?;
            let v = db::version(&state.db, r.version_id)
                .await
                .or_internal()?
                .ok_or_else(|| crate::ssr::internal("a response's version"))?;
            (r, v)
        }
        None => return Err(AppError::NotFound),
    };
    if r.survey_id != s.id {
        return Err(AppError::NotFound);
    }
    let qs = db::questionnaire(&v).or_internal()?;
    Ok((r, v, qs))
}

/// The answers of questions before section `section`.
fn earlier(qs: &Questionnaire, section: usize, answers: &[(u32, Answer)]) -> Vec<(u32, Answer)> {
    let ids: Vec<u32> = qs.sections[..section.min(qs.sections.len())]
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.id))
        .collect();
    answers
        .iter()
        .filter(|(id, _)| ids.contains(id))
        .cloned()
        .collect()
}

/// The furthest page a response may open: those answered and the next.
fn reachable(qs: &Questionnaire, r: &survey_response::Model) -> usize {
    (r.sections_done.max(0) as usize).min(qs.sections.len().saturating_sub(1))
}

/// Page `side` (from 0; the furthest reachable when `None`) of a response.
pub async fn page(
    state: &AppState,
    slug: &str,
    id: i32,
    token: &str,
    side: Option<usize>,
) -> Result<ResponsePage, AppError> {
    let (org, s) = public_org(state, slug, id).await?;
    let (r, _, qs) = response_of(state, &s, token).await?;
    let answers = responses::answers(&state.db, r.id).await.or_internal()?;
    let reach = reachable(&qs, &r);
    let section = side.unwrap_or(reach).min(reach);
    let before = earlier(&qs, section, &answers);
    let mut page = qs
        .sections
        .get(section)
        .cloned()
        .ok_or_else(|| crate::ssr::internal("a questionnaire without pages"))?;
    let mut shown = qs.shown_on_page(section, &before);
    let submitted = r.submitted_at.is_some();
    // Sent is sent: the link shows that, and nothing of what was answered.
    let values = if submitted {
        page.questions.clear();
        shown.clear();
        vec![]
    } else {
        answer_values(&answers)
    };
    Ok(ResponsePage {
        survey_id: s.id,
        organisation_slug: org.slug.clone(),
        content_lang: org.written_standard.lang(),
        title: s.title,
        token: token.to_string(),
        section,
        sections: qs.sections.len(),
        reachable: reach,
        page,
        shown,
        values,
        submitted,
        preview: false,
    })
}

/// Where the respondent goes after a page.
pub enum Next {
    Page(usize),
    /// Back to an earlier page that no longer holds as the answers now stand (the last page
    /// kept), with what is wrong on it.
    Recheck(usize, crate::domain::field_errors::FieldErrors),
    Thanks,
}

/// A page of answers as posted: the response's token, the page (from 0), its fields, and
/// where to go (`back`, else on).
pub struct PagePost<'a> {
    pub token: &'a str,
    pub section: usize,
    pub fields: &'a [(String, String)],
    pub go: &'a str,
}

/// Keeps a page's answers from its form: kept when valid and back to the page before, or on
/// to the next page, or, from the last, the response is submitted.
pub async fn answer(
    state: &AppState,
    slug: &str,
    id: i32,
    post: PagePost<'_>,
    citizen: impl AsyncFnOnce() -> Result<Option<Citizen>, AppError>,
) -> Result<Next, AppError> {
    let PagePost {
        token,
        section,
        fields,
        go,
    } = post;
    let s = answerable(state, slug, id, true).await?;
    let (r, v, qs) = response_of(state, &s, token).await?;
    if r.submitted_at.is_some() {
        return Err(AppError::Conflict("survey.answer.submitted".into()));
    }
    if section > reachable(&qs, &r) {
        return Err(AppError::NotFound);
    }
    // What earlier pages kept (a survey of one page has none that matter).
    let kept = if qs.sections.len() > 1 {
        responses::answers(&state.db, r.id).await.or_internal()?
    } else {
        Vec::new()
    };
    let Some(this) = qs.sections.get(section) else {
        return Err(AppError::NotFound);
    };
    let ids: Vec<u32> = this.questions.iter().map(|q| q.id).collect();
    let read = qs.read_section(section, &Fields(fields), &earlier(&qs, section, &kept));
    if go == "back" {
        if let Ok(page) = &read {
            keep_page(state, (&r, &v), &ids, page, section as i32).await?;
        }
        return Ok(Next::Page(section.saturating_sub(1)));
    }
    let page = read?;
    let done = section as i32 + 1;
    if section + 1 < qs.sections.len() {
        keep_page(state, (&r, &v), &ids, &page, done).await?;
        return Ok(Next::Page(section + 1));
    }
    // The last page: every page checked again as the answers now stand. Sent, all of them
    // are stored in the one transaction that sends the response; otherwise the last page is
    // kept, so that nothing typed is lost when an earlier page needs another look (or sending
    // fails).
    let mut all: Vec<(u32, Answer)> = kept
        .into_iter()
        .filter(|(id, _)| !ids.contains(id))
        .collect();
    all.extend(page.iter().cloned());
    let mut checked = Vec::new();
    for n in 0..qs.sections.len() {
        match qs.read_section(n, &Fields(&answer_values(&all)), &checked) {
            Ok(a) => checked.extend(a),
            Err(e) => {
                keep_page(state, (&r, &v), &ids, &page, section as i32).await?;
                return Ok(Next::Recheck(n, e));
            }
        }
    }
    if let Err(e) = submit(state, &s, (&r, &v), &qs, &checked, citizen).await {
        keep_page(state, (&r, &v), &ids, &page, section as i32).await?;
        return Err(e);
    }
    Ok(Next::Thanks)
}

/// Keeps a page's answers; the version then has answers, and is frozen (further changes make
/// the next version, and this response finishes the one it began).
async fn keep_page(
    state: &AppState,
    (r, v): (&survey_response::Model, &survey_version::Model),
    ids: &[u32],
    page: &[(u32, Answer)],
    done: i32,
) -> Result<(), AppError> {
    let txn = state.db.begin().await.or_internal()?;
    responses::save_section(&txn, r.id, ids, page, done)
        .await
        .or_internal()?;
    if !v.answered {
        responses::mark_answered(&txn, v.id).await.or_internal()?;
    }
    txn.commit().await.or_internal()
}

/// Sends the response. "One answer per person" is recorded first, in a transaction of its own,
/// and given back if the response cannot be sent: the two are never written together, so no
/// transaction id ties the person's row to the response's. The citizen is asked for only then.
async fn submit(
    state: &AppState,
    s: &survey::Model,
    (r, v): (&survey_response::Model, &survey_version::Model),
    qs: &Questionnaire,
    answers: &[(u32, Answer)],
    citizen: impl AsyncFnOnce() -> Result<Option<Citizen>, AppError>,
) -> Result<(), AppError> {
    let now = day_of(state.clock.now());
    let once = if s.one_per_person {
        let c = citizen().await?.ok_or(AppError::Unauthorized)?;
        let hash = person_hash(state, s.id, &c);
        if !responses::once(&state.db, s.id, &hash)
            .await
            .or_internal()?
        {
            return Err(AppError::Conflict("survey.answer.already".into()));
        }
        Some(hash)
    } else {
        None
    };
    let sent = async {
        // On PostgreSQL in one statement; otherwise (or with nothing answered) in a transaction.
        if state.db.get_database_backend() == sea_orm::DbBackend::Postgres && !answers.is_empty() {
            let version = (!v.answered).then_some(v.id);
            let sections = qs.sections.len() as i32;
            return if responses::send_in_one(&state.db, (r.id, version), sections, answers, now)
                .await
                .or_internal()?
            {
                Ok(())
            } else {
                Err(AppError::Conflict("survey.answer.submitted".into()))
            };
        }
        let txn = state.db.begin().await.or_internal()?;
        // An answered version stays answered: only the first answers mark it.
        if !v.answered {
            responses::mark_answered(&txn, v.id).await.or_internal()?;
        }
        if !responses::send(&txn, r.id, qs.sections.len() as i32, answers, now)
            .await
            .or_internal()?
        {
            return Err(AppError::Conflict("survey.answer.submitted".into()));
        }
        txn.commit().await.or_internal()
    }
    .await;
    if let Err(e) = sent {
        if let Some(hash) = once {
            responses::release_once(&state.db, s.id, &hash)
                .await
                .or_internal()?;
        }
        return Err(e);
    }
    tracing::info!(survey_id = s.id, "survey response submitted");
    Ok(())
}
