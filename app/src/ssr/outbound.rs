//! What every call to a national register shares: a circuit breaker, so that a register that
//! fails is not hammered (and the citizen hears at once that it is away), `Retry-After`
//! honoured, and a short memory of recent answers per person.
//!
//! Both are per process: a second instance has its own breaker and memory, which costs at most
//! a few more calls and is never wrong.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// After this many failures in a row the register is left alone for `OPEN_FOR`.
const FAILURES_TO_OPEN: u32 = 3;
const OPEN_FOR: Duration = Duration::from_secs(30);
/// A `Retry-After` longer than this is taken as this.
const LONGEST_BACK_OFF: Duration = Duration::from_secs(300);

#[derive(Debug, Default)]
pub struct Breaker {
    state: Mutex<BreakerState>,
}

#[derive(Debug, Default)]
struct BreakerState {
    failures: u32,
    open_until: Option<Instant>,
}

impl Breaker {
    /// Whether a call may be made now.
    pub fn allows(&self, now: Instant) -> bool {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.open_until.is_none_or(|until| until <= now)
    }

    pub fn succeeded(&self) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.failures = 0;
        s.open_until = None;
    }

    /// A failure (timeout, 5xx): the third in a row opens the breaker.
    pub fn failed(&self, now: Instant) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.failures += 1;
        if s.failures >= FAILURES_TO_OPEN {
            s.open_until = Some(now + OPEN_FOR);
            s.failures = 0;
        }
    }

    /// The register asked to be left alone (429 with `Retry-After`).
    pub fn back_off(&self, now: Instant, wait: Duration) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let until = now + wait.min(LONGEST_BACK_OFF);
        s.open_until = Some(s.open_until.map_or(until, |u| u.max(until)));
    }
}

/// `Retry-After` in seconds (the HTTP-date form is rare from these APIs: taken as a minute).
pub fn retry_after(headers: &reqwest::header::HeaderMap) -> Duration {
    headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.trim()
                .parse::<u64>()
                .map_or(Duration::from_secs(60), Duration::from_secs)
        })
        .unwrap_or(Duration::from_secs(5))
}

/// Answers kept in memory for a short while, at most `capacity` of them.
#[derive(Debug)]
pub struct Recent<K, V> {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash + Clone, V: Clone> Recent<K, V> {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        Self {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: &K, now: Instant) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| now.duration_since(*at) < self.ttl)
            .map(|(_, v)| v.clone())
    }

    pub fn put(&self, key: K, value: V, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.capacity {
            entries.retain(|_, (at, _)| now.duration_since(*at) < self.ttl);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(key, (now, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_failures_in_a_row_leave_the_register_alone_for_half_a_minute() {
        let b = Breaker::default();
        let t = Instant::now();
        b.failed(t);
        b.failed(t);
        assert!(b.allows(t));
        b.succeeded();
        b.failed(t);
        b.failed(t);
        assert!(b.allows(t), "a success in between starts the count again");
        b.failed(t);
        assert!(!b.allows(t + Duration::from_secs(29)));
        assert!(b.allows(t + Duration::from_secs(30)));
    }

    #[test]
    fn retry_after_is_honoured_but_never_for_longer_than_five_minutes() {
        let b = Breaker::default();
        let t = Instant::now();
        b.back_off(t, Duration::from_secs(2));
        assert!(!b.allows(t + Duration::from_secs(1)));
        assert!(b.allows(t + Duration::from_secs(2)));
        b.back_off(t, Duration::from_secs(86_400));
        assert!(b.allows(t + Duration::from_secs(300)));
        let mut h = reqwest::header::HeaderMap::new();
        h.insert(reqwest::header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Duration::from_secs(7));
    }

    #[test]
    fn a_recent_answer_is_forgotten_after_its_time() {
        let r = Recent::new(Duration::from_secs(120), 2);
        let t = Instant::now();
        r.put("a", 1, t);
        assert_eq!(r.get(&"a", t + Duration::from_secs(119)), Some(1));
        assert_eq!(r.get(&"a", t + Duration::from_secs(120)), None);
        r.put("b", 2, t);
        r.put("c", 3, t);
        assert_eq!(r.get(&"c", t), Some(3), "a full memory makes room");
    }
}
