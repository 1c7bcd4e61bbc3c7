//! Requests that write to the audit log as they read (the signature list, the staff's
//! downloads) must be a click inside Innspill: a link on another site or in an email could
//! otherwise plant "viewed the signature list" entries under a staffer's name. Browsers say where
//! a request comes from in `Sec-Fetch-Site`; a request from another site (`cross-site`, or
//! `same-site`: another host under the same domain) is refused with a page that explains it.
//! A request without the header (a typed address in an old browser, a script) passes: the
//! header is what a planted link cannot forge.

use crate::error::AppError;
use http::HeaderMap;

pub const HEADER: &str = "sec-fetch-site";

/// `Err(CrossSite)` when the browser says the request came from another site.
pub fn own_site_only(headers: &HeaderMap) -> Result<(), AppError> {
    match headers.get(HEADER).and_then(|v| v.to_str().ok()) {
        Some("cross-site" | "same-site") => Err(AppError::CrossSite),
        _ => Ok(()),
    }
}

/// The same, for the request a server function or page is answering.
pub fn own_site_only_here() -> Result<(), AppError> {
    match leptos::prelude::use_context::<http::request::Parts>() {
        Some(p) => own_site_only(&p.headers),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_request_from_another_site_is_refused() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(HEADER, v.parse().unwrap());
            own_site_only(&h)
        };
        assert_eq!(with("cross-site"), Err(AppError::CrossSite));
        assert_eq!(with("same-site"), Err(AppError::CrossSite));
        assert_eq!(with("same-origin"), Ok(()));
        assert_eq!(with("none"), Ok(()), "typed or bookmarked");
        assert_eq!(own_site_only(&HeaderMap::new()), Ok(()));
    }
}
