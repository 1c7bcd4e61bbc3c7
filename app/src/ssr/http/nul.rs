//! No NUL character gets in: PostgreSQL cannot store one in text (it answers an error, which
//! would be a 500), and no person types one. A request with a NUL in its path or query (even
//! encoded twice), or in
//! a form body (`application/x-www-form-urlencoded`), is refused with 400 before any handler
//! sees it; multipart text fields have theirs replaced (`multipart::read`).

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// The largest form body read here (the forms without files are far smaller).
const MAX_FORM_BODY: usize = 2 * 1024 * 1024;

/// Whether percent-encoded text holds a NUL (`%00`) or a raw one.
pub fn holds_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

/// Said as the open-data API says its 400s (`{"error": …}`), for every path.
fn refused() -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(serde_json::json!({"error": "a NUL character is not accepted"})),
    )
        .into_response()
}

pub async fn refuse_nul(req: Request, next: Next) -> Response {
    // Decoded once and looked at again: the router decodes path and query parameters a second
    // time, so an encoded `%00` (`%2500`) would reach a handler as a NUL.
    let in_uri = req.uri().path_and_query().is_some_and(|pq| {
        let raw = pq.as_str().as_bytes();
        holds_nul(raw) || holds_nul(&percent_encoding::percent_decode(raw).collect::<Vec<u8>>())
    });
    if in_uri {
        return refused();
    }
    let form = req
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BODY).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if holds_nul(&bytes) {
        return refused();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_raw_or_percent_encoded_and_nothing_else_is() {
        assert!(holds_nul(b"name=a%00b"));
        assert!(holds_nul(b"a\0b"));
        assert!(!holds_nul(b"name=a%2500b&n=100%25"));
        assert!(!holds_nul(b"/org/eksempel-kommune?page=100"));
    }
}
