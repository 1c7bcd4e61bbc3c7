//! Responses and their answers. A response is found by the hash of its resume token only;
//! "one answer per person" is a row of `survey_once`, written in a transaction of its own just
//! before the response is sent, and holds nothing that leads to the response.

use crate::domain::survey::questionnaire::Answer;
use crate::ssr::db::entities::{survey_answer, survey_once, survey_response, survey_version};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, JoinType,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};

pub async fn start(
    db: &impl ConnectionTrait,
    survey_id: i32,
    version_id: i32,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<survey_response::Model, DbErr> {
    insert(db, survey_id, version_id, token_hash, None, now).await
}

/// A panel member's response, started by their invitation's link (whose token's hash it
/// takes) under their pseudonym: a second for the same member and survey is a unique
/// violation.
pub async fn start_for_member(
    db: &impl ConnectionTrait,
    survey_id: i32,
    version_id: i32,
    token_hash: &str,
    pseudonym: &str,
    now: DateTime<Utc>,
) -> Result<survey_response::Model, DbErr> {
    insert(db, survey_id, version_id, token_hash, Some(pseudonym), now).await
}

async fn insert(
    db: &impl ConnectionTrait,
    survey_id: i32,
    version_id: i32,
    token_hash: &str,
    pseudonym: Option<&str>,
    now: DateTime<Utc>,
) -> Result<survey_response::Model, DbErr> {
    survey_response::ActiveModel {
        survey_id: Set(survey_id),
        version_id: Set(version_id),
        token_hash: Set(token_hash.into()),
        sections_done: Set(0),
        started_at: Set(now),
        submitted_at: Set(None),
        panel_pseudonym: Set(pseudonym.map(str::to_string)),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The panel pseudonym of each of these responses that has one.
pub async fn pseudonyms(
    db: &impl ConnectionTrait,
    response_ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    let mut out = std::collections::HashMap::new();
    for chunk in response_ids.chunks(1_000) {
        let rows: Vec<(i64, Option<String>)> = survey_response::Entity::find()
            .select_only()
            .column(survey_response::Column::Id)
            .column(survey_response::Column::PanelPseudonym)
            .filter(survey_response::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().filter_map(|(id, p)| Some((id, p?))));
    }
    Ok(out)
}

pub async fn by_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<survey_response::Model>, DbErr> {
    survey_response::Entity::find()
        .filter(survey_response::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// The response with this token's hash and its version, in one statement.
pub async fn by_token_with_version(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(survey_response::Model, survey_version::Model)>, DbErr> {
    let version = survey_response::Entity::belongs_to(survey_version::Entity)
        .from(survey_response::Column::VersionId)
        .to(survey_version::Column::Id);
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::TokenHash.eq(token_hash))
        .select_also(survey_version::Entity)
        .join(JoinType::InnerJoin, version.into())
        .one(db)
        .await?
        .and_then(|(r, v)| Some((r, v?))))
}

fn decode(rows: Vec<survey_answer::Model>) -> Vec<(u32, Answer)> {
    rows.into_iter()
        .filter_map(|a| {
            let answer = serde_json::from_str(&a.answer).ok()?;
            Some((u32::try_from(a.question_id).ok()?, answer))
        })
        .collect()
}

/// The response's answers so far.
pub async fn answers(
    db: &impl ConnectionTrait,
    response_id: i64,
) -> Result<Vec<(u32, Answer)>, DbErr> {
    let rows = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(response_id))
        .order_by_asc(survey_answer::Column::Id)
        .all(db)
        .await?;
    Ok(decode(rows))
}

/// Keeps one section's answers: those of its questions (`section_questions`) are replaced by
/// `answers` (a question now hidden or left empty loses its earlier answer), and the response
/// has answered at least `sections_done` sections.
pub async fn save_section(
    db: &impl ConnectionTrait,
    response_id: i64,
    section_questions: &[u32],
    answers: &[(u32, Answer)],
    sections_done: i32,
) -> Result<(), DbErr> {
    let ids: Vec<i32> = section_questions.iter().map(|q| *q as i32).collect();
    survey_answer::Entity::delete_many()
        .filter(survey_answer::Column::ResponseId.eq(response_id))
        .filter(survey_answer::Column::QuestionId.is_in(ids))
        .exec(db)
        .await?;
    if !answers.is_empty() {
        let rows = answers.iter().map(|(q, a)| survey_answer::ActiveModel {
            response_id: Set(response_id),
            question_id: Set(*q as i32),
            answer: Set(serde_json::to_string(a).unwrap_or_default()),
            screening: Set(None),
            ..Default::default()
        });
        survey_answer::Entity::insert_many(rows).exec(db).await?;
    }
    survey_response::Entity::update_many()
        .col_expr(
            survey_response::Column::SectionsDone,
            Expr::value(sections_done),
        )
        .filter(survey_response::Column::Id.eq(response_id))
        .filter(survey_response::Column::SectionsDone.lt(sections_done))
        .exec(db)
        .await?;
    Ok(())
}

/// Sends the response with these answers (all of them: whatever it kept before is replaced)
/// and `sections` pages done; `false` (and nothing changed) when it already was sent. On
/// PostgreSQL the answers kept before go in the same statement that marks it sent.
pub async fn send(
    db: &impl ConnectionTrait,
    response_id: i64,
    sections: i32,
    answers: &[(u32, Answer)],
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let sent = if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "WITH kept AS (DELETE FROM survey_answers WHERE response_id = $1 AND EXISTS \
               (SELECT 1 FROM survey_responses WHERE id = $1 AND submitted_at IS NULL)) \
             UPDATE survey_responses SET sections_done = $2, submitted_at = $3 \
             WHERE id = $1 AND submitted_at IS NULL",
            [response_id.into(), sections.into(), now.into()],
        ))
        .await?
        .rows_affected()
            == 1
    } else {
        let sent = survey_response::Entity::update_many()
            .col_expr(survey_response::Column::SectionsDone, Expr::value(sections))
            .col_expr(survey_response::Column::SubmittedAt, Expr::value(now))
            .filter(survey_response::Column::Id.eq(response_id))
            .filter(survey_response::Column::SubmittedAt.is_null())
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if sent {
            survey_answer::Entity::delete_many()
                .filter(survey_answer::Column::ResponseId.eq(response_id))
                .exec(db)
                .await?;
        }
        sent
    };
    if sent && !answers.is_empty() {
        survey_answer::Entity::insert_many(answers.iter().map(|(q, a)| {
            survey_answer::ActiveModel {
                response_id: Set(response_id),
                question_id: Set(*q as i32),
                answer: Set(serde_json::to_string(a).unwrap_or_default()),
                screening: Set(None),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(sent)
}

/// On PostgreSQL, sends the response with its answers (at least one) in one statement — no
/// transaction around it, atomic as every statement is: marks it sent with `sections` pages done,
/// upserts its answers (an earlier page's answer to the same question replaced, its screening
/// reset), deletes what it kept for questions it no longer answers, and marks the version
/// answered (`version`, when it was not). `false` when it was sent already.
pub async fn send_in_one(
    db: &impl ConnectionTrait,
    (response_id, version): (i64, Option<i32>),
    sections: i32,
    answers: &[(u32, Answer)],
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    if answers.is_empty() {
        return Err(DbErr::Custom(
            "send_in_one needs at least one answer".into(),
        ));
    }
    let mut values: Vec<sea_orm::Value> = vec![response_id.into(), sections.into(), now.into()];
    let marked = match version {
        Some(v) => {
            values.push(v.into());
            format!(
                ", marked AS (UPDATE survey_versions SET answered = TRUE \
                 WHERE id = ${} AND NOT answered AND EXISTS (SELECT 1 FROM sent))",
                values.len()
            )
        }
        None => String::new(),
    };
    let ids: Vec<String> = answers.iter().map(|(q, _)| q.to_string()).collect();
    let mut rows = Vec::with_capacity(answers.len());
    for (q, a) in answers {
        values.push((*q as i32).into());
        values.push(serde_json::to_string(a).unwrap_or_default().into());
        rows.push(format!(
            "(${}::int4, ${}::text)",
            values.len() - 1,
            values.len()
        ));
    }
    let sql = format!(
        "WITH sent AS (UPDATE survey_responses SET sections_done = $2, submitted_at = $3 \
           WHERE id = $1 AND submitted_at IS NULL RETURNING id), \
         stale AS (DELETE FROM survey_answers WHERE response_id IN (SELECT id FROM sent) \
           AND question_id NOT IN ({})){marked} \
         INSERT INTO survey_answers (response_id, question_id, answer) \
         SELECT sent.id, v.q, v.a FROM sent, (VALUES {}) AS v(q, a) \
         ON CONFLICT (response_id, question_id) \
           DO UPDATE SET answer = EXCLUDED.answer, screening = NULL",
        ids.join(", "),
        rows.join(", ")
    );
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            values,
        ))
        .await?;
    Ok(res.rows_affected() > 0)
}

/// Marks the response submitted; `false` when it already was.
pub async fn submit(
    db: &impl ConnectionTrait,
    response_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = survey_response::Entity::update_many()
        .col_expr(survey_response::Column::SubmittedAt, Expr::value(now))
        .filter(survey_response::Column::Id.eq(response_id))
        .filter(survey_response::Column::SubmittedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Records that the person (`person_hash`) has answered; `false` when they already had.
pub async fn once(
    db: &impl ConnectionTrait,
    survey_id: i32,
    person_hash: &str,
) -> Result<bool, DbErr> {
    let res = survey_once::Entity::insert(survey_once::ActiveModel {
        survey_id: Set(survey_id),
        person_hash: Set(person_hash.into()),
    })
    .on_conflict(
        OnConflict::columns([
            survey_once::Column::SurveyId,
            survey_once::Column::PersonHash,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(res == 1)
}

/// Takes back a person's row when their response could not be sent after all.
pub async fn release_once(
    db: &impl ConnectionTrait,
    survey_id: i32,
    person_hash: &str,
) -> Result<(), DbErr> {
    survey_once::Entity::delete_by_id((survey_id, person_hash.to_string()))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether the person has answered.
pub async fn has_answered(
    db: &impl ConnectionTrait,
    survey_id: i32,
    person_hash: &str,
) -> Result<bool, DbErr> {
    Ok(
        survey_once::Entity::find_by_id((survey_id, person_hash.to_string()))
            .one(db)
            .await?
            .is_some(),
    )
}

/// The version has answers: from now on only its wording changes.
pub async fn mark_answered(db: &impl ConnectionTrait, version_id: i32) -> Result<(), DbErr> {
    survey_version::Entity::update_many()
        .col_expr(survey_version::Column::Answered, Expr::value(true))
        .filter(survey_version::Column::Id.eq(version_id))
        .filter(survey_version::Column::Answered.eq(false))
        .exec(db)
        .await?;
    Ok(())
}

/// The answers of every submitted response to the survey, one list per response, with the
/// response's id.
pub async fn submitted_answers(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<Vec<(i64, Vec<(u32, Answer)>)>, DbErr> {
    let submitted: Vec<i64> = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::Id)
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .order_by_asc(survey_response::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(submitted.len());
    for chunk in submitted.chunks(1_000) {
        let rows = survey_answer::Entity::find()
            .filter(survey_answer::Column::ResponseId.is_in(chunk.to_vec()))
            .order_by_asc(survey_answer::Column::ResponseId)
            .all(db)
            .await?;
        let mut current: Option<i64> = None;
        let mut group = Vec::new();
        for r in rows {
            if current != Some(r.response_id) {
                if let Some(id) = current {
                    out.push((id, decode(std::mem::take(&mut group))));
                }
                current = Some(r.response_id);
            }
            group.push(r);
        }
        if let Some(id) = current {
            out.push((id, decode(group)));
        }
    }
    Ok(out)
}

/// Deletes responses never submitted that were started before `before`, with their answers
/// (the worker's lifetime of an unfinished response).
pub async fn purge_unfinished(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    // A panel member's unfinished answers wait for their wave to close (it may be open for
    // up to 92 days, and the mail says they may go on from their link); closing deletes them.
    let res = survey_response::Entity::delete_many()
        .filter(survey_response::Column::SubmittedAt.is_null())
        .filter(survey_response::Column::PanelPseudonym.is_null())
        .filter(survey_response::Column::StartedAt.lt(before))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// A text answer of a sent response, with its screening.
pub struct TextAnswer {
    pub id: i64,
    pub question_id: u32,
    pub text: String,
    pub screening: Option<String>,
}

/// The text answers ("annet" texts, short and long texts) of the survey's sent responses, in
/// the order of their text (never in the order they came).
pub async fn text_answers(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<Vec<TextAnswer>, DbErr> {
    let submitted: Vec<i64> = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::Id)
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Vec::new();
    for chunk in submitted.chunks(1_000) {
        let rows = survey_answer::Entity::find()
            .filter(survey_answer::Column::ResponseId.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        out.extend(rows.into_iter().filter_map(|r| {
            let text = match serde_json::from_str::<Answer>(&r.answer).ok()? {
                Answer::Text(t) | Answer::Other(t) => t,
                _ => return None,
            };
            Some(TextAnswer {
                id: r.id,
                question_id: u32::try_from(r.question_id).ok()?,
                text,
                screening: r.screening,
            })
        }));
    }
    out.sort_by(|a, b| (a.question_id, &a.text).cmp(&(b.question_id, &b.text)));
    Ok(out)
}

/// Sets a text answer's screening, if it is an answer of a sent response to the survey;
/// whether it was.
pub async fn set_screening(
    db: &impl ConnectionTrait,
    survey_id: i32,
    answer_id: i64,
    screening: &str,
) -> Result<bool, DbErr> {
    let Some(a) = survey_answer::Entity::find_by_id(answer_id).one(db).await? else {
        return Ok(false);
    };
    let ours = survey_response::Entity::find_by_id(a.response_id)
        .one(db)
        .await?
        .is_some_and(|r| r.survey_id == survey_id && r.submitted_at.is_some());
    if !ours {
        return Ok(false);
    }
    survey_answer::Entity::update_many()
        .col_expr(survey_answer::Column::Screening, Expr::value(screening))
        .filter(survey_answer::Column::Id.eq(answer_id))
        .exec(db)
        .await?;
    Ok(true)
}
