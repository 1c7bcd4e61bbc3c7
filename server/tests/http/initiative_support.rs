//! Shared steps of the initiative tests: the demo initiatives, citizens logged in at the
//! stand-in with a confirmed email, fresh collecting initiatives, an app whose register knows
//! given residents, signing in a minted session, and signature rows.

use crate::helpers::{TestApp, spawn_app_tweaked};
use app::domain::initiative::InitiativeStatus;
use app::ssr::db::entities::{initiative, organisation, signature};
use app::ssr::residency::{FixtureRegister, RegisteredPerson, ResidencyRegister};
use app::ssr::state::settings::SignLimits;
use app::testing::{Backend, MintedSession};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::sync::Arc;

pub const PARKING: &str = "Gratis parkering i sentrum på lørdager";
pub const LIBRARY: &str = "Lengre åpningstid på biblioteket";
pub const BENCHES: &str = "Flere benker langs elvepromenaden";
pub const LILLEVIK_ADMIN: (&str, &str) = ("admin@lillevik.kommune.no", "demo-passord-lillevik");
pub const MODERATOR: (&str, &str) = ("moderator@eksempel.kommune.no", "demo-passord-moderator");

pub async fn initiative_by_title(app: &TestApp, title: &str) -> initiative::Model {
    initiative::Entity::find()
        .filter(initiative::Column::Title.eq(title))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no initiative {title}"))
}

pub async fn initiative_by_id(app: &TestApp, id: i32) -> initiative::Model {
    initiative::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

pub async fn signatures_of(app: &TestApp, initiative_id: i32) -> Vec<signature::Model> {
    signature::Entity::find()
        .filter(signature::Column::InitiativeId.eq(initiative_id))
        .all(&app.state.db)
        .await
        .unwrap()
}

pub async fn org_id(app: &TestApp, slug: &str) -> i32 {
    organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A new initiative of the organisation, collecting until `days` from today, proposed by
/// `proposer` (a person id).
pub async fn collecting_initiative(
    app: &TestApp,
    slug: &str,
    proposer: i32,
    title: &str,
    days: i64,
) -> initiative::Model {
    let org = org_id(app, slug).await;
    let now = app.state.clock.now();
    let today = now.with_timezone(&chrono_tz::Europe::Oslo).date_naive();
    let id = app::ssr::db::initiatives::insert(
        &app.state.db,
        org,
        proposer,
        app::ssr::db::initiatives::Proposal {
            title: title.into(),
            ask: "Kommunestyret bes gjøre noe med dette.".into(),
            justification: "Fordi det trengs, og fordi mange har bedt om det.".into(),
            collection_ends: today + chrono::Duration::days(days),
            contact_email: "forslag@eksempel.no".into(),
            lang: app::domain::lang::Lang::Nb,
        },
        now,
    )
    .await
    .unwrap();
    let mut am: initiative::ActiveModel = initiative_by_id(app, id).await.into();
    am.status = Set(InitiativeStatus::Collecting.as_str().into());
    am.published_at = Set(Some(now));
    am.update(&app.state.db).await.unwrap()
}

impl TestApp {
    /// Logs `person` in at the stand-in (substantial) and, with `email`, gives them that
    /// confirmed address (the confirmation flow has its own test). Returns the CSRF token.
    pub async fn citizen(&self, person: &str, email: Option<&str>) -> String {
        let r = self.citizen_login(person, "substantial", "/meg").await;
        assert!(r.status().is_redirection(), "{}", r.status());
        if let Some(email) = email {
            let (_, html) = self.get_text("/meg").await;
            assert!(html.contains("Min side"), "logged in");
            let person_id = self.person_id(person).await;
            app::ssr::db::citizens::set_email(&self.state.db, person_id, Some(email))
                .await
                .unwrap();
        }
        self.csrf_token().await
    }

    /// The person row a stand-in person's login made (found by their keyed national id).
    pub async fn person_id(&self, person: &str) -> i32 {
        use app::ssr::db::entities::person;
        let pid = crate::standin::test_person(person)
            .pid
            .unwrap_or_else(|| panic!("{person} has no national id"));
        let id = app::domain::national_id::NationalId::parse(&pid, true).unwrap();
        let hash = app::ssr::security::pid::pid_hash(self.state.settings.pid_key(), &id);
        person::Entity::find()
            .filter(person::Column::PidHash.eq(hash))
            .filter(person::Column::Issuer.ne("demo"))
            .one(&self.state.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{person} has not logged in"))
            .id
    }
}

/// The person row of a demo signer or proposer (`ola-nordmann`, …).
pub async fn demo_person(app: &TestApp, subject: &str) -> i32 {
    use app::ssr::db::entities::person;
    person::Entity::find()
        .filter(person::Column::Issuer.eq("demo"))
        .filter(person::Column::Subject.eq(subject))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Today in Norway, by the app's clock.
pub fn oslo_today(app: &TestApp) -> chrono::NaiveDate {
    app.state
        .clock
        .now()
        .with_timezone(&chrono_tz::Europe::Oslo)
        .date_naive()
}

/// The form that signs (or withdraws from) initiative `id` of Eksempel kommune.
pub fn sign_form<'a>(token: &'a str, id: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("slug", "eksempel-kommune"),
        ("id", id),
    ]
}

/// The demo app whose residency register knows exactly `residents`, with these signing limits;
/// `behind_proxy` makes 127.0.0.1 a trusted proxy (so `X-Forwarded-For` names the client).
pub async fn spawn_app_with_residents(
    backend: Backend,
    residents: &[RegisteredPerson],
    limits: SignLimits,
    behind_proxy: bool,
) -> TestApp {
    let register = residents.to_vec();
    spawn_app_tweaked(backend, None, move |s| {
        s.residency = Arc::new(ResidencyRegister::Fixture(FixtureRegister::from_persons(
            register,
        )));
        let mut settings = (*s.settings).clone();
        if behind_proxy {
            settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        }
        settings.sign_limits = limits;
        s.settings = Arc::new(settings);
    })
    .await
}

/// `n` new initiatives of Eksempel kommune proposed by Ola, collecting for 30 days.
pub async fn collecting_initiatives(app: &TestApp, n: usize) -> Vec<initiative::Model> {
    let proposer = demo_person(app, "ola-nordmann").await;
    let mut all = Vec::new();
    for i in 0..n {
        let title = format!("Forslag {i}");
        all.push(collecting_initiative(app, "eksempel-kommune", proposer, &title, 30).await);
    }
    all
}

/// Signs initiative `id` of Eksempel kommune at the app on `base` as the page's script does,
/// in a minted `session` (from `forwarded_for`, if given), and returns the answer.
pub async fn sign_in_session(
    client: &reqwest::Client,
    base: &str,
    session: &MintedSession,
    id: i32,
    forwarded_for: Option<String>,
) -> (StatusCode, String) {
    let id = id.to_string();
    let mut request = client
        .post(format!("{base}/api/sign_initiative"))
        .header("cookie", &session.cookie)
        .header("accept", "application/json")
        .form(&sign_form(&session.csrf_token, &id));
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    let r = request.send().await.unwrap();
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// Per's proposal of free Saturday parking, alike Ola's earlier one, saved as a draft of
/// Eksempel kommune from the proposal page without JavaScript by whoever holds `token`.
pub async fn propose_free_saturday_parking(app: &TestApp, token: &str) -> reqwest::Response {
    let ends = (oslo_today(app) + chrono::Duration::days(60)).to_string();
    app.post_multipart(
        "save_initiative",
        "/org/eksempel-kommune/innbyggerforslag/nytt",
        reqwest::multipart::Form::new()
            .text("csrf_token", token.to_string())
            .text("slug", "eksempel-kommune")
            .text("title", "Gratis parkering i sentrum på lørdagene")
            .text(
                "ask",
                "Kommunestyret bes gjøre parkering i sentrum gratis på lørdager.",
            )
            .text("justification", "Det vil gi mer liv i sentrum.")
            .text("collection_ends", ends),
    )
    .await
}
