//! Downloads of stored files: a hearing's documents (public once the hearing is, before that
//! for its editors), and submission attachments (public when the submission is published as
//! sent; otherwise only for the organisation's screeners). A refusal is a page in the visitor's
//! language.

use app::domain::lang::Lang;
use app::domain::submission::Publication;
use app::error::AppError;
use app::ssr::db::entities::{hearing, hearing_document};
use app::ssr::http::fetch_site::own_site_only;
use app::ssr::http::page::{error_response, lang_from_headers};
use app::ssr::security::auth::current_staff;
use app::ssr::services::hearings::EDITORS;
use app::ssr::services::screening::SCREENERS;
use app::ssr::{AppState, OrInternal};
use axum::extract::{FromRequestParts, Path, State};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderValue, header};
use sea_orm::EntityTrait;
use tower_sessions::Session;

/// The visitor's language (their `lang` cookie), for a refusal's page.
pub struct VisitorLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for VisitorLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(lang_from_headers(&parts.headers)))
    }
}

/// The file, or the refusal as a page in `lang`.
fn answer(lang: Lang, r: Result<Response, AppError>) -> Response {
    r.unwrap_or_else(|e| error_response(lang, &e))
}

/// A file as a download, under its safe stored name.
pub fn download(bytes: Vec<u8>, content_type: &str, file_name: &str, public: bool) -> Response {
    with_download_headers(bytes.into_response(), content_type, file_name, public)
}

/// A stored file as a download, sent as it is read from the store (never whole in memory).
async fn stored(
    state: &AppState,
    key: &str,
    content_type: &str,
    file_name: &str,
    public: bool,
) -> Result<Response, AppError> {
    let reading = state.files.open(key).await.or_internal()?;
    let size = reading.meta.size;
    let mut res = axum::body::Body::from_stream(reading.into_stream()).into_response();
    res.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    Ok(with_download_headers(res, content_type, file_name, public))
}

/// `res` as a download of `file_name`: its type, its name (ASCII and UTF-8) and who may cache it.
fn with_download_headers(
    mut res: Response,
    content_type: &str,
    file_name: &str,
    public: bool,
) -> Response {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        app::paths::urlencode(file_name)
    );
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if public {
            "public, max-age=600"
        } else {
            "private, no-store"
        }),
    );
    res
}

/// Whether the session's staff user has one of `roles` in the organisation.
async fn staff_may(
    state: &AppState,
    session: &Session,
    organisation_id: i32,
    roles: &[app::domain::role::Role],
) -> bool {
    matches!(current_staff(state, session).await, Ok(Some(s)) if s.require(organisation_id, roles).is_ok())
}

/// `GET /filer/dokument/{id}/{name}`
pub async fn document(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    session: Session,
    Path((id, _name)): Path<(i32, String)>,
) -> Response {
    answer(lang, serve_document(&state, &session, id).await)
}

async fn serve_document(
    state: &AppState,
    session: &Session,
    id: i32,
) -> Result<Response, AppError> {
    let doc = hearing_document::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let h = hearing::Entity::find_by_id(doc.hearing_id)
        .one(&state.db)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let public = app::ssr::db::hearings::is_public(&h);
    if !public && !staff_may(state, session, h.organisation_id, EDITORS).await {
        return Err(AppError::NotFound);
    }
    stored(
        state,
        &doc.storage_key,
        &doc.content_type,
        &doc.file_name,
        public,
    )
    .await
}

/// `GET /filer/vedlegg/{id}/{name}`
pub async fn attachment(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    session: Session,
    Path((id, _name)): Path<(i32, String)>,
) -> Response {
    answer(lang, serve_attachment(&state, &session, id).await)
}

async fn serve_attachment(
    state: &AppState,
    session: &Session,
    id: i32,
) -> Result<Response, AppError> {
    let (a, s) = app::ssr::db::submissions::find_attachment(&state.db, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let public = s.confirmed_at.is_some() && s.publication == Publication::Published.as_str();
    if !public && !staff_may(state, session, s.organisation_id, SCREENERS).await {
        return Err(AppError::NotFound);
    }
    stored(state, &a.storage_key, &a.content_type, &a.file_name, public).await
}

/// `GET /org/{slug}/ansatt/horinger/{id}/eksport.csv`: for the hearing's screeners.
pub async fn export_csv(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    headers: http::HeaderMap,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
) -> Response {
    let res = match own_site_only(&headers) {
        Ok(()) => export(&state, &session, &slug, id, Export::Csv).await,
        Err(e) => Err(e),
    };
    answer(lang, res)
}

/// `GET /org/{slug}/ansatt/horinger/{id}/eksport.zip`: for the hearing's screeners.
pub async fn export_zip(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    headers: http::HeaderMap,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
) -> Response {
    let res = match own_site_only(&headers) {
        Ok(()) => export(&state, &session, &slug, id, Export::Zip).await,
        Err(e) => Err(e),
    };
    answer(lang, res)
}

enum Export {
    Csv,
    Zip,
}

async fn export(
    state: &AppState,
    session: &Session,
    slug: &str,
    id: i32,
    kind: Export,
) -> Result<Response, AppError> {
    use app::ssr::services::hearings::exports;
    let staff = current_staff(state, session)
        .await
        .or_internal()?
        .ok_or(AppError::Unauthorized)?;
    match kind {
        Export::Csv => {
            let e = exports::csv(state, &staff, slug, id).await?;
            Ok(download(e.bytes, e.content_type, &e.file_name, false))
        }
        Export::Zip => {
            let e = exports::zip(state, &staff, slug, id).await?;
            let chunks = futures::stream::unfold(e.chunks, |mut rx| async move {
                rx.recv().await.map(|chunk| (chunk, rx))
            });
            let res = axum::body::Body::from_stream(chunks).into_response();
            Ok(with_download_headers(
                res,
                e.content_type,
                &e.file_name,
                false,
            ))
        }
    }
}

/// `GET /filer/forslag/{id}/{name}`: an initiative's attachment, public once the initiative is;
/// before that for its proposer, and for the organisation's handlers once it is sent to
/// screening.
pub async fn initiative_attachment(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    session: Session,
    Path((id, _name)): Path<(i32, String)>,
) -> Response {
    answer(
        lang,
        serve_initiative_attachment(&state, &session, id).await,
    )
}

async fn serve_initiative_attachment(
    state: &AppState,
    session: &Session,
    id: i32,
) -> Result<Response, AppError> {
    use app::domain::initiative::InitiativeStatus;
    let (a, i) = app::ssr::db::initiatives::find_attachment(&state.db, id)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let status = InitiativeStatus::parse(&i.status);
    let public = status.is_some_and(InitiativeStatus::is_public);
    let proposer = matches!(
        app::ssr::security::auth::current_citizen(state, session).await,
        Ok(Some(c)) if c.person_id == i.person_id
    );
    // As its page: handlers see it once the proposer has sent it to screening, not a draft.
    let sent = status.is_some_and(|s| s != InitiativeStatus::Draft);
    let handler = sent
        && staff_may(
            state,
            session,
            i.organisation_id,
            app::ssr::services::initiatives::staff::HANDLERS,
        )
        .await;
    if !public && !proposer && !handler {
        return Err(AppError::NotFound);
    }
    stored(state, &a.storage_key, &a.content_type, &a.file_name, public).await
}

/// `GET /org/{slug}/ansatt/innbyggerforslag/{id}/underskrifter.csv`: the signature list, for
/// the organisation's handlers (on record in the audit log).
pub async fn signature_csv(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    headers: http::HeaderMap,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
) -> Response {
    let res = match own_site_only(&headers) {
        Ok(()) => serve_signature_csv(&state, &session, &slug, id).await,
        Err(e) => Err(e),
    };
    answer(lang, res)
}

async fn serve_signature_csv(
    state: &AppState,
    session: &Session,
    slug: &str,
    id: i32,
) -> Result<Response, AppError> {
    use app::ssr::services::initiatives::staff::signature_list;
    let staff = current_staff(state, session)
        .await
        .or_internal()?
        .ok_or(AppError::Unauthorized)?;
    let list = signature_list::signature_list(state, &staff, slug, id, "csv").await?;
    let bytes = signature_list::signature_csv(&list).or_internal()?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        &format!("innbyggerforslag-{id}-underskrifter.csv"),
        false,
    ))
}

/// `GET /org/{slug}/ansatt/undersokelser/{id}/svar.csv`: a survey's pseudonymous microdata, for
/// those who run surveys (on record in the audit log).
pub async fn survey_microdata_csv(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    headers: http::HeaderMap,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
) -> Response {
    let res = match own_site_only(&headers) {
        Ok(()) => serve_survey_microdata(&state, &session, &slug, id).await,
        Err(e) => Err(e),
    };
    answer(lang, res)
}

async fn serve_survey_microdata(
    state: &AppState,
    session: &Session,
    slug: &str,
    id: i32,
) -> Result<Response, AppError> {
    let staff = current_staff(state, session)
        .await
        .or_internal()?
        .ok_or(AppError::Unauthorized)?;
    let bytes =
        app::ssr::services::surveys::microdata::microdata_csv(state, &staff, slug, id).await?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        &format!("undersokelse-{id}-svar.csv"),
        false,
    ))
}

/// `GET /org/{slug}/ansatt/innbyggerpanel/{id}/trekk/{draw}/brev.csv`: a draw's open letters
/// (name, postal address, enrolment code) for a print house, to those who run panels (on record
/// in the audit log).
pub async fn panel_letters_csv(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    headers: http::HeaderMap,
    session: Session,
    Path((slug, id, draw)): Path<(String, i32, i32)>,
) -> Response {
    let res = match own_site_only(&headers) {
        Ok(()) => serve_panel_letters(&state, &session, &slug, id, draw).await,
        Err(e) => Err(e),
    };
    answer(lang, res)
}

async fn serve_panel_letters(
    state: &AppState,
    session: &Session,
    slug: &str,
    id: i32,
    draw: i32,
) -> Result<Response, AppError> {
    let staff = current_staff(state, session)
        .await
        .or_internal()?
        .ok_or(AppError::Unauthorized)?;
    let bytes =
        app::ssr::services::panels::recruitment::letters_csv(state, &staff, slug, id, draw).await?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        &format!("innbyggerpanel-{id}-trekk-{draw}-brev.csv"),
        false,
    ))
}

/// `GET /meg/data/{id}`: a citizen's own download of their data (built by the worker), to the
/// same logged-in person only, until it expires.
pub async fn my_data(
    State(state): State<AppState>,
    VisitorLang(lang): VisitorLang,
    headers: http::HeaderMap,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    let res = match own_site_only(&headers) {
        Ok(()) => serve_my_data(&state, &session, id).await,
        Err(e) => Err(e),
    };
    answer(lang, res)
}

async fn serve_my_data(state: &AppState, session: &Session, id: i64) -> Result<Response, AppError> {
    let citizen = app::ssr::security::auth::current_citizen(state, session)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let bytes = app::ssr::services::my_data::export::download(state, &citizen, id).await?;
    Ok(download(
        bytes,
        "application/zip",
        &format!("innspill-mine-data-{id}.zip"),
        false,
    ))
}
