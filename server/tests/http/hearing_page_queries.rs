//! The public page of a hearing asks the database a fixed number of questions, however many
//! submissions it shows.

use crate::helpers::browser;
use app::on_both_databases;
use app::testing::{Backend, seeded_test_state};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

async fn the_public_page_of_a_hearing_takes_at_most_ten_queries_however_many_submissions(
    backend: Backend,
) {
    let (mut state, _db) = seeded_test_state(backend).await;
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
    // Each count is of a page rendered afresh, not served from the page cache.
    let count = |n: usize| {
        let (visitor, page, queries) = (visitor.clone(), page.clone(), queries.clone());
        let cache = state.page_cache.clone();
        async move {
            cache.invalidate();
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
    // A first visit sets the CSRF cookie; what follows is any returning visitor's page.
    visitor.get(&page).send().await.unwrap();
    let few = count(3).await;
    app::testing::publish_submissions(&state, &hearing, 200).await;
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
