//! Citizens (persons who log in with ID-porten), their logins and email confirmations.

pub mod emails;
pub use emails::*;

use crate::ssr::db::entities::{citizen_login, email_confirmation, person, session};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

/// What a login tells about the person.
pub struct LoginIdentity<'a> {
    pub issuer: &'a str,
    pub subject: &'a str,
    pub pid_hash: Option<&'a str>,
    pub given_name: Option<&'a str>,
    pub family_name: Option<&'a str>,
    pub lang: &'a str,
}

/// Creates the person on their first login, or refreshes what the login tells on later ones
/// (a name is only replaced by a name, never erased by a login without the profile scope).
pub async fn upsert_person(
    db: &impl ConnectionTrait,
    who: &LoginIdentity<'_>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    person::Entity::insert(person::ActiveModel {
        issuer: Set(who.issuer.into()),
        subject: Set(who.subject.into()),
        pid_hash: Set(who.pid_hash.map(Into::into)),
        given_name: Set(who.given_name.map(Into::into)),
        family_name: Set(who.family_name.map(Into::into)),
        email: Set(None),
        lang: Set(who.lang.into()),
        created_at: Set(now),
        last_login_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([person::Column::Issuer, person::Column::Subject])
            .update_columns([person::Column::LastLoginAt, person::Column::Lang])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let p = person::Entity::find()
        .filter(person::Column::Issuer.eq(who.issuer))
        .filter(person::Column::Subject.eq(who.subject))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("person after upsert".into()))?;
    let mut am: person::ActiveModel = p.clone().into();
    let mut changed = false;
    if let Some(h) = who.pid_hash
        && p.pid_hash.as_deref() != Some(h)
    {
        am.pid_hash = Set(Some(h.into()));
        changed = true;
    }
    if let Some(g) = who.given_name
        && p.given_name.as_deref() != Some(g)
    {
        am.given_name = Set(Some(g.into()));
        changed = true;
    }
    if let Some(f) = who.family_name
        && p.family_name.as_deref() != Some(f)
    {
        am.family_name = Set(Some(f.into()));
        changed = true;
    }
    if changed {
        am.update(db).await?;
    }
    Ok(p.id)
}

pub struct NewLogin<'a> {
    pub person_id: i32,
    pub issuer: &'a str,
    pub sid: Option<&'a str>,
    pub acr: &'a str,
    pub id_token_sealed: &'a str,
}

pub async fn insert_login(
    db: &impl ConnectionTrait,
    l: NewLogin<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let m = citizen_login::ActiveModel {
        person_id: Set(l.person_id),
        issuer: Set(l.issuer.into()),
        sid: Set(l.sid.map(Into::into)),
        acr: Set(l.acr.into()),
        id_token_sealed: Set(l.id_token_sealed.into()),
        created_at: Set(now),
        ended_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// A login that has not ended, with its person.
pub async fn active_login(
    db: &impl ConnectionTrait,
    login_id: i64,
) -> Result<Option<(citizen_login::Model, person::Model)>, DbErr> {
    // One query: it runs on every request of a logged-in citizen.
    Ok(citizen_login::Entity::find_by_id(login_id)
        .filter(citizen_login::Column::EndedAt.is_null())
        .find_also_related(person::Entity)
        .one(db)
        .await?
        .and_then(|(login, person)| person.map(|p| (login, p))))
}

/// The open login held by the unexpired session `session_id`, with its person, in one query
/// (session, login and person together).
pub async fn active_login_of_session(
    db: &impl ConnectionTrait,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<(citizen_login::Model, person::Model)>, DbErr> {
    Ok(citizen_login::Entity::find()
        .filter(
            citizen_login::Column::Id.in_subquery(
                Query::select()
                    .column(session::Column::CitizenLoginId)
                    .from(session::Entity)
                    .and_where(session::Column::Id.eq(session_id))
                    .and_where(session::Column::ExpiresAt.gt(now))
                    .to_owned(),
            ),
        )
        .filter(citizen_login::Column::EndedAt.is_null())
        .find_also_related(person::Entity)
        .one(db)
        .await?
        .and_then(|(login, person)| person.map(|p| (login, p))))
}

/// Who holds an unexpired session, as a page's header shows them, in one statement: the
/// session's data (its keys say whether staff are logged in) and, when its citizen login has
/// not ended, that citizen's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionViewer {
    pub data: String,
    /// The session names a citizen login (`citizen_login_id` beside its data).
    pub names_login: bool,
    /// That login has not ended: the citizen's (given, family) name.
    pub citizen: Option<(Option<String>, Option<String>)>,
}

pub async fn session_viewer(
    db: &impl ConnectionTrait,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionViewer>, DbErr> {
    let query = Query::select()
        .column((session::Entity, session::Column::Data))
        .column((session::Entity, session::Column::CitizenLoginId))
        .expr_as(
            Expr::col((citizen_login::Entity, citizen_login::Column::Id)),
            "active_login_id",
        )
        .column((person::Entity, person::Column::GivenName))
        .column((person::Entity, person::Column::FamilyName))
        .from(session::Entity)
        .left_join(
            citizen_login::Entity,
            Expr::col((citizen_login::Entity, citizen_login::Column::Id))
                .equals((session::Entity, session::Column::CitizenLoginId))
                .and(Expr::col((citizen_login::Entity, citizen_login::Column::EndedAt)).is_null()),
        )
        .left_join(
            person::Entity,
            Expr::col((person::Entity, person::Column::Id))
                .equals((citizen_login::Entity, citizen_login::Column::PersonId)),
        )
        .and_where(Expr::col((session::Entity, session::Column::Id)).eq(session_id))
        .and_where(Expr::col((session::Entity, session::Column::ExpiresAt)).gt(now))
        .to_owned();
    let Some(row) = db.query_one(&query).await? else {
        return Ok(None);
    };
    viewer_of_row(&row).map(Some)
}

/// PostgreSQL: `session_viewer` for many sessions in one statement (the ids as one JSON
/// parameter, compared as an array, as `active_logins_of_sessions` explains); the sessions
/// found, by id.
pub async fn session_viewers(
    db: &impl ConnectionTrait,
    session_ids: &[String],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<String, SessionViewer>, DbErr> {
    use sea_orm::Statement;
    let sql = "SELECT sessions.id AS session_id, sessions.data, sessions.citizen_login_id, \
         citizen_logins.id AS active_login_id, persons.given_name, persons.family_name \
         FROM sessions \
         LEFT JOIN citizen_logins ON citizen_logins.id = sessions.citizen_login_id \
           AND citizen_logins.ended_at IS NULL \
         LEFT JOIN persons ON persons.id = citizen_logins.person_id \
         WHERE sessions.id = ANY(ARRAY(SELECT json_array_elements_text($1::json))) \
         AND sessions.expires_at > $2";
    let ids = serde_json::to_string(session_ids).map_err(|e| DbErr::Custom(e.to_string()))?;
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            sql,
            [ids.into(), now.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("", "session_id")?, viewer_of_row(r)?)))
        .collect()
}

fn viewer_of_row(row: &sea_orm::QueryResult) -> Result<SessionViewer, DbErr> {
    let active: Option<i64> = row.try_get("", "active_login_id")?;
    let names_login: Option<i64> = row.try_get("", "citizen_login_id")?;
    Ok(SessionViewer {
        data: row.try_get("", "data")?,
        names_login: names_login.is_some(),
        citizen: match active {
            Some(_) => Some((
                row.try_get("", "given_name")?,
                row.try_get("", "family_name")?,
            )),
            None => None,
        },
    })
}

/// PostgreSQL: for many sessions at once, what `active_login_of_session` finds for each, as
/// (session id, login, person) for those that have one; the ids go as one JSON parameter, so
/// that the statement is the same for any number of them. They are compared as an array
/// (`= ANY(ARRAY(…))`), which the cached generic plan looks up in the primary key; as
/// `IN (SELECT … FROM json_array_elements_text(…))` the planner guessed 100 ids and hashed every
/// unexpired session instead (4 ms instead of 0.2 ms at 12,000 sessions, and growing with them).
pub async fn active_logins_of_sessions(
    db: &impl ConnectionTrait,
    session_ids: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<(String, citizen_login::Model, person::Model)>, DbErr> {
    use sea_orm::{FromQueryResult, IdenStatic, Iterable, Statement};
    let columns = |table: &str, prefix: &str, names: Vec<String>| -> String {
        names
            .iter()
            .map(|c| format!("{table}.\"{c}\" AS \"{prefix}{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sql = format!(
        "SELECT sessions.id AS session_id, {}, {} FROM sessions \
         JOIN citizen_logins ON citizen_logins.id = sessions.citizen_login_id \
         JOIN persons ON persons.id = citizen_logins.person_id \
         WHERE sessions.id = ANY(ARRAY(SELECT json_array_elements_text($1::json))) \
         AND sessions.expires_at > $2 AND citizen_logins.ended_at IS NULL",
        columns(
            "citizen_logins",
            "l_",
            citizen_login::Column::iter()
                .map(|c| c.as_str().to_string())
                .collect()
        ),
        columns(
            "persons",
            "p_",
            person::Column::iter()
                .map(|c| c.as_str().to_string())
                .collect()
        ),
    );
    let ids = serde_json::to_string(session_ids).map_err(|e| DbErr::Custom(e.to_string()))?;
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            sql,
            [ids.into(), now.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("", "session_id")?,
                citizen_login::Model::from_query_result(r, "l_")?,
                person::Model::from_query_result(r, "p_")?,
            ))
        })
        .collect()
}

/// Ends the login: its sealed ID token (the only place the national id is) goes with it.
pub async fn end_login(
    db: &impl ConnectionTrait,
    login_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    citizen_login::Entity::update_many()
        .col_expr(citizen_login::Column::EndedAt, Expr::value(now))
        .col_expr(citizen_login::Column::IdTokenSealed, Expr::value(""))
        .filter(citizen_login::Column::Id.eq(login_id))
        .filter(citizen_login::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every open login that no unexpired session holds any more (its session expired or was
/// deleted), with its sealed ID token; logins made in the last ten minutes are left alone (their
/// session may not be stored yet). Run by the worker; returns how many.
pub async fn end_logins_without_session(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let res = citizen_login::Entity::update_many()
        .col_expr(citizen_login::Column::EndedAt, Expr::value(now))
        .col_expr(citizen_login::Column::IdTokenSealed, Expr::value(""))
        .filter(citizen_login::Column::EndedAt.is_null())
        .filter(citizen_login::Column::CreatedAt.lt(now - chrono::Duration::minutes(10)))
        .filter(
            citizen_login::Column::Id.not_in_subquery(
                Query::select()
                    .column(session::Column::CitizenLoginId)
                    .from(session::Entity)
                    .and_where(session::Column::CitizenLoginId.is_not_null())
                    .and_where(session::Column::ExpiresAt.gt(now))
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Ends every open login the provider knows as `sid`; returns how many.
pub async fn end_logins_by_sid(
    db: &impl ConnectionTrait,
    issuer: &str,
    sid: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let res = citizen_login::Entity::update_many()
        .col_expr(citizen_login::Column::EndedAt, Expr::value(now))
        .col_expr(citizen_login::Column::IdTokenSealed, Expr::value(""))
        .filter(citizen_login::Column::Issuer.eq(issuer))
        .filter(citizen_login::Column::Sid.eq(sid))
        .filter(citizen_login::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
