//! Collecting signatures in Lillevik: residents sign, a non-resident cannot, a signer may
//! withdraw while it collects, and the proposer is told when there are enough.

use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use crate::initiative_builders::{Gapahuk, Someone};
use crate::initiative_support::*;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn residents_sign_and_may_withdraw_while_it_collects_and_the_proposer_sees_it_is_enough(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let g = Gapahuk::collecting(&app).await;
    // Tor (who wants the outcome) and Eva sign; Mari, who lives in Oslo, cannot.
    let tor = Someone::citizen(&app, "tor-tvedt", Some("tor@eksempel.no")).await;
    assert!(g.sign(&tor, true).await.status().is_success());
    let eva = Someone::citizen(&app, "eva-eng", Some("eva@eksempel.no")).await;
    assert!(g.sign(&eva, false).await.status().is_success());
    let mari = Someone::citizen(&app, "mari-solberg", None).await;
    assert_eq!(g.sign(&mari, false).await.status(), StatusCode::CONFLICT);
    // Eva changes her mind and back: withdrawing is possible while it collects.
    assert!(g.withdraw(&eva).await.status().is_success());
    assert_eq!(signatures_of(&app, g.id).await.len(), 1);
    assert!(g.sign(&eva, false).await.status().is_success());

    let (_, html) = app.get_text(&g.page).await;
    assert!(html.contains("Forslaget har nok underskrifter."), "{html}");
    app.stop().await;
}

on_both_databases!(
    residents_sign_and_may_withdraw_while_it_collects_and_the_proposer_sees_it_is_enough,
);
