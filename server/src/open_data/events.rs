//! `GET /api/v1/hearings/{id}/events.atom` and `/api/v1/initiatives/{id}/events.atom`: a public
//! case's events (opened, extended, closed, decided, …) as an Atom feed, newest first, told in
//! the organisation's written standard — the same words the followers' mails use.

use crate::open_data::{atom_link, base_url, client_error, internal_error};
use app::domain::follow::CaseKind;
use app::ssr::AppState;
use app::ssr::services::follows::case_by_id;
use app::ssr::services::notifications::render::tell;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

pub async fn hearing(State(state): State<AppState>, Path(id): Path<i32>) -> Response {
    feed(&state, CaseKind::Hearing, id).await
}

pub async fn initiative(State(state): State<AppState>, Path(id): Path<i32>) -> Response {
    feed(&state, CaseKind::Initiative, id).await
}

async fn feed(state: &AppState, kind: CaseKind, id: i32) -> Response {
    use atom_syndication::{Entry, Feed, Person, Text};
    let case = match case_by_id(state, kind, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return client_error(StatusCode::NOT_FOUND, "no such case"),
        Err(e) => return internal_error(format!("{e:?}")),
    };
    let events = match app::ssr::db::case_events::of_case(&state.db, kind, id, 100).await {
        Ok(e) => e,
        Err(e) => return internal_error(e),
    };
    let base = base_url(state);
    let self_url = app::paths::absolute(
        &base,
        &match kind {
            CaseKind::Hearing => app::paths::hearing_feed(id),
            CaseKind::Initiative => app::paths::initiative_feed(id),
        },
    );
    let updated = events
        .first()
        .map(|e| e.at)
        .unwrap_or_else(|| state.clock.now());
    let entries: Vec<Entry> = events
        .iter()
        .filter_map(|e| {
            let t = tell(e, &case.info, case.lang)?;
            let mut content = t.details.join("\n\n");
            if let Some(more) = &t.more {
                content.push_str(&format!("\n\n{more}"));
            }
            Some(Entry {
                id: format!("{}#hendelse-{}", case.info.link, e.id),
                title: Text::plain(t.headline),
                updated: e.at.into(),
                published: Some(e.at.into()),
                summary: (!content.is_empty()).then(|| Text::plain(content)),
                links: vec![atom_link(case.info.link.clone(), "alternate")],
                ..Default::default()
            })
        })
        .collect();
    let feed = Feed {
        id: self_url.clone(),
        title: Text::plain(case.info.title.clone()),
        updated: updated.into(),
        authors: vec![Person {
            name: case.info.organisation.clone(),
            ..Default::default()
        }],
        links: vec![
            atom_link(self_url, "self"),
            atom_link(case.info.link.clone(), "alternate"),
        ],
        entries,
        ..Default::default()
    };
    (
        [(
            http::header::CONTENT_TYPE,
            "application/atom+xml; charset=utf-8",
        )],
        feed.to_string(),
    )
        .into_response()
}
