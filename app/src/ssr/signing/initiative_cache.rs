//! Initiatives with their organisation as signing reads them, remembered in each process for
//! about a second: every signature needs its initiative's title (for the receipt) and its
//! organisation (for the residency check), and a popular initiative is signed many times a
//! second. When a remembered initiative is a second old, one request reads it afresh while the
//! others go on with what is remembered: not all requests at that moment at once, each on a
//! connection of its own (on PostgreSQL a burst of them made the pool open connections under
//! load, and stalled every request for a tenth of a second over TLS). The initiative's status
//! and collection end are not taken from here: the statement that stores a signature checks
//! them itself. What is taken (the title; the organisation's name, and its number and kind for
//! the residency check) does not change while an initiative collects, except an organisation
//! renamed by its admin, which receipts show within the second.

use crate::ssr::db::entities::{initiative, organisation};
use crate::ssr::db::initiatives as db;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How old a remembered initiative may be.
pub const MAX_AGE: Duration = Duration::from_secs(1);
/// More initiatives than this remembered at once: start over.
const MAX_ENTRIES: usize = 1024;

type Entry = Arc<(initiative::Model, organisation::Model)>;

/// What is remembered of one initiative.
#[derive(Debug)]
struct Remembered {
    /// When it was read.
    at: Instant,
    entry: Entry,
    /// Since when one request has been reading it afresh: the others go on with what is
    /// remembered meanwhile, instead of all reading it at once.
    refreshing: Option<Instant>,
}

type Key = (String, i32);

/// What each process remembers.
#[derive(Debug, Default)]
struct Inner {
    /// (organisation slug, initiative id) → what was read, and when.
    entries: HashMap<Key, Remembered>,
    /// Initiatives nothing is remembered of, being read: the requests that ask meanwhile wait
    /// for that read, one at a time.
    first_reads: HashMap<Key, Arc<tokio::sync::Mutex<()>>>,
}

/// What a request does with what is remembered.
enum Look {
    Use(Entry),
    /// It is a second old and nobody is reading it afresh: this request does.
    Refresh,
    Unknown,
}

#[derive(Debug, Clone, Default)]
pub struct InitiativeCache(Arc<Mutex<Inner>>);

impl InitiativeCache {
    /// The initiative `id` of the organisation `slug`, with the organisation: at most
    /// `MAX_AGE` old, or while one request reads it afresh, at most `MAX_AGE` and that read.
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        slug: &str,
        id: i32,
    ) -> Result<Option<Entry>, DbErr> {
        let key = (slug.to_string(), id);
        match self.look(&key) {
            Look::Use(e) => return Ok(Some(e)),
            Look::Refresh => return self.read(db, &key).await,
            Look::Unknown => {}
        }
        let gate = self.gate(&key);
        let turn = gate.lock().await;
        let found = match self.look(&key) {
            Look::Use(e) => Ok(Some(e)), // read by the request before this one
            Look::Refresh | Look::Unknown => self.read(db, &key).await,
        };
        drop(turn);
        let mut inner = self.lock();
        // The last request through (the map holds one more) takes the gate away.
        if Arc::strong_count(&gate) == 2 {
            inner.first_reads.remove(&key);
        }
        found
    }

    /// The gate the requests asking for an initiative nothing is remembered of pass one at a time.
    fn gate(&self, key: &Key) -> Arc<tokio::sync::Mutex<()>> {
        self.lock()
            .first_reads
            .entry(key.clone())
            .or_default()
            .clone()
    }

    fn look(&self, key: &Key) -> Look {
        match self.lock().entries.get_mut(key) {
            None => Look::Unknown,
            Some(r) if r.at.elapsed() < MAX_AGE => Look::Use(r.entry.clone()),
            // A read afresh that has not ended within a second was abandoned (its request went
            // away).
            Some(r) if r.refreshing.is_some_and(|t| t.elapsed() < MAX_AGE) => {
                Look::Use(r.entry.clone())
            }
            Some(r) => {
                r.refreshing = Some(Instant::now());
                Look::Refresh
            }
        }
    }

    /// Reads the initiative and remembers it.
    async fn read(&self, db: &impl ConnectionTrait, key: &Key) -> Result<Option<Entry>, DbErr> {
        let found = db::find_with_org(db, &key.0, key.1).await;
        let mut inner = self.lock();
        let found = match found {
            Ok(Some(found)) => found,
            other => {
                // Gone, or the read failed: nothing remembered, the next request reads again.
                inner.entries.remove(key);
                return other.map(|_| None);
            }
        };
        let entry = Arc::new(found);
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.clear();
        }
        inner.entries.insert(
            key.clone(),
            Remembered {
                at: Instant::now(),
                entry: entry.clone(),
                refreshing: None,
            },
        );
        Ok(Some(entry))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes everything remembered `by` older.
    #[cfg(test)]
    fn age(&self, by: Duration) {
        for r in self.lock().entries.values_mut() {
            r.at = r.at.checked_sub(by).expect("an earlier instant");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::db::entities::initiative;
    use crate::testing::{Backend, test_state};
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Four requests ask at once for an initiative nothing is remembered of: one reads it, the
    /// others wait for that read. When it is a second old, one request reads it afresh and those
    /// asking meanwhile are answered with what was remembered; after that read, all see it.
    async fn one_request_reads_a_stale_initiative_afresh(backend: Backend) {
        let (mut state, _db) = test_state(backend).await;
        crate::demo::seed_demo(&state).await.unwrap();
        let (i, org) = initiative::Entity::find()
            .find_also_related(organisation::Entity)
            .one(&state.db)
            .await
            .unwrap()
            .and_then(|(i, o)| o.map(|o| (i, o)))
            .expect("a demo initiative");
        let reads = Arc::new(AtomicUsize::new(0));
        let counted = reads.clone();
        state.db.set_metric_callback(move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        let cache = InitiativeCache::default();
        let key: Key = (org.slug.clone(), i.id);
        let get = || cache.get(&state.db, &org.slug, i.id);

        // Four requests under way at once. The test holds the gate a first read takes, so each
        // has started, and none has read, before the first of them may go on (a read on SQLite
        // can otherwise end within the poll that starts it).
        let held = cache.gate(&key).lock_owned().await;
        let mut firsts: Vec<_> = (0..4).map(|_| Box::pin(get())).collect();
        for f in &mut firsts {
            assert!(poll_once(f).await.is_pending());
        }
        assert_eq!(reads.load(Ordering::SeqCst), 0);
        drop(held);
        for f in firsts {
            assert_eq!(f.await.unwrap().unwrap().1.name, org.name);
        }
        assert_eq!(
            reads.load(Ordering::SeqCst),
            1,
            "one read, the others waited for it"
        );
        assert!(cache.lock().first_reads.is_empty(), "no gate left behind");
        get().await.unwrap().unwrap();
        assert_eq!(reads.load(Ordering::SeqCst), 1, "remembered");
        assert!(
            cache
                .get(&state.db, "annen-kommune", i.id)
                .await
                .unwrap()
                .is_none(),
            "another organisation's slug finds nothing"
        );
        assert_eq!(reads.load(Ordering::SeqCst), 2);

        let mut renamed: organisation::ActiveModel = org.clone().into();
        renamed.name = Set("Nytt navn kommune".into());
        renamed.update(&state.db).await.unwrap();
        let before = reads.load(Ordering::SeqCst);
        cache.age(MAX_AGE);
        // The first request to find it stale is the one to read it afresh (what `get` does on
        // `Refresh`); seven more ask before that read ends.
        assert!(matches!(cache.look(&key), Look::Refresh));
        for _ in 0..7 {
            assert_eq!(get().await.unwrap().unwrap().1.name, org.name, "remembered");
        }
        assert_eq!(reads.load(Ordering::SeqCst), before, "none of them read it");
        let fresh = cache.read(&state.db, &key).await.unwrap().unwrap();
        assert_eq!(
            fresh.1.name, "Nytt navn kommune",
            "the request that read it"
        );
        assert_eq!(reads.load(Ordering::SeqCst), before + 1, "one read afresh");
        assert_eq!(get().await.unwrap().unwrap().1.name, "Nytt navn kommune");
        assert_eq!(reads.load(Ordering::SeqCst), before + 1);

        // A read afresh whose request went away is taken over a second later.
        cache.age(MAX_AGE);
        assert!(matches!(cache.look(&key), Look::Refresh));
        assert!(matches!(cache.look(&key), Look::Use(_)));
        if let Some(r) = cache.lock().entries.get_mut(&key) {
            r.refreshing = r.refreshing.and_then(|t| t.checked_sub(MAX_AGE));
        }
        assert!(matches!(cache.look(&key), Look::Refresh));
    }

    /// Polls `f` once, as the runtime would when its request arrives.
    async fn poll_once<F: Future + Unpin>(f: &mut F) -> std::task::Poll<F::Output> {
        std::future::poll_fn(|cx| std::task::Poll::Ready(std::pin::Pin::new(&mut *f).poll(cx)))
            .await
    }

    crate::on_both_databases!(one_request_reads_a_stale_initiative_afresh);
}
