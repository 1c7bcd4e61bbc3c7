//! The address of the client a request comes from, for rate limits: the peer's address, or,
//! when the peer is one of the configured reverse proxies, the nearest address in
//! `X-Forwarded-For` that is not one of them (a client cannot forge its way past a proxy that
//! appends what it saw).

use std::net::IpAddr;

pub fn from_request(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let Some(chain) = forwarded_for else {
        return Some(peer);
    };
    chain
        .split(',')
        .rev()
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .find(|ip| !trusted.contains(ip))
        .or(Some(peer))
}

/// The current request's client address (in a server function), or "unknown".
pub fn current(state: &crate::ssr::state::AppState) -> String {
    use axum::extract::ConnectInfo;
    use leptos::prelude::use_context;
    let Some(parts) = use_context::<http::request::Parts>() else {
        return "unknown".into();
    };
    let peer = parts
        .extensions
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = parts
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    from_request(peer, forwarded, &state.settings.trusted_proxies)
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_forwarded_address_counts_only_behind_a_trusted_proxy() {
        let proxy = [ip("10.0.0.2")];
        // Straight from the internet: the header is whatever the client wrote.
        assert_eq!(
            from_request(Some(ip("203.0.113.9")), Some("198.51.100.1"), &proxy),
            Some(ip("203.0.113.9"))
        );
        // Through the proxy: the address the proxy saw, not what the client claimed before it.
        assert_eq!(
            from_request(
                Some(ip("10.0.0.2")),
                Some("198.51.100.1, 203.0.113.9"),
                &proxy
            ),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(
            from_request(Some(ip("10.0.0.2")), None, &proxy),
            Some(ip("10.0.0.2"))
        );
        assert_eq!(from_request(None, Some("198.51.100.1"), &proxy), None);
    }
}
