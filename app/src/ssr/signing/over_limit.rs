//! Who is over a signing limit now, as this process has seen it: so that an attempt that would
//! be refused for the rate limit is refused before the population register is asked (the
//! register is a national service; a flood of attempts must not reach it).
//!
//! A bucket is remembered until its window ends, once an attempt came back over its limit. Counts
//! only grow within a window, so what one process remembers is true for every process; a
//! second process learns it on its own, with at most one more register lookup per bucket and
//! window.

use crate::ssr::security::rate_limit::{self, Limit};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct OverLimit {
    /// Bucket → (its limit, the end of the window it is over the limit in).
    until: Mutex<HashMap<String, (Limit, DateTime<Utc>)>>,
}

impl std::fmt::Debug for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.until.lock().map(|m| m.len()).unwrap_or_default();
        write!(f, "OverLimit({n} buckets)")
    }
}

/// More buckets than this: the ones whose window has ended are dropped.
const PRUNE_AT: usize = 10_000;

impl OverLimit {
    /// Remembers that `bucket` is over `limit` in the window `now` falls in.
    pub fn remember(&self, bucket: &str, limit: Limit, now: DateTime<Utc>) {
        let end = rate_limit::window_start(limit, now) + limit.window;
        let mut m = self.until.lock().unwrap_or_else(|e| e.into_inner());
        if m.len() >= PRUNE_AT {
            m.retain(|_, (_, until)| *until > now);
        }
        m.insert(bucket.to_string(), (limit, end));
    }

    /// The limit the first of `buckets` known to be over is over, now.
    pub fn any(&self, buckets: &[&str], now: DateTime<Utc>) -> Option<Limit> {
        let m = self.until.lock().unwrap_or_else(|e| e.into_inner());
        buckets
            .iter()
            .find_map(|b| m.get(*b).filter(|(_, until)| *until > now).map(|(l, _)| *l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn a_bucket_is_over_its_limit_until_its_window_ends() {
        let o = OverLimit::default();
        let limit = Limit {
            max: 3,
            window: Duration::minutes(10),
        };
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 3, 0).unwrap();
        assert_eq!(o.any(&["a", "b"], now), None);
        o.remember("b", limit, now);
        assert_eq!(o.any(&["a", "b"], now), Some(limit));
        assert_eq!(o.any(&["a"], now), None);
        assert_eq!(o.any(&["b"], now + Duration::minutes(6)), Some(limit));
        assert_eq!(o.any(&["b"], now + Duration::minutes(7)), None);
    }
}
