//! The organisation's rules for initiatives: its admin (and no one else) sets the longest
//! collection, how long signer data is kept and the screening time, and proposals follow them.

use crate::hearing_support::COUNTY_ADMIN;
use crate::helpers::{IdPortenOptions, assert_refused, local, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use crate::initiative_support::*;
use app::domain::lang::Lang;
use app::i18n::format;
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};
use reqwest::multipart::Form;
use reqwest::{Response, StatusCode};

/// `who` sets Lillevik's rules: longest collection (months), signer data kept (months) and
/// screening time (days).
async fn set_rules(who: &Someone, max: &str, keep: &str, days: &str) -> Response {
    who.browser
        .call(
            "update_initiative_settings",
            &[
                ("csrf_token", who.token.as_str()),
                ("slug", "lillevik-kommune"),
                ("max_collection_months", max),
                ("signer_retention_months", keep),
                ("screening_days", days),
            ],
        )
        .await
}

async fn an_admin_sets_the_organisations_rules_and_no_other_organisations_admin_can(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let admin = Someone::staff(&app, LILLEVIK_ADMIN).await;
    let (_, html) = admin.browser.get_text("/org/lillevik-kommune/admin").await;
    assert!(html.contains("Lengste innsamlingsperiode (måneder)"));
    let r = set_rules(&admin, "13", "-1", "0").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for key in [
        "admin.initiatives.months_invalid",
        "admin.initiatives.retention_invalid",
        "admin.initiatives.days_invalid",
    ] {
        assert!(body.contains(key), "{key} in {body}");
    }
    assert!(set_rules(&admin, "3", "6", "7").await.status().is_success());
    let (_, html) = admin.browser.get_text("/org/lillevik-kommune/admin").await;
    assert!(html.contains("value=\"3\""), "saved");
    // Only the organisation's admin: another organisation's admin is refused.
    let county = Someone::staff(&app, COUNTY_ADMIN).await;
    let r = set_rules(&county, "12", "12", "14").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

async fn a_proposal_follows_its_organisations_collection_and_screening_rules(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let admin = Someone::staff(&app, LILLEVIK_ADMIN).await;
    assert!(set_rules(&admin, "3", "6", "7").await.status().is_success());

    // A proposal collecting for four months is now too long.
    let lise_token = app.citizen("lise-lillevik", Some("lise@eksempel.no")).await;
    let form = |days: i64| {
        Form::new()
            .text("csrf_token", lise_token.clone())
            .text("slug", "lillevik-kommune")
            .text("title", "Benk ved butikken")
            .text("ask", "Kommunestyret bes sette opp en benk ved butikken.")
            .text("justification", "Det er godt å kunne hvile seg.")
            .text(
                "collection_ends",
                (oslo_today(&app) + chrono::Duration::days(days)).to_string(),
            )
    };
    let r = app
        .client
        .post(app.url("/api/save_initiative"))
        .header("accept", "application/json")
        .multipart(form(120))
        .send()
        .await
        .unwrap();
    let too_late = "initiative.form.date_too_late";
    assert_refused(r, StatusCode::UNPROCESSABLE_ENTITY, too_late).await;
    let r = app
        .post_multipart(
            "save_initiative",
            "/org/lillevik-kommune/innbyggerforslag/nytt",
            form(80),
        )
        .await;
    assert!(r.status().is_redirection());
    let draft = local(&app, &r);
    let token = csrf_token_in(&app.get_text(&draft).await.1);
    let id = draft.rsplit('/').next().unwrap().to_string();
    let r = app
        .call(
            "send_initiative_to_screening",
            &[
                ("csrf_token", token.as_str()),
                ("slug", "lillevik-kommune"),
                ("id", id.as_str()),
            ],
        )
        .await;
    assert!(r.status().is_success());
    let (_, html) = app.get_text(&draft).await;
    let due = oslo_today(&app) + chrono::Duration::days(7);
    assert!(
        html.contains(&format!("svarer innen {}.", format::date(Lang::Nb, due))),
        "the organisation's seven screening days"
    );
    app.stop().await;
}

on_both_databases!(
    an_admin_sets_the_organisations_rules_and_no_other_organisations_admin_can,
    a_proposal_follows_its_organisations_collection_and_screening_rules,
);
