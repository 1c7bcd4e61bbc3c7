//! Service tests on a real database, each run on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)]

use app::demo as seed;
use app::domain::role::Role;
use app::dto::admin::ProfileInput;
use app::error::AppError;
use app::on_both_databases;
use app::ssr::mail::{OutgoingMail, queue};
use app::ssr::security::auth::{Staff, StaffMembership};
use app::ssr::services::admin;
use app::ssr::{AppState, db};
use app::testing::{Backend, test_state};

async fn staff_of(state: &AppState, email: &str) -> Staff {
    let user = db::staff::find_user_by_email(&state.db, email)
        .await
        .unwrap()
        .unwrap();
    let memberships = db::staff::memberships_of(&state.db, user.id)
        .await
        .unwrap()
        .into_iter()
        .map(|(m, o)| StaffMembership {
            organisation_id: o.id,
            slug: o.slug,
            organisation_name: o.name,
            role: Role::parse(&m.role).unwrap(),
        })
        .collect();
    Staff {
        user_id: user.id,
        name: user.name,
        email: user.email,
        memberships,
        platform_admin: user.platform_admin,
        second_factor: user.totp_secret.is_some(),
        needs_second_factor: Vec::new(),
    }
}

fn profile(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.into(),
        population: "15 002".into(),
        population_date: "2026-06-30".into(),
        written_standard: "nn".into(),
        accessibility_url: "https://uustatus.no/nb/erklaringer/publisert/x".into(),
    }
}

async fn staff_cannot_read_or_change_another_organisations_data(backend: Backend) {
    let (state, _db) = test_state(backend).await;
    seed::seed_demo(&state).await.unwrap();
    let county_admin = staff_of(&state, "admin@eksempel.fylkeskommune.no").await;
    let case_officer = staff_of(&state, "saksbehandler@eksempel.kommune.no").await;

    for outsider in [&county_admin, &case_officer] {
        let read = admin::overview(&state, outsider, "eksempel-kommune").await;
        assert_eq!(read.unwrap_err(), AppError::Forbidden);
        let change = admin::update_profile(
            &state,
            outsider,
            "eksempel-kommune",
            &profile("Kapret kommune"),
        )
        .await;
        assert_eq!(change.unwrap_err(), AppError::Forbidden);
        let add = admin::add_body(
            &state,
            outsider,
            "eksempel-kommune",
            "Falskt utvalg",
            "committee",
        )
        .await;
        assert_eq!(add.unwrap_err(), AppError::Forbidden);
    }
    let org = db::organisations::find_by_slug(&state.db, "eksempel-kommune")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(org.name, "Eksempel kommune");
    assert_eq!(org.bodies.len(), 2);

    // A body of the county cannot be removed through the municipality, even by its own admin.
    let kommune_admin = staff_of(&state, "admin@eksempel.kommune.no").await;
    let county = db::organisations::find_by_slug(&state.db, "eksempel-fylkeskommune")
        .await
        .unwrap()
        .unwrap();
    let county_body = county.bodies[0].id;
    let res = admin::remove_body(&state, &kommune_admin, "eksempel-kommune", county_body).await;
    assert_eq!(res.unwrap_err(), AppError::NotFound);
    let county = db::organisations::find_by_slug(&state.db, "eksempel-fylkeskommune")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(county.bodies.len(), 1);
}

async fn an_admin_updates_the_profile_and_bad_input_names_the_field(backend: Backend) {
    let (state, _db) = test_state(backend).await;
    seed::seed_demo(&state).await.unwrap();
    let admin_user = staff_of(&state, "admin@eksempel.kommune.no").await;
    admin::update_profile(
        &state,
        &admin_user,
        "eksempel-kommune",
        &profile("Eksempel kommune"),
    )
    .await
    .unwrap();
    let org = db::organisations::find_by_slug(&state.db, "eksempel-kommune")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(org.population, 15_002);
    assert_eq!(org.written_standard.as_str(), "nn");

    let mut bad = profile("E");
    bad.population = "mange".into();
    bad.accessibility_url = "uustatus.no".into();
    let Err(AppError::Validation(fields)) =
        admin::update_profile(&state, &admin_user, "eksempel-kommune", &bad).await
    else {
        panic!("expected a validation error");
    };
    assert_eq!(fields.get("name"), Some("admin.profile.name_invalid"));
    assert_eq!(
        fields.get("population"),
        Some("admin.profile.population_invalid")
    );
    assert_eq!(
        fields.get("accessibility_url"),
        Some("admin.profile.url_invalid")
    );
}

async fn queued_mail_is_sent_exactly_once_by_competing_workers(backend: Backend) {
    let (state, _db) = test_state(backend).await;
    for n in 0..20 {
        let mail = OutgoingMail {
            recipient: format!("mottaker{n}@eksempel.no"),
            subject: "Test".into(),
            text: format!("melding {n}"),
            html: format!("<p>melding {n}</p>"),
            unsubscribe: None,
        };
        queue::enqueue(&state.db, &mail, state.clock.now())
            .await
            .unwrap();
    }
    let from = state.settings.mail_from.clone();
    let (a, b) = tokio::join!(
        queue::run_once(&state.db, &state.mailer, &from, "a", &state.clock),
        queue::run_once(&state.db, &state.mailer, &from, "b", &state.clock),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 20);
    let mut sent: Vec<String> = state.mailer.sent().into_iter().map(|m| m.text).collect();
    sent.sort();
    sent.dedup();
    assert_eq!(sent.len(), 20);
    let again = queue::run_once(&state.db, &state.mailer, &from, "a", &state.clock)
        .await
        .unwrap();
    assert_eq!(again, 0);
}

async fn a_failed_delivery_is_retried_later_not_lost(backend: Backend) {
    let (mut state, _db) = test_state(backend).await;
    let mail = OutgoingMail {
        recipient: "ikke en adresse".into(),
        subject: "Test".into(),
        text: "x".into(),
        html: "x".into(),
        unsubscribe: None,
    };
    queue::enqueue(&state.db, &mail, state.clock.now())
        .await
        .unwrap();
    // The file backend refuses an unparseable recipient, like an SMTP server would.
    let dir = std::env::temp_dir().join(format!("innspill-mail-{}", uuid::Uuid::new_v4()));
    state.mailer = app::ssr::mail::Mailer::Files(dir.clone());
    let from = state.settings.mail_from.clone();
    assert_eq!(
        queue::run_once(&state.db, &state.mailer, &from, "a", &state.clock)
            .await
            .unwrap(),
        0
    );
    use sea_orm::EntityTrait;
    let row = db::entities::mail_outbox::Entity::find()
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "queued");
    assert_eq!(row.attempts, 1);
    assert!(row.next_attempt_at > state.clock.now());
    let _ = std::fs::remove_dir_all(dir);
}

/// A write refused for a unique key is told apart from other database errors by the error's
/// kind on both databases (a submission reference that exists is then drawn again).
async fn a_duplicate_key_is_told_apart_from_other_database_errors(backend: Backend) {
    use sea_orm::ConnectionTrait;
    let (state, _db) = test_state(backend).await;
    state
        .db
        .execute_unprepared("CREATE TABLE probe (k INTEGER PRIMARY KEY, v TEXT UNIQUE)")
        .await
        .unwrap();
    state
        .db
        .execute_unprepared("INSERT INTO probe (k, v) VALUES (1, 'a')")
        .await
        .unwrap();
    let duplicate = state
        .db
        .execute_unprepared("INSERT INTO probe (k, v) VALUES (2, 'a')")
        .await
        .unwrap_err();
    assert!(db::is_unique_violation(&duplicate), "{duplicate}");
    let same_key = state
        .db
        .execute_unprepared("INSERT INTO probe (k, v) VALUES (1, 'b')")
        .await
        .unwrap_err();
    assert!(db::is_unique_violation(&same_key), "{same_key}");
    let other = state
        .db
        .execute_unprepared("INSERT INTO no_such_table (k) VALUES (1)")
        .await
        .unwrap_err();
    assert!(!db::is_unique_violation(&other), "{other}");
}

on_both_databases!(
    a_duplicate_key_is_told_apart_from_other_database_errors,
    staff_cannot_read_or_change_another_organisations_data,
    an_admin_updates_the_profile_and_bad_input_names_the_field,
    queued_mail_is_sent_exactly_once_by_competing_workers,
    a_failed_delivery_is_retried_later_not_lost,
);
