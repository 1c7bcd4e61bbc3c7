//! A citizen takes part in a debate: the public reads it without logging in (a hidden post as
//! the rule it broke, never its text); a logged-in citizen posts, replies and supports — once,
//! and not their own — and is told exactly what is wrong with a post the app refuses.

use super::*;
use crate::helpers::{IdPortenOptions, spawn_app_with_idporten};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn a_citizen_posts_replies_and_supports_once_and_everyone_reads_it(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let id = demo_debate(&app).await;

    // The public: the demo's thread and its reply, the hidden post as its rule, the way in.
    let (status, html) = app.get_text(&page(id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("fem etasjer rett ut mot Storgata"), "{html}");
    assert!(html.contains("Ola Nordmann"), "{html}");
    assert!(
        html.contains("Skjult av moderator: brudd på regel 1."),
        "{html}"
    );
    assert!(
        !html.contains("idioter"),
        "a hidden post's text is never shown"
    );
    assert!(html.contains("Logg inn for å delta"), "{html}");
    assert!(
        html.contains("Vis respekt: ingen personangrep"),
        "the house rules"
    );
    let (_, api) = app
        .get_json(&format!("/api/get_dialogue?slug={SLUG}&id={id}"))
        .await;
    assert!(!api.to_string().contains("idioter"), "{api}");
    // Not logged in, nothing is posted.
    let browser = crate::helpers::TestApp::second_browser(&app);
    let token = browser.csrf_token().await;
    let anon = Someone { browser, token };
    let r = post(&anon, id, None, "Hei").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let aisha = Someone::citizen(&app, "aisha-ali", None).await;
    // Told at the field: nothing, too long, an image, two links the first time.
    for (text, message) in [
        ("  ", "dialogue.post.text_missing"),
        (&"a".repeat(4001)[..], "dialogue.post.text_too_long"),
        (
            "Se ![kart](https://x.no/kart.png)",
            "dialogue.post.no_images",
        ),
        (
            "Se https://a.no og https://b.no",
            "dialogue.post.too_many_links",
        ),
    ] {
        let r = post(&aisha, id, None, text).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{text}");
        assert!(r.text().await.unwrap().contains(message), "{message}");
    }
    // Without JavaScript: back to the page, the message at the field, what was typed kept.
    let r = aisha
        .browser
        .post_form(
            "post_dialogue",
            &page(id),
            &[
                ("csrf_token", &aisha.token),
                ("slug", SLUG),
                ("id", &id.to_string()),
                ("text", "Se https://a.no og https://b.no for mer"),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let (_, html) = aisha
        .browser
        .get_text(&crate::helpers::local(&app, &r))
        .await;
    assert!(
        html.contains("Ditt første innlegg kan ha høyst én lenke."),
        "{html}"
    );
    assert!(
        html.contains("Se https://a.no og https://b.no for mer"),
        "kept"
    );

    // A post with one link: published at once (post-moderation), under her name.
    let r = post(
        &aisha,
        id,
        None,
        "Kan kommunen vise en skisse av *trappingen*? Se [skissen](https://eksempel.no/skisse).",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let mine = posts_of(&app, id).await.pop().unwrap();
    assert_eq!(mine.state, "visible");
    let (_, html) = app.get_text(&page(id)).await;
    assert!(html.contains("Aisha Ali"), "{html}");
    assert!(html.contains("<em>trappingen</em>"), "{html}");
    assert!(
        html.contains(
            "<a href=\"https://eksempel.no/skisse\" rel=\"nofollow noopener noreferrer\">skissen</a>"
        ),
        "{html}"
    );
    // The same again (in other words' case and punctuation): a duplicate.
    let r = post(
        &aisha,
        id,
        None,
        "kan kommunen vise en skisse av trappingen se skissen https eksempel no skisse",
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("dialogue.post.duplicate"));

    // A reply from another, in her thread; now two links are fine for Aisha.
    let lars = Someone::citizen(&app, "lars-olsen", None).await;
    let r = post(
        &lars,
        id,
        Some(mine.id),
        "Godt spørsmål, det lurer jeg også på.",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let reply = posts_of(&app, id).await.pop().unwrap();
    assert_eq!(reply.thread_id, Some(mine.id));
    assert_eq!(reply.parent_id, Some(mine.id));
    let r = post(
        &aisha,
        id,
        Some(reply.id),
        "Takk! Se https://a.no og https://b.no",
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let answer = posts_of(&app, id).await.pop().unwrap();
    assert_eq!(
        answer.thread_id,
        Some(mine.id),
        "two levels: in the same thread"
    );

    // Support: once, and not one's own.
    let r = react(&lars, "support_dialogue_post", id, mine.id, None).await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = react(&lars, "support_dialogue_post", id, mine.id, None).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("dialogue.support.already"));
    let r = react(&aisha, "support_dialogue_post", id, mine.id, None).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("dialogue.support.own"));
    let (_, html) = lars.browser.get_text(&page(id)).await;
    assert!(html.contains("Støttet av 1"), "{html}");
    assert!(html.contains("Du støtter dette innlegget."), "{html}");
    // A hidden post cannot be supported or replied to.
    let hidden = posts_of(&app, id)
        .await
        .into_iter()
        .find(|p| p.state == "hidden")
        .unwrap();
    let r = react(&lars, "support_dialogue_post", id, hidden.id, None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post(&lars, id, Some(hidden.id), "Svar på et skjult innlegg").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
on_both_databases!(a_citizen_posts_replies_and_supports_once_and_everyone_reads_it);
