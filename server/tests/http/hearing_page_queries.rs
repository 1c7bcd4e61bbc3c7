//! The public page of a hearing asks the database a fixed number of questions, however many
//! submissions it shows.

use crate::helpers::browser;
use app::domain::submission::{Publication, SubmitterKind};
use app::on_both_databases;
use app::ssr::db::submissions::{self, NewSubmission, Screening};
use app::ssr::testing::{Backend, test_state};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

async fn with_published(
    state: &app::ssr::AppState,
    hearing: &app::ssr::db::entities::hearing::Model,
    n: usize,
) {
    let sections = app::ssr::db::hearings::sections(&state.db, hearing.id)
        .await
        .unwrap();
    for k in 0..n {
        let id = submissions::insert(
            &state.db,
            hearing.id,
            hearing.organisation_id,
            NewSubmission {
                reference: format!("INN-TEST-{}-{k:04}", hearing.id),
                kind: SubmitterKind::Private,
                name: format!("Person {k}"),
                organisation_name: None,
                org_number: None,
                person_id: None,
                email: None,
                show_name: k % 2 == 0,
                objects_to_publication: false,
                objection_reason: None,
                general_comment: format!("Innspill nummer {k}."),
                received_at: state.clock.now(),
                confirmation: None,
                late_by_extension: false,
                lang: "nb".into(),
            },
            vec![(
                sections[k % sections.len()].id,
                format!("Om delen, nummer {k}."),
            )],
            vec![],
        )
        .await
        .unwrap();
        let m = submissions::find_in_hearing(&state.db, hearing.id, id)
            .await
            .unwrap()
            .unwrap();
        let screening = Screening {
            publication: Publication::Published,
            withhold_reason: None,
            withhold_note: None,
            public_general_comment: None,
            public_comments: vec![],
        };
        submissions::screen(&state.db, m, screening, 1, state.clock.now())
            .await
            .unwrap();
    }
}

async fn the_public_page_of_a_hearing_takes_at_most_ten_queries_however_many_submissions(
    backend: Backend,
) {
    let (mut state, _db) = test_state(backend).await;
    app::ssr::seed::seed_demo(&state).await.unwrap();
    let storgata = crate::hearing_support::STORGATA;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let hearing = app::ssr::db::entities::hearing::Entity::find()
        .filter(app::ssr::db::entities::hearing::Column::Title.eq(storgata))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    state.db.set_metric_callback(move |info| {
        counter.fetch_add(1, Ordering::SeqCst);
        if std::env::var("SHOW_QUERIES").is_ok() {
            eprintln!(
                "SQL: {}",
                info.statement.sql.chars().take(150).collect::<String>()
            );
        }
    });
    let running = server::startup::start(state.clone(), "127.0.0.1:0".parse().unwrap(), false)
        .await
        .unwrap();
    let base = format!("http://{}", running.addr);
    let page = format!("{base}/org/eksempel-kommune/horinger/{}", hearing.id);
    let visitor = browser();
    let count = |n: usize| {
        let (visitor, page, queries) = (visitor.clone(), page.clone(), queries.clone());
        async move {
            queries.store(0, Ordering::SeqCst);
            let r = visitor
                .get(&page)
                .header("accept", "text/html")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            let html = r.text().await.unwrap();
            assert!(html.contains(&format!("Innspill ({n})")), "shows {n}");
            queries.load(Ordering::SeqCst)
        }
    };
    // A first visit starts the session; what follows is any returning visitor's page.
    visitor.get(&page).send().await.unwrap();
    let few = count(3).await;
    with_published(&state, &hearing, 200).await;
    let many = count(203).await;
    println!("queries for the hearing page: {few} with 3 submissions, {many} with 203");
    assert!(many <= 10, "{many} queries");
    assert_eq!(
        few, many,
        "the number of queries does not grow with the submissions"
    );
    running.stop().await;
}

on_both_databases!(the_public_page_of_a_hearing_takes_at_most_ten_queries_however_many_submissions);
