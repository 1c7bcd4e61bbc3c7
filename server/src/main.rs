//! `innspill`: serve, migrate, or manage users. See `innspill --help`.

use app::domain::role::Role;
use clap::Parser;
use server::cli::{AdminCommand, Cli, Command, OrgCommand, UserCommand};
use server::config::Config;
use server::{startup, telemetry};
use std::io::BufRead;
use std::process::ExitCode;

/// mimalloc gives freed memory back to the system. With glibc's allocator one password hash
/// (argon2, 19 MiB) raised the threshold below which memory is taken from the heap, and the
/// process kept about 110 MiB it no longer used (145 MiB idle after seeding the demo).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("innspill: configuration error: {e}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(config.settings.is_production());
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => startup::build_state(&config, startup::system_clock())
            .await
            .map(|_| {
                println!("Database is migrated.");
            }),
        Command::User {
            command:
                UserCommand::Create {
                    org,
                    role,
                    email,
                    name,
                },
        } => create_user(config, org, role, email, name).await,
        Command::User {
            command: UserCommand::SecondFactorOff { email },
        } => second_factor_off(config, email).await,
        Command::Admin {
            command: AdminCommand::Create { email, name },
        } => create_platform_admin(config, email, name).await,
        Command::Org { command } => org(config, command).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("innspill: {e}");
            ExitCode::FAILURE
        }
    }
}

fn ensure_sqlite_dir(url: &str) {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or("");
        if let Some(dir) = std::path::Path::new(path).parent() {
            let _ = std::fs::create_dir_all(dir);
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    ensure_sqlite_dir(&config.database_url);
    let state = startup::build_state(&config, startup::system_clock()).await?;
    app::ssr::security::password::warm_up();
    if config.seed_demo {
        seed_demo(&state).await?;
    }
    let running = startup::start(state, config.site_addr, true).await?;
    println!("Innspill is running at http://{}", running.addr);
    tracing::info!(addr = %running.addr, "listening");
    startup::shutdown_signal().await;
    tracing::info!("shutting down");
    running.stop().await;
    Ok(())
}

/// Seeds the demo into an empty database and prints the demo staff users.
#[cfg(feature = "demo")]
async fn seed_demo(state: &app::ssr::AppState) -> Result<(), String> {
    if app::demo::seed_demo(state).await? {
        app::demo::follows::seed(state).await?;
        println!(
            "Demo followers created; {} got one mail of each notification kind.",
            app::demo::follows::DEMO_FOLLOWER
        );
        println!("Demo data created. Staff users (email / password):");
        for (role, email, _, password) in app::demo::DEMO_STAFF {
            println!("  {:<17} {email} / {password}", role.as_str());
        }
        let (email, _, password) = app::demo::DEMO_COUNTY_ADMIN;
        println!("  {:<17} {email} / {password}  (county)", "admin");
        let (email, _, password) = app::demo::DEMO_LILLEVIK_ADMIN;
        println!("  {:<17} {email} / {password}  (Lillevik)", "admin");
        let (email, _, password) = app::demo::DEMO_PLATFORM_ADMIN;
        println!(
            "  {:<17} {email} / {password}  (/plattform)",
            "platform admin"
        );
    }
    Ok(())
}

/// A build without the `demo` feature (a release) has no demo to seed.
#[cfg(not(feature = "demo"))]
async fn seed_demo(_state: &app::ssr::AppState) -> Result<(), String> {
    eprintln!(
        "innspill: INNSPILL_DEMO_SEED is set, but this build has no demo data (feature `demo`)"
    );
    Ok(())
}

/// The password of a new account: INNSPILL_PASSWORD, else the first line of standard input.
fn read_password() -> Result<String, String> {
    match std::env::var("INNSPILL_PASSWORD") {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            Ok(line.trim_end_matches(['\n', '\r']).to_string())
        }
    }
}

/// The name given, or the part of the address before @.
fn name_or_local_part(name: Option<String>, email: &app::domain::email::Email) -> String {
    name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_string())
}

async fn state_of(config: &Config) -> Result<app::ssr::AppState, String> {
    ensure_sqlite_dir(&config.database_url);
    startup::build_state(config, startup::system_clock()).await
}

async fn create_user(
    config: Config,
    org: String,
    role: String,
    email: String,
    name: Option<String>,
) -> Result<(), String> {
    let role = Role::parse(&role).map_err(|e| e.to_string())?;
    let email_ok = app::domain::email::Email::parse(&email)
        .map_err(|_| format!("invalid email address {email:?}"))?;
    let password = read_password()?;
    let state = state_of(&config).await?;
    let name = name_or_local_part(name, &email_ok);
    let id = app::ssr::services::users::create_user(&state, &org, role, &email, &name, &password)
        .await
        .map_err(|e| e.to_string())?;
    println!("Staff user {id} has the role {} in {org}.", role.as_str());
    Ok(())
}

async fn create_platform_admin(
    config: Config,
    email: String,
    name: Option<String>,
) -> Result<(), String> {
    let email_ok = app::domain::email::Email::parse(&email)
        .map_err(|_| format!("invalid email address {email:?}"))?;
    let state = state_of(&config).await?;
    let exists = app::ssr::db::staff::find_user_by_email(&state.db, email_ok.as_str())
        .await
        .map_err(|e| e.to_string())?
        .is_some();
    let password = if exists {
        String::new()
    } else {
        read_password()?
    };
    let name = name_or_local_part(name, &email_ok);
    let id = app::ssr::services::users::create_platform_admin(&state, &email, &name, &password)
        .await
        .map_err(|e| e.to_string())?;
    println!("Staff user {id} is the platform administrator; they log in at /ansatt/logg-inn.");
    Ok(())
}

async fn second_factor_off(config: Config, email: String) -> Result<(), String> {
    let state = state_of(&config).await?;
    match app::ssr::services::users::second_factor_off(&state, &email).await {
        Ok(true) => {
            println!("The second factor is off; they set it up again after their next login.");
            Ok(())
        }
        Ok(false) => Err("no staff user has that address".into()),
        Err(e) => Err(e.to_string()),
    }
}

async fn org(config: Config, command: OrgCommand) -> Result<(), String> {
    use server::cli::onboarding;
    let state = state_of(&config).await?;
    match command {
        OrgCommand::Create(args) => {
            let slug = onboarding::org_create(&state, *args).await?;
            println!(
                "Organisation {slug} is created at /org/{slug}; its first administrator is invited by mail."
            );
        }
        OrgCommand::Deactivate { slug } => {
            onboarding::org_set_active(&state, &slug, false).await?;
            println!(
                "Organisation {slug} is deactivated; its pages say so, and nothing is deleted."
            );
        }
        OrgCommand::Reactivate { slug } => {
            onboarding::org_set_active(&state, &slug, true).await?;
            println!("Organisation {slug} uses Innspill again.");
        }
    }
    Ok(())
}
