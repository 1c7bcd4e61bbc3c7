//! The page cache: the public page of a hearing or an initiative, as a reader without a session
//! sees it, rendered at most once a second per language and kept in memory.
//!
//! A page is rendered with placeholders where the per-response values go (the CSP nonce and the
//! CSRF token, which belongs to the reader's cookie); serving it from the cache fills them in.
//!
//! A reader with a session is served from the cache too where the page below the header is the
//! same for everyone (a hearing's page): the page is rendered with the citizen menu in both its
//! forms, for a reader who is not logged in and for a logged-in citizen (their name a
//! placeholder), and one statement finds who holds the session (`citizens::session_viewer`).
//! A session with staff logged in, a login that has ended, a session that is gone, and every
//! page that shows something of the reader's own (an initiative's page shows whether they have
//! signed) are rendered afresh. Entries live for one second (by the wall clock and by the app's clock, so that tests
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

/// The placeholders and marks of a page rendered for the cache: random per process, so that
/// no text a person writes (a published submission) can be one of them.
pub struct Marks {
    /// Stands for the CSP nonce.
    pub nonce: String,
    /// Stands for the reader's CSRF token.
    pub token: String,
    /// Where the citizen menu starts, where its form for a logged-in citizen starts, and where
    /// it ends.
    pub menu_start: String,
    pub menu_or: String,
    pub menu_end: String,
    /// Stands for the logged-in citizen's name in the citizen menu.
    pub name: String,
}

pub static MARKS: std::sync::LazyLock<Marks> = std::sync::LazyLock::new(|| {
    let r = &crate::ssr::security::tokens::random_token()[..24];
    Marks {
        nonce: format!("pcNONCE{r}"),
        token: format!("pcTOKEN{r}"),
        menu_start: format!("pcMENUSTART{r}"),
        menu_or: format!("pcMENUOR{r}"),
        menu_end: format!("pcMENUEND{r}"),
        name: format!("pcNAME{r}"),
    }
});
/// How long a rendered page is served.
pub const MAX_AGE: Duration = Duration::from_secs(1);
/// Most pages kept (a page is about 150 kB).
const MAX_ENTRIES: usize = 256;
/// The largest page kept.
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;
/// The largest page served through the cache's render at all (a hearing's page shows its
/// submissions 50 at a time, so no page comes near).
const MAX_SERVED_BYTES: usize = 256 * 1024 * 1024;

/// In a request's extensions: this render goes into the cache, so it uses the placeholders.
#[derive(Debug, Clone, Copy)]
pub struct CacheFill;

/// Whether the current render goes into the cache (in a page's components).
pub fn is_fill() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|p| p.extensions.get::<CacheFill>().is_some())
}

/// Who a cached page is served to, as its header shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// Nobody logged in.
    Anonymous,
    /// A logged-in citizen, with their name as the menu shows it (`None`: the login told none).
    Citizen(Option<String>),
}

#[derive(Debug, Clone, Copy)]
enum Hole {
    Nonce,
    Token,
    Name,
}

type Parts = Vec<(Bytes, Option<Hole>)>;

/// A rendered page cut at its placeholders.
struct Entry {
    status: StatusCode,
    headers: HeaderMap,
    /// The Content-Security-Policy, with the nonce placeholder in it.
    csp: Option<String>,
    /// The page as a reader who is not logged in sees it.
    parts: Parts,
    /// The page as a logged-in citizen sees it, when its menu was rendered in both forms.
    citizen: Option<Parts>,
    /// The menu's words for a citizen without a name.
    nameless: String,
    rendered: Instant,
    clock_at: DateTime<Utc>,
    generation: u64,
}

impl Entry {
    fn new(status: StatusCode, mut headers: HeaderMap, body: Bytes, nameless: String) -> Self {
        let csp = headers
            .remove(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok().map(str::to_string));
        headers.remove(header::CONTENT_LENGTH);
        let (parts, citizen) = cut(body);
        Self {
            status,
            headers,
            csp,
            parts,
            citizen,
            nameless,
            rendered: Instant::now(),
            clock_at: DateTime::<Utc>::MIN_UTC,
            generation: 0,
        }
    }

    /// The page for `viewer`, with `token` as their CSRF token; `None` when this page has no
    /// form for a logged-in citizen.
    fn respond(&self, token: &str, viewer: &Viewer) -> Option<Response> {
        let (parts, name) = match viewer {
            Viewer::Anonymous => (&self.parts, String::new()),
            Viewer::Citizen(name) => (
                self.citizen.as_ref()?,
                escape_text(name.as_deref().unwrap_or(&self.nameless)),
            ),
        };
        let nonce = leptos::nonce::Nonce::new().to_string();
        let len = parts
            .iter()
            .map(|(b, _)| b.len() + token.len().max(nonce.len()).max(name.len()))
            .sum();
        let mut body = Vec::with_capacity(len);
        for (bytes, hole) in parts {
            body.extend_from_slice(bytes);
            match hole {
                Some(Hole::Nonce) => body.extend_from_slice(nonce.as_bytes()),
                Some(Hole::Token) => body.extend_from_slice(token.as_bytes()),
                Some(Hole::Name) => body.extend_from_slice(name.as_bytes()),
                None => {}
            }
        }
        let mut res = Response::new(Body::from(body));
        *res.status_mut() = self.status;
        *res.headers_mut() = self.headers.clone();
        if let Some(csp) = &self.csp
            && let Ok(v) = HeaderValue::from_str(&csp.replace(&MARKS.nonce, &nonce))
        {
            res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
        }
        Some(res)
    }
}

/// Text as HTML text content (as the page's own text is escaped).
fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Splits `body` at every placeholder: the page without a logged-in reader, and, when its
/// citizen menu was rendered in both forms, the page with a logged-in citizen.
fn cut(body: Bytes) -> (Parts, Option<Parts>) {
    let Ok(text) = std::str::from_utf8(&body) else {
        return (vec![(body, None)], None);
    };
    let whole = 0..body.len();
    let find = |mark: &str| {
        let mut at = text.match_indices(mark).map(|(i, _)| i);
        match (at.next(), at.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    };
    let m = &*MARKS;
    let Some((start, or, end)) = find(&m.menu_start)
        .zip(find(&m.menu_or))
        .zip(find(&m.menu_end))
        .map(|((s, o), e)| (s, o, e))
        .filter(|(s, o, e)| s < o && o < e)
    else {
        return (holes(&body, text, &[whole]), None);
    };
    let head = 0..start;
    let tail = end + m.menu_end.len()..body.len();
    let anonymous = [head.clone(), start + m.menu_start.len()..or, tail.clone()];
    let citizen = [head, or + m.menu_or.len()..end, tail];
    (
        holes(&body, text, &anonymous),
        Some(holes(&body, text, &citizen)),
    )
}

/// The pieces of `body` (whose text is `text`) in `ranges`, cut at their placeholders.
fn holes(body: &Bytes, text: &str, ranges: &[std::ops::Range<usize>]) -> Parts {
    let mut parts = Vec::new();
    for range in ranges {
        let piece = &text[range.clone()];
        let mut found: Vec<(usize, usize, Hole)> = [
            (MARKS.nonce.as_str(), Hole::Nonce),
            (MARKS.token.as_str(), Hole::Token),
            (MARKS.name.as_str(), Hole::Name),
        ]
        .into_iter()
        .flat_map(|(mark, hole)| {
            piece
                .match_indices(mark)
                .map(move |(i, p)| (range.start + i, p.len(), hole))
        })
        .collect();
        found.sort_by_key(|(i, _, _)| *i);
        let mut at = range.start;
        for (i, len, hole) in found {
            parts.push((body.slice(at..i), Some(hole)));
            at = i + len;
        }
        parts.push((body.slice(at..range.end), None));
    }
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
    page_kind(path).is_some()
}

/// "horinger" or "innbyggerforslag" for the public page of one hearing or one initiative.
fn page_kind(path: &str) -> Option<&str> {
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        [
            "",
            "org",
            slug,
            kind @ ("horinger" | "innbyggerforslag"),
            id,
        ] if !slug.is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            Some(kind)
        }
        _ => None,
    }
}

/// Whether the page below the header is the same for every reader, so that a reader with a
/// session may be served from the cache: a hearing's page. (An initiative's page shows a
/// logged-in citizen whether they have signed.)
fn same_for_every_reader(path: &str) -> bool {
    page_kind(path) == Some("horinger")
}

/// The cache key of a request that may be served from the cache: a GET without a query of a
/// cacheable page.
fn key(req: &Request) -> Option<String> {
    (req.method() == Method::GET && req.uri().query().is_none() && cacheable_path(req.uri().path()))
        .then(|| {
            format!(
                "{}{}",
                crate::ssr::http::page::lang_from_headers(req.headers()).code(),
                req.uri().path()
            )
        })
}

/// Who the request is from, when the page may be served to them from the cache: no session,
/// or a session on a page that is the same for every reader held by nobody or by a logged-in
/// citizen (one statement). `None` renders the page afresh.
async fn viewer(state: &AppState, session: Option<String>, path: &str) -> Option<Viewer> {
    let Some(id) = session else {
        return Some(Viewer::Anonymous);
    };
    if !same_for_every_reader(path) {
        return None;
    }
    let id = crate::ssr::http::session_store::stored_id(&id);
    let found = if state.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // The readers asking at one moment share a round trip.
        state.session_viewers.call(&state.db, id).await
    } else {
        crate::ssr::db::citizens::session_viewer(&state.db, &id, Utc::now()).await
    }
    .ok()??;
    let data: HashMap<String, serde_json::Value> = serde_json::from_str(&found.data).ok()?;
    if data.contains_key(crate::ssr::security::auth::STAFF_KEY) {
        return None;
    }
    let holds_login = data.contains_key(crate::ssr::idporten::login::CITIZEN_KEY);
    // A login due to have its idle expiry moved is rendered afresh, which moves it.
    let seen = data
        .get(crate::ssr::http::session_store::SEEN_KEY)
        .and_then(serde_json::Value::as_i64);
    if holds_login
        && crate::ssr::http::session_store::due_to_slide(
            seen,
            Utc::now().timestamp(),
            state.settings.session_idle_minutes,
        )
    {
        return None;
    }
    match (holds_login, found.names_login, found.citizen) {
        (false, false, _) => Some(Viewer::Anonymous),
        (true, true, Some((given, family))) => {
            let parts: Vec<String> = [given, family].into_iter().flatten().collect();
            Some(Viewer::Citizen(
                (!parts.is_empty()).then(|| parts.join(" ")),
            ))
        }
        // A login that has ended (forgotten by a fresh render), or one not kept beside the
        // session's data.
        _ => None,
    }
}

/// Finding who holds many sessions in one statement (PostgreSQL): every logged-in reader of a
/// hearing's page starts with it.
#[derive(Debug)]
pub struct SessionViewers;

impl crate::ssr::batch::Kind for SessionViewers {
    /// A session id.
    type Job = String;
    type Answer = Option<crate::ssr::db::citizens::SessionViewer>;
    const NAME: &'static str = "session viewers";

    fn take<R>(waiting: &mut std::collections::VecDeque<(String, R)>) -> (Vec<String>, Vec<R>) {
        let n = waiting.len().min(128);
        waiting.drain(..n).unzip()
    }

    async fn run(
        db: &sea_orm::DatabaseConnection,
        ids: &[String],
    ) -> Result<Vec<Self::Answer>, sea_orm::DbErr> {
        // One session may ask more than once in a batch (a reader's parallel requests).
        let found = crate::ssr::db::citizens::session_viewers(db, ids, Utc::now()).await?;
        Ok(ids.iter().map(|id| found.get(id).cloned()).collect())
    }
}

/// The middleware, inside the CSRF layer (it needs the reader's token) and the session layer.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    let token = req.extensions().get::<CsrfToken>().cloned();
    let session = crate::ssr::http::page::cookie(req.headers(), crate::ssr::SESSION_COOKIE);
    let path = req.uri().path().to_string();
    let served = match (key(&req), token) {
        (Some(key), Some(CsrfToken(token))) => viewer(&state, session, &path)
            .await
            .map(|viewer| (key, token, viewer)),
        _ => None,
    };
    let Some((key, token, viewer)) = served else {
        // No GET changes anything (a mailed link opens a page with a button).
        let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let res = next.run(req).await;
        if changes {
            cache.invalidate();
        }
        return res;
    };
    let (parts, _) = req.into_parts();
    let afresh = |next: Next| next.run(Request::from_parts(parts.clone(), Body::empty()));
    if let Some(entry) = cache.fresh(&key, state.clock.now()) {
        return match entry.respond(&token, &viewer) {
            Some(res) => res,
            None => afresh(next).await,
        };
    }
    let fill = cache.fill_lock(&key);
    let one_at_a_time = fill.lock().await;
    let entry = match cache.fresh(&key, state.clock.now()) {
        Some(entry) => entry,
        None => {
            let entry = render(&state, &key, parts.clone(), next.clone()).await;
            let Some(entry) = entry else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            entry
        }
    };
    drop(one_at_a_time);
    match entry.respond(&token, &viewer) {
        Some(res) => res,
        None => afresh(next).await,
    }
}

/// Renders the page of `parts` for the cache, as a reader without a session sees it (with
/// placeholders, and the citizen menu in both forms), and keeps it when it may be served again.
async fn render(
    state: &AppState,
    key: &str,
    mut parts: http::request::Parts,
    next: Next,
) -> Option<Arc<Entry>> {
    let cache = &state.page_cache;
    let generation = cache.generation.load(Ordering::SeqCst);
    let clock_at = state.clock.now();
    // Nobody's session: the render cannot see who asked.
    parts.extensions.insert(tower_sessions::Session::new(
        None,
        Arc::new(crate::ssr::http::session_store::DbSessionStore::new(
            state.db.clone(),
        )),
        None,
    ));
    parts.extensions.insert(CsrfToken(MARKS.token.clone()));
    parts.extensions.insert(CacheFill);
    let lang = crate::ssr::http::page::lang_from_headers(&parts.headers);
    let res = next.run(Request::from_parts(parts, Body::empty())).await;
    let (parts, body) = res.into_parts();
    // A page too large to keep is still served (to this reader, and rendered for the next).
    let body = to_bytes(body, MAX_SERVED_BYTES).await.ok()?;
    let keep = parts.status == StatusCode::OK
        && !parts.headers.contains_key(header::SET_COOKIE)
        && body.len() <= MAX_PAGE_BYTES;
    let nameless = crate::i18n::I18n(lang).t("me.title");
    let mut entry = Entry::new(parts.status, parts.headers, body, nameless);
    entry.clock_at = clock_at;
    entry.generation = generation;
    let entry = Arc::new(entry);
    if keep {
        cache.store(key.to_string(), entry.clone());
    }
    Some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pages_of_one_hearing_or_initiative_are_cached() {
        assert!(cacheable_path("/org/eksempel-kommune/horinger/12"));
        assert!(cacheable_path("/org/eksempel-kommune/innbyggerforslag/3"));
        assert!(same_for_every_reader("/org/eksempel-kommune/horinger/12"));
        assert!(!same_for_every_reader(
            "/org/eksempel-kommune/innbyggerforslag/3"
        ));
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
        let (nonce_mark, token_mark) = (&MARKS.nonce, &MARKS.token);
        let page = format!(
            "<script nonce=\"{nonce_mark}\">x</script><input value=\"{token_mark}\">\
             <meta content=\"{token_mark}\"><script nonce=\"{nonce_mark}\"></script>"
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&format!("script-src 'nonce-{nonce_mark}'")).unwrap(),
        );
        let entry = Entry::new(StatusCode::OK, headers, Bytes::from(page), "Me".into());
        assert_eq!(entry.parts.len(), 5);
        assert!(entry.citizen.is_none(), "no menu in two forms");
        let a = entry.respond("tokenA", &Viewer::Anonymous).unwrap();
        let b = entry.respond("tokenB", &Viewer::Anonymous).unwrap();
        assert!(
            entry.respond("tokenC", &Viewer::Citizen(None)).is_none(),
            "a logged-in reader is rendered afresh"
        );
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
        assert!(!body.contains(nonce_mark.as_str()) && !body.contains(token_mark.as_str()));
    }

    async fn body(res: Response) -> String {
        let bytes = to_bytes(res.into_body(), 1 << 20).await.unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn a_menu_in_two_forms_serves_a_reader_and_a_logged_in_citizen() {
        let m = &*MARKS;
        let page = format!(
            "<nav>{}<a>Log in</a>{}<a>{}</a><input value=\"{}\">{}</nav><p>{}</p>",
            m.menu_start, m.menu_or, m.name, m.token, m.menu_end, m.token
        );
        let entry = Entry::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from(page),
            "My page".into(),
        );
        let anonymous = body(entry.respond("tok", &Viewer::Anonymous).unwrap()).await;
        assert_eq!(anonymous, "<nav><a>Log in</a></nav><p>tok</p>");
        let named = Viewer::Citizen(Some("Kari <Nordmann> & co".into()));
        let citizen = body(entry.respond("tok", &named).unwrap()).await;
        assert_eq!(
            citizen,
            "<nav><a>Kari &lt;Nordmann&gt; &amp; co</a><input value=\"tok\"></nav><p>tok</p>"
        );
        let nameless = body(entry.respond("tok", &Viewer::Citizen(None)).unwrap()).await;
        assert_eq!(
            nameless,
            "<nav><a>My page</a><input value=\"tok\"></nav><p>tok</p>"
        );
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
