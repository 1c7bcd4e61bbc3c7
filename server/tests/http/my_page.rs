//! "Min side" lists what the citizen has taken part in: their hearing submissions with what
//! became of each, and their signatures, which they can withdraw there while the initiative
//! collects. Nobody else's.

use crate::hearing_support::*;
use crate::helpers::{IdPortenOptions, TestApp, local, spawn_app_with_idporten};
use crate::initiative_support::*;
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

async fn min_side_lists_the_citizens_submissions_with_their_fate_and_their_signatures(
    backend: Backend,
) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let parking = initiative_by_title(&app, PARKING).await;
    let token = app.citizen("kari-nordmann", Some("kari@eksempel.no")).await;

    // Kari comments twice while logged in, and signs.
    for text in ["Flere sykkelstativer, takk.", "Naboen min er en kjeltring."] {
        let r = submit(&app, &h, |token| {
            submission_form(
                token,
                &h,
                &[
                    ("kind", "private"),
                    ("general_comment", text),
                    ("confirm_public", "on"),
                ],
                vec![],
            )
        })
        .await;
        assert!(r.status().is_redirection(), "{}", r.status());
    }
    let r = app
        .call(
            "sign_initiative",
            &sign_form(&token, &parking.id.to_string()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let karis: Vec<_> = submissions_of(&app, h.id)
        .await
        .into_iter()
        .filter(|s| s.person_id.is_some())
        .collect();
    assert_eq!(karis.len(), 2);

    // The staff publish one and withhold the other.
    let officer = TestApp::second_browser(&app);
    let staff_token = officer.staff(OFFICER.0, OFFICER.1).await;
    let by_text = |t: &str| karis.iter().find(|s| s.general_comment == t).unwrap();
    let published = by_text("Flere sykkelstativer, takk.");
    let withheld = by_text("Naboen min er en kjeltring.");
    let r = screen_submission(
        &officer,
        &staff_token,
        &h,
        published.id,
        &[("action", "publish")],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = screen_submission(
        &officer,
        &staff_token,
        &h,
        withheld.id,
        &[
            ("action", "withhold"),
            ("withhold_reason", "defamatory"),
            ("withhold_note", ""),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());

    let (status, html) = app.get_text("/meg").await;
    assert_eq!(status, StatusCode::OK);
    let html = html.replace("<!-- -->", "").replace("<!>", "");
    assert!(html.contains("Innspillene dine"), "{html}");
    assert!(html.contains(STORGATA));
    for s in [published, withheld] {
        assert!(html.contains(&s.reference), "{html}");
        assert!(html.contains(&format!(
            "href=\"/org/eksempel-kommune/horinger/{}/kvittering/{}\"",
            h.id, s.reference
        )));
    }
    assert!(html.contains("Publisert"));
    assert!(html.contains("Ikke publisert: Ærekrenkende"), "{html}");
    assert!(html.contains("Underskriftene dine"));
    assert!(html.contains(PARKING));
    assert!(html.contains("Trekk underskriften på «Gratis parkering i sentrum på lørdager»"));
    assert!(
        !html.contains("Flere benker langs elvepromenaden"),
        "only what she took part in"
    );

    // Without JavaScript she withdraws it from there, and it is gone from the list.
    let r = app
        .post_form(
            "withdraw_signature",
            "/meg",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("id", &parking.id.to_string()),
            ],
        )
        .await;
    assert!(r.status().is_redirection());
    assert!(local(&app, &r).starts_with("/meg"), "back to Min side");
    let (_, html) = app.get_text("/meg").await;
    assert!(!html.contains("Trekk underskriften"));
    assert!(html.contains("Du har ikke skrevet under på noe innbyggerforslag."));

    // Ola sees none of it; nobody logged out sees anything.
    let ola = TestApp::second_browser(&app);
    ola.citizen("ola-nordmann", Some("ola@eksempel.no")).await;
    let (_, html) = ola.get_text("/meg").await;
    assert!(!html.contains(&published.reference));
    assert!(html.contains("Du har ikke sendt innspill til noen høring mens du var logget inn."));
    let nobody = TestApp::second_browser(&app);
    let (status, _) = nobody.get_json("/api/my_participation").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.stop().await;
}

on_both_databases!(min_side_lists_the_citizens_submissions_with_their_fate_and_their_signatures);
