//! An organisation's pages open in its written standard: a visitor who has not chosen a
//! language (no `lang` cookie) reads a nynorsk municipality's pages (`/org/<slug>/…`) in
//! nynorsk. The choice is passed on as the `x-innspill-default-lang` request header, which this
//! layer alone sets (one sent by a client is dropped first), and which `lang_from_headers` reads
//! after the cookie — so pages, the page cache's keys and error pages agree. The written
//! standard of each organisation is remembered for a minute per process (an admin's change shows
//! within it).

use crate::domain::lang::Lang;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The header this layer sets.
pub const HEADER: &str = crate::i18n::DEFAULT_LANG_HEADER;
const TTL: Duration = Duration::from_secs(60);

/// Organisations' written standards, by slug, as last read.
#[derive(Debug, Default)]
pub struct WrittenStandards(Mutex<HashMap<String, (Lang, Instant)>>);

impl WrittenStandards {
    fn get(&self, slug: &str) -> Option<Lang> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(slug)
            .filter(|(_, at)| at.elapsed() < TTL)
            .map(|(l, _)| *l)
    }

    fn put(&self, slug: &str, lang: Lang) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            map.clear();
        }
        map.insert(slug.to_string(), (lang, Instant::now()));
    }
}

/// The slug of an organisation page's path (`/org/<slug>` or `/org/<slug>/…`).
fn slug_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/org/")?;
    let slug = rest.split('/').next()?;
    (!slug.is_empty()).then_some(slug)
}

fn has_lang_cookie(req: &Request) -> bool {
    req.headers()
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| crate::i18n::lang_from_cookie_header(c).is_some())
}

pub async fn layer(
    State(state): State<crate::ssr::AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    req.headers_mut().remove(HEADER);
    if !has_lang_cookie(&req)
        && let Some(slug) = slug_of(req.uri().path()).map(str::to_string)
    {
        let lang = match state.written_standards.get(&slug) {
            Some(l) => Some(l),
            None => match crate::ssr::db::organisations::find_by_slug(&state.db, &slug).await {
                Ok(Some(o)) => {
                    let l = o.written_standard.lang();
                    state.written_standards.put(&slug, l);
                    Some(l)
                }
                _ => None,
            },
        };
        if let Some(l) = lang
            && let Ok(v) = http::HeaderValue::from_str(l.code())
        {
            req.headers_mut().insert(HEADER, v);
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_organisations_pages_have_its_written_standard() {
        assert_eq!(slug_of("/org/vik-kommune"), Some("vik-kommune"));
        assert_eq!(slug_of("/org/vik-kommune/horinger/3"), Some("vik-kommune"));
        assert_eq!(slug_of("/org/"), None);
        assert_eq!(slug_of("/horinger"), None);
        assert_eq!(
            slug_of("/api/v1/organisations/vik-kommune/hearings.atom"),
            None
        );
    }
}
