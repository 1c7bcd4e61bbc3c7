//! A tower-sessions store in the application's own database (SQLite or PostgreSQL), so that
//! several server processes share sessions. A session is stored under the SHA-256 of its id
//! (`stored_id`), never the id itself: whoever reads the table (a backup, a log of statements)
//! cannot take over a session with what they read.

use crate::ssr::db::entities::session;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, ExpiredDeletion, Result, SessionStore};

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

/// The key a session is stored under: the hex SHA-256 of its id (the cookie's value).
pub fn stored_id(id: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(id.as_bytes()))
}

fn to_model(r: &Record) -> Result<session::ActiveModel> {
    Ok(session::ActiveModel {
        id: Set(stored_id(&r.id.to_string())),
        data: Set(serde_json::to_string(&r.data).map_err(|e| Error::Encode(e.to_string()))?),
        expires_at: Set(to_chrono(r.expiry_date)),
        citizen_login_id: Set(r
            .data
            .get(crate::ssr::idporten::login::CITIZEN_KEY)
            .and_then(serde_json::Value::as_i64)),
    })
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A fresh random id colliding is astronomically unlikely; retry on the off chance.
        loop {
            let res = session::Entity::insert(to_model(record)?)
                .on_conflict(
                    OnConflict::column(session::Column::Id)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&self.db)
                .await
                .map_err(backend)?;
            if res == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Saves a session that exists; one that is gone (logged out and given a new id, or
    /// expired) stays gone, so that a request that loaded it before cannot bring it back.
    async fn save(&self, record: &Record) -> Result<()> {
        let key = stored_id(&record.id.to_string());
        session::Entity::update_many()
            .set(session::ActiveModel {
                id: sea_orm::ActiveValue::NotSet,
                ..to_model(record)?
            })
            .filter(session::Column::Id.eq(key))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some(m) = session::Entity::find_by_id(stored_id(&id.to_string()))
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(m.expires_at.timestamp())
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&m.data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        session::Entity::delete_by_id(stored_id(&id.to_string()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> Result<()> {
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// The session data key holding when a logged-in session was last seen (unix seconds).
pub const SEEN_KEY: &str = "seen_at";

/// How long a logged-in session may go without its expiry being moved: a fifth of the idle
/// time, at most five minutes. (tower-sessions moves the expiry only when a session is saved;
/// saving on every request would write on every page view.)
fn slide_seconds(idle_minutes: i64) -> i64 {
    (idle_minutes * 60 / 5).clamp(1, 300)
}

/// Whether a logged-in session last seen at `seen` (unix seconds) is due to have its expiry
/// moved, `now`.
pub fn due_to_slide(seen: Option<i64>, now: i64, idle_minutes: i64) -> bool {
    seen.is_none_or(|s| now - s >= slide_seconds(idle_minutes))
}

/// Session idle expiry that slides with activity: a request in a logged-in session (staff or
/// citizen) that is due saves the session with the time it was seen, which moves its expiry
/// (and its cookie's) to the full idle time from now. Sessions without a login are left alone.
pub async fn slide(
    axum::extract::State(idle_minutes): axum::extract::State<i64>,
    session: tower_sessions::Session,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use crate::ssr::idporten::login::CITIZEN_KEY;
    use crate::ssr::security::auth::STAFF_KEY;
    if session.id().is_some() {
        let logged_in = matches!(
            session.get::<serde_json::Value>(STAFF_KEY).await,
            Ok(Some(_))
        ) || matches!(
            session.get::<serde_json::Value>(CITIZEN_KEY).await,
            Ok(Some(_))
        );
        let now = Utc::now().timestamp();
        let seen = session.get::<i64>(SEEN_KEY).await.ok().flatten();
        if logged_in && due_to_slide(seen, now, idle_minutes) {
            let _ = session.insert(SEEN_KEY, now).await;
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_in_session_slides_at_most_every_fifth_of_its_idle_time_and_five_minutes() {
        assert!(due_to_slide(None, 1_000, 60));
        assert!(!due_to_slide(Some(1_000), 1_299, 60));
        assert!(due_to_slide(Some(1_000), 1_300, 60));
        // Ten minutes idle: every two minutes.
        assert!(!due_to_slide(Some(1_000), 1_119, 10));
        assert!(due_to_slide(Some(1_000), 1_120, 10));
    }

    #[test]
    fn a_session_is_stored_under_the_hash_of_its_id() {
        let id = "yZy6-vB6ZUnVs7Q8o7b8SQ";
        let stored = stored_id(id);
        assert_eq!(stored.len(), 64);
        assert!(!stored.contains(id));
        assert_eq!(stored, stored_id(id));
    }
}
