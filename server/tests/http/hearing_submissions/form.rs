//! What the submission form checks: uploads by content and size (the text is kept when one is
//! refused), and an organisation's number, by which it is then named.

use crate::hearing_support::*;
use crate::helpers::{local, spawn_app};
use app::on_both_databases;
use app::testing::Backend;
use reqwest::StatusCode;

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

async fn an_over_long_text_comes_back_cut_and_says_so(backend: Backend) {
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = format!("/org/eksempel-kommune/horinger/{}/innspill", h.id);
    // 300,000 bytes: more than a text field may carry (200,000 bytes).
    let long = "æ".repeat(150_000);
    let fields = [
        ("kind", "private"),
        ("name", "Nina Nabo"),
        ("email", "nina@eksempel.no"),
        ("general_comment", long.as_str()),
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
    assert_eq!(r.status(), StatusCode::FOUND);
    let (_, html) = app.get_text(&local(&app, &r)).await;
    assert!(
        html.contains("Teksten var så lang at bare begynnelsen er tatt vare på nedenfor"),
        "the person is told the text was cut"
    );
    assert!(html.contains(&"æ".repeat(100_000)), "its beginning is kept");
    assert!(!html.contains(&"æ".repeat(100_001)), "cut at 200,000 bytes");

    // All the text of a failed form is kept up to 1,000,000 bytes together, so that no request
    // can fill its session with more (eight fields of 199,000 bytes here).
    let filler = "x".repeat(199_000);
    let names: Vec<String> = (0..8).map(|i| format!("fyll_{i}")).collect();
    let mut fields: Vec<(&str, &str)> = vec![
        ("kind", "private"),
        ("name", "Nina Nabo"),
        ("email", "nina@eksempel.no"),
        ("general_comment", "Kort."),
    ];
    fields.extend(names.iter().map(|n| (n.as_str(), filler.as_str())));
    let token = submit_page_token(&app, &h).await;
    let r = app
        .post_multipart(
            "submit_comment",
            &page,
            submission_form(&token, &h, &fields, vec![]),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::FOUND,
        "refused: not confirmed public"
    );
    use sea_orm::EntityTrait;
    let largest = app::ssr::db::entities::session::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|s| s.data.len())
        .max()
        .unwrap();
    assert!(largest > 900_000, "the text was kept: {largest}");
    assert!(largest < 1_050_000, "but not more: {largest}");
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

async fn a_file_before_the_csrf_token_or_without_one_is_refused_before_it_is_read(
    backend: Backend,
) {
    use reqwest::multipart::{Form, Part};
    let app = spawn_app(backend).await;
    let h = demo_hearing(&app, STORGATA).await;
    let page = format!("/org/eksempel-kommune/horinger/{}/innspill", h.id);
    let token = submit_page_token(&app, &h).await;
    let files_before = count_files(&app.state.settings.file_dir);
    let pdf = || {
        Part::bytes(app::demo::hearings::DEMO_PDF.to_vec())
            .file_name("vedlegg.pdf")
            .mime_str("application/pdf")
            .unwrap()
    };
    let rest = |form: Form| {
        form.text("slug", "eksempel-kommune")
            .text("hearing_id", h.id.to_string())
            .text("kind", "private")
            .text("name", "Nina Nabo")
            .text("email", "nina@eksempel.no")
            .text("general_comment", "Fil først.")
            .text("confirm_public", "on")
    };
    // The right token, but after the file: the file was refused before it was read.
    let file_first = rest(Form::new().part("attachments", pdf())).text("csrf_token", token.clone());
    // Refused: 403, or (a plain form post) back to the form, never on to a receipt; or the
    // connection closed before the file was sent at all.
    let post = |form: Form| {
        app.client
            .post(app.url("/api/submit_comment"))
            .header("accept", "text/html")
            .header("referer", app.url(&page))
            .multipart(form)
            .send()
    };
    let refused = |r: Result<reqwest::Response, reqwest::Error>| match r {
        Ok(r) => {
            r.status() == StatusCode::FORBIDDEN
                || (r.status() == StatusCode::FOUND
                    && !crate::helpers::location(r.headers()).contains("/kvittering/"))
        }
        Err(e) => e.is_request(),
    };
    assert!(refused(post(file_first).await));
    let no_token = rest(Form::new()).part("attachments", pdf());
    assert!(refused(post(no_token).await));
    assert_eq!(count_files(&app.state.settings.file_dir), files_before);
    assert!(
        submissions_of(&app, h.id)
            .await
            .iter()
            .all(|s| s.general_comment != "Fil først."),
        "nothing stored"
    );
    // The same form with the token first goes through.
    let ok = rest(Form::new().text("csrf_token", token)).part("attachments", pdf());
    let r = app.post_multipart("submit_comment", &page, ok).await;
    assert!(local(&app, &r).contains("/kvittering/"));
    app.stop().await;
}

on_both_databases!(
    a_file_before_the_csrf_token_or_without_one_is_refused_before_it_is_read,
    an_over_long_text_comes_back_cut_and_says_so,
    a_renamed_executable_or_an_oversized_attachment_is_refused_and_the_text_is_kept,
    an_organisation_needs_a_valid_organisation_number_and_is_named_in_public,
);
