//! Personal data with a lifetime: the outbox forgets a mail (and the address it ties to a case)
//! once it has been sent and its retention has passed; what is still to be sent stays. A
//! login's sealed ID token (with the national id in it) goes when the login ends, or when its
//! session has expired.

use crate::helpers::spawn_app;
use app::on_both_databases;
use app::ssr::db::entities::mail_outbox;
use app::ssr::mail::{OutgoingMail, queue};
use app::testing::Backend;
use chrono::Duration;
use sea_orm::EntityTrait;

async fn a_sent_mail_is_deleted_thirty_days_after_it_was_queued(backend: Backend) {
    let app = spawn_app(backend).await;
    // Whatever the demo queued goes first, so that only these three count.
    app.run_mail_worker().await;
    mail_outbox::Entity::delete_many()
        .exec(&app.state.db)
        .await
        .unwrap();
    let mail = |to: &str| OutgoingMail {
        recipient: to.into(),
        subject: "Du har skrevet under på et innbyggerforslag".into(),
        text: "Takk.".into(),
        html: "<p>Takk.</p>".into(),
        unsubscribe: None,
    };
    let start = app.state.clock.now();
    queue::enqueue(&app.state.db, &mail("gammel@eksempel.no"), start)
        .await
        .unwrap();
    app.run_mail_worker().await;
    app.state.clock.advance(Duration::days(2));
    queue::enqueue(
        &app.state.db,
        &mail("ny@eksempel.no"),
        app.state.clock.now(),
    )
    .await
    .unwrap();
    app.run_mail_worker().await;
    // One still waiting to be sent (its next attempt in the future).
    let waiting = queue::enqueue(
        &app.state.db,
        &mail("venter@eksempel.no"),
        start - Duration::days(40),
    )
    .await
    .unwrap();
    let mut am: mail_outbox::ActiveModel = mail_outbox::Entity::find_by_id(waiting)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    am.next_attempt_at = sea_orm::Set(app.state.clock.now() + Duration::days(1));
    sea_orm::ActiveModelTrait::update(am, &app.state.db)
        .await
        .unwrap();

    let keep = Duration::days(app.state.settings.mail_retention_days.into());
    assert_eq!(keep, Duration::days(30));
    app.state.clock.advance(Duration::days(29));
    let gone = queue::prune(&app.state.db, app.state.clock.now() - keep)
        .await
        .unwrap();
    assert_eq!(gone, 1, "the one queued 31 days ago");
    let left: Vec<String> = mail_outbox::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    assert!(left.contains(&"ny@eksempel.no".to_string()), "{left:?}");
    assert!(
        left.contains(&"venter@eksempel.no".to_string()),
        "not sent yet"
    );
    assert!(!left.contains(&"gammel@eksempel.no".to_string()));
    app.stop().await;
}

async fn the_sealed_id_token_goes_when_the_login_ends_or_its_session_expires(backend: Backend) {
    use app::ssr::db::entities::{citizen_login, session};
    use sea_orm::{ColumnTrait, QueryFilter};
    let app = spawn_app(backend).await;
    let [kari, ola] = [0, 1].map(|i| app::testing::synthetic_residents(2, "9999")[i].clone());
    let _kari = app::testing::mint_citizen_session(&app.state, &kari).await;
    let ola = app::testing::mint_citizen_session(&app.state, &ola).await;
    let logins = || async {
        citizen_login::Entity::find()
            .filter(citizen_login::Column::Issuer.eq("https://idporten.test.invalid"))
            .all(&app.state.db)
            .await
            .unwrap()
    };
    let all = logins().await;
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|l| !l.id_token_sealed.is_empty()));

    // Kari logs out: her login ends with its token.
    let kari_login = all
        .iter()
        .find(|l| l.person_id != ola.person_id)
        .unwrap()
        .id;
    app::ssr::db::citizens::end_login(&app.state.db, kari_login, app.state.clock.now())
        .await
        .unwrap();
    // Ola's session is gone (expired and deleted): the worker ends his login.
    session::Entity::delete_many()
        .filter(session::Column::CitizenLoginId.is_not_null())
        .filter(session::Column::CitizenLoginId.ne(kari_login))
        .exec(&app.state.db)
        .await
        .unwrap();
    let now = app.state.clock.now();
    assert_eq!(
        app::ssr::db::citizens::end_logins_without_session(&app.state.db, now)
            .await
            .unwrap(),
        0,
        "not within ten minutes of the login"
    );
    let later = now + Duration::minutes(11);
    assert_eq!(
        app::ssr::db::citizens::end_logins_without_session(&app.state.db, later)
            .await
            .unwrap(),
        1
    );
    for l in logins().await {
        assert!(l.ended_at.is_some(), "{}", l.id);
        assert!(l.id_token_sealed.is_empty(), "{}", l.id);
    }
    app.stop().await;
}

async fn a_confirmation_link_that_no_longer_works_is_deleted(backend: Backend) {
    use app::ssr::db::entities::email_confirmation;
    let app = spawn_app(backend).await;
    let person = app::testing::synthetic_residents(1, "9999")[0].clone();
    let minted = app::testing::mint_citizen_session(&app.state, &person).await;
    let now = app.state.clock.now();
    app::ssr::db::citizens::insert_email_confirmation(
        &app.state.db,
        minted.person_id,
        "ny@eksempel.no",
        "hash",
        now + Duration::hours(24),
        now,
    )
    .await
    .unwrap();
    let count = || async {
        email_confirmation::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len()
    };
    let before = count().await;
    let prune = |at| app::ssr::db::citizens::prune_email_confirmations(&app.state.db, at);
    assert_eq!(
        prune(now + Duration::hours(23)).await.unwrap(),
        0,
        "still works"
    );
    assert_eq!(prune(now + Duration::hours(25)).await.unwrap(), 1);
    assert_eq!(count().await, before - 1);
    app.stop().await;
}

on_both_databases!(
    a_confirmation_link_that_no_longer_works_is_deleted,
    a_sent_mail_is_deleted_thirty_days_after_it_was_queued,
    the_sealed_id_token_goes_when_the_login_ends_or_its_session_expires,
);
