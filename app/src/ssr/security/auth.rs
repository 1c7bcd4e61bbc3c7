//! Who is asking: the staff user behind the session and what they may do in an organisation,
//! and the citizen logged in with ID-porten.

use crate::domain::loa::Loa;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::{citizens, staff};
use crate::ssr::state::AppState;
use tower_sessions::Session;

/// Session key holding the logged-in staff user's id.
pub const STAFF_KEY: &str = "staff_user_id";
/// Session key holding the account's session epoch at login: a password reset raises the
/// account's epoch, which ends every session from before.
pub const STAFF_EPOCH_KEY: &str = "staff_epoch";
/// Session key holding the id of a staff user whose password was right and whose second factor
/// is still to come.
pub const STAFF_PENDING_KEY: &str = "staff_pending";

#[derive(Debug, Clone)]
pub struct StaffMembership {
    pub organisation_id: i32,
    pub slug: String,
    pub organisation_name: String,
    pub role: Role,
}

crate::domain::debug_only!(Staff {
    user_id,
    platform_admin
});

/// A logged-in, active staff user with their active memberships.
#[derive(Clone)]
pub struct Staff {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub memberships: Vec<StaffMembership>,
    /// The platform administrator creates and deactivates organisations.
    pub platform_admin: bool,
    /// Whether the account has a second factor (TOTP).
    pub second_factor: bool,
    /// Organisations whose admin the user is, but which require a second factor the account
    /// does not have yet: their membership counts only once it has one.
    pub needs_second_factor: Vec<StaffMembership>,
}

impl Staff {
    pub fn role_in(&self, organisation_id: i32) -> Option<Role> {
        self.memberships
            .iter()
            .find(|m| m.organisation_id == organisation_id)
            .map(|m| m.role)
    }

    /// The user's role in the organisation if it is one of `allowed`, otherwise `Forbidden`.
    pub fn require(&self, organisation_id: i32, allowed: &[Role]) -> Result<Role, AppError> {
        match self.role_in(organisation_id) {
            Some(r) if allowed.contains(&r) => Ok(r),
            _ => Err(AppError::Forbidden),
        }
    }
}

/// The session of the current server-function request.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.or_internal()
}

pub async fn current_staff(state: &AppState, session: &Session) -> Result<Option<Staff>, AppError> {
    let Some(user_id) = session.get::<i32>(STAFF_KEY).await.or_internal()? else {
        return Ok(None);
    };
    let Some(user) = staff::find_user(&state.db, user_id).await.or_internal()? else {
        return Ok(None);
    };
    let epoch = session
        .get::<i32>(STAFF_EPOCH_KEY)
        .await
        .or_internal()?
        .unwrap_or(0);
    if !user.active || epoch != user.session_epoch {
        return Ok(None);
    }
    let second_factor = user.totp_secret.is_some();
    let mut memberships = Vec::new();
    let mut needs_second_factor = Vec::new();
    for (m, o) in staff::memberships_of(&state.db, user.id)
        .await
        .or_internal()?
    {
        let Ok(role) = Role::parse(&m.role) else {
            continue;
        };
        let withheld = role == Role::Admin && o.require_totp && !second_factor;
        let membership = StaffMembership {
            organisation_id: o.id,
            slug: o.slug,
            organisation_name: o.name,
            role,
        };
        if withheld {
            needs_second_factor.push(membership);
        } else {
            memberships.push(membership);
        }
    }
    Ok(Some(Staff {
        user_id: user.id,
        name: user.name,
        email: user.email,
        memberships,
        platform_admin: user.platform_admin,
        second_factor,
        needs_second_factor,
    }))
}

pub async fn require_staff(state: &AppState, session: &Session) -> Result<Staff, AppError> {
    current_staff(state, session)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// The platform administrator of this session, or `Unauthorized` (nobody logged in) or
/// `Forbidden` (a staff user who is not).
pub async fn require_platform_admin(
    state: &AppState,
    session: &Session,
) -> Result<Staff, AppError> {
    let staff = require_staff(state, session).await?;
    if staff.platform_admin {
        Ok(staff)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A citizen logged in with ID-porten on this session.
#[derive(Clone)]
pub struct Citizen {
    pub person_id: i32,
    pub login_id: i64,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// The keyed hash of the national id; `None` for logins without one (they cannot sign).
    pub pid_hash: Option<String>,
    pub email: Option<String>,
    pub level: Loa,
    /// The login's sealed ID token: the only place the national id is, encrypted.
    id_token_sealed: String,
}

crate::domain::debug_only!(Citizen {
    person_id,
    login_id,
    level
});

impl Citizen {
    fn of(
        login: crate::ssr::db::entities::citizen_login::Model,
        person: crate::ssr::db::entities::person::Model,
    ) -> Self {
        Citizen {
            person_id: person.id,
            login_id: login.id,
            given_name: person.given_name,
            family_name: person.family_name,
            pid_hash: person.pid_hash,
            email: person.email,
            level: Loa::parse(&login.acr).unwrap_or(Loa::Low),
            id_token_sealed: login.id_token_sealed,
        }
    }

    /// The national id of this login, from its sealed ID token (verified at login), for a
    /// residency check at the moment it is needed; never kept.
    pub fn national_id(&self, state: &AppState) -> Option<crate::domain::national_id::NationalId> {
        self.pid_hash.as_ref()?;
        let token = crate::ssr::security::seal::open(
            state.settings.secret(),
            crate::ssr::idporten::login::ID_TOKEN_SEAL,
            &self.id_token_sealed,
        )?;
        let token = String::from_utf8(token).ok()?;
        let payload = token.split('.').nth(1)?;
        use base64::Engine;
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .ok()?;
        let claims: serde_json::Value = serde_json::from_slice(&json).ok()?;
        crate::domain::national_id::NationalId::parse(
            claims.get("pid")?.as_str()?,
            state.settings.allow_synthetic_ids(),
        )
        .ok()
    }

    /// "Given Family", or `None` when the login carried no name.
    pub fn name(&self) -> Option<String> {
        let parts: Vec<&str> = [self.given_name.as_deref(), self.family_name.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// The citizen of this session, if their login has not ended (here, or at ID-porten through a
/// front-channel logout).
pub async fn current_citizen(
    state: &AppState,
    session: &Session,
) -> Result<Option<Citizen>, AppError> {
    use crate::ssr::idporten::login::CITIZEN_KEY;
    let Some(login_id) = session.get::<i64>(CITIZEN_KEY).await.or_internal()? else {
        return Ok(None);
    };
    let Some((login, person)) = citizens::active_login(&state.db, login_id)
        .await
        .or_internal()?
    else {
        session.remove::<i64>(CITIZEN_KEY).await.or_internal()?;
        return Ok(None);
    };
    Ok(Some(Citizen::of(login, person)))
}

/// The citizen of this session, or `Unauthorized`. In one query and without loading the
/// session's data: the session's id (from its cookie) leads to its login and person (on
/// PostgreSQL in one statement with the other requests asking at that moment, see
/// `SessionCitizens`). When that
/// finds none (no citizen, a login that has ended, or a session saved before its login was kept
/// beside its data) `current_citizen` decides, and forgets an ended login.
pub async fn require_citizen(state: &AppState, session: &Session) -> Result<Citizen, AppError> {
    if let Some(id) = session.id() {
        let id = crate::ssr::http::session_store::stored_id(&id.to_string());
        let found = if state.db.get_database_backend() == sea_orm::DbBackend::Postgres {
            state.session_citizens.call(&state.db, id).await
        } else {
            citizens::active_login_of_session(&state.db, &id, chrono::Utc::now()).await
        }
        .or_internal()?;
        if let Some((login, person)) = found {
            return Ok(Citizen::of(login, person));
        }
    }
    current_citizen(state, session)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// A staff server function's context: the state, the logged-in staff user, and the session,
/// after checking the form's CSRF token when one is given.
pub async fn staff_request(
    csrf_token: Option<&str>,
) -> Result<(AppState, Staff, Session), AppError> {
    let state = crate::ssr::app_state()?;
    let session = session().await?;
    if let Some(t) = csrf_token {
        crate::ssr::http::csrf::verify(t)?;
    }
    let staff = require_staff(&state, &session).await?;
    Ok((state, staff, session))
}

type LoginAndPerson = (
    crate::ssr::db::entities::citizen_login::Model,
    crate::ssr::db::entities::person::Model,
);

/// Finding the citizens of many sessions in one statement (PostgreSQL): every signature starts
/// with it, so under load the requests asking at one moment share a round trip.
#[derive(Debug)]
pub struct SessionCitizens;

impl crate::ssr::batch::Kind for SessionCitizens {
    /// A session id.
    type Job = String;
    type Answer = Option<LoginAndPerson>;
    const NAME: &'static str = "session citizens";

    fn take<R>(waiting: &mut std::collections::VecDeque<(String, R)>) -> (Vec<String>, Vec<R>) {
        // 128 ids (about 3.5 KiB of JSON) stay well within one TLS record (see
        // `signing_writer::MAX_BYTES`).
        let n = waiting.len().min(128);
        waiting.drain(..n).unzip()
    }

    async fn run(
        db: &sea_orm::DatabaseConnection,
        ids: &[String],
    ) -> Result<Vec<Self::Answer>, sea_orm::DbErr> {
        let found: std::collections::HashMap<String, LoginAndPerson> =
            citizens::active_logins_of_sessions(db, ids, chrono::Utc::now())
                .await?
                .into_iter()
                .map(|(id, login, person)| (id, (login, person)))
                .collect();
        Ok(ids.iter().map(|id| found.get(id).cloned()).collect())
    }
}
