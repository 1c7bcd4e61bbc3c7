//! How many have signed: counted from the signatures themselves (signing never updates a shared
//! counter row, which would make every signature wait for the one before), and remembered in
//! each process for at most a second, so a busy page does not count on every request. The
//! count shown lags the truth by at most that second, and equals it once signing stops.

use crate::ssr::db::entities::signature;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How old a remembered count may be.
pub const MAX_AGE: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub online: i64,
    pub paper: i64,
}

impl Counts {
    pub fn total(self) -> i64 {
        self.online + self.paper
    }
}

#[derive(Debug, Clone, Default)]
pub struct SignatureCounts(Arc<Mutex<HashMap<i32, (Instant, Counts)>>>);

impl SignatureCounts {
    /// The initiatives' counts (ids not asked for are not in the map).
    pub async fn get_many(
        &self,
        db: &impl ConnectionTrait,
        ids: &[i32],
    ) -> Result<HashMap<i32, Counts>, DbErr> {
        let mut out = HashMap::new();
        let mut missing = Vec::new();
        {
            let cache = self.0.lock().unwrap_or_else(|p| p.into_inner());
            for id in ids {
                match cache.get(id) {
                    Some((at, c)) if at.elapsed() < MAX_AGE => {
                        out.insert(*id, *c);
                    }
                    _ => missing.push(*id),
                }
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        let rows: Vec<(i32, String, i64)> = signature::Entity::find()
            .select_only()
            .column(signature::Column::InitiativeId)
            .column(signature::Column::Source)
            .column_as(signature::Column::Id.count(), "n")
            .filter(signature::Column::InitiativeId.is_in(missing.clone()))
            .group_by(signature::Column::InitiativeId)
            .group_by(signature::Column::Source)
            .into_tuple()
            .all(db)
            .await?;
        let now = Instant::now();
        let mut fresh: HashMap<i32, Counts> =
            missing.iter().map(|id| (*id, Counts::default())).collect();
        for (id, source, n) in rows {
            let c = fresh.entry(id).or_default();
            if source == "paper" {
                c.paper += n;
            } else {
                c.online += n;
            }
        }
        let mut cache = self.0.lock().unwrap_or_else(|p| p.into_inner());
        for (id, c) in fresh {
            cache.insert(id, (now, c));
            out.insert(id, c);
        }
        Ok(out)
    }

    pub async fn get(&self, db: &impl ConnectionTrait, id: i32) -> Result<Counts, DbErr> {
        Ok(self
            .get_many(db, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default())
    }

    /// Forgets a remembered count (after this process changed it, so its own page is exact).
    pub fn forget(&self, id: i32) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }
}
