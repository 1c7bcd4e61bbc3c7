//! The public page of a hearing, served from the page cache: to readers without a session each
//! response still has its own nonce and the reader's own CSRF token; a logged-in citizen gets the
//! same page with their own menu, after one question to the database; staff and a citizen whose
//! login has ended get a page rendered for them; and the cache is at most a second old.

use crate::hearing_support::{STORGATA, demo_hearing};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_tweaked};
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};
use reqwest::StatusCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The page's CSP nonce, after checking that the page's scripts carry it.
fn nonce_of(r: &reqwest::Response) -> String {
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    csp.split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce")
        .to_string()
}

async fn page(app: &TestApp, path: &str) -> (String, String) {
    let r = app.get(path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let nonce = nonce_of(&r);
    let html = r.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")));
    let m = &*app::ssr::http::page_cache::MARKS;
    for mark in [
        &m.nonce,
        &m.token,
        &m.menu_start,
        &m.menu_or,
        &m.menu_end,
        &m.name,
    ] {
        assert!(!html.contains(mark.as_str()), "no placeholder left");
    }
    (nonce, html)
}

async fn readers_without_a_session_share_the_rendered_page_but_not_their_nonce_or_token(
    backend: Backend,
) {
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    let app = spawn_app_tweaked(backend, None, move |state| {
        state.db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
    })
    .await;
    let h = demo_hearing(&app, STORGATA).await;
    let path = format!("/org/eksempel-kommune/horinger/{}", h.id);
    let other = TestApp::second_browser(&app);

    let (nonce_a, html_a) = page(&app, &path).await;
    // A second reader right after is served without asking the database (tried three times,
    // should this machine be so slow that a second passes between two requests).
    let mut from_cache = None;
    for _ in 0..3 {
        queries.store(0, Ordering::SeqCst);
        let (nonce, html) = page(&other, &path).await;
        if queries.load(Ordering::SeqCst) == 0 {
            from_cache = Some((nonce, html));
            break;
        }
    }
    let (nonce_b, html_b) = from_cache.expect("a page served from the cache");
    assert_ne!(nonce_a, nonce_b, "a nonce of its own per response");
    let (token_a, token_b) = (csrf_token_in(&html_a), csrf_token_in(&html_b));
    assert_ne!(token_a, token_b, "each reader has a token of their own");
    assert_eq!(
        html_a.replace(&nonce_a, "N").replace(&token_a, "T"),
        html_b.replace(&nonce_b, "N").replace(&token_b, "T"),
        "the same page otherwise"
    );

    // The token in a page from the cache works for that reader's forms (here: a login that is
    // refused for its password, not for its token), and not for another reader.
    for (token, expected) in [
        (&token_b, StatusCode::UNPROCESSABLE_ENTITY),
        (&token_a, StatusCode::FORBIDDEN),
    ] {
        let r = other
            .call(
                "staff_login",
                &[
                    ("csrf_token", token),
                    ("email", "admin@eksempel.kommune.no"),
                    ("password", "ikke riktig passord"),
                ],
            )
            .await;
        assert_eq!(r.status(), expected);
    }

    // Staff get their own page, never the cached one.
    app.login("admin@eksempel.kommune.no", "demo-passord-admin")
        .await;
    let (_, html) = page(&app, &path).await;
    assert!(
        html.contains("Anne Admin"),
        "the staff menu of the logged-in reader"
    );
    let (_, html) = page(&other, &path).await;
    assert!(!html.contains("Anne Admin"));

    // What changes in the database shows within a second, however it got there.
    let before = format!("Innspill ({})", 3);
    assert!(html.contains(&before), "{before}");
    app::testing::publish_submissions(&app.state, &h, 2).await;
    tokio::time::sleep(app::ssr::http::page_cache::MAX_AGE).await;
    let (_, html) = page(&other, &path).await;
    assert!(html.contains("Innspill (5)"));
    app.stop().await;
}

on_both_databases!(readers_without_a_session_share_the_rendered_page_but_not_their_nonce_or_token);

/// The citizen menu of a page, without the render's `<!>` marks.
fn citizen_menu(html: &str) -> String {
    let start = html.find("class=\"citizen-menu\"").expect("a citizen menu");
    let end = start + html[start..].find("</nav>").unwrap();
    html[start..end].replace("<!>", "")
}

async fn a_logged_in_citizen_reads_a_hearing_from_the_cache_with_their_own_menu(backend: Backend) {
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    let app = spawn_app_tweaked(backend, Some(IdPortenOptions::default()), move |state| {
        state.db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
    })
    .await;
    let h = demo_hearing(&app, STORGATA).await;
    let path = format!("/org/eksempel-kommune/horinger/{}", h.id);
    let reader = TestApp::second_browser(&app);
    let lise_token = app.citizen("lise-lillevik", None).await;
    // Her own page, rendered for her: the menu as a page made for her shows it.
    let (_, my_page) = app.get_text("/meg").await;
    let her_menu = citizen_menu(&my_page);
    assert!(her_menu.contains("Lise Lillevik"), "{her_menu}");

    let (_, anonymous) = page(&reader, &path).await;
    let mut from_cache = None;
    for _ in 0..3 {
        queries.store(0, Ordering::SeqCst);
        let (nonce, html) = page(&app, &path).await;
        if queries.load(Ordering::SeqCst) == 1 {
            from_cache = Some((nonce, html));
            break;
        }
    }
    let (nonce, html) = from_cache.expect("her page from the cache, after one statement");
    assert_eq!(
        citizen_menu(&html),
        her_menu,
        "her name, her page and her logout form with her own token"
    );
    assert_eq!(app::testing::csrf_token_in(&html), lise_token);
    assert!(
        !html.contains("Logg inn med ID-porten"),
        "{}",
        citizen_menu(&html)
    );
    assert!(
        !anonymous.contains("Lise"),
        "the reader without a session sees no name"
    );
    // Apart from the menu, the page is the one every reader gets.
    let without_menu = |page: &str, nonce: &str| {
        let menu = citizen_menu(page);
        let token = app::testing::csrf_token_in(page);
        page.replace("<!>", "")
            .replace(&menu, "MENU")
            .replace(nonce, "N")
            .replace(&token, "T")
    };
    let anonymous_nonce = anonymous
        .split("nonce=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    assert_eq!(
        without_menu(&html, &nonce),
        without_menu(&anonymous, &anonymous_nonce)
    );

    // Her login ends (as when ID-porten ends it): her next page is rendered for her, shows her
    // logged out, and her session forgets the login.
    use app::ssr::db::entities::citizen_login;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    citizen_login::Entity::update_many()
        .col_expr(
            citizen_login::Column::EndedAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(citizen_login::Column::EndedAt.is_null())
        .exec(&app.state.db)
        .await
        .unwrap();
    let (_, html) = page(&app, &path).await;
    assert!(!html.contains("Lise"));
    assert!(
        html.contains("Logg inn med ID-porten"),
        "{}",
        citizen_menu(&html)
    );
    let (_, html) = page(&app, &path).await;
    assert!(html.contains("Logg inn med ID-porten"));
    app.stop().await;
}

on_both_databases!(a_logged_in_citizen_reads_a_hearing_from_the_cache_with_their_own_menu);
