//! Moderation in public: three flags hide a post pending review; the moderators' queue shows
//! who wrote it (and that look is audit-logged); a moderator hides it under a rule or restores
//! it, locks a thread and suspends its author, who is told why; the public log says what was
//! done, under which rule and by which role — never by whom. Under pre-moderation nobody but
//! the author sees a post until a moderator approves it.

use super::*;
use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use app::on_both_databases;
use app::ssr::db::entities::audit_log;
use app::testing::Backend;
use reqwest::StatusCode;

/// The name the post's author appears under (from ID-porten, or the register for the demo's).
async fn author_of(app: &crate::helpers::TestApp, p: &dialogue_post::Model) -> String {
    use app::ssr::db::entities::{dialogue_participant, person};
    let part = dialogue_participant::Entity::find_by_id(p.participant_id.unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let who = person::Entity::find_by_id(part.person_id.unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    format!(
        "{} {}",
        who.given_name.unwrap_or_default(),
        who.family_name.unwrap_or_default()
    )
}

async fn flags_hide_a_post_until_a_moderator_decides_in_public(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_debate(&app).await;
    let target = posts_of(&app, id)
        .await
        .into_iter()
        .find(|p| p.text.contains("trærne"))
        .unwrap();

    // A flag needs a reason; then three participants flag the post: hidden pending review.
    let flaggers = [
        Someone::citizen(&app, "aisha-ali", None).await,
        Someone::citizen(&app, "lars-olsen", None).await,
        Someone::citizen(&app, "sara-larsen", None).await,
    ];
    let r = react(&flaggers[0], "flag_dialogue_post", id, target.id, Some("")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("dialogue.flag.reason_missing")
    );
    for (n, (who, reason)) in flaggers
        .iter()
        .zip(["off_topic", "spam", "off_topic"])
        .enumerate()
    {
        let r = react(who, "flag_dialogue_post", id, target.id, Some(reason)).await;
        assert!(r.status().is_success(), "flag {n}: {}", r.status());
        let (_, html) = app.get_text(&page(id)).await;
        assert_eq!(html.contains("trærne"), n < 2, "hidden at the third flag");
    }
    let r = react(
        &flaggers[0],
        "flag_dialogue_post",
        id,
        target.id,
        Some("spam"),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "a hidden post takes no flags"
    );
    let (_, html) = app.get_text(&page(id)).await;
    assert!(
        html.contains("Skjult etter meldinger fra deltakere, til en moderator har sett på det."),
        "{html}"
    );
    let (_, log) = app.get_text(&format!("{}/moderering", page(id))).await;
    assert!(log.contains("Meldinger fra deltakere"), "{log}");

    // The moderators' queue: the post with who wrote it and why it was flagged; looked at, logged.
    let moderator = Someone::staff(&app, MODERATOR).await;
    let (status, queue) = moderator
        .browser
        .get_json(&format!("/api/get_staff_dialogue?slug={SLUG}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let item = queue["queue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["post_id"] == target.id)
        .expect("the flagged post in the queue")
        .clone();
    let author = author_of(&app, &target).await;
    assert_eq!(item["author"], author.as_str());
    let (_, html) = moderator
        .browser
        .get_text(&format!("/org/{SLUG}/ansatt/dialog"))
        .await;
    assert!(html.contains(&format!("Skrevet av {author}")), "{html}");
    assert_eq!(item["hidden_by_flags"], true);
    assert_eq!(
        item["flags"],
        serde_json::json!([["dialogue.flag.off_topic", 2], ["dialogue.flag.spam", 1]])
    );
    let looked = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("dialogue_queue_view"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(
        looked
            .iter()
            .any(|a| a.detail.contains(&target.id.to_string()))
    );

    // A case officer may set up spaces, but not moderate.
    let officer = Someone::staff(&app, OFFICER).await;
    let r = moderate(&officer, target.id, &[("action", "restore")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Hidden under a rule (the rule is required), then restored.
    let r = moderate(&moderator, target.id, &[("action", "hide")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("dialogue.moderate.rule_missing")
    );
    let r = moderate(&moderator, target.id, &[("action", "hide"), ("rule", "4")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = app.get_text(&page(id)).await;
    assert!(
        html.contains("Skjult av moderator: brudd på regel 4."),
        "{html}"
    );
    // Listed among the hidden posts on the staff page, to be restored from there.
    let (_, v) = moderator
        .browser
        .get_json(&format!("/api/get_staff_dialogue?slug={SLUG}"))
        .await;
    assert!(
        v["hidden"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["post_id"] == target.id),
        "{v}"
    );
    let r = moderate(&moderator, target.id, &[("action", "restore")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, html) = app.get_text(&page(id)).await;
    assert!(html.contains("trærne"), "restored");
    let (status, queue) = moderator
        .browser
        .get_json(&format!("/api/get_staff_dialogue?slug={SLUG}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        queue["queue"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["post_id"] != target.id),
        "its flags resolved"
    );

    // The public log: what, when, which rule, which role — and no moderator's name.
    let (_, log) = app
        .get_json(&format!("/api/get_dialogue_log?slug={SLUG}&id={id}"))
        .await;
    let lines: Vec<(String, Option<u64>, String)> = log["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["action"].as_str().unwrap().to_string(),
                l["rule"].as_u64(),
                l["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        lines[..3],
        [
            ("restore".to_string(), None, "moderator".to_string()),
            ("hide".to_string(), Some(4), "moderator".to_string()),
            ("hide".to_string(), None, "flags".to_string()),
        ]
    );
    let (_, html) = app.get_text(&format!("{}/moderering", page(id))).await;
    assert!(html.contains("Gjenopprettet"), "{html}");
    assert!(!html.contains("Mona"), "no moderator's name: {html}");
    assert!(!log.to_string().contains("actor"), "{log}");
}
on_both_databases!(flags_hide_a_post_until_a_moderator_decides_in_public);

async fn a_locked_thread_takes_no_replies_and_a_suspended_author_is_told_why(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_debate(&app).await;
    let aisha = Someone::citizen(&app, "aisha-ali", Some("aisha@eksempel.no")).await;
    let r = post(&aisha, id, None, "Jeg vil ha flere benker i Storgata.").await;
    assert!(r.status().is_success(), "{}", r.status());
    let mine = posts_of(&app, id).await.pop().unwrap();
    let moderator = Someone::staff(&app, MODERATOR).await;

    let r = moderate(&moderator, mine.id, &[("action", "lock")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = post(&aisha, id, Some(mine.id), "Og flere trær!").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("dialogue.post.locked"));
    let (_, html) = aisha.browser.get_text(&page(id)).await;
    assert!(html.contains("Tråden er låst."), "{html}");

    // A suspension needs a rule, a length and a reason; then the author is told.
    let r = moderate(&moderator, mine.id, &[("action", "suspend")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for m in [
        "dialogue.moderate.rule_missing",
        "dialogue.moderate.days_invalid",
        "dialogue.moderate.reason_missing",
    ] {
        assert!(body.contains(m), "{m}: {body}");
    }
    let r = moderate(
        &moderator,
        mine.id,
        &[
            ("action", "suspend"),
            ("rule", "5"),
            ("days", "7"),
            ("reason", "Gjentatte innlegg om det samme."),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    // Told by mail too: why, until when, under which rule, and how to complain.
    let told = app::ssr::db::entities::mail_outbox::Entity::find()
        .filter(app::ssr::db::entities::mail_outbox::Column::Recipient.eq("aisha@eksempel.no"))
        .all(&app.state.db)
        .await
        .unwrap();
    let mail = told
        .iter()
        .find(|m| m.subject.contains("utestengt"))
        .expect("a mail about the suspension");
    assert!(
        mail.body_text.contains("Gjentatte innlegg om det samme."),
        "{}",
        mail.body_text
    );
    assert!(
        mail.body_text
            .contains("Regel 5: Ingen reklame, spam eller gjentatte innlegg."),
        "{}",
        mail.body_text
    );
    assert!(
        mail.body_text.contains("kan du klage til Eksempel kommune"),
        "{}",
        mail.body_text
    );
    let r = post(&aisha, id, None, "Et nytt innlegg.").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("dialogue.post.suspended"));
    let (_, html) = aisha.browser.get_text(&page(id)).await;
    assert!(html.contains("brudd på regel 5"), "{html}");
    assert!(html.contains("Gjentatte innlegg om det samme."), "{html}");
    assert!(html.contains("kan du klage til organisasjonen"), "{html}");
    // Others do not see the reason.
    let (_, public) = app.get_text(&page(id)).await;
    assert!(!public.contains("Gjentatte innlegg om det samme."));
    // A week later she may post again.
    app.state.clock.advance(chrono::Duration::days(8));
    let r = post(&aisha, id, None, "Et nytt innlegg, en uke senere.").await;
    assert!(r.status().is_success(), "{}", r.status());
}
on_both_databases!(a_locked_thread_takes_no_replies_and_a_suspended_author_is_told_why);

async fn under_pre_moderation_only_the_author_sees_a_post_until_it_is_approved(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let officer = Someone::staff(&app, OFFICER).await;
    let today = (app.state.clock.now() - chrono::Duration::days(1))
        .date_naive()
        .to_string();
    let create = |fields: Vec<(&'static str, String)>| {
        let officer = &officer;
        async move {
            let mut form: Vec<(&str, &str)> =
                vec![("csrf_token", officer.token.as_str()), ("slug", SLUG)];
            form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            officer.browser.call("create_dialogue_space", &form).await
        }
    };
    // Told what is wrong at each field.
    let r = create(vec![
        ("kind", "debate".into()),
        ("title", "".into()),
        ("description", "".into()),
        ("opens_date", today.clone()),
        ("closes_date", "2020-01-01".into()),
        ("hearing", "999999".into()),
        ("moderation", "pre".into()),
    ])
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for m in [
        "dialogue.space.title_missing",
        "dialogue.space.description_missing",
        "dialogue.space.closes_before_opening",
    ] {
        assert!(body.contains(m), "{m}: {body}");
    }
    let r = create(vec![
        ("kind", "debate".into()),
        ("title", "Nytt bibliotek".into()),
        ("description", "Hvor skal det nye biblioteket ligge?".into()),
        ("opens_date", today.clone()),
        ("hearing", "999999".into()),
        ("moderation", "pre".into()),
        ("published", "on".into()),
    ])
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("dialogue.space.hearing_invalid")
    );
    let r = create(vec![
        ("kind", "debate".into()),
        ("title", "Nytt bibliotek".into()),
        ("description", "Hvor skal det nye biblioteket ligge?".into()),
        ("opens_date", today.clone()),
        ("moderation", "pre".into()),
        ("published", "on".into()),
    ])
    .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let space = dialogue_space::Entity::find()
        .filter(dialogue_space::Column::Title.eq("Nytt bibliotek"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let (_, list) = app.get_text(&format!("/org/{SLUG}/dialog")).await;
    assert!(list.contains("Nytt bibliotek"), "{list}");

    let aisha = Someone::citizen(&app, "aisha-ali", None).await;
    let r = post(&aisha, space.id, None, "Ved torget, der folk går forbi.").await;
    assert!(r.status().is_success(), "{}", r.status());
    let waiting = posts_of(&app, space.id).await.pop().unwrap();
    assert_eq!(waiting.state, "pending");
    let (_, public) = app.get_text(&page(space.id)).await;
    assert!(!public.contains("Ved torget"), "not before it is approved");
    let (_, api) = app
        .get_json(&format!("/api/get_dialogue?slug={SLUG}&id={}", space.id))
        .await;
    assert!(!api.to_string().contains("Ved torget"), "{api}");
    let (_, hers) = aisha.browser.get_text(&page(space.id)).await;
    assert!(hers.contains("Ved torget"), "the author sees it");
    assert!(hers.contains("Venter på godkjenning"), "{hers}");

    let moderator = Someone::staff(&app, MODERATOR).await;
    let r = moderate(&moderator, waiting.id, &[("action", "approve")]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, public) = app.get_text(&page(space.id)).await;
    assert!(public.contains("Ved torget"), "{public}");
    let (_, log) = app
        .get_text(&format!("{}/moderering", page(space.id)))
        .await;
    assert!(log.contains("Godkjent"), "{log}");

    // Rejected before it was published: nobody but its author ever sees it, nor its place.
    let r = post(
        &aisha,
        space.id,
        None,
        "Biblioteket burde ligge hos naboen min i Storgata 5.",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let rejected = posts_of(&app, space.id).await.pop().unwrap();
    let r = moderate(
        &moderator,
        rejected.id,
        &[("action", "hide"), ("rule", "3")],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, public) = app.get_text(&page(space.id)).await;
    assert!(!public.contains("brudd på regel 3"), "{public}");
    assert!(public.contains("Innlegg (1)"), "{public}");
    let (_, log) = app
        .get_json(&format!(
            "/api/get_dialogue_log?slug={SLUG}&id={}",
            space.id
        ))
        .await;
    assert_eq!(log["lines"].as_array().unwrap().len(), 1, "{log}");
    let (_, hers) = aisha.browser.get_text(&page(space.id)).await;
    assert!(
        hers.contains("Skjult av moderator: brudd på regel 3."),
        "{hers}"
    );
}
on_both_databases!(under_pre_moderation_only_the_author_sees_a_post_until_it_is_approved);
