//! Surveys and their questionnaire versions (Model <-> domain). Responses and answers are in
//! `surveys::responses`; nothing here knows who answered.

pub mod responses;

use crate::domain::survey::questionnaire::Questionnaire;
use crate::domain::survey::{SurveyFacts, SurveyStatus};
use crate::ssr::db::entities::{survey, survey_response, survey_version};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

fn to_json(qs: &Questionnaire) -> String {
    serde_json::to_string(qs).unwrap_or_default()
}

/// The questionnaire of a version (a version that cannot be read is an internal error).
pub fn questionnaire(v: &survey_version::Model) -> Result<Questionnaire, DbErr> {
    serde_json::from_str(&v.questionnaire)
        .map_err(|e| DbErr::Custom(format!("survey version {}: {e}", v.id)))
}

/// A new draft open survey with version 1 of its questionnaire; returns its id.
pub async fn insert(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    facts: &SurveyFacts,
    qs: &Questionnaire,
    created_by: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let s = survey::ActiveModel {
        organisation_id: Set(organisation_id),
        kind: Set("open".into()),
        status: Set(SurveyStatus::Draft.as_str().into()),
        title: Set(facts.title.clone()),
        intro: Set(facts.intro.clone()),
        one_per_person: Set(facts.one_per_person),
        min_cell: Set(facts.min_cell.map(|k| k as i32)),
        current_version: Set(1),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    insert_version(db, s.id, 1, qs, now).await?;
    Ok(s.id)
}

pub async fn insert_version(
    db: &impl ConnectionTrait,
    survey_id: i32,
    number: i32,
    qs: &Questionnaire,
    now: DateTime<Utc>,
) -> Result<survey_version::Model, DbErr> {
    survey_version::ActiveModel {
        survey_id: Set(survey_id),
        number: Set(number),
        questionnaire: Set(to_json(qs)),
        answered: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The survey, if it belongs to the organisation.
pub async fn find(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<survey::Model>, DbErr> {
    survey::Entity::find_by_id(id)
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// The survey `id` of the organisation with this slug, unless the organisation is
/// deactivated: in one statement, for answering (`None` also for an unknown slug or survey).
pub async fn of_active_org(
    db: &impl ConnectionTrait,
    slug: &str,
    id: i32,
) -> Result<Option<survey::Model>, DbErr> {
    use crate::ssr::db::entities::organisation;
    use sea_orm::sea_query::Query;
    survey::Entity::find_by_id(id)
        .filter(
            survey::Column::OrganisationId.in_subquery(
                Query::select()
                    .column(organisation::Column::Id)
                    .from(organisation::Entity)
                    .and_where(organisation::Column::Slug.eq(slug))
                    .and_where(organisation::Column::DeactivatedAt.is_null())
                    .to_owned(),
            ),
        )
        .one(db)
        .await
}

/// The organisation's surveys, newest first, each with its number of submitted responses.
pub async fn list(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(survey::Model, u64)>, DbErr> {
    let surveys = survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(surveys.len());
    for s in surveys {
        let n = submitted_count(db, s.id).await?;
        out.push((s, n));
    }
    Ok(out)
}

/// The open surveys of every organisation, or of one, newest first.
pub async fn list_open(
    db: &impl ConnectionTrait,
    organisation_id: Option<i32>,
) -> Result<Vec<survey::Model>, DbErr> {
    // A panel's survey is listed only for its results: members answer by their own link.
    let mut q = survey::Entity::find().filter(
        Condition::any()
            .add(
                Condition::all()
                    .add(survey::Column::Kind.eq("open"))
                    .add(survey::Column::Status.eq(SurveyStatus::Open.as_str())),
            )
            .add(survey::Column::ResultsPublishedAt.is_not_null()),
    );
    if let Some(o) = organisation_id {
        q = q.filter(survey::Column::OrganisationId.eq(o));
    }
    q.order_by_desc(survey::Column::Id).all(db).await
}

pub async fn submitted_count(db: &impl ConnectionTrait, survey_id: i32) -> Result<u64, DbErr> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .count(db)
        .await
}

/// The version new answers go to.
pub async fn current_version(
    db: &impl ConnectionTrait,
    s: &survey::Model,
) -> Result<survey_version::Model, DbErr> {
    survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(s.id))
        .filter(survey_version::Column::Number.eq(s.current_version))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("survey {} version", s.id)))
}

pub async fn version(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<survey_version::Model>, DbErr> {
    survey_version::Entity::find_by_id(id).one(db).await
}

/// Every version of the survey, oldest first.
pub async fn versions(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<Vec<survey_version::Model>, DbErr> {
    survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(survey_id))
        .order_by_asc(survey_version::Column::Number)
        .all(db)
        .await
}

/// Replaces a version's questionnaire.
pub async fn save_questionnaire(
    db: &impl ConnectionTrait,
    v: survey_version::Model,
    qs: &Questionnaire,
) -> Result<(), DbErr> {
    let mut a = v.into_active_model();
    a.questionnaire = Set(to_json(qs));
    a.update(db).await?;
    Ok(())
}

/// Makes version `number` (just inserted) the one new answers go to.
pub async fn set_current_version(
    db: &impl ConnectionTrait,
    survey_id: i32,
    number: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    survey::Entity::update_many()
        .col_expr(survey::Column::CurrentVersion, Expr::value(number))
        .col_expr(survey::Column::UpdatedAt, Expr::value(now))
        .filter(survey::Column::Id.eq(survey_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn update_facts(
    db: &impl ConnectionTrait,
    s: survey::Model,
    facts: &SurveyFacts,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut a = s.into_active_model();
    a.title = Set(facts.title.clone());
    a.intro = Set(facts.intro.clone());
    a.one_per_person = Set(facts.one_per_person);
    a.min_cell = Set(facts.min_cell.map(|k| k as i32));
    a.updated_at = Set(now);
    a.update(db).await?;
    Ok(())
}

/// Makes a draft open survey a panel's (a wave sends it; a member answers once by their own
/// link, so no login is asked); `false` when it was not a draft open survey any more.
pub async fn make_panel_survey(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let res = survey::Entity::update_many()
        .col_expr(survey::Column::Kind, Expr::value("panel"))
        .col_expr(survey::Column::OnePerPerson, Expr::value(false))
        .filter(survey::Column::Id.eq(id))
        .filter(survey::Column::Kind.eq("open"))
        .filter(survey::Column::Status.eq(SurveyStatus::Draft.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Sets the status (and when it opened or closed), and whether the results are published.
pub async fn set_status(
    db: &impl ConnectionTrait,
    s: survey::Model,
    status: SurveyStatus,
    results_published: Option<bool>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut a = s.clone().into_active_model();
    a.status = Set(status.as_str().into());
    match status {
        SurveyStatus::Open if s.opened_at.is_none() => a.opened_at = Set(Some(now)),
        SurveyStatus::Closed => a.closed_at = Set(Some(now)),
        _ => {}
    }
    if let Some(p) = results_published {
        a.results_published_at = Set(p.then_some(now));
    }
    a.updated_at = Set(now);
    a.update(db).await?;
    Ok(())
}
