//! Initiatives with their organisation as signing reads them, remembered in each process for at
//! most a second: every signature needs its initiative's title (for the receipt) and its
//! organisation (for the residency check), and a popular initiative is signed many times a
//! second. The initiative's status and collection end are not taken from here: the statement
//! that stores a signature checks them itself. What is taken (the title; the organisation's
//! name, and its number and kind for the residency check) does not change while an initiative
//! collects, except an organisation renamed by its admin, which receipts show within the
//! second.

use super::db::entities::{initiative, organisation};
use super::db::initiatives as db;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How old a remembered initiative may be.
pub const MAX_AGE: Duration = Duration::from_secs(1);
/// More initiatives than this remembered at once: start over.
const MAX_ENTRIES: usize = 1024;

type Entry = Arc<(initiative::Model, organisation::Model)>;
/// (organisation slug, initiative id) → when it was read, and what.
type Entries = HashMap<(String, i32), (Instant, Entry)>;

#[derive(Debug, Clone, Default)]
pub struct InitiativeCache(Arc<Mutex<Entries>>);

impl InitiativeCache {
    /// The initiative `id` of the organisation `slug`, with the organisation, at most
    /// `MAX_AGE` old.
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        slug: &str,
        id: i32,
    ) -> Result<Option<Entry>, DbErr> {
        let key = (slug.to_string(), id);
        if let Some((at, e)) = self.lock().get(&key)
            && at.elapsed() < MAX_AGE
        {
            return Ok(Some(e.clone()));
        }
        let Some(found) = db::find_with_org(db, slug, id).await? else {
            return Ok(None);
        };
        let e = Arc::new(found);
        let mut cache = self.lock();
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        cache.insert(key, (Instant::now(), e.clone()));
        Ok(Some(e))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
