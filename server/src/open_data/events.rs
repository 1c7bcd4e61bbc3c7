//! `GET /api/v1/hearings/{id}/events.atom` and `/api/v1/initiatives/{id}/events.atom`: a public
//! case's events (opened, extended, closed, decided, …) as an Atom feed, newest first, told in
//! the organisation's written standard — the same words the followers' mails use. And
//! `/api/v1/events.atom?kind=…&organisation=…`: the events of a list's cases (one kind, in one
//! organisation or all), which every public list links.

use crate::open_data::{atom_link, base_url, client_error, internal_error};
use app::domain::follow::CaseKind;
use app::ssr::AppState;
use app::ssr::services::follows::case_by_id;
use app::ssr::services::notifications::render::tell;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

type IdPath = Result<Path<i32>, axum::extract::rejection::PathRejection>;

pub async fn hearing(State(state): State<AppState>, id: IdPath) -> Response {
    match crate::open_data::path_id(id) {
        Ok(id) => feed(&state, CaseKind::Hearing, id).await,
        Err(r) => r.into_response(),
    }
}

pub async fn initiative(State(state): State<AppState>, id: IdPath) -> Response {
    match crate::open_data::path_id(id) {
        Ok(id) => feed(&state, CaseKind::Initiative, id).await,
        Err(r) => r.into_response(),
    }
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

#[derive(serde::Deserialize)]
pub struct ListQuery {
    kind: Option<String>,
    organisation: Option<String>,
}

/// `GET /api/v1/events.atom`: the newest events of public cases of `kind` (`hearing` or
/// `initiative`), in `organisation` (a slug) or all.
pub async fn list(
    State(state): State<AppState>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    use atom_syndication::{Entry, Feed, Text};
    let q = match crate::open_data::query(q) {
        Ok(q) => q,
        Err(r) => return r.into_response(),
    };
    let Some(kind) = q.kind.as_deref().and_then(CaseKind::parse) else {
        return client_error(
            StatusCode::BAD_REQUEST,
            "kind must be hearing or initiative",
        );
    };
    let org = match q.organisation.as_deref().filter(|o| !o.is_empty()) {
        Some(slug) => match crate::open_data::feed_organisation(&state, slug).await {
            Ok(o) => Some(o),
            Err(response) => return response,
        },
        None => None,
    };
    let events =
        match app::ssr::db::case_events::recent(&state.db, kind, org.as_ref().map(|o| o.id), 200)
            .await
        {
            Ok(e) => e,
            Err(e) => return internal_error(e),
        };
    let mut cases = app::ssr::services::notifications::Cases::default();
    let mut entries: Vec<Entry> = Vec::new();
    for e in &events {
        let case = match cases.get(&state, e.organisation_id, kind, e.case_id).await {
            Ok(Some(c)) => c,
            Ok(None) => continue,
            Err(e) => return internal_error(format!("{e:?}")),
        };
        let Some(t) = tell(e, &case.info, case.lang) else {
            continue;
        };
        entries.push(Entry {
            id: format!("{}#hendelse-{}", case.info.link, e.id),
            title: Text::plain(t.headline),
            updated: e.at.into(),
            published: Some(e.at.into()),
            summary: (!t.details.is_empty()).then(|| Text::plain(t.details.join("\n\n"))),
            links: vec![atom_link(case.info.link.clone(), "alternate")],
            ..Default::default()
        });
        if entries.len() == 100 {
            break;
        }
    }
    let base = base_url(&state);
    let self_url = app::paths::absolute(
        &base,
        &app::paths::events_feed(kind, org.as_ref().map(|o| o.slug.as_str())),
    );
    let list_url = app::paths::absolute(
        &base,
        &match kind {
            CaseKind::Hearing => app::paths::hearings(org.as_ref().map(|o| o.slug.as_str())),
            CaseKind::Initiative => app::paths::initiatives(org.as_ref().map(|o| o.slug.as_str())),
        },
    );
    let lang = org
        .as_ref()
        .map_or(app::domain::lang::Lang::Nb, |o| o.written_standard.lang());
    let what = app::i18n::I18n(lang).t(match kind {
        CaseKind::Hearing => "feed.hearing_events",
        CaseKind::Initiative => "feed.initiative_events",
    });
    let feed = Feed {
        id: self_url.clone(),
        lang: Some(lang.code().to_string()),
        title: Text::plain(match &org {
            Some(o) => format!("{what} – {}", o.name),
            None => format!("{what} – Innspill"),
        }),
        updated: events
            .first()
            .map(|e| e.at)
            .unwrap_or_else(|| state.clock.now())
            .into(),
        links: vec![
            atom_link(self_url, "self"),
            atom_link(list_url, "alternate"),
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
