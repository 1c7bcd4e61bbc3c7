//! A nynorsk municipality's pages open in nynorsk for a visitor who has not chosen a language;
//! a visitor's own choice still wins, and a bokmål municipality's pages stay in bokmål. Its
//! feeds and the exports its staff download are in nynorsk too, and case text is marked with
//! the language it was written in, whatever the page's language.

use crate::helpers::{TestApp, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

async fn a_nynorsk_municipalitys_pages_open_in_nynorsk_unless_the_visitor_chose(backend: Backend) {
    let app = spawn_app(backend).await;
    use app::ssr::db::entities::organisation;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::WrittenStandard, Expr::value("nn"))
        .filter(organisation::Column::Slug.eq("lillevik-kommune"))
        .exec(&app.state.db)
        .await
        .unwrap();
    for path in [
        "/org/lillevik-kommune",
        "/org/lillevik-kommune/innbyggerforslag",
    ] {
        let (_, html) = TestApp::second_browser(&app).get_text(path).await;
        assert!(html.contains("<html lang=\"nn\""), "{path}: {html}");
        assert!(html.contains("Innbyggjarforslag"), "{path}");
    }
    let (_, html) = TestApp::second_browser(&app)
        .get_text("/org/eksempel-kommune")
        .await;
    assert!(html.contains("<html lang=\"nb\""), "a bokmål municipality");
    let (_, html) = TestApp::second_browser(&app).get_text("/").await;
    assert!(
        html.contains("<html lang=\"nb\""),
        "the installation's own pages"
    );

    // The visitor chooses bokmål: that wins, also where the page cache serves the page.
    let visitor = TestApp::second_browser(&app);
    let r = visitor.get("/sprak/nb?til=/org/lillevik-kommune").await;
    assert!(r.status().is_redirection());
    let (_, html) = visitor.get_text("/org/lillevik-kommune").await;
    assert!(html.contains("<html lang=\"nb\""), "{html}");
    // A header sent by a client is not the organisation's choice.
    let r = reqwest::Client::new()
        .get(app.url("/org/eksempel-kommune"))
        .header("x-innspill-default-lang", "en")
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("<html lang=\"nb\""));
    app.stop().await;
}

async fn feeds_and_exports_follow_the_written_standard_and_case_text_carries_its_language(
    backend: Backend,
) {
    use crate::initiative_support::{LILLEVIK_ADMIN, collecting_initiative, demo_person};
    use app::ssr::db::entities::{hearing, initiative, organisation};
    let app = spawn_app(backend).await;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::WrittenStandard, Expr::value("nn"))
        .filter(organisation::Column::Slug.eq("lillevik-kommune"))
        .exec(&app.state.db)
        .await
        .unwrap();

    // Feeds: titles and xml:lang in the organisation's written standard.
    let feed = |path: &'static str| {
        let url = app.url(path);
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    let atom = feed("/api/v1/organisations/lillevik-kommune/initiatives.atom").await;
    assert!(
        atom.contains("Innbyggjarforslag – Lillevik kommune"),
        "{atom}"
    );
    assert!(atom.contains("xml:lang=\"nn\""), "{atom}");
    let atom = feed("/api/v1/events.atom?kind=hearing&organisation=lillevik-kommune").await;
    assert!(
        atom.contains("Nytt i høyringane – Lillevik kommune"),
        "{atom}"
    );
    let atom = feed("/api/v1/organisations/eksempel-kommune/hearings.atom").await;
    assert!(atom.contains("Høringer – Eksempel kommune"), "{atom}");
    assert!(atom.contains("xml:lang=\"nb\""), "{atom}");

    // The signature list's CSV is headed in nynorsk, also for an admin browsing in bokmål.
    let lise = demo_person(&app, "ola-nordmann").await;
    let i = collecting_initiative(&app, "lillevik-kommune", lise, "Ny gapahuk", 30).await;
    let admin = TestApp::second_browser(&app);
    admin.staff(LILLEVIK_ADMIN.0, LILLEVIK_ADMIN.1).await;
    admin.get("/sprak/nb?til=/").await;
    let csv = admin
        .get_text(&format!(
            "/org/lillevik-kommune/ansatt/innbyggerforslag/{}/underskrifter.csv",
            i.id
        ))
        .await
        .1;
    assert_eq!(
        csv.trim_start_matches('\u{feff}').lines().next(),
        Some("namn,fødselsdato,adresse,underskrive (norsk tid),måte,busett,kommunenummer"),
        "{csv}"
    );

    // An initiative written in nynorsk is marked so on an English page; a hearing is in its
    // organisation's written standard.
    initiative::Entity::update_many()
        .col_expr(initiative::Column::Lang, Expr::value("nn"))
        .filter(initiative::Column::Id.eq(i.id))
        .exec(&app.state.db)
        .await
        .unwrap();
    let visitor = TestApp::second_browser(&app);
    visitor.get("/sprak/en?til=/").await;
    let (_, html) = visitor
        .get_text(&format!("/org/lillevik-kommune/innbyggerforslag/{}", i.id))
        .await;
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(
        h1(&html).contains("lang=\"nn\""),
        "the proposal's title: {html}"
    );
    let storgata = hearing::Entity::find()
        .filter(hearing::Column::Title.eq("Reguleringsplan for Storgata 10–14"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let (_, html) = visitor
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", storgata.id))
        .await;
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(
        h1(&html).contains("lang=\"nb\""),
        "the hearing's title: {html}"
    );
    // In lists too: each card's title carries its language.
    let (_, list) = visitor
        .get_text("/org/lillevik-kommune/innbyggerforslag")
        .await;
    let at = list.find("Ny gapahuk").expect("the card");
    let card = &list[at.saturating_sub(300)..at];
    assert!(
        card.contains("<h3") && card.contains("lang=\"nn\""),
        "{card}"
    );
    app.stop().await;
}

/// The page's `<h1 …>` tag (the case's title).
fn h1(html: &str) -> &str {
    let start = html.find("<h1").expect("an h1");
    let end = start + html[start..].find('>').expect("the h1 tag ends");
    &html[start..end]
}

on_both_databases!(
    a_nynorsk_municipalitys_pages_open_in_nynorsk_unless_the_visitor_chose,
    feeds_and_exports_follow_the_written_standard_and_case_text_carries_its_language,
);
