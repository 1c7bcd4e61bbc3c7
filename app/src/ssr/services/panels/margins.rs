//! Importing the population a panel's results are weighted to: the CSV of table 07459 that
//! Statistics Norway's statistics bank exports (by sex and one-year age, for the organisation's
//! number) gives the age bands and genders; the districts' residents are typed, one per line.

use super::{EDITORS, panel_of, staff_org};
use crate::domain::field_errors::FieldErrors;
use crate::domain::survey::margins::{PopulationMargins, parse_districts};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::panels as db;
use crate::ssr::formats::ssb;
use crate::ssr::security::auth::Staff;
use crate::ssr::services::{Audit, record_transition};
use crate::ssr::state::AppState;
use sea_orm::TransactionTrait;

/// Saves the panel's population: from `csv` (a Statbank export; without one, the age and
/// gender figures kept before) and the districts' figures.
pub async fn save(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
    csv: Option<&[u8]>,
    districts: &str,
) -> Result<(), AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let p = panel_of(state, &org, id).await?;
    let mut errors = FieldErrors::new();
    let from_file = match csv.filter(|b| !b.is_empty()) {
        Some(bytes) => match ssb::margins_from_csv(bytes, &org.number) {
            Some(m) => Some((m.date, m.age, m.gender)),
            None => {
                errors.add("margins_file", "panel.margins.file_invalid");
                None
            }
        },
        None => None,
    };
    let before = db::margins(&p);
    let age_gender = from_file.or_else(|| before.map(|b| (b.as_of, b.age, b.gender)));
    if age_gender.is_none() && errors.is_empty() {
        errors.add("margins_file", "panel.margins.file_missing");
    }
    let count = db::districts(&p).or_internal()?.len();
    let district = match parse_districts(districts, count) {
        Ok(d) => Some(d),
        Err(key) => {
            errors.add("margin_districts", key);
            None
        }
    };
    errors.into_result()?;
    let (Some((as_of, age, gender)), Some(district)) = (age_gender, district) else {
        return Err(crate::ssr::internal("margins without their parts"));
    };
    let margins = PopulationMargins {
        as_of,
        age,
        gender,
        district,
    };
    let now = state.clock.now();
    let txn = state.db.begin().await.or_internal()?;
    db::set_margins(&txn, p, &margins, now)
        .await
        .or_internal()?;
    record_transition(
        txn,
        &[],
        Audit {
            organisation_id: Some(org.id),
            actor: Some(staff.user_id),
            action: "panel_margins",
            detail: &format!("panel {id} as of {as_of}"),
        },
        now,
    )
    .await?;
    tracing::info!(panel_id = id, "panel population margins saved");
    Ok(())
}
