use crate::proc::run;
use app::on_both_databases;
use app::testing::{Backend, TestDb};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

async fn user_create_bootstraps_an_admin_and_refuses_bad_input(backend: Backend) {
    let db = TestDb::new(backend).await;
    let url = db.url.as_str();
    let env = [
        ("DATABASE_URL", url),
        ("INNSPILL_PASSWORD", "et langt og sikkert passord"),
    ];
    // An organisation to add the user to.
    let migrated = run(&["migrate"], &[("DATABASE_URL", url)], None);
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    {
        let conn = app::ssr::db::connect(url).await.unwrap();
        app::ssr::db::organisations::insert(
            &conn,
            app::ssr::db::organisations::NewOrganisation {
                slug: "testby-kommune",
                name: "Testby kommune",
                kind: app::domain::organisation::OrgKind::Municipality,
                number: "1234",
                population: 5000,
                population_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                written_standard: app::domain::organisation::WrittenStandard::Nn,
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let _ = conn.close().await;
    }

    let bad_email = run(
        &[
            "user",
            "create",
            "--org",
            "testby-kommune",
            "--role",
            "admin",
            "--email",
            "ikke-en-adresse",
        ],
        &env,
        None,
    );
    assert!(!bad_email.status.success());
    assert!(
        stderr(&bad_email).contains("invalid email address"),
        "{}",
        stderr(&bad_email)
    );

    let bad_role = run(
        &[
            "user",
            "create",
            "--org",
            "testby-kommune",
            "--role",
            "sjef",
            "--email",
            "a@testby.kommune.no",
        ],
        &env,
        None,
    );
    assert!(!bad_role.status.success());
    assert!(
        stderr(&bad_role).contains("unknown role"),
        "{}",
        stderr(&bad_role)
    );

    let bad_org = run(
        &[
            "user",
            "create",
            "--org",
            "finnes-ikke",
            "--role",
            "admin",
            "--email",
            "a@testby.kommune.no",
        ],
        &env,
        None,
    );
    assert!(!bad_org.status.success());
    assert!(
        stderr(&bad_org).contains("no organisation with slug"),
        "{}",
        stderr(&bad_org)
    );

    let ok = run(
        &[
            "user",
            "create",
            "--org",
            "testby-kommune",
            "--role",
            "admin",
            "--email",
            "Sjef@Testby.Kommune.no",
            "--name",
            "Siri Sjef",
        ],
        &env,
        None,
    );
    assert!(ok.status.success(), "{}", stderr(&ok));

    // Password from standard input.
    let from_stdin = run(
        &[
            "user",
            "create",
            "--org",
            "testby-kommune",
            "--role",
            "moderator",
            "--email",
            "mod@testby.kommune.no",
        ],
        &[("DATABASE_URL", url)],
        Some("enda et langt passord\n"),
    );
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));

    let conn = app::ssr::db::connect(url).await.unwrap();
    let user = app::ssr::db::staff::find_user_by_email(&conn, "sjef@testby.kommune.no")
        .await
        .unwrap()
        .expect("created");
    assert_eq!(user.name, "Siri Sjef");
    assert!(
        user.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
    );
    assert!(
        app::ssr::security::password::verify_password(
            "et langt og sikkert passord".into(),
            Some(user.password_hash)
        )
        .await
    );
    let moderator = app::ssr::db::staff::find_user_by_email(&conn, "mod@testby.kommune.no")
        .await
        .unwrap()
        .unwrap();
    assert!(
        app::ssr::security::password::verify_password(
            "enda et langt passord".into(),
            Some(moderator.password_hash)
        )
        .await
    );
    let _ = conn.close().await;
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// The operator, with the command line only: the platform administrator, then a municipality
/// (its number checked against SSB, its population from a Statbank CSV, its first admin
/// invited by mail), deactivated and reactivated; wrong input named by its option.
async fn the_command_line_onboards_a_municipality_without_sql(backend: Backend) {
    let db = TestDb::new(backend).await;
    let url = db.url.as_str();
    let env = [
        ("DATABASE_URL", url),
        ("INNSPILL_PASSWORD", "et langt og sikkert passord"),
    ];
    let admin = run(
        &[
            "admin",
            "create",
            "--email",
            "Plattform@Testby.example",
            "--name",
            "Pia Plattform",
        ],
        &env,
        None,
    );
    assert!(admin.status.success(), "{}", stderr(&admin));
    assert!(stdout(&admin).contains("is the platform administrator"));

    let base = |number: &'static str| {
        vec![
            "org",
            "create",
            "--kind",
            "kommune",
            "--number",
            number,
            "--name",
            "Bergen kommune",
            "--written-standard",
            "nn",
            "--body",
            "Bystyret",
            "--body",
            "Byrådet",
            "--admin-email",
            "admin@bergen.example",
        ]
    };
    let mut unknown = base("5699");
    unknown.extend(["--population", "1000", "--population-date", "2026-01-01"]);
    let refused = run(&unknown, &env, None);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused)
            .contains("--number: This number is not in Statistics Norway's current classification"),
        "{}",
        stderr(&refused)
    );

    let csv = std::env::temp_dir().join(format!("07459-{}.csv", uuid::Uuid::new_v4()));
    std::fs::write(
        &csv,
        "\"region\";\"statistikkvariabel\";\"år\";\"07459: Befolkning\"\n\
         \"4601 Bergen\";\"Personer\";\"2026\";293000\n",
    )
    .unwrap();
    let mut right = base("4601");
    let csv_arg = csv.display().to_string();
    right.extend(["--population-csv", csv_arg.as_str()]);
    let created = run(&right, &env, None);
    let _ = std::fs::remove_file(&csv);
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(stdout(&created).contains("Organisation bergen-kommune is created"));

    let conn = app::ssr::db::connect(url).await.unwrap();
    let platform = app::ssr::db::staff::find_user_by_email(&conn, "plattform@testby.example")
        .await
        .unwrap()
        .expect("created");
    assert!(platform.platform_admin);
    let org = app::ssr::db::organisations::model_by_slug(&conn, "bergen-kommune")
        .await
        .unwrap()
        .expect("created");
    assert_eq!(
        (org.population, org.written_standard.as_str()),
        (293_000, "nn")
    );
    assert_eq!(org.population_date.to_string(), "2026-01-01");
    use app::ssr::db::entities::{invitation, mail_outbox};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let invited = invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(org.id))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(invited.len(), 1);
    assert_eq!(
        (invited[0].email.as_str(), invited[0].role.as_str()),
        ("admin@bergen.example", "admin")
    );
    let queued = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq("admin@bergen.example"))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1, "the invitation waits for the worker");

    let off = run(
        &["org", "deactivate", "--slug", "bergen-kommune"],
        &env,
        None,
    );
    assert!(off.status.success(), "{}", stderr(&off));
    let org = app::ssr::db::organisations::model_by_slug(&conn, "bergen-kommune")
        .await
        .unwrap()
        .unwrap();
    assert!(org.deactivated_at.is_some());
    let on = run(
        &["org", "reactivate", "--slug", "bergen-kommune"],
        &env,
        None,
    );
    assert!(on.status.success(), "{}", stderr(&on));
    let org = app::ssr::db::organisations::model_by_slug(&conn, "bergen-kommune")
        .await
        .unwrap()
        .unwrap();
    assert!(org.deactivated_at.is_none());
    let missing = run(&["org", "deactivate", "--slug", "finnes-ikke"], &env, None);
    assert!(stderr(&missing).contains("no organisation with slug \"finnes-ikke\""));
    let nobody = run(
        &[
            "user",
            "second-factor-off",
            "--email",
            "ingen@testby.example",
        ],
        &env,
        None,
    );
    assert!(!nobody.status.success());
    assert!(stderr(&nobody).contains("no staff user has that address"));
    let _ = conn.close().await;
}

on_both_databases!(
    user_create_bootstraps_an_admin_and_refuses_bad_input,
    the_command_line_onboards_a_municipality_without_sql,
);

#[test]
fn an_unreachable_database_at_start_is_one_clear_line_and_a_failure() {
    let out = run(
        &["migrate"],
        &[("DATABASE_URL", "postgres://postgres@127.0.0.1:1/innspill")],
        None,
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("cannot open the database (DATABASE_URL)"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn production_refuses_development_secrets_and_the_file_mailer() {
    // Unset, the environment is production.
    for env in ["production", ""] {
        let out = run(&[], &[("INNSPILL_ENV", env)], None);
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains("INNSPILL_SECRET_KEY"),
            "{env:?}: {}",
            stderr(&out)
        );
    }

    let dev_key = app::ssr::state::settings::DEV_SECRET_KEY;
    let out = run(
        &[],
        &[
            ("INNSPILL_ENV", "production"),
            ("INNSPILL_SECRET_KEY", dev_key),
        ],
        None,
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("INNSPILL_SECRET_KEY"));

    let key = "a-real-production-secret-of-sufficient-length-0123456789";
    let out = run(
        &[],
        &[
            ("INNSPILL_ENV", "production"),
            ("INNSPILL_SECRET_KEY", key),
            ("INNSPILL_MAIL_BACKEND", "files"),
        ],
        None,
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("INNSPILL_MAIL_BACKEND"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn production_refuses_an_id_porten_issuer_that_is_not_https() {
    let base = [
        ("INNSPILL_ENV", "production"),
        (
            "INNSPILL_SECRET_KEY",
            "a-real-production-secret-of-sufficient-length-0123456789",
        ),
        ("INNSPILL_MAIL_BACKEND", "smtp"),
        ("INNSPILL_SMTP_URL", "smtps://user:pass@smtp.example.no:465"),
        ("INNSPILL_BASE_URL", "https://innspill.example.no"),
        (
            "INNSPILL_PID_KEY",
            "another-real-production-secret-0123456789",
        ),
        ("IDPORTEN_CLIENT_ID", "innspill"),
        ("IDPORTEN_CLIENT_SECRET", "secret"),
    ];
    let mut env = base.to_vec();
    env.push(("IDPORTEN_ISSUER", "http://test.idporten.no"));
    let out = run(&[], &env, None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("IDPORTEN_ISSUER must be an https:// address"),
        "{}",
        stderr(&out)
    );
    let out = run(&[], &base, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("IDPORTEN_ISSUER is required in production"));
    let mut env = base.to_vec();
    env.retain(|(k, _)| *k != "INNSPILL_PID_KEY");
    env.push(("IDPORTEN_ISSUER", "https://test.idporten.no"));
    let out = run(&[], &env, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("INNSPILL_PID_KEY is required in production"));
}

#[test]
fn production_names_what_the_national_registers_are_missing() {
    let base = [
        ("INNSPILL_ENV", "production"),
        (
            "INNSPILL_SECRET_KEY",
            "a-real-production-secret-of-sufficient-length-0123456789",
        ),
        ("INNSPILL_MAIL_BACKEND", "smtp"),
        ("INNSPILL_SMTP_URL", "smtps://user:pass@smtp.example.no:465"),
        ("INNSPILL_BASE_URL", "https://innspill.example.no"),
        (
            "INNSPILL_PID_KEY",
            "another-real-production-secret-0123456789",
        ),
        ("IDPORTEN_ISSUER", "https://test.idporten.no"),
        ("IDPORTEN_CLIENT_ID", "innspill"),
        ("IDPORTEN_CLIENT_SECRET", "secret"),
    ];
    let refusal = |extra: &[(&'static str, &'static str)]| {
        let mut env = base.to_vec();
        env.extend_from_slice(extra);
        let out = run(&[], &env, None);
        assert!(!out.status.success());
        stderr(&out)
    };
    let err = refusal(&[("INNSPILL_RESIDENCY_REGISTER", "fixture")]);
    assert!(
        err.contains("not for production; use folkeregisteret"),
        "{err}"
    );
    let err = refusal(&[
        ("INNSPILL_RESIDENCY_REGISTER", "folkeregisteret"),
        (
            "INNSPILL_FOLKEREGISTERET_URL",
            "https://folkeregisteret.api.skatteetaten.no",
        ),
    ]);
    assert!(err.contains("needs Maskinporten"), "{err}");
    let err = refusal(&[
        ("INNSPILL_RESIDENCY_REGISTER", "folkeregisteret"),
        (
            "INNSPILL_FOLKEREGISTERET_URL",
            "http://folkeregisteret.example",
        ),
    ]);
    assert!(
        err.contains("INNSPILL_FOLKEREGISTERET_URL must be an https://"),
        "{err}"
    );
    let err = refusal(&[
        ("INNSPILL_MASKINPORTEN_ISSUER", "https://maskinporten.no/"),
        ("INNSPILL_MASKINPORTEN_CLIENT_ID", "innspill"),
        ("INNSPILL_MASKINPORTEN_KEY_FILE", "/nonexistent/key.pem"),
    ]);
    assert!(err.contains("INNSPILL_MASKINPORTEN_KEY_FILE"), "{err}");
    let err = refusal(&[("INNSPILL_CONTACT_REGISTER", "fixture")]);
    assert!(err.contains("INNSPILL_CONTACT_REGISTER=fixture"), "{err}");
}
