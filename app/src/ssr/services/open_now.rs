//! What is open now: the hearings closing soonest and the initiatives nearest their threshold,
//! for the front page (the whole installation) and an organisation's page.

use crate::domain::hearing::HearingStatus;
use crate::domain::initiative::InitiativeStatus;
use crate::dto::initiatives::InitiativeSummary;
use crate::dto::organisations::OpenNow;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::{hearings, initiatives};
use crate::ssr::state::AppState;
use std::cmp::Ordering;

/// How many of each are shown.
pub const SHOWN: u64 = 5;

/// How many collecting initiatives are compared to find those nearest their threshold.
const CANDIDATES: u64 = 200;

pub async fn open_now(state: &AppState, organisation: Option<String>) -> Result<OpenNow, AppError> {
    let now = state.clock.now();
    let filter = hearings::ListFilter {
        organisation_slug: organisation.clone(),
        status: Some(HearingStatus::Open),
        query: None,
    };
    let (hearings, hearings_total) = hearings::list_public(&state.db, &filter, now, 1, SHOWN)
        .await
        .or_internal()?;
    let filter = initiatives::ListFilter {
        organisation_slug: organisation,
        status: Some(InitiativeStatus::Collecting),
        query: None,
    };
    let collecting =
        crate::ssr::services::initiatives::views::list(state, &filter, 1, CANDIDATES).await?;
    let mut initiatives = collecting.items;
    initiatives.sort_by(nearest_threshold_first);
    initiatives.truncate(SHOWN as usize);
    Ok(OpenNow {
        hearings,
        hearings_total,
        initiatives,
        initiatives_total: collecting.total,
        now,
    })
}

/// The larger share of the threshold signed first (a small municipality's 290 of 300 before a
/// city's 900 of 3000); ties by the collection's end, the nearest first.
fn nearest_threshold_first(a: &InitiativeSummary, b: &InitiativeSummary) -> Ordering {
    let share = |s: &InitiativeSummary| (s.signatures.max(0) as i128, s.threshold.max(1) as i128);
    let ((sa, ta), (sb, tb)) = (share(a), share(b));
    (sb * ta)
        .cmp(&(sa * tb))
        .then(a.collection_ends.cmp(&b.collection_ends))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn summary(signatures: i64, threshold: i64, ends: u32) -> InitiativeSummary {
        InitiativeSummary {
            id: 0,
            organisation_slug: String::new(),
            organisation_name: String::new(),
            content_lang: None,
            title: format!("{signatures}/{threshold}"),
            status: InitiativeStatus::Collecting,
            signatures,
            threshold,
            collection_ends: NaiveDate::from_ymd_opt(2027, 1, ends).expect("date"),
            submitted_at: None,
            decision_due: None,
            outcome: None,
        }
    }

    #[test]
    fn the_largest_share_of_the_threshold_comes_first_then_the_nearest_end() {
        let mut list = [
            summary(900, 3000, 1),
            summary(290, 300, 9),
            summary(0, 300, 1),
            summary(150, 300, 5),
            summary(1500, 3000, 2),
        ];
        list.sort_by(nearest_threshold_first);
        let order: Vec<_> = list.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            order,
            ["290/300", "1500/3000", "150/300", "900/3000", "0/300"]
        );
    }
}
