//! A citizen's own data: the download holds everything linked to them and nothing of anyone
//! else; deleting the account leaves only what the page said would stay, detached.

use crate::hearing_support::{
    OFFICER, STORGATA, demo_hearing, screen_submission, submission_form, submit,
};
use crate::helpers::{IdPortenOptions, TestApp, spawn_app_with_idporten};
use crate::initiative_builders::Someone;
use app::on_both_databases;
use app::ssr::db::entities::{
    audit_log, citizen_login, follow, initiative, person, signature, submission,
};
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::io::Read;

const OLA: &str = "ola@eksempel.no";
const KARI: &str = "kari@eksempel.no";

/// `who` comments on the Storgata hearing, logged in, with a PDF; the stored submission.
async fn comment(app: &TestApp, who: &Someone, email: &str, text: &str) -> submission::Model {
    let h = demo_hearing(app, STORGATA).await;
    let r = submit(&who.browser, &h, |token| {
        submission_form(
            token,
            &h,
            &[
                ("kind", "private"),
                ("name", "Innsender"),
                ("email", email),
                ("general_comment", text),
                ("confirm_public", "on"),
            ],
            vec![("merknad.pdf", b"%PDF-1.4\n% innspill\n%%EOF\n".to_vec())],
        )
    })
    .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    submission::Entity::find()
        .filter(submission::Column::GeneralComment.eq(text))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("stored")
}

async fn follow_storgata(app: &TestApp, who: &Someone) {
    let h = demo_hearing(app, STORGATA).await;
    crate::follows::follow(who, "hearing", h.id, "weekly").await;
}

pub fn unzip(bytes: &[u8]) -> (serde_json::Value, String, Vec<String>) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names: Vec<String> = z.file_names().map(|n| n.unwrap().to_string()).collect();
    let mut json = String::new();
    z.by_name("innspill.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    let mut html = String::new();
    z.by_name("innspill.html")
        .unwrap()
        .read_to_string(&mut html)
        .unwrap();
    (serde_json::from_str(&json).unwrap(), html, names)
}

async fn a_citizens_download_holds_all_of_theirs_and_nothing_of_anyone_elses(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let ola = Someone::citizen(&app, "ola-nordmann", Some(OLA)).await;
    let kari = Someone::citizen(&app, "kari-nordmann", Some(KARI)).await;
    let mine = comment(&app, &ola, OLA, "Olas innspill om høydene i Storgata.").await;
    let theirs = comment(&app, &kari, KARI, "Karis innspill om trærne i Storgata.").await;
    follow_storgata(&app, &ola).await;
    follow_storgata(&app, &kari).await;

    let r = ola
        .browser
        .call("request_data_export", &[("csrf_token", &ola.token)])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = ola.browser.get_text("/meg").await;
    assert!(html.contains("Filen lages nå"), "{html}");
    assert_eq!(
        app::ssr::services::my_data::export::build_pending(&app.state)
            .await
            .unwrap(),
        1
    );
    let (_, html) = ola.browser.get_text("/meg").await;
    let path = html
        .split('"')
        .find(|s| s.starts_with("/meg/data/"))
        .expect("a download link on Min side")
        .to_string();

    // Only Ola gets it: not Kari, not a visitor.
    let (status, _) = kari.browser.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = TestApp::second_browser(&app).get_text(&path).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let r = ola.browser.get(&path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let (data, html, names) = unzip(&r.bytes().await.unwrap());

    // Compared with the database: every row of Ola's, and nothing of Kari's.
    let db = &app.state.db;
    let me = person::Entity::find_by_id(ola.browser.person_id("ola-nordmann").await)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(data["person"]["email"], OLA);
    assert_eq!(
        data["person"]["national_id_keyed_hash"],
        me.pid_hash.clone().unwrap()
    );
    let subs: Vec<_> = submission::Entity::find()
        .filter(submission::Column::PersonId.eq(me.id))
        .all(db)
        .await
        .unwrap();
    let refs: Vec<&str> = data["hearing_submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reference"].as_str().unwrap())
        .collect();
    assert_eq!(
        refs,
        subs.iter()
            .map(|s| s.reference.as_str())
            .collect::<Vec<_>>()
    );
    assert!(refs.contains(&mine.reference.as_str()));
    let sigs = signature::Entity::find()
        .filter(signature::Column::PidHash.eq(me.pid_hash.clone().unwrap()))
        .all(db)
        .await
        .unwrap();
    assert!(!sigs.is_empty(), "the demo has Ola's signatures");
    assert_eq!(data["signatures"].as_array().unwrap().len(), sigs.len());
    let follows = follow::Entity::find()
        .filter(follow::Column::PersonId.eq(me.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(data["follows"].as_array().unwrap().len(), follows.len());
    let logins = citizen_login::Entity::find()
        .filter(citizen_login::Column::PersonId.eq(me.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(data["logins"].as_array().unwrap().len(), logins.len());
    assert!(
        names
            .iter()
            .any(|n| n.starts_with(&format!("innspill/{}/", mine.reference))),
        "Ola's attachment: {names:?}"
    );
    assert!(data["not_included"].as_array().unwrap().len() >= 4);
    let text = data.to_string();
    for other in [KARI, theirs.reference.as_str(), "Karis innspill"] {
        assert!(!text.contains(other), "{other} is Kari's");
        assert!(!html.contains(other), "{other} is Kari's");
        assert!(!names.iter().any(|n| n.contains(other)));
    }
    assert!(html.contains("Olas innspill om høydene i Storgata."));
    assert!(html.contains("Dette er ikke med, og hvorfor"));
    app.stop().await;
}

async fn deleting_an_account_leaves_only_what_the_page_said_would_stay(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let ola = Someone::citizen(&app, "ola-nordmann", Some(OLA)).await;
    let published = comment(&app, &ola, OLA, "Dette innspillet blir publisert.").await;
    let pending = comment(&app, &ola, OLA, "Dette innspillet venter på kontroll.").await;
    let officer = Someone::staff(&app, OFFICER).await;
    let h = demo_hearing(&app, STORGATA).await;
    let r = screen_submission(
        &officer.browser,
        &officer.token,
        &h,
        published.id,
        &[("action", "publish")],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    follow_storgata(&app, &ola).await;
    let person_id = ola.browser.person_id("ola-nordmann").await;
    let db = &app.state.db;
    let pid_hash = person::Entity::find_by_id(person_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .pid_hash
        .unwrap();
    let status_of = |id: i32| {
        let db = db.clone();
        async move {
            initiative::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .status
        }
    };
    let sigs = signature::Entity::find()
        .filter(signature::Column::PidHash.eq(pid_hash.as_str()))
        .all(db)
        .await
        .unwrap();
    let mut kept_sigs = Vec::new();
    let mut gone_sigs = Vec::new();
    for s in &sigs {
        match status_of(s.initiative_id).await.as_str() {
            "submitted" | "referred" | "decided" | "not_treated" => kept_sigs.push(s.id),
            _ => gone_sigs.push(s.id),
        }
    }
    assert!(
        !kept_sigs.is_empty() && !gone_sigs.is_empty(),
        "the demo has both kinds"
    );

    let (status, page) = ola.browser.get_text("/meg/slett").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Høringsinnspill som ikke er publisert: 1"),
        "{page}"
    );
    assert!(page.contains(
        "Publiserte høringsinnspill, som er en del av saken (offentleglova og arkivlova): 1"
    ));
    assert!(page.contains("Saker du følger: 1"));
    assert!(page.contains(&format!(
        "kommuneloven § 12-1). De slettes når kommunens lagringstid er ute: {}",
        kept_sigs.len()
    )));

    // Not without the box ticked; then irreversibly, and logged out.
    let r = ola
        .browser
        .call("delete_my_account", &[("csrf_token", &ola.token)])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        person::Entity::find_by_id(person_id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .email
            .is_some()
    );
    let r = ola
        .browser
        .post_form(
            "delete_my_account",
            "/meg/slett",
            &[("csrf_token", &ola.token), ("confirm", "on")],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(crate::helpers::location(r.headers()), "/konto-slettet");
    let (_, html) = ola.browser.get_text("/meg").await;
    assert!(html.contains("Du er ikke logget inn"), "logged out");

    let p = person::Entity::find_by_id(person_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.email, p.given_name, p.family_name, p.pid_hash),
        (None, None, None, None)
    );
    assert_ne!(p.subject, "ola-nordmann");
    let kept = submission::Entity::find_by_id(published.id)
        .one(db)
        .await
        .unwrap()
        .expect("stays");
    assert_eq!((kept.person_id, kept.email), (None, None), "detached");
    assert!(
        submission::Entity::find_by_id(pending.id)
            .one(db)
            .await
            .unwrap()
            .is_none()
    );
    for id in &kept_sigs {
        let s = signature::Entity::find_by_id(*id)
            .one(db)
            .await
            .unwrap()
            .expect("stays");
        assert_eq!(s.person_id, None);
    }
    for id in &gone_sigs {
        assert!(
            signature::Entity::find_by_id(*id)
                .one(db)
                .await
                .unwrap()
                .is_none()
        );
    }
    assert!(
        follow::Entity::find()
            .filter(follow::Column::PersonId.eq(person_id))
            .all(db)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        citizen_login::Entity::find()
            .filter(citizen_login::Column::PersonId.eq(person_id))
            .all(db)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        app::ssr::db::entities::mail_outbox::Entity::find()
            .filter(app::ssr::db::entities::mail_outbox::Column::Recipient.eq(OLA))
            .all(db)
            .await
            .unwrap()
            .is_empty(),
        "no mail to the address is kept"
    );
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("citizen_account_deleted"))
        .one(db)
        .await
        .unwrap()
        .expect("audit-logged");
    assert!(!audit.detail.contains(OLA) && !audit.detail.contains("Ola"));

    // A new login is a new, empty account.
    let again = Someone::citizen(&app, "ola-nordmann", None).await;
    let (_, html) = again.browser.get_text("/meg").await;
    assert!(html.contains("Du følger ingen saker"));
    app.stop().await;
}

on_both_databases!(
    a_citizens_download_holds_all_of_theirs_and_nothing_of_anyone_elses,
    deleting_an_account_leaves_only_what_the_page_said_would_stay,
);
