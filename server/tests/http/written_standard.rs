//! A nynorsk municipality's pages open in nynorsk for a visitor who has not chosen a language;
//! a visitor's own choice still wins, and a bokmål municipality's pages stay in bokmål.

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

on_both_databases!(a_nynorsk_municipalitys_pages_open_in_nynorsk_unless_the_visitor_chose);
