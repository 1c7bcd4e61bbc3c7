//! Waves: staff send a draft survey to the panel — told exactly what is wrong — and the worker
//! opens it, inviting a stratified sub-sample by mail; a member answers by their personal link
//! without logging in, once however often they submit; those who have not answered are
//! reminded, in turn and once each; a mail's leave link ends the membership, keeping or deleting
//! the answers; closing counts skipped waves and retires at the panel's limit.

use super::*;
use crate::helpers::{TestApp, spawn_app};
use crate::survey_support::{add_question, answer, change_status, new_survey};
use app::domain::survey::panel::MemberStatus;
use app::on_both_databases;
use app::ssr::db::entities::{mail_outbox, panel_invitation, panel_wave, survey, survey_response};
use app::testing::Backend;
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

const OFFICER: (&str, &str) = crate::hearing_support::OFFICER;

/// Today and a day `days` on, in Norway, as a date field takes them.
fn day(app: &TestApp, days: i64) -> String {
    (app.state.clock.now() + chrono::Duration::days(days))
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%Y-%m-%d")
        .to_string()
}

/// A draft survey of one required question on one page; its id.
async fn draft(app: &TestApp, token: &str) -> i32 {
    let id = new_survey(app, token, "Panelet om bibliotekene", false).await;
    let r = add_question(
        app,
        token,
        id,
        &[
            ("section", "1"),
            ("kind", "single"),
            ("text", "Har du vært på biblioteket i år?"),
            ("options", "Ja\nNei"),
            ("required", "on"),
        ],
    )
    .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    id
}

/// The first link in a mail's text that starts with `prefix`, as a path.
fn link_in(mail: &mail_outbox::Model, prefix: &str) -> String {
    let base = "http://127.0.0.1";
    mail.body_text
        .split_whitespace()
        .find_map(|w| {
            let at = w.find(prefix)?;
            Some(w[at..].to_string())
        })
        .unwrap_or_else(|| panic!("no {prefix} link in {}", mail.body_text))
        .trim_start_matches(base)
        .to_string()
}

async fn wave_mails(app: &TestApp) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Subject.contains("innbyggerpanelet"))
        .order_by_asc(mail_outbox::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn run(app: &TestApp) {
    app::ssr::services::panels::waves::run_due(&app.state)
        .await
        .expect("the waves job");
}

async fn staff_send_a_wave_members_answer_by_their_link_are_reminded_and_may_leave(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let panel = demo_panel(&app).await;
    let survey_id = draft(&app, &token).await;
    let panel_s = panel.to_string();
    let survey_s = survey_id.to_string();
    let (today, in10) = (day(&app, 0), day(&app, 10));

    // Everything wrong at once, each at its field.
    let r = app
        .call(
            "create_wave",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("panel", &panel_s),
                ("survey", ""),
                ("audience", "sample"),
                ("sample_size", "0"),
                ("opens_date", "i morgen"),
                ("closes_date", &today),
                ("closes_time", "25:00"),
                ("second_reminder", "4"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for key in [
        "panel.wave.survey_missing",
        "panel.wave.sample_size_invalid",
        "hearing.form.date_invalid",
        "hearing.form.time_invalid",
        "panel.wave.second_without_first",
    ] {
        assert!(body.contains(key), "{key}: {body}");
    }
    let form = |survey: &str| -> Vec<(String, String)> {
        [
            ("csrf_token", token.as_str()),
            ("slug", SLUG),
            ("panel", &panel_s),
            ("survey", survey),
            ("audience", "sample"),
            ("sample_size", "60"),
            ("opens_date", &today),
            ("closes_date", &in10),
            ("first_reminder", "3"),
            ("second_reminder", "7"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let call = |f: Vec<(String, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call("create_wave", &pairs).await
        }
    };

    // A survey already open to the public cannot be sent; nor can another organisation's.
    let open = new_survey(&app, &token, "Allerede åpen", false).await;
    let r = add_question(
        &app,
        &token,
        open,
        &[
            ("section", "1"),
            ("kind", "short"),
            ("text", "Hva heter du?"),
        ],
    )
    .await;
    assert!(r.status().is_success());
    assert!(
        change_status(&app, &token, open, "open")
            .await
            .status()
            .is_success()
    );
    let r = call(form(&open.to_string())).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("panel.wave.survey_not_draft")
    );

    // The draft goes to a sub-sample of 60, opening today, with reminders after 3 and 7 days.
    let r = call(form(&survey_s)).await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let wave_id: i32 = r.json().await.unwrap();
    // Sent once: the same survey cannot go again.
    let r = call(form(&survey_s)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The survey is the panel's now: no anonymous start, and only the wave opens
    // and closes it.
    let s = survey::Entity::find_by_id(survey_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.kind.as_str(), s.status.as_str()), ("panel", "draft"));
    let r = change_status(&app, &token, survey_id, "open").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        wave_mails(&app).await.is_empty(),
        "nobody invited before it opens"
    );

    // It opens: 60 members drawn in proportion per stratum, each mailed once, the seed on record.
    run(&app).await;
    let w = panel_wave::Entity::find_by_id(wave_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((w.status.as_str(), w.invited), ("open", 60));
    let invitations = panel_invitation::Entity::find()
        .filter(panel_invitation::Column::WaveId.eq(wave_id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(invitations.len(), 60);
    let mails = wave_mails(&app).await;
    assert_eq!(mails.len(), 60);
    let mut recipients: Vec<&str> = mails.iter().map(|m| m.recipient.as_str()).collect();
    recipients.sort_unstable();
    recipients.dedup();
    assert_eq!(recipients.len(), 60, "each member once");
    assert!(
        mails.iter().all(|m| m
            .list_unsubscribe
            .as_deref()
            .is_some_and(|u| u.contains("/forlat-panel/m"))),
        "every mail can be left by one click"
    );
    assert!(
        !mails[0].subject.contains("bibliotekene"),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].body_text.contains("«Panelet om bibliotekene»"));
    let audit: Vec<String> = app::ssr::db::entities::audit_log::Entity::find()
        .filter(app::ssr::db::entities::audit_log::Column::Action.eq("panel_wave_create"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.detail)
        .collect();
    assert!(
        audit
            .iter()
            .any(|d| d.contains(&format!("wave {wave_id}"))
                && d.contains(&format!("seed {}", w.seed))),
        "{audit:?}"
    );
    // The sub-sample follows the members per age band: no band more than one off its share.
    let all = app::ssr::db::panels::active_with_strata(&app.state.db, panel)
        .await
        .unwrap();
    let invited: std::collections::HashSet<i32> =
        invitations.iter().filter_map(|i| i.member_id).collect();
    let mut by_band: std::collections::BTreeMap<u8, (u64, u64)> = Default::default();
    for (m, s) in &all {
        let e = by_band.entry(s.age.0).or_default();
        e.0 += 1;
        if invited.contains(&m.id) {
            e.1 += 1;
        }
    }
    let total = all.len() as f64;
    for (band, (members, drawn)) in by_band {
        let share = members as f64 * 60.0 / total;
        assert!(
            (drawn as f64 - share).abs() <= 6.0,
            "band {band}: {drawn} drawn of {members} members (share {share:.1})"
        );
    }

    // A member answers by the link, no login: the public survey page still says nothing.
    let (first, second, third) = (&mails[0], &mails[1], &mails[2]);
    let link = link_in(first, "/org/");
    let anonymous = TestApp::second_browser(&app);
    let (status, html) = anonymous.get_text(&link).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Har du vært på biblioteket i år?"), "{html}");
    // Its public page says how members answer, and starts no anonymous response.
    let (status, html) = anonymous
        .get_text(&crate::survey_support::public(survey_id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("personlige lenken i e-posten") && !html.contains("Start undersøkelsen"),
        "{html}"
    );
    let r = anonymous
        .post_form(
            "start_survey",
            &crate::survey_support::public(survey_id),
            &[
                ("csrf_token", &app::testing::csrf_token_in(&html)),
                ("slug", SLUG),
                ("id", &survey_s),
            ],
        )
        .await;
    assert!(!crate::helpers::local(&anonymous, &r).contains("/svar/"));
    let started = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(started, 1, "only the member's, by the link");
    let r = answer(&anonymous, &link, 1, &[("q1", "1")], "next").await;
    assert_eq!(r.status(), StatusCode::FOUND, "{}", r.text().await.unwrap());
    let responses = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(responses.len(), 1);
    assert!(responses[0].submitted_at.is_some());
    let pseudonym = responses[0]
        .panel_pseudonym
        .clone()
        .expect("under the pseudonym");
    let member = members(&app, panel)
        .await
        .into_iter()
        .find(|m| m.email.as_deref() == Some(first.recipient.as_str()))
        .unwrap();
    assert_eq!(member.pseudonym.as_deref(), Some(pseudonym.as_str()));
    // The link again: sent is sent.
    let r = answer(&anonymous, &link, 1, &[("q1", "2")], "next").await;
    assert_eq!(r.status(), StatusCode::FOUND);
    assert_eq!(
        crate::survey_support::submitted(&app, survey_id)
            .await
            .len(),
        1
    );

    // Another member's first visits, at once, and two submits at once: one response, one answer.
    let link2 = link_in(second, "/org/");
    let b1 = TestApp::second_browser(&app);
    let b2 = TestApp::second_browser(&app);
    let (a, b) = tokio::join!(b1.get_text(&link2), b2.get_text(&link2));
    assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK));
    let (a, b) = tokio::join!(
        answer(&b1, &link2, 1, &[("q1", "1")], "next"),
        answer(&b2, &link2, 1, &[("q1", "2")], "next"),
    );
    assert_eq!(
        (a.status(), b.status()),
        (StatusCode::FOUND, StatusCode::FOUND)
    );
    let sent = crate::survey_support::submitted(&app, survey_id).await;
    assert_eq!(sent.len(), 2, "one answer per member");
    let rows = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 2);

    // Reminders: none before day 3; then the 58 who have not answered, once; the second on day 7.
    run(&app).await;
    assert_eq!(wave_mails(&app).await.len(), 60);
    app.state.clock.advance(chrono::Duration::days(3));
    run(&app).await;
    run(&app).await;
    let mails = wave_mails(&app).await;
    let reminders: Vec<&mail_outbox::Model> = mails
        .iter()
        .filter(|m| m.subject.starts_with("Påminnelse"))
        .collect();
    assert_eq!(reminders.len(), 58);
    assert!(
        reminders
            .iter()
            .all(|m| m.recipient != first.recipient && m.recipient != second.recipient)
    );
    // A reminder carries the member's same link.
    let third_reminder = reminders
        .iter()
        .find(|m| m.recipient == third.recipient)
        .unwrap();
    assert_eq!(link_in(third_reminder, "/org/"), link_in(third, "/org/"));
    app.state.clock.advance(chrono::Duration::days(4));
    run(&app).await;
    let n = wave_mails(&app)
        .await
        .iter()
        .filter(|m| m.subject.starts_with("Påminnelse"))
        .count();
    assert_eq!(n, 116);
    app.state.clock.advance(chrono::Duration::days(1));
    run(&app).await;
    assert_eq!(wave_mails(&app).await.len(), 176, "no third reminder");

    // Leaving by a mail's link: its page names the panel; deleting takes the member's answer;
    // a mail client's one-click post keeps the answers, unlinked.
    let leave = link_in(first, "/forlat-panel/");
    let (status, html) = anonymous.get_text(&leave).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(app::demo::panels::DEMO_PANEL), "{html}");
    let r = anonymous
        .client
        .post(anonymous.url(&leave))
        .header("accept", "text/html")
        .form(&[("answers", "delete")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        crate::survey_support::submitted(&app, survey_id)
            .await
            .len(),
        1
    );
    let gone = members(&app, panel)
        .await
        .into_iter()
        .find(|m| m.id == member.id)
        .unwrap();
    assert_eq!(gone.status, MemberStatus::Left.as_str());
    assert!(gone.email.is_none() && gone.pseudonym.is_none() && gone.person_hash.is_none());
    assert!(
        panel_invitation::Entity::find()
            .filter(panel_invitation::Column::MemberId.eq(member.id))
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none(),
        "the invitation no longer names the member"
    );
    let (_, html) = anonymous.get_text(&leave).await;
    assert!(html.contains("ikke lenger med"), "{html}");
    let leave2 = link_in(second, "/forlat-panel/");
    let r = anonymous
        .client
        .post(anonymous.url(&leave2))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let kept = crate::survey_support::submitted(&app, survey_id).await;
    assert_eq!(kept.len(), 1, "kept");
    assert!(
        !members(&app, panel)
            .await
            .iter()
            .any(|m| m.pseudonym == kept[0].0.panel_pseudonym),
        "no member row leads to the kept answer"
    );
    // Neither member's link leads to anything any more: the kept answer no longer carries
    // the link's hash.
    for link in [&link, &link2] {
        let (status, _) = anonymous.get_text(link).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{link}");
    }
    let wrong = format!("{}x", &leave[..leave.len() - 1]);
    let r = anonymous
        .client
        .post(anonymous.url(&wrong))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Closing: every invitee who did not answer has skipped one more wave in a row; one already
    // at the limit less one is retired. A link not yet used then says the survey is closed.
    let limit = app::ssr::db::panels::by_id(&app.state.db, panel)
        .await
        .unwrap()
        .unwrap()
        .skip_limit;
    let third_member = members(&app, panel)
        .await
        .into_iter()
        .find(|m| m.email.as_deref() == Some(third.recipient.as_str()))
        .unwrap();
    let mut am = third_member.clone().into_active_model();
    am.skipped_in_row = Set(limit - 1);
    am.update(&app.state.db).await.unwrap();
    let everyone: std::collections::HashMap<i32, i32> = members(&app, panel)
        .await
        .into_iter()
        .filter(|m| m.status == "active")
        .map(|m| (m.id, m.skipped_in_row))
        .collect();
    let before: std::collections::HashMap<i32, i32> = everyone
        .iter()
        .filter(|(id, _)| invited.contains(id))
        .map(|(id, n)| (*id, *n))
        .collect();
    assert_eq!(before.len(), 58, "the 60 less the two who left");
    app.state.clock.advance(chrono::Duration::days(3));
    run(&app).await;
    let w = panel_wave::Entity::find_by_id(wave_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(w.status, "closed");
    let s = survey::Entity::find_by_id(survey_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.status, "closed");
    let now = members(&app, panel).await;
    let retired = now.iter().find(|m| m.id == third_member.id).unwrap();
    assert_eq!(retired.status, MemberStatus::Retired.as_str());
    assert!(retired.email.is_none() && retired.pseudonym.is_none());
    for (id, skipped) in &before {
        let m = now.iter().find(|m| m.id == *id).unwrap();
        if skipped + 1 >= limit {
            assert_eq!(m.status, "retired", "member {id} skipped {skipped} before");
        } else {
            assert_eq!(
                (m.status.as_str(), m.skipped_in_row),
                ("active", skipped + 1)
            );
        }
    }
    // Members who were not invited have skipped nothing more.
    for (id, skipped) in everyone.iter().filter(|(id, _)| !invited.contains(id)) {
        let m = now.iter().find(|m| m.id == *id).unwrap();
        assert_eq!((m.status.as_str(), m.skipped_in_row), ("active", *skipped));
    }
    // (a member still in the panel: a retired one's link has gone with the membership)
    let still = mails
        .iter()
        .find(|m| {
            now.iter()
                .any(|n| n.email.as_deref() == Some(m.recipient.as_str()))
        })
        .unwrap();
    let (status, _) = anonymous.get_text(&link_in(still, "/org/")).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // The staff's page: the wave with its counts.
    let (_, p) = app
        .get_json(&format!("/api/get_staff_panel?slug={SLUG}&id={panel}"))
        .await;
    let wave = &p["waves"][0];
    assert_eq!(wave["id"], wave_id);
    assert_eq!(wave["invited"], 60);
    assert_eq!(wave["answered"], 1);
    assert_eq!(wave["status"], "Closed");
    // Per group: every table counts the 60 invited (as they were when it opened) and the one
    // answer kept.
    let rates = wave["rates"].as_array().unwrap();
    assert_eq!(rates.len(), 3);
    for t in rates {
        let rows = t["rows"].as_array().unwrap();
        let sum = |k: &str| rows.iter().map(|r| r[k].as_u64().unwrap()).sum::<u64>();
        assert_eq!((sum("invited"), sum("answered")), (60, 1), "{t}");
    }
    let (status, html) = app
        .get_text(&format!("/org/{SLUG}/ansatt/innbyggerpanel/{panel}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Panelet om bibliotekene")
            && html.contains("Utvalg på 60")
            && html.contains("Svarprosent etter aldersgruppe: Panelet om bibliotekene"),
        "{html}"
    );
}

on_both_databases!(staff_send_a_wave_members_answer_by_their_link_are_reminded_and_may_leave);

/// The demo's first wave, closed with its results published: weighted to the population by
/// raking, with the method's figures, a margin of error beside each weighted share, and
/// nothing weighted where the count is hidden; in the open data as JSON and CSV too.
async fn a_waves_published_results_are_weighted_to_the_population(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = survey::Entity::find()
        .filter(survey::Column::Title.eq(app::demo::waves::WAVE_SURVEYS[0]))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (status, r) = app.get_json(&format!("/api/v1/surveys/{id}/results")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(r["weighted"], true, "{r}");
    let w = &r["weighting"];
    let responses = r["responses"].as_u64().unwrap();
    assert_eq!(w["respondents"].as_u64(), Some(responses));
    assert!(w["converged"].as_bool().unwrap(), "{w}");
    assert!(w["iterations"].as_u64().unwrap() >= 2, "{w}");
    // Younger members answered less often: weighting them up costs precision.
    let deff = w["design_effect"].as_f64().unwrap();
    let n_eff = w["effective_n"].as_f64().unwrap();
    assert!(deff > 1.0 && deff < 3.0, "{w}");
    assert!((n_eff - responses as f64 / deff).abs() < 1.0, "{w}");
    let moe = w["margin_of_error"].as_f64().unwrap();
    assert!((moe - 196.0 * (0.25 / n_eff).sqrt()).abs() < 0.1, "{w}");
    assert_eq!(w["trim"], serde_json::json!([0.3, 3.0]));

    // The first question (how one travels): every share shown, weighted ones summing to 100,
    // each with a margin of error; and weighting moved at least one of them.
    let rows = r["questions"][0]["tables"][0]["rows"].as_array().unwrap();
    let mut sum = 0.0;
    let mut moved = false;
    for row in rows {
        let Some(count) = row["count"].as_u64() else {
            assert!(
                row["weighted"].is_null(),
                "a hidden count's weighted share: {row}"
            );
            continue;
        };
        let weighted = row["weighted"]["value"].as_f64().unwrap();
        let e = row["weighted"]["margin_of_error"].as_f64().unwrap();
        if count == 0 {
            assert_eq!(
                row["weighted"],
                serde_json::json!({"value": 0.0, "margin_of_error": 0.0})
            );
        } else {
            assert!(e > 0.0 && e < 20.0, "{row}");
        }
        moved |= (weighted - row["percent"].as_f64().unwrap()).abs() >= 0.1;
        sum += weighted;
    }
    assert!((sum - 100.0).abs() < 0.5, "{sum}: {rows:?}");
    assert!(moved, "{rows:?}");

    let (_, csv) = app
        .get_text(&format!("/api/v1/surveys/{id}/results?format=csv"))
        .await;
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("weighted_percent,margin_of_error"),
        "{csv}"
    );
    let (status, html) = app
        .get_text(&format!("/org/{SLUG}/undersokelser/{id}/resultater"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("vektet til befolkningen (en syntetisk befolkning")
            && html.contains("etter aldersgruppe, kjønn og bydel")
            && html.contains("designeffekt")
            && html.contains("Feilmargin (prosentpoeng)"),
        "{html}"
    );

    // Staff break it down by the first question: each shown share within its group has its
    // weighted share beside it, and a hidden one none.
    let _ = app.staff(OFFICER.0, OFFICER.1).await;
    let (status, r) = app
        .get_json(&format!(
            "/api/get_staff_survey_results?slug={SLUG}&id={id}&by=1"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let breakdowns = r["breakdowns"].as_array().unwrap();
    assert!(!breakdowns.is_empty(), "{r}");
    let mut weighted_cells = 0;
    for b in breakdowns {
        for row in b["rows"].as_array().unwrap() {
            for (p, w) in row["percents"]
                .as_array()
                .unwrap()
                .iter()
                .zip(row["weighted"].as_array().unwrap())
            {
                // A hidden share has no weighted one (a group nobody in it answered has neither
                // a weighted share nor a count above 0).
                assert!(w.is_null() || !p.is_null(), "{row}");
                if !w.is_null() {
                    weighted_cells += 1;
                    let v = w["value"].as_f64().unwrap();
                    assert!((0.0..=100.0).contains(&v), "{row}");
                }
            }
        }
    }
    assert!(weighted_cells > 0, "{r}");
    let (_, html) = app
        .get_text(&format!(
            "/org/{SLUG}/ansatt/undersokelser/{id}/resultater?etter=1"
        ))
        .await;
    assert!(html.contains("; vektet "), "{html}");
    // And by what the panel knows of the respondents: their age band from the profile, and a
    // background question the members answered when they joined.
    let (status, r) = app
        .get_json(&format!(
            "/api/get_staff_survey_results?slug={SLUG}&id={id}&by=900001"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["by"], 900001);
    let b = &r["breakdowns"][0];
    assert_eq!(b["groups"][0], "16–24", "{b}");
    assert_eq!(b["groups"][6], "Ikke oppgitt", "{b}");
    assert_eq!(b["groups"].as_array().unwrap().len(), 7);
    assert!(
        b["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|row| row["weighted"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| !w.is_null())),
        "{b}"
    );
    let choices: Vec<String> = r["by_choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[1].as_str().unwrap().to_string())
        .collect();
    assert!(
        choices.contains(&"Hvor lenge har du bodd i kommunen? (bakgrunnsspørsmål)".to_string()),
        "{choices:?}"
    );
    // By a background question: each group's total is what the respondents' profiles say —
    // counted here from the tables — and those who did not answer it form a group of their own.
    let (_, r) = app
        .get_json(&format!(
            "/api/get_staff_survey_results?slug={SLUG}&id={id}&by=900010"
        ))
        .await;
    let b = &r["breakdowns"][0];
    assert_eq!(
        b["groups"],
        serde_json::json!(["Under 5 år", "5–20 år", "Mer enn 20 år", "Ikke oppgitt"]),
        "{r}"
    );
    let question = b["id"].as_i64().unwrap() as i32;
    let mut expected = [0u64; 4];
    for resp in survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(id))
        .filter(survey_response::Column::SubmittedAt.is_not_null())
        .all(&app.state.db)
        .await
        .unwrap()
    {
        let answered = app::ssr::db::entities::survey_answer::Entity::find()
            .filter(app::ssr::db::entities::survey_answer::Column::ResponseId.eq(resp.id))
            .filter(app::ssr::db::entities::survey_answer::Column::QuestionId.eq(question))
            .one(&app.state.db)
            .await
            .unwrap()
            .is_some();
        if !answered {
            continue;
        }
        let p = profile(&app, resp.panel_pseudonym.as_deref().unwrap()).await;
        let years = p
            .and_then(|p| p.background)
            .and_then(|b| serde_json::from_str::<Vec<Option<usize>>>(&b).ok())
            .and_then(|b| b.first().copied().flatten());
        expected[years.unwrap_or(3)] += 1;
    }
    for (g, want) in expected.iter().enumerate() {
        if let Some(got) = b["group_totals"][g].as_u64() {
            assert_eq!(got, *want, "group {g}: {b}");
        }
    }
    assert_eq!(b["n"].as_u64(), Some(expected.iter().sum::<u64>()), "{b}");
    // The public never gets a breakdown, by the profile or otherwise.
    let visitor = crate::helpers::browser();
    let public = visitor
        .get(app.url(&format!(
            "/api/get_survey_results?slug={SLUG}&id={id}&by=900001"
        )))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(public["breakdowns"], serde_json::json!([]), "{public}");

    // An open survey is not weighted, and says nothing of it.
    let open = survey::Entity::find()
        .filter(survey::Column::Title.eq(app::demo::surveys::PUBLISHED_SURVEY))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (_, r) = app
        .get_json(&format!("/api/v1/surveys/{open}/results"))
        .await;
    assert_eq!(
        (r["weighted"].as_bool(), r["weighting"].is_null()),
        (Some(false), true)
    );
}

on_both_databases!(a_waves_published_results_are_weighted_to_the_population);

/// A Statbank export of table 07459 for Eksempel kommune (9999): every one-year age from 15 to
/// 90 for both sexes, on 1 January 2026, the older the fewer.
fn statbank_csv() -> String {
    let mut csv = String::from(
        "\u{feff}\"07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år\"\n\n\
         \"region\";\"kjønn\";\"alder\";\"år\";\"07459: Personer\"\n",
    );
    for sex in ["Menn", "Kvinner"] {
        for age in 15..=90 {
            let n = 400 - 3 * age;
            csv.push_str(&format!(
                "\"9999 Eksempel kommune\";\"{sex}\";\"{age:03} {age} år\";\"2026\";{n}\n"
            ));
        }
    }
    csv
}

/// Posts the population form as a browser without JavaScript does; the page it leads to.
async fn post_margins(
    app: &TestApp,
    panel: i32,
    file: Option<(&str, Vec<u8>)>,
    districts: &str,
) -> String {
    let page = format!("/org/{SLUG}/ansatt/innbyggerpanel/{panel}");
    let (_, html) = app.get_text(&page).await;
    let mut form = reqwest::multipart::Form::new()
        .text("csrf_token", app::testing::csrf_token_in(&html))
        .text("slug", SLUG)
        .text("panel", panel.to_string());
    if let Some((name, bytes)) = file {
        form = form.part(
            "margins_file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("text/csv")
                .unwrap(),
        );
    }
    form = form.text("margin_districts", districts.to_string());
    let r = app.post_multipart("save_panel_margins", &page, form).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    app.get_text(&crate::helpers::local(app, &r)).await.1
}

/// Staff import the population from SSB's CSV and type the districts' figures — told exactly
/// what is wrong without JavaScript, what they typed kept — and the panel's results are then
/// weighted to it, the method note naming its date.
async fn staff_import_the_population_and_results_are_weighted_to_it(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff(OFFICER.0, OFFICER.1).await;
    let panel = demo_panel(&app).await;
    let (_, html) = app
        .get_text(&format!("/org/{SLUG}/ansatt/innbyggerpanel/{panel}"))
        .await;
    assert!(html.contains("syntetisk befolkning"), "{html}");

    let html = post_margins(&app, panel, None, "4 000\n3 000").await;
    assert!(
        html.contains("Last opp befolkningen etter kjønn og alder fra SSB.")
            && html.contains("Skriv ett tall for hvert område"),
        "{html}"
    );
    assert!(
        html.contains("4 000\n3 000"),
        "what was typed is kept: {html}"
    );
    let html = post_margins(
        &app,
        panel,
        Some(("feil.csv", b"region;noe\n1;2".to_vec())),
        "4000\n3000\n3000\n2500\n2500",
    )
    .await;
    assert!(
        html.contains("Filen er ikke en CSV fra SSBs tabell 07459"),
        "{html}"
    );

    let html = post_margins(
        &app,
        panel,
        Some(("07459.csv", statbank_csv().into_bytes())),
        "4 000\n3000\n3000\n2500\n2500",
    )
    .await;
    assert!(
        html.contains("vektes til befolkningstallene per 1. januar 2026"),
        "{html}"
    );
    let p = app::ssr::db::panels::by_id(&app.state.db, panel)
        .await
        .unwrap()
        .unwrap();
    let m = app::ssr::db::panels::margins(&p).unwrap();
    assert_eq!(m.district, vec![4000, 3000, 3000, 2500, 2500]);
    // 16 to 90 of both sexes: the age bands hold every one of them.
    let expected: u64 = 2 * (16..=90).map(|a: u64| 400 - 3 * a).sum::<u64>();
    assert_eq!((m.total(), m.gender[0] + m.gender[1]), (expected, expected));

    let id = survey::Entity::find()
        .filter(survey::Column::Title.eq(app::demo::waves::WAVE_SURVEYS[0]))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (_, r) = app.get_json(&format!("/api/v1/surveys/{id}/results")).await;
    assert_eq!(r["weighting"]["population_as_of"], "2026-01-01", "{r}");
    let (_, html) = app
        .get_text(&format!("/org/{SLUG}/undersokelser/{id}/resultater"))
        .await;
    assert!(html.contains("(SSBs tall per 1. januar 2026)"), "{html}");

    // Later figures for the districts alone keep the age and gender figures.
    post_margins(&app, panel, None, "4100\n3000\n3000\n2500\n2500").await;
    let p = app::ssr::db::panels::by_id(&app.state.db, panel)
        .await
        .unwrap()
        .unwrap();
    let after = app::ssr::db::panels::margins(&p).unwrap();
    assert_eq!((after.district[0], after.age.clone()), (4100, m.age));
}

on_both_databases!(staff_import_the_population_and_results_are_weighted_to_it);

/// A deactivated organisation's wave waits (nobody could answer it), and a wave whose closing
/// time passed before the worker could open it closes without inviting anyone or counting a
/// skip against any member.
async fn a_wave_waits_while_its_organisation_is_deactivated_and_one_too_late_sends_nothing(
    backend: Backend,
) {
    use app::ssr::db::entities::organisation;
    let app = spawn_app(backend).await;
    let token = app.staff(OFFICER.0, OFFICER.1).await;
    let panel = demo_panel(&app).await;
    let survey_id = draft(&app, &token).await;
    let (panel_s, survey_s) = (panel.to_string(), survey_id.to_string());
    let (today, in3) = (day(&app, 0), day(&app, 3));
    let r = app
        .call(
            "create_wave",
            &[
                ("csrf_token", &token),
                ("slug", SLUG),
                ("panel", &panel_s),
                ("survey", &survey_s),
                ("audience", "all"),
                ("opens_date", &today),
                ("closes_date", &in3),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let wave_id: i32 = r.json().await.unwrap();
    let skipped_before: Vec<(i32, i32)> = members(&app, panel)
        .await
        .iter()
        .map(|m| (m.id, m.skipped_in_row))
        .collect();

    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(SLUG))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut am = org.clone().into_active_model();
    am.deactivated_at = Set(Some(app.state.clock.now()));
    am.update(&app.state.db).await.unwrap();
    run(&app).await;
    let status = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            panel_wave::Entity::find_by_id(wave_id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    assert_eq!(status(&app).await.status, "scheduled");
    assert!(wave_mails(&app).await.is_empty());

    // Active again, but only after the wave's closing time.
    let mut am = org.into_active_model();
    am.deactivated_at = Set(None);
    am.update(&app.state.db).await.unwrap();
    app.state.clock.advance(chrono::Duration::days(4));
    run(&app).await;
    let w = status(&app).await;
    assert_eq!((w.status.as_str(), w.invited), ("closed", 0));
    assert!(wave_mails(&app).await.is_empty());
    let skipped_after: Vec<(i32, i32)> = members(&app, panel)
        .await
        .iter()
        .map(|m| (m.id, m.skipped_in_row))
        .collect();
    assert_eq!(skipped_before, skipped_after);
    let missed = app::ssr::db::entities::audit_log::Entity::find()
        .filter(app::ssr::db::entities::audit_log::Column::Action.eq("panel_wave_missed"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(missed, 1);
}

on_both_databases!(
    a_wave_waits_while_its_organisation_is_deactivated_and_one_too_late_sends_nothing
);
