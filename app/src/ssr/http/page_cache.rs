//! The page cache: the public page of a hearing or an initiative, as a reader without a session
//! sees it, rendered at most once a second per language and kept in memory.
//!
//! A page is rendered with placeholders where the per-response values go (the CSP nonce and the
//! CSRF token, which belongs to the reader's cookie); serving it from the cache fills them in. A
//! reader with a session (logged in, or with a form's typed values kept) is always rendered
//! afresh. Entries live for one second (by the wall clock and by the app's clock, so that tests
//! moving their clock see the page of the new time), and any state-changing request through
//! this process empties the cache at once. Another server instance sharing the database sees
//! this one's changes within the second, like the signature counts.
//!
//! It also keeps *fragments*: the part of a page that is the same for every reader (a
//! hearing's body below the header), rendered under the same rules — at most once a second per
//! language, forgotten at any change — so that a logged-in reader's page is the frame rendered
//! for them around a body rendered for everyone.

use crate::ssr::AppState;
use crate::ssr::http::csrf::CsrfToken;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Stands for the CSP nonce in a cached page.
pub const NONCE_PLACEHOLDER: &str = "pagecacheNONCEplaceholder0";
/// Stands for the reader's CSRF token in a cached page.
pub const TOKEN_PLACEHOLDER: &str = "pagecacheCSRFTOKENplaceholder0";
/// How long a rendered page is served.
pub const MAX_AGE: Duration = Duration::from_secs(1);
/// Most pages kept (a page is about 150 kB).
const MAX_ENTRIES: usize = 256;
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;
/// GET links that change what public pages show (email confirmations).
const CHANGES_ON_GET: &[&str] = &[
    crate::paths::CONFIRM_SUBMISSION_PREFIX,
    crate::paths::CONFIRM_EMAIL_PREFIX,
];

/// In a request's extensions: this render goes into the cache, so it uses the placeholders.
#[derive(Debug, Clone, Copy)]
pub struct CacheFill;

#[derive(Debug, Clone, Copy)]
enum Hole {
    Nonce,
    Token,
}

/// A rendered page cut at its placeholders.
struct Entry {
    status: StatusCode,
    headers: HeaderMap,
    /// The Content-Security-Policy, with the nonce placeholder in it.
    csp: Option<String>,
    parts: Vec<(Bytes, Option<Hole>)>,
    rendered: Instant,
    clock_at: DateTime<Utc>,
    generation: u64,
}

impl Entry {
    fn new(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> Self {
        let csp = headers
            .remove(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok().map(str::to_string));
        headers.remove(header::CONTENT_LENGTH);
        Self {
            status,
            headers,
            csp,
            parts: cut(body),
            rendered: Instant::now(),
            clock_at: DateTime::<Utc>::MIN_UTC,
            generation: 0,
        }
    }

    fn respond(&self, token: &str) -> Response {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let len = self
            .parts
            .iter()
            .map(|(b, _)| b.len() + token.len().max(nonce.len()))
            .sum();
        let mut body = Vec::with_capacity(len);
        for (bytes, hole) in &self.parts {
            body.extend_from_slice(bytes);
            match hole {
                Some(Hole::Nonce) => body.extend_from_slice(nonce.as_bytes()),
                Some(Hole::Token) => body.extend_from_slice(token.as_bytes()),
                None => {}
            }
        }
        let mut res = Response::new(Body::from(body));
        *res.status_mut() = self.status;
        *res.headers_mut() = self.headers.clone();
        if let Some(csp) = &self.csp
            && let Ok(v) = HeaderValue::from_str(&csp.replace(NONCE_PLACEHOLDER, &nonce))
        {
            res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
        }
        res
    }
}

/// Splits `body` at every placeholder.
fn cut(body: Bytes) -> Vec<(Bytes, Option<Hole>)> {
    let Ok(text) = std::str::from_utf8(&body) else {
        return vec![(body, None)];
    };
    let mut holes: Vec<(usize, usize, Hole)> = text
        .match_indices(NONCE_PLACEHOLDER)
        .map(|(i, p)| (i, p.len(), Hole::Nonce))
        .chain(
            text.match_indices(TOKEN_PLACEHOLDER)
                .map(|(i, p)| (i, p.len(), Hole::Token)),
        )
        .collect();
    holes.sort_by_key(|(i, _, _)| *i);
    let mut parts = Vec::with_capacity(holes.len() + 1);
    let mut at = 0;
    for (i, len, hole) in holes {
        parts.push((body.slice(at..i), Some(hole)));
        at = i + len;
    }
    parts.push((body.slice(at..), None));
    parts
}

/// A shared part of a page: its title and description (for the head) and its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub title: String,
    pub description: String,
    pub html: String,
}

struct FragmentEntry {
    fragment: Arc<Fragment>,
    rendered: Instant,
    clock_at: DateTime<Utc>,
    generation: u64,
}

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, Arc<Entry>>>,
    fragments: Mutex<HashMap<String, FragmentEntry>>,
    /// One render per page at a time; the other readers wait for it.
    fills: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    generation: AtomicU64,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").finish_non_exhaustive()
    }
}

impl PageCache {
    /// Forgets every page and fragment (after anything that may change what they show).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.lock().clear();
        self.fragments_lock().clear();
    }

    fn fragments_lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, FragmentEntry>> {
        self.fragments.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The fragment under `key`, if it was rendered less than a second ago (by the wall clock
    /// and by the app's, `now`) and nothing changed since.
    pub fn fragment(&self, key: &str, now: DateTime<Utc>) -> Option<Arc<Fragment>> {
        let fragments = self.fragments_lock();
        let e = fragments.get(key)?;
        self.fresh_since(e.generation, e.rendered, e.clock_at, now)
            .then(|| e.fragment.clone())
    }

    /// A token to store a fragment with: taken before reading what it shows, so that a change
    /// meanwhile keeps the fragment out.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Keeps `fragment`, rendered from data read at `clock_at` after `generation` was taken.
    pub fn store_fragment(
        &self,
        key: String,
        generation: u64,
        clock_at: DateTime<Utc>,
        fragment: Arc<Fragment>,
    ) {
        let mut fragments = self.fragments_lock();
        if generation != self.generation.load(Ordering::SeqCst) {
            return;
        }
        make_room(&mut fragments, |e| e.rendered);
        let entry = FragmentEntry {
            fragment,
            rendered: Instant::now(),
            clock_at,
            generation,
        };
        fragments.insert(key, entry);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Entry>>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fresh(&self, key: &str, now: DateTime<Utc>) -> Option<Arc<Entry>> {
        let entry = self.lock().get(key).cloned()?;
        self.fresh_since(entry.generation, entry.rendered, entry.clock_at, now)
            .then_some(entry)
    }

    /// Whether what was rendered at `rendered` (wall clock) and `clock_at` (the app's clock)
    /// under `generation` may still be served at `now`: less than a second old by both clocks,
    /// and nothing changed since.
    fn fresh_since(
        &self,
        generation: u64,
        rendered: Instant,
        clock_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> bool {
        let by_clock = now - clock_at;
        generation == self.generation.load(Ordering::SeqCst)
            && rendered.elapsed() < MAX_AGE
            && by_clock >= chrono::Duration::zero()
            && by_clock.to_std().is_ok_and(|d| d < MAX_AGE)
    }

    fn store(&self, key: String, entry: Arc<Entry>) {
        let mut entries = self.lock();
        if entry.generation != self.generation.load(Ordering::SeqCst) {
            return;
        }
        make_room(&mut entries, |e| e.rendered);
        entries.insert(key, entry);
    }

    fn fill_lock(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut fills = self.fills.lock().unwrap_or_else(|p| p.into_inner());
        if fills.len() >= MAX_ENTRIES {
            fills.retain(|_, m| Arc::strong_count(m) > 1);
        }
        fills.entry(key.to_string()).or_default().clone()
    }
}

/// Room for one more in `map`: what is past its second goes, and if that is not enough, all.
fn make_room<V>(map: &mut HashMap<String, V>, rendered: impl Fn(&V) -> Instant) {
    if map.len() >= MAX_ENTRIES {
        map.retain(|_, v| rendered(v).elapsed() < MAX_AGE);
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
    }
}

/// Whether `path` is the public page of one hearing or one initiative.
fn cacheable_path(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    matches!(
        segments.as_slice(),
        ["", "org", slug, "horinger" | "innbyggerforslag", id]
            if !slug.is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
    )
}

/// The cache key of a request that may be served from the cache: one with no session, no
/// query, for a cacheable page.
fn key(req: &Request) -> Option<String> {
    (req.method() == Method::GET
        && req.uri().query().is_none()
        && cacheable_path(req.uri().path())
        && crate::ssr::http::page::cookie(req.headers(), crate::ssr::SESSION_COOKIE).is_none())
    .then(|| {
        format!(
            "{}{}",
            crate::ssr::http::page::lang_from_headers(req.headers()).code(),
            req.uri().path()
        )
    })
}

/// The middleware, inside the CSRF layer (it needs the reader's token).
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    let token = req.extensions().get::<CsrfToken>().cloned();
    let (Some(key), Some(CsrfToken(token))) = (key(&req), token) else {
        let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
            || CHANGES_ON_GET
                .iter()
                .any(|p| req.uri().path().starts_with(p));
        let res = next.run(req).await;
        if changes {
            cache.invalidate();
        }
        return res;
    };
    if let Some(entry) = cache.fresh(&key, state.clock.now()) {
        return entry.respond(&token);
    }
    let fill = cache.fill_lock(&key);
    let _one_at_a_time = fill.lock().await;
    if let Some(entry) = cache.fresh(&key, state.clock.now()) {
        return entry.respond(&token);
    }
    let generation = cache.generation.load(Ordering::SeqCst);
    let clock_at = state.clock.now();
    let mut req = req;
    req.extensions_mut()
        .insert(CsrfToken(TOKEN_PLACEHOLDER.to_string()));
    req.extensions_mut().insert(CacheFill);
    let res = next.run(req).await;
    let (parts, body) = res.into_parts();
    let Ok(body) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let keep = parts.status == StatusCode::OK && !parts.headers.contains_key(header::SET_COOKIE);
    let mut entry = Entry::new(parts.status, parts.headers, body);
    entry.clock_at = clock_at;
    entry.generation = generation;
    let entry = Arc::new(entry);
    if keep {
        cache.store(key, entry.clone());
    }
    entry.respond(&token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pages_of_one_hearing_or_initiative_are_cached() {
        assert!(cacheable_path("/org/eksempel-kommune/horinger/12"));
        assert!(cacheable_path("/org/eksempel-kommune/innbyggerforslag/3"));
        for path in [
            "/",
            "/org/eksempel-kommune",
            "/org/eksempel-kommune/horinger",
            "/org/eksempel-kommune/horinger/ny",
            "/org/eksempel-kommune/horinger/12/innspill",
            "/org/eksempel-kommune/ansatt/horinger/12",
            "/org//horinger/12",
        ] {
            assert!(!cacheable_path(path), "{path}");
        }
    }

    #[tokio::test]
    async fn a_page_is_cut_at_its_placeholders_and_filled_per_response() {
        let page = format!(
            "<script nonce=\"{NONCE_PLACEHOLDER}\">x</script><input value=\"{TOKEN_PLACEHOLDER}\">\
             <meta content=\"{TOKEN_PLACEHOLDER}\"><script nonce=\"{NONCE_PLACEHOLDER}\"></script>"
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&format!("script-src 'nonce-{NONCE_PLACEHOLDER}'")).unwrap(),
        );
        let entry = Entry::new(StatusCode::OK, headers, Bytes::from(page));
        assert_eq!(entry.parts.len(), 5);
        let a = entry.respond("tokenA");
        let b = entry.respond("tokenB");
        let csp = |r: &Response| {
            r.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_string()
        };
        let (csp_a, csp_b) = (csp(&a), csp(&b));
        assert_ne!(csp_a, csp_b, "a nonce of its own per response");
        let nonce = csp_a
            .strip_prefix("script-src 'nonce-")
            .and_then(|s| s.strip_suffix('\''))
            .unwrap()
            .to_string();
        let body = to_bytes(a.into_body(), 1 << 20).await.unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(
            body,
            format!(
                "<script nonce=\"{nonce}\">x</script><input value=\"tokenA\">\
                 <meta content=\"tokenA\"><script nonce=\"{nonce}\"></script>"
            )
        );
        assert!(!body.contains("placeholder"));
    }

    #[test]
    fn a_fragment_lives_for_a_second_until_anything_changes() {
        let cache = PageCache::default();
        let now = Utc::now();
        let fragment = Arc::new(Fragment {
            title: "T".into(),
            description: "D".into(),
            html: "<p>x</p>".into(),
        });
        let generation = cache.generation();
        cache.store_fragment("k".into(), generation, now, fragment.clone());
        assert_eq!(cache.fragment("k", now).as_deref(), Some(&*fragment));
        assert_eq!(cache.fragment("other", now), None);
        assert_eq!(
            cache.fragment("k", now + chrono::Duration::seconds(1)),
            None,
            "a second later by the app's clock"
        );
        cache.invalidate();
        assert_eq!(cache.fragment("k", now), None, "a change forgets it");
        // Rendered from data read before a change: not kept.
        cache.store_fragment("k".into(), generation, now, fragment);
        assert_eq!(cache.fragment("k", now), None);
    }
}
