//! Assembling the application: state, router, background worker, and serving with graceful
//! shutdown.

use crate::config::Config;
use crate::{branding, files, idporten, open_data, routes, security, static_files, worker};
use app::ssr::AppState;
use app::ssr::http::session_store::DbSessionStore;
use app::ssr::idporten::IdPorten;
use app::ssr::mail::Mailer;
use app::ssr::state::clock::Clock;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::middleware::from_fn;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::StatusCode;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(app::ssr::http::site::OUTPUT_NAME)
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build()
}

/// Connects to the database (migrating it) and builds the shared state.
pub async fn build_state(config: &Config, clock: Clock) -> Result<AppState, String> {
    let db = app::ssr::db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database (DATABASE_URL): {e}"))?;
    let mailer = Mailer::from_backend(&config.settings.mail_backend)?;
    let idporten = IdPorten::new(config.settings.idporten.clone())?;
    Ok(AppState {
        db,
        idporten: Arc::new(idporten),
        files: AppState::files_from(&config.settings)?,
        residency: Arc::new(AppState::residency_from(&config.settings)?),
        contacts: Arc::new(AppState::contacts_from(&config.settings)?),
        signature_counts: Default::default(),
        initiative_cache: Default::default(),
        signing_writer: Default::default(),
        session_citizens: Default::default(),
        session_viewers: Default::default(),
        page_cache: Default::default(),
        hashing: Default::default(),
        signing_over_limit: Default::default(),
        written_standards: Default::default(),
        settings: Arc::new(config.settings.clone()),
        mailer,
        clock,
        leptos_options: leptos_options(config),
    })
}

/// Server-function errors are `AppError`s: give the response the error's own status (401, 403,
/// 404, 409, 422, 429, 500) instead of leptos' blanket 500. Plain form posts are redirects and
/// pass untouched.
async fn server_fn_status(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(e) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn page_context(state: AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(state.clone());
        // A page going into the page cache gets a placeholder, filled in per response.
        if app::ssr::http::page_cache::is_fill() {
            provide_context(leptos::nonce::Nonce::from_value(
                app::ssr::http::page_cache::MARKS.nonce.as_str(),
            ));
        } else {
            leptos::nonce::provide_nonce();
        }
    }
}

/// The app's routes, generated once per process: generating them runs the app with resource
/// loading suppressed process-wide, which would stall a page rendering at that very moment
/// (leptos issue 4773) — as when tests start servers beside running ones.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The paths of the app's pages, as the router names them (for the authorisation matrix).
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
}

pub fn router(state: AppState) -> Router {
    let site_root = state.leptos_options.site_root.to_string();
    let routes = route_list();
    let options = state.leptos_options.clone();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(app::ssr::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.is_production())
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            state.settings.session_idle_minutes,
        )));
    let pages = Router::new()
        .route("/auth/idporten/login", get(idporten::login))
        .route("/auth/idporten/callback", get(idporten::callback))
        .route("/auth/idporten/logout", post(idporten::logout))
        .route("/auth/idporten/logged-out", get(idporten::logged_out))
        .route("/filer/dokument/{id}/{name}", get(files::document))
        .route("/filer/vedlegg/{id}/{name}", get(files::attachment))
        .route(
            "/filer/forslag/{id}/{name}",
            get(files::initiative_attachment),
        )
        .route(
            "/org/{slug}/ansatt/innbyggerforslag/{id}/underskrifter.csv",
            get(files::signature_csv),
        )
        .route(
            "/org/{slug}/ansatt/horinger/{id}/eksport.csv",
            get(files::export_csv),
        )
        .route(
            "/org/{slug}/ansatt/undersokelser/{id}/svar.csv",
            get(files::survey_microdata_csv),
        )
        .route(
            "/org/{slug}/ansatt/innbyggerpanel/{id}/trekk/{draw}/brev.csv",
            get(files::panel_letters_csv),
        )
        .route(
            "/org/{slug}/ansatt/horinger/{id}/eksport.zip",
            get(files::export_zip),
        )
        .route("/meg/data/{id}", get(files::my_data))
        .route("/org/{slug}/logo/{version}", get(branding::logo))
        .route("/org/{slug}/tema/{file}", get(branding::theme))
        .leptos_routes_with_context(&state, routes, page_context(state.clone()), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(page_context(state.clone()), shell))
        .layer(from_fn(server_fn_status))
        .layer(axum::middleware::from_fn_with_state(
            state.settings.session_idle_minutes,
            app::ssr::http::session_store::slide,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::ssr::http::page_cache::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::ssr::http::csrf::csrf_layer,
        ))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::ssr::http::written_standard::layer,
        ))
        // Five attachments of 10 MB, or one 25 MB document, and the form around them.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            64 * 1024 * 1024,
        ));
    Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(routes::readyz))
        .route("/sprak/{code}", get(routes::set_lang))
        .route("/api/v1/organisations", get(open_data::organisations))
        .route("/api/v1/hearings", get(open_data::hearings::list))
        .route("/api/v1/hearings/{id}", get(open_data::hearings::detail))
        .route(
            "/api/v1/organisations/{slug}/hearings.atom",
            get(open_data::hearings::feed),
        )
        .route("/api/v1/initiatives", get(open_data::initiatives::list))
        .route(
            "/api/v1/initiatives/{id}",
            get(open_data::initiatives::detail),
        )
        .route(
            "/api/v1/organisations/{slug}/initiatives.atom",
            get(open_data::initiatives::feed),
        )
        .route("/api/v1/surveys", get(open_data::surveys::list))
        .route(
            "/api/v1/surveys/{id}/results",
            get(open_data::surveys::results),
        )
        .route("/api/v1/events.atom", get(open_data::events::list))
        .route(
            "/api/v1/hearings/{id}/events.atom",
            get(open_data::events::hearing),
        )
        .route(
            "/api/v1/initiatives/{id}/events.atom",
            get(open_data::events::initiative),
        )
        .route("/api/v1/openapi.json", get(open_data::openapi::openapi))
        // Outside the session and CSRF layers: mail clients post here (RFC 8058), with no
        // cookie and no form token; the page at the same address is one of the app's.
        .route("/avmeld/{token}", post(routes::unsubscribe))
        .route("/forlat-panel/{token}", post(routes::leave_panel))
        // Outside the session layer: ID-porten calls it from an iframe, with no session.
        .route(
            "/auth/idporten/frontchannel-logout",
            get(idporten::frontchannel_logout),
        )
        // Static files stay outside the session layer: a request that carries the session
        // cookie but changes nothing must not race a form post and save a stale session.
        .nest_service("/pkg", static_files::site(&site_root))
        .route_service(
            "/favicon.svg",
            static_files::file(&site_root, "favicon.svg"),
        )
        .route_service("/robots.txt", static_files::file(&site_root, "robots.txt"))
        .route_service(
            "/autosubmit.js",
            static_files::file(&site_root, "autosubmit.js"),
        )
        .merge(pages)
        .layer(from_fn(app::ssr::http::nul::refuse_nul))
        .layer(axum::middleware::from_fn_with_state(
            state.settings.is_production(),
            security::headers,
        ))
        .layer(static_files::compression())
        .with_state(state)
}

/// A running server: its address, its state, and a handle to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: watch::Sender<bool>,
    server: tokio::task::JoinHandle<()>,
    worker: tokio::task::JoinHandle<()>,
}

impl Running {
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.server.await;
        let _ = self.worker.await;
    }
}

/// Binds `addr` (port 0 picks a free port) and serves until `stop` or a shutdown signal.
pub async fn start(
    state: AppState,
    addr: SocketAddr,
    with_worker: bool,
) -> Result<Running, String> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    start_on(listener, state, with_worker).await
}

/// Serves on a listener already bound (tests bind first, so that the state can know its own
/// address).
pub async fn start_on(
    listener: TcpListener,
    state: AppState,
    with_worker: bool,
) -> Result<Running, String> {
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (tx, rx) = watch::channel(false);
    let app = router(state.clone());
    let mut srv_rx = rx.clone();
    let server = tokio::spawn(async move {
        let shutdown = async move {
            let _ = srv_rx.changed().await;
        };
        if let Err(e) = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        {
            tracing::error!(error = %e, "server stopped with an error");
        }
    });
    let worker = if with_worker {
        worker::spawn(state.clone(), rx)
    } else {
        tokio::spawn(async {})
    };
    Ok(Running {
        addr,
        state,
        shutdown: tx,
        server,
        worker,
    })
}

/// Waits for SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

pub fn system_clock() -> Clock {
    Clock::system()
}
