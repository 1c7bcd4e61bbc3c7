//! Sending submissions: the deadline to the second, confirmation by email, uploads checked by
//! content and size, what the public sees after screening, and individual extensions.

use crate::hearing_support::*;
use crate::helpers::{IdPortenOptions, TestApp, local, spawn_app, spawn_app_with_idporten};
use app::on_both_databases;
use app::testing::{Backend, csrf_token_in};
use chrono::Duration;
use reqwest::StatusCode;

async fn a_submission_one_second_before_the_deadline_is_accepted_and_one_second_after_is_refused(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let before = submissions_of(&app, h.id).await.len();
    let page = format!("/org/eksempel-kommune/horinger/{}/innspill", h.id);
    set_clock(&app, h.deadline - Duration::seconds(1));
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            anonymous(&token, &h, "nina@eksempel.no", "Like før fristen."),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let receipt = local(&app, &r);
    assert!(receipt.contains("/kvittering/INN-"), "{receipt}");
    let (_, html) = app.get_text(&receipt).await;
    assert!(html.contains("Bekreft innspillet i e-posten"));

    app.state.clock.advance(Duration::seconds(2));
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            anonymous(&token, &h, "nina@eksempel.no", "Like etter fristen."),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let back = local(&app, &r);
    assert!(back.starts_with(&page), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains("Høringsfristen gikk ut"),
        "the notice replaces the form"
    );
    // As the page's script would send it: refused with the reason.
    let r = app
        .client
        .post(app.url("/api/submit_comment"))
        .header("accept", "application/json")
        .multipart(anonymous(
            &token,
            &h,
            "nina@eksempel.no",
            "Like etter fristen.",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("hearing.submit.deadline_passed")
    );
    assert_eq!(
        submissions_of(&app, h.id).await.len(),
        before + 1,
        "only the one in time is stored"
    );
    app.stop().await;
}

async fn an_unconfirmed_submission_never_appears_and_is_not_counted_until_confirmed(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let officer = TestApp::second_browser(&app);
    let staff_token = officer.staff(OFFICER.0, OFFICER.1).await;
    let page = format!("/org/eksempel-kommune/horinger/{}", h.id);
    let (_, before) = app.get_json(&format!("/api/v1/hearings/{}", h.id)).await;
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &format!("{page}/innspill"),
            anonymous(&token, &h, "nina@eksempel.no", "Vi trenger en lekeplass."),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let stored = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Vi trenger en lekeplass.")
        .unwrap();
    let ids = (h.id.to_string(), stored.id.to_string());
    // Screening cannot even find it yet.
    let r = officer
        .call(
            "screen_submission",
            &[
                ("csrf_token", &staff_token),
                ("slug", "eksempel-kommune"),
                ("id", &ids.0),
                ("submission_id", &ids.1),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (_, bench) = officer
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/innspill",
            h.id
        ))
        .await;
    assert!(!bench.contains("Vi trenger en lekeplass."));
    assert!(bench.contains("2 venter på bekreftelse på e-post"));
    let (_, after) = app.get_json(&format!("/api/v1/hearings/{}", h.id)).await;
    assert_eq!(before["submission_count"], after["submission_count"]);

    // The emailed link confirms it; it counts as received when it was sent.
    app.run_mail_worker().await;
    let mail = app
        .state
        .mailer
        .sent()
        .into_iter()
        .find(|m| m.recipient == "nina@eksempel.no")
        .unwrap();
    assert!(
        mail.subject
            .starts_with("Bekreft høringsinnspillet ditt (ref. INN-")
    );
    assert!(
        mail.text.contains("Vi trenger en lekeplass."),
        "a copy of the submission"
    );
    let link = link_in_mail(&app, "nina@eksempel.no", "/innspill/bekreft/");
    app.state.clock.advance(Duration::hours(2));
    let (status, html) = app.get_text(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Takk for innspillet"));
    assert!(html.contains(&stored.reference));
    let (_, bench) = officer
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/innspill",
            h.id
        ))
        .await;
    assert!(bench.contains("Vi trenger en lekeplass."));
    let r = officer
        .call(
            "screen_submission",
            &[
                ("csrf_token", &staff_token),
                ("slug", "eksempel-kommune"),
                ("id", &ids.0),
                ("submission_id", &ids.1),
                ("action", "publish"),
            ],
        )
        .await;
    assert!(r.status().is_success());
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("Vi trenger en lekeplass."));
    let confirmed = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.id == stored.id)
        .unwrap();
    assert_eq!(confirmed.received_at, stored.received_at);
    app.stop().await;
}

async fn a_redacted_submissions_original_never_leaves_the_workbench(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let original = "Hans Hansen";
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert!(html.contains("[Opplysninger om en navngitt nabo er fjernet.]"));
    assert!(html.contains("Publisert i redigert form"));
    assert!(!html.contains(original));
    assert!(
        !html.contains("Innkjøringen fra Tverrgata"),
        "a redacted section comment without a public copy is not shown"
    );
    assert!(
        !html.contains("inhabil"),
        "a withheld submission is not shown"
    );
    assert!(
        !html.contains("sykkelparkering"),
        "a pending submission is not shown"
    );
    let api = app
        .client
        .get(app.url(&format!("/api/v1/hearings/{}", h.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!api.contains(original));
    let csv = app
        .client
        .get(app.url(&format!("/api/v1/hearings/{}?format=csv", h.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("[Opplysninger om en navngitt nabo er fjernet.]"));
    assert!(!csv.contains(original));
    let officer = TestApp::second_browser(&app);
    officer.staff(OFFICER.0, OFFICER.1).await;
    let (_, bench) = officer
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/innspill",
            h.id
        ))
        .await;
    assert!(bench.contains(original), "staff see the original");
    app.stop().await;
}

async fn staff_publish_redact_and_withhold_and_a_withheld_submitter_is_told_why(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let pending = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.name == "Ingrid Hansen")
        .unwrap();
    let (hid, sid) = (h.id.to_string(), pending.id.to_string());
    let base = [
        ("csrf_token", token.as_str()),
        ("slug", "eksempel-kommune"),
        ("id", hid.as_str()),
        ("submission_id", sid.as_str()),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v: Vec<(&str, &str)> = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    let r = app
        .call("screen_submission", &with(&[("action", "withhold")]))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );
    let r = app
        .call(
            "screen_submission",
            &with(&[
                ("action", "withhold"),
                ("withhold_reason", "personal_data"),
                ("withhold_note", "Du nevner naboens helse."),
            ]),
        )
        .await;
    assert!(r.status().is_success());
    app.run_mail_worker().await;
    let mail = app
        .state
        .mailer
        .sent()
        .into_iter()
        .find(|m| m.recipient == "ingrid.hansen@eksempel.no")
        .unwrap();
    assert!(
        mail.subject
            .starts_with("Høringsinnspillet ditt blir ikke publisert")
    );
    assert!(!mail.subject.contains("Ingrid"));
    assert!(
        mail.text
            .contains("Grunn: Inneholder personopplysninger om andre")
    );
    assert!(mail.text.contains("Du nevner naboens helse."));
    // Redacting instead: the public copy, not the original.
    let r = app
        .call(
            "screen_submission",
            &with(&[
                ("action", "redact"),
                (
                    "public_general_comment",
                    "Kan kommunen legge til rette for [...]?",
                ),
            ]),
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let (_, html) = app
        .get_text(&format!("/org/eksempel-kommune/horinger/{}", h.id))
        .await;
    assert!(html.contains("Kan kommunen legge til rette for [...]?"));
    assert!(!html.contains("sykkelparkering"));
    // Tags, summary and the administration's comment go into the workbench and the summary.
    let r = app
        .call(
            "annotate_submission",
            &with(&[
                ("admin_comment", "Tas inn i planbestemmelsene."),
                ("staff_summary", "Ønsker sykkelparkering."),
                ("tags", "Sykkel, parkering, sykkel"),
            ]),
        )
        .await;
    assert!(r.status().is_success());
    let (_, bench) = app
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/innspill?tag=sykkel",
            h.id
        ))
        .await;
    assert!(bench.contains("Viser 1 innspill"));
    assert!(bench.contains("parkering, sykkel"));
    let (_, summary) = app
        .get_text(&format!(
            "/org/eksempel-kommune/ansatt/horinger/{}/oppsummering",
            h.id
        ))
        .await;
    assert!(summary.contains("Ønsker sykkelparkering."));
    assert!(summary.contains("Tas inn i planbestemmelsene."));
    assert!(summary.contains("Eksempel historielag"));
    assert!(
        summary.contains("Privatperson"),
        "Ola did not agree to be named"
    );
    app.stop().await;
}

async fn a_renamed_executable_or_an_oversized_attachment_is_refused_and_the_text_is_kept(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = format!("/org/eksempel-kommune/horinger/{}/innspill", h.id);
    let before = submissions_of(&app, h.id).await.len();
    let files_before = count_files(&app.state.settings.file_dir);
    let fields = [
        ("kind", "private"),
        ("name", "Nina Nabo"),
        ("email", "nina@eksempel.no"),
        ("general_comment", "Se vedlagte bilder av veien."),
        ("confirm_public", "on"),
    ];
    for (file, expected) in [
        (
            b"MZ\x90\x00\x03 not a pdf".to_vec(),
            "En av filene er ikke PDF, ODT, DOCX, PNG eller JPEG.",
        ),
        (
            vec![b'%'; 10 * 1024 * 1024 + 1],
            "En av filene er større enn 10 MB.",
        ),
    ] {
        let token = submit_page_token(&app, &h).await;
        let r = app
            .post_multipart(
                "submit_comment",
                &page,
                submission_form(&token, &h, &fields, vec![("bilder.pdf", file)]),
            )
            .await;
        assert_eq!(r.status(), StatusCode::FOUND);
        let (_, html) = app.get_text(&local(&app, &r)).await;
        assert!(html.contains(expected), "{expected}");
        assert!(
            html.contains("Se vedlagte bilder av veien."),
            "the text is kept"
        );
        assert!(
            html.contains("value=\"nina@eksempel.no\""),
            "the address is kept"
        );
    }
    assert_eq!(submissions_of(&app, h.id).await.len(), before);
    assert_eq!(
        count_files(&app.state.settings.file_dir),
        files_before,
        "nothing left in the store"
    );
    // A real PDF goes through.
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            submission_form(
                &token,
                &h,
                &fields,
                vec![("bilder.pdf", app::demo::hearings::DEMO_PDF.to_vec())],
            ),
        )
        .await;
    assert!(local(&app, &r).contains("/kvittering/"));
    app.stop().await;
}

fn count_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| std::fs::read_dir(e.path()).map(|x| x.count()).unwrap_or(1))
                .sum()
        })
        .unwrap_or(0)
}

async fn an_organisation_needs_a_valid_organisation_number_and_is_named_in_public(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = format!("/org/eksempel-kommune/horinger/{}/innspill", h.id);
    let mut fields = vec![
        ("kind", "organisation"),
        ("name", "Per Pedersen"),
        ("email", "per@velforening.no"),
        ("organisation_name", "Storgata velforening"),
        ("org_number", "974 760 674"),
        ("general_comment", "Velforeningen støtter planen."),
        ("confirm_public", "on"),
    ];
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            submission_form(&token, &h, &fields, vec![]),
        )
        .await;
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(html.contains("Skriv organisasjonsnummeret med ni sifre"));
    assert!(html.contains("value=\"Storgata velforening\""));
    fields[4] = ("org_number", "974 760 673");
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            submission_form(&token, &h, &fields, vec![]),
        )
        .await;
    assert!(local(&app, &r).contains("/kvittering/"));
    let s = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Velforeningen støtter planen.")
        .unwrap();
    assert_eq!(s.org_number.as_deref(), Some("974760673"));
    app.stop().await;
}

async fn a_late_submitter_with_an_individual_extension_gets_through(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let officer = TestApp::second_browser(&app);
    let token = officer.staff(OFFICER.0, OFFICER.1).await;
    let later = (h.deadline + Duration::days(7))
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%Y-%m-%d")
        .to_string();
    let ids = h.id.to_string();
    let r = officer
        .call(
            "grant_hearing_extension",
            &[
                ("csrf_token", &token),
                ("slug", "eksempel-kommune"),
                ("id", &ids),
                ("grant_name", "Eksempel bondelag"),
                ("grant_email", "post@bondelaget.no"),
                ("grant_date", &later),
                ("grant_time", ""),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    set_clock(&app, h.deadline + Duration::days(2));
    let page = format!("/org/eksempel-kommune/horinger/{}/innspill", h.id);
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("Høringsfristen gikk ut"));
    assert!(html.contains("Jeg har fått utsatt frist"));
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            anonymous(&token, &h, "andre@eksempel.no", "For sent."),
        )
        .await;
    assert!(
        local(&app, &r).starts_with(&page),
        "refused without an extension"
    );
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            anonymous(&token, &h, "post@bondelaget.no", "Bondelagets svar."),
        )
        .await;
    assert!(local(&app, &r).contains("/kvittering/"));
    let s = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.general_comment == "Bondelagets svar.")
        .unwrap();
    assert!(s.late_by_extension);
    app.stop().await;
}

async fn a_logged_in_citizen_submits_at_once_and_gets_a_receipt_with_a_copy(backend: Backend) {
    let app = spawn_app_with_idporten(backend, IdPortenOptions::default()).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = format!("/org/eksempel-kommune/horinger/{}/innspill", h.id);
    app.citizen_login("kari-nordmann", "substantial", &page)
        .await;
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("Du sender som Kari Nordmann, innlogget med ID-porten."));
    let token = csrf_token_in(&html);
    let form = submission_form(
        &token,
        &h,
        &[
            ("kind", "private"),
            ("email", "kari@eksempel.no"),
            ("show_name", "on"),
            ("general_comment", "Flott med møteplass."),
            (
                &format!(
                    "section_{}",
                    app::ssr::db::hearings::sections(&app.state.db, h.id)
                        .await
                        .unwrap()[2]
                        .id
                ),
                "Husk benker.",
            ),
            ("confirm_public", "on"),
        ],
        vec![("notat.pdf", app::demo::hearings::DEMO_PDF.to_vec())],
    );
    let r = app.post_multipart("submit_comment", &page, form).await;
    let receipt = local(&app, &r);
    let (_, html) = app.get_text(&receipt).await;
    assert!(html.contains("Takk for innspillet"));
    let reference = receipt.rsplit('/').next().unwrap().to_string();
    assert!(html.contains(&reference));
    app.run_mail_worker().await;
    let mail = app
        .state
        .mailer
        .sent()
        .into_iter()
        .find(|m| m.recipient == "kari@eksempel.no")
        .unwrap();
    assert_eq!(
        mail.subject,
        format!("Kvittering for høringsinnspill (ref. {reference})")
    );
    assert!(mail.text.contains("Flott med møteplass."));
    assert!(mail.text.contains("3. Møteplass ved elva"));
    assert!(mail.text.contains("Husk benker."));
    assert!(mail.text.contains("[notat.pdf]"));
    let s = submissions_of(&app, h.id)
        .await
        .into_iter()
        .find(|s| s.reference == reference)
        .unwrap();
    assert!(
        s.confirmed_at.is_some(),
        "logged in: no confirmation needed"
    );
    assert_eq!(s.name, "Kari Nordmann", "the name comes from the login");
    assert!(s.person_id.is_some());
    app.stop().await;
}

on_both_databases!(
    a_submission_one_second_before_the_deadline_is_accepted_and_one_second_after_is_refused,
    an_unconfirmed_submission_never_appears_and_is_not_counted_until_confirmed,
    a_redacted_submissions_original_never_leaves_the_workbench,
    staff_publish_redact_and_withhold_and_a_withheld_submitter_is_told_why,
    a_renamed_executable_or_an_oversized_attachment_is_refused_and_the_text_is_kept,
    an_organisation_needs_a_valid_organisation_number_and_is_named_in_public,
    a_late_submitter_with_an_individual_extension_gets_through,
    a_logged_in_citizen_submits_at_once_and_gets_a_receipt_with_a_copy,
);
