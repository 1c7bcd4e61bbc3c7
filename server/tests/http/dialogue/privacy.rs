//! A participant's dialogue data: in the download of their data; deleting the account deletes
//! what waited for approval and leaves what was published under no name; the worker forgets
//! resolved flags, a suspension's reason and a hidden post's text when their time is up.

use super::*;
use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use app::domain::dialogue::space::SpaceFacts;
use app::domain::dialogue::{ModerationMode, SpaceKind};
use app::on_both_databases;
use app::ssr::db::entities::{dialogue_flag, dialogue_participant};
use app::testing::Backend;
use reqwest::StatusCode;

/// A pre-moderated debate of the demo organisation, open now.
async fn pre_moderated(app: &crate::helpers::TestApp) -> i32 {
    let now = app.state.clock.now();
    let org = app::ssr::db::organisations::find_by_slug(&app.state.db, SLUG)
        .await
        .unwrap()
        .unwrap();
    app::ssr::db::dialogue::insert_space(
        &app.state.db,
        org.id,
        &SpaceFacts {
            kind: SpaceKind::Debate,
            title: "Ny idrettshall".into(),
            description: "Hvor skal hallen ligge?".into(),
            hearing_id: None,
            opens_at: now - chrono::Duration::days(1),
            closes_at: None,
            moderation: ModerationMode::Pre,
            residents_only: false,
            published: true,
        },
        1,
        now,
    )
    .await
    .unwrap()
    .id
}

async fn a_participants_posts_are_theirs_to_download_and_stay_nameless_when_they_leave(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let debate = demo_debate(&app).await;
    let hall = pre_moderated(&app).await;
    let aisha = Someone::citizen(&app, "aisha-ali", None).await;
    let r = post(
        &aisha,
        debate,
        None,
        "Storgata trenger flere sykkelstativer.",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = post(&aisha, hall, None, "Ved skolen, så elevene kan gå dit.").await;
    assert!(r.status().is_success(), "{}", r.status());

    // Her download holds both posts as she wrote them, with their state.
    let r = aisha
        .browser
        .call("request_data_export", &[("csrf_token", &aisha.token)])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app::ssr::services::my_data::export::build_pending(&app.state)
        .await
        .unwrap();
    let (_, html) = aisha.browser.get_text("/meg").await;
    let path = html
        .split('"')
        .find(|s| s.starts_with("/meg/data/"))
        .expect("a download link")
        .to_string();
    let r = aisha.browser.get(&path).await;
    let (data, _, _) = crate::my_data::unzip(&r.bytes().await.unwrap());
    let posts: Vec<(String, String)> = data["dialogue"][0]["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap().to_string(),
                p["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        posts,
        [
            (
                "Storgata trenger flere sykkelstativer.".to_string(),
                "visible".to_string()
            ),
            (
                "Ved skolen, så elevene kan gå dit.".to_string(),
                "pending".to_string()
            ),
        ]
    );

    // Deleting the account: the page says what goes and what stays; then it is so.
    let person = app.person_id("aisha-ali").await;
    let (_, html) = aisha.browser.get_text("/meg/slett").await;
    assert!(
        html.contains("Debattinnlegg som venter på godkjenning: 1"),
        "{html}"
    );
    assert!(
        html.contains("som del av en offentlig debatt – uten navnet ditt: 1"),
        "{html}"
    );
    let r = aisha
        .browser
        .post_form(
            "delete_my_account",
            "/meg/slett",
            &[("csrf_token", &aisha.token), ("confirm", "on")],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (_, html) = app.get_text(&page(debate)).await;
    assert!(
        html.contains("Storgata trenger flere sykkelstativer."),
        "stays"
    );
    assert!(!html.contains("Aisha Ali"), "no name");
    assert!(html.contains("Slettet bruker"), "{html}");
    assert!(
        posts_of(&app, hall).await.is_empty(),
        "the waiting post is gone"
    );
    let parts = dialogue_participant::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(parts.iter().all(|p| p.person_id != Some(person)));
}
on_both_databases!(a_participants_posts_are_theirs_to_download_and_stay_nameless_when_they_leave);

async fn the_worker_forgets_flags_suspensions_and_hidden_texts_when_their_time_is_up(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_debate(&app).await;
    let aisha = Someone::citizen(&app, "aisha-ali", None).await;
    let lars = Someone::citizen(&app, "lars-olsen", None).await;
    let r = post(&aisha, id, None, "Et innlegg som blir meldt og skjult.").await;
    assert!(r.status().is_success(), "{}", r.status());
    let target = posts_of(&app, id).await.pop().unwrap();
    let r = react(&lars, "flag_dialogue_post", id, target.id, Some("spam")).await;
    assert!(r.status().is_success(), "{}", r.status());
    let moderator = Someone::staff(&app, MODERATOR).await;
    let r = moderate(&moderator, target.id, &[("action", "hide"), ("rule", "5")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = moderate(
        &moderator,
        target.id,
        &[
            ("action", "suspend"),
            ("rule", "5"),
            ("days", "3"),
            ("reason", "Reklame."),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());

    // Within their time, all is kept.
    app.state.clock.advance(chrono::Duration::days(30));
    app::ssr::services::dialogue::retention::run_due(&app.state)
        .await
        .unwrap();
    let flags = dialogue_flag::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(flags.len(), 1);
    assert!(flags[0].resolved_at.is_some(), "resolved by the hide");
    let kept = posts_of(&app, id).await.pop().unwrap();
    assert_eq!(kept.text, "Et innlegg som blir meldt og skjult.");

    // Past 90 days the resolved flag goes; the hidden text and the suspension stay a year.
    app.state.clock.advance(chrono::Duration::days(70));
    app::ssr::services::dialogue::retention::run_due(&app.state)
        .await
        .unwrap();
    assert!(
        dialogue_flag::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
    let kept = posts_of(&app, id).await.pop().unwrap();
    assert_eq!(kept.text, "Et innlegg som blir meldt og skjult.");
    app.state.clock.advance(chrono::Duration::days(-70));

    // A year on: the flag, the suspension's reason and the hidden text are gone; the post's
    // place and the rule it broke stay.
    app.state.clock.advance(chrono::Duration::days(400));
    app::ssr::services::dialogue::retention::run_due(&app.state)
        .await
        .unwrap();
    assert!(
        dialogue_flag::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
    let gone = posts_of(&app, id).await.pop().unwrap();
    assert_eq!(
        (gone.text.as_str(), gone.state.as_str(), gone.hidden_rule),
        ("", "hidden", Some(5))
    );
    let part = dialogue_participant::Entity::find_by_id(gone.participant_id.unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((part.suspended_until, part.suspension_reason), (None, None));
    let (status, _) = app.get_text(&page(id)).await;
    assert_eq!(status, StatusCode::OK);
}
on_both_databases!(the_worker_forgets_flags_suspensions_and_hidden_texts_when_their_time_is_up);
