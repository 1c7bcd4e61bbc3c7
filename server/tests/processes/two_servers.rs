use crate::proc::Server;
use app::ssr::mail::{OutgoingMail, queue};
use app::testing::{Backend, test_state};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_share_logins_files_and_send_each_mail_once() {
    let (state, db) = test_state(Backend::Postgres).await;
    app::demo::seed_demo(&state).await.unwrap();
    let root = std::env::temp_dir().join(format!("innspill-two-{}", uuid::Uuid::new_v4()));
    let (dir_a, dir_b) = (root.join("a"), root.join("b"));
    // Both keep uploaded files in one bucket (moto), with nothing shared on disk.
    let s3 = crate::s3::s3();
    let bucket = s3.bucket().await;
    let env = |dir: &std::path::Path| {
        let mut env = vec![
            ("DATABASE_URL".to_string(), db.url.clone()),
            ("INNSPILL_MAIL_BACKEND".to_string(), "files".to_string()),
            ("INNSPILL_MAIL_DIR".to_string(), dir.display().to_string()),
        ];
        env.extend(s3.env(&bucket));
        env
    };
    let (env_a, env_b) = (env(&dir_a), env(&dir_b));
    let a = Server::start(&as_refs(&env_a)).await;
    let b = Server::start(&as_refs(&env_b)).await;

    // Log in through A; B knows the session.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let html = browser
        .get(format!("{}/ansatt/logg-inn", a.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = app::testing::csrf_token_in(&html);
    let r = browser
        .post(format!("{}/api/staff_login", a.base))
        .header("accept", "application/json")
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "admin@eksempel.kommune.no"),
            ("password", "demo-passord-admin"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let r = browser
        .get(format!("{}/ansatt", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Hei, Anne Admin"));

    // A document uploaded through A is downloaded through B, from the shared bucket.
    share_a_file(&state, &browser, &a.base, &b.base).await;
    assert_eq!(s3.keys(&bucket).await.len(), 1, "one object in the bucket");

    // Thirty queued messages, two workers: each is sent exactly once.
    for n in 0..30 {
        let mail = OutgoingMail {
            recipient: format!("mottaker{n}@eksempel.no"),
            subject: "Test".into(),
            text: format!("melding nummer {n}"),
            html: format!("<p>melding nummer {n}</p>"),
            unsubscribe: None,
        };
        queue::enqueue(&state.db, &mail, chrono::Utc::now())
            .await
            .unwrap();
    }
    use app::ssr::db::entities::mail_outbox;
    let started = Instant::now();
    loop {
        let sent = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Status.eq("sent"))
            .count(&state.db)
            .await
            .unwrap();
        if sent == 30 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "only {sent} of 30 sent"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut bodies = Vec::new();
    for dir in [&dir_a, &dir_b] {
        for f in std::fs::read_dir(dir)
            .map(|d| d.flatten().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            let text = std::fs::read_to_string(f.path()).unwrap();
            let line = text
                .lines()
                .find(|l| l.starts_with("melding nummer"))
                .unwrap()
                .to_string();
            bodies.push(line);
        }
    }
    assert_eq!(bodies.len(), 30, "30 files in all");
    bodies.sort();
    bodies.dedup();
    assert_eq!(bodies.len(), 30, "no message twice");

    // Two events of a hearing with 1,500 followers, fanned out by both servers' workers at
    // once: every follower gets each event once.
    fan_out_once(&state).await;

    let (a_clean, a_out) = a.terminate();
    let (b_clean, b_out) = b.terminate();
    assert!(a_clean && b_clean, "both stop cleanly on SIGTERM");
    for out in [&a_out, &b_out] {
        assert!(out.contains("listening"));
        assert!(
            !out.contains("admin@eksempel.kommune.no"),
            "no address in the logs:\n{out}"
        );
        assert!(
            !out.contains("demo-passord-admin"),
            "no password in the logs"
        );
        assert!(
            !out.contains("mottaker"),
            "no recipient in the logs:\n{out}"
        );
        assert!(
            !out.contains("melding nummer"),
            "no message text in the logs"
        );
    }
    let _ = std::fs::remove_dir_all(root);
}

/// Uploads a document to a draft hearing through `a` and downloads it through `b`.
async fn share_a_file(state: &app::ssr::AppState, browser: &reqwest::Client, a: &str, b: &str) {
    use app::ssr::db::entities::{hearing, hearing_document};
    let draft = hearing::Entity::find()
        .filter(hearing::Column::Title.eq("Ny parkeringsnorm for sentrum"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let editor = format!("{a}/org/eksempel-kommune/ansatt/horinger/{}", draft.id);
    let html = browser
        .get(&editor)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = app::testing::csrf_token_in(&html);
    let pdf = app::demo::hearings::DEMO_PDF.to_vec();
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("slug", "eksempel-kommune")
        .text("id", draft.id.to_string())
        .text("document_title", "Parkeringsutredning")
        .part(
            "document_file",
            reqwest::multipart::Part::bytes(pdf.clone()).file_name("utredning.pdf"),
        );
    let r = browser
        .post(format!("{a}/api/upload_hearing_document"))
        .header("accept", "text/html")
        .header("referer", &editor)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let doc = hearing_document::Entity::find()
        .filter(hearing_document::Column::HearingId.eq(draft.id))
        .one(&state.db)
        .await
        .unwrap()
        .expect("the document's record");
    let r = browser
        .get(format!("{b}/filer/dokument/{}/{}", doc.id, doc.file_name))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.bytes().await.unwrap().to_vec(),
        pdf,
        "B serves what A stored"
    );
}

async fn fan_out_once(state: &app::ssr::AppState) {
    use app::domain::follow::EventKind;
    use app::ssr::db::entities::{follow, hearing, mail_outbox};
    use sea_orm::Set;
    let h = hearing::Entity::find()
        .filter(hearing::Column::Title.eq("Reguleringsplan for Storgata 10–14"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let before = chrono::Utc::now() - chrono::Duration::minutes(1);
    for chunk in (0..1500).collect::<Vec<_>>().chunks(500) {
        follow::Entity::insert_many(chunk.iter().map(|n| follow::ActiveModel {
            organisation_id: Set(h.organisation_id),
            case_kind: Set("hearing".into()),
            case_id: Set(h.id),
            person_id: Set(None),
            email: Set(Some(format!("folger{n}@eksempel.no"))),
            lang: Set("nb".into()),
            cadence: Set("immediate".into()),
            reason: Set("follow".into()),
            confirm_hash: Set(None),
            confirmed_at: Set(Some(before)),
            created_at: Set(before),
            ..Default::default()
        }))
        .exec(&state.db)
        .await
        .unwrap();
    }
    for kind in [EventKind::HearingExtended, EventKind::HearingClosed] {
        app::ssr::db::case_events::record(
            &state.db,
            h.organisation_id,
            kind,
            h.id,
            serde_json::json!({ "deadline": h.deadline }),
            None,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    }
    let started = Instant::now();
    let rows = loop {
        let rows = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ListUnsubscribe.is_not_null())
            .all(&state.db)
            .await
            .unwrap();
        if rows.len() >= 3000 {
            break rows;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "only {} of 3000 queued",
            rows.len()
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    // A moment more, for any second delivery to show.
    drop(rows);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rows = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ListUnsubscribe.is_not_null())
        .all(&state.db)
        .await
        .unwrap();
    let mut per: std::collections::BTreeMap<String, usize> = Default::default();
    for r in &rows {
        *per.entry(r.recipient.clone()).or_default() += 1;
    }
    assert_eq!(rows.len(), 3000, "no event twice to anyone");
    assert_eq!(per.len(), 1500);
    assert!(
        per.values().all(|n| *n == 2),
        "each follower hears of each event once"
    );
}

fn as_refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}
