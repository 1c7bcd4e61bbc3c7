//! Downloads of stored files: a hearing's documents (public once the hearing is, before that
//! for its editors), and submission attachments (public when the submission is published as
//! sent; otherwise only for the organisation's screeners).

use app::domain::hearing::HearingStatus;
use app::domain::submission::Publication;
use app::ssr::AppState;
use app::ssr::db::entities::{hearing, hearing_document};
use app::ssr::security::auth::current_staff;
use app::ssr::services::hearings::EDITORS;
use app::ssr::services::screening::SCREENERS;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use sea_orm::EntityTrait;
use tower_sessions::Session;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

fn internal(e: impl std::fmt::Display) -> Response {
    let _ = app::ssr::internal(e);
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
}

/// A file as a download, under its safe stored name.
pub fn download(bytes: Vec<u8>, content_type: &str, file_name: &str, public: bool) -> Response {
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
    let mut res = bytes.into_response();
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
    session: Session,
    Path((id, _name)): Path<(i32, String)>,
) -> Response {
    let doc = match hearing_document::Entity::find_by_id(id)
        .one(&state.db)
        .await
    {
        Ok(Some(d)) => d,
        Ok(None) => return not_found(),
        Err(e) => return internal(e),
    };
    let h = match hearing::Entity::find_by_id(doc.hearing_id)
        .one(&state.db)
        .await
    {
        Ok(Some(h)) => h,
        Ok(None) => return not_found(),
        Err(e) => return internal(e),
    };
    let public = HearingStatus::parse(&h.status).is_some_and(HearingStatus::is_public);
    if !public && !staff_may(&state, &session, h.organisation_id, EDITORS).await {
        return not_found();
    }
    match state.files.get(&doc.storage_key).await {
        Ok(bytes) => download(bytes, &doc.content_type, &doc.file_name, public),
        Err(e) => internal(e),
    }
}

/// `GET /filer/vedlegg/{id}/{name}`
pub async fn attachment(
    State(state): State<AppState>,
    session: Session,
    Path((id, _name)): Path<(i32, String)>,
) -> Response {
    let (a, s) = match app::ssr::db::submissions::find_attachment(&state.db, id).await {
        Ok(Some(x)) => x,
        Ok(None) => return not_found(),
        Err(e) => return internal(e),
    };
    let public = s.confirmed_at.is_some() && s.publication == Publication::Published.as_str();
    if !public && !staff_may(&state, &session, s.organisation_id, SCREENERS).await {
        return not_found();
    }
    match state.files.get(&a.storage_key).await {
        Ok(bytes) => download(bytes, &a.content_type, &a.file_name, public),
        Err(e) => internal(e),
    }
}

/// `GET /org/{slug}/ansatt/horinger/{id}/eksport.csv`: for the hearing's screeners.
pub async fn export_csv(
    state: State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
) -> Response {
    export(state, session, slug, id, "eksport.csv").await
}

/// `GET /org/{slug}/ansatt/horinger/{id}/eksport.zip`: for the hearing's screeners.
pub async fn export_zip(
    state: State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
) -> Response {
    export(state, session, slug, id, "eksport.zip").await
}

async fn export(
    State(state): State<AppState>,
    session: Session,
    slug: String,
    id: i32,
    file: &str,
) -> Response {
    use app::ssr::services::hearings::exports;
    let staff = match current_staff(&state, &session).await {
        Ok(Some(s)) => s,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "log in first").into_response(),
        Err(e) => return internal(e),
    };
    let res = match file {
        "eksport.csv" => exports::csv(&state, &staff, &slug, id).await,
        "eksport.zip" => exports::zip(&state, &staff, &slug, id).await,
        _ => return not_found(),
    };
    match res {
        Ok(e) => download(e.bytes, e.content_type, &e.file_name, false),
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("{e}")).into_response()
        }
    }
}

/// `GET /filer/forslag/{id}/{name}`: an initiative's attachment, public once the initiative is;
/// before that for its proposer's eyes only through their own page (and the organisation's
/// handlers).
pub async fn initiative_attachment(
    State(state): State<AppState>,
    session: Session,
    Path((id, _name)): Path<(i32, String)>,
) -> Response {
    use app::domain::initiative::InitiativeStatus;
    let (a, i) = match app::ssr::db::initiatives::find_attachment(&state.db, id).await {
        Ok(Some(x)) => x,
        Ok(None) => return not_found(),
        Err(e) => return internal(e),
    };
    let public = InitiativeStatus::parse(&i.status).is_some_and(InitiativeStatus::is_public);
    let proposer = matches!(
        app::ssr::security::auth::current_citizen(&state, &session).await,
        Ok(Some(c)) if c.person_id == i.person_id
    );
    if !public
        && !proposer
        && !staff_may(
            &state,
            &session,
            i.organisation_id,
            app::ssr::services::initiatives::staff::HANDLERS,
        )
        .await
    {
        return not_found();
    }
    match state.files.get(&a.storage_key).await {
        Ok(bytes) => download(bytes, &a.content_type, &a.file_name, public),
        Err(e) => internal(e),
    }
}

/// `GET /org/{slug}/ansatt/innbyggerforslag/{id}/underskrifter.csv`: the signature list, for
/// the organisation's handlers (on record in the audit log).
pub async fn signature_csv(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
) -> Response {
    use app::ssr::services::initiatives::staff::signature_list;
    let staff = match current_staff(&state, &session).await {
        Ok(Some(s)) => s,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "log in first").into_response(),
        Err(e) => return internal(e),
    };
    let list = match signature_list::signature_list(&state, &staff, &slug, id, "csv").await {
        Ok(l) => l,
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return (status, format!("{e}")).into_response();
        }
    };
    match signature_list::signature_csv(&list) {
        Ok(bytes) => download(
            bytes,
            "text/csv; charset=utf-8",
            &format!("innbyggerforslag-{id}-underskrifter.csv"),
            false,
        ),
        Err(e) => internal(e),
    }
}
