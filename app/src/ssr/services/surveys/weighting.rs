//! Weighting a panel survey's respondents to the organisation's population: each response's
//! pseudonym leads to the member's profile (age band, gender, district — bands only), and the
//! respondents are raked to the population's margins of the three (those staff imported, else
//! outside production the synthetic population; see `panels::views::population_counts`), trimmed to 0.3–3 times the
//! average weight and raked again (`domain::survey::weighting`).

use crate::domain::survey::strata::{AGE_BANDS, Stratum};
use crate::domain::survey::weighting::{Raking, RakingError, design_effect, effective_n, rake};
use crate::dto::organisations::OrganisationDto;
use crate::dto::surveys::WeightingSummary;
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::entities::survey;
use crate::ssr::db::panels as panels_db;
use crate::ssr::db::surveys::responses;
use crate::ssr::state::AppState;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

/// A survey's weights, or why there are none.
pub enum Weighing {
    /// Not a panel's survey: its answers are not weighted.
    NotPanel,
    /// A panel's survey that cannot be weighted (the reason's message key).
    Unavailable(&'static str),
    /// One weight per response, in the order asked, and how raking went.
    Weighted(Vec<f64>, WeightingSummary),
}

/// The margins per variable (age band, gender, district) from the population per stratum.
fn margins(population: &BTreeMap<Stratum, u64>, districts: usize) -> Vec<Vec<f64>> {
    let mut m = vec![
        vec![0.0; AGE_BANDS.len()],
        vec![0.0; 2],
        vec![0.0; districts],
    ];
    for (s, n) in population {
        let n = *n as f64;
        if let Some(a) = m[0].get_mut(usize::from(s.age.0)) {
            *a += n;
        }
        if let Some(g) = s.gender.margin_category().and_then(|g| m[1].get_mut(g)) {
            *g += n;
        }
        if let Some(d) = m[2].get_mut(usize::from(s.district)) {
            *d += n;
        }
    }
    m
}

/// The weights of `response_ids` (a survey's submitted responses, in results order).
pub async fn weigh(
    state: &AppState,
    org: &OrganisationDto,
    s: &survey::Model,
    response_ids: &[i64],
) -> Result<Weighing, AppError> {
    if s.kind != "panel" {
        return Ok(Weighing::NotPanel);
    }
    let Some(wave) = panels_db::waves::of_survey(&state.db, s.id)
        .await
        .or_internal()?
    else {
        return Ok(Weighing::Unavailable("survey.weighting.no_panel"));
    };
    let Some(panel) = panels_db::find(&state.db, org.id, wave.panel_id)
        .await
        .or_internal()?
    else {
        return Ok(Weighing::Unavailable("survey.weighting.no_panel"));
    };
    let districts = panels_db::districts(&panel).or_internal()?.len();
    let today = state.clock.now().date_naive();
    // The population staff imported, else (outside production) the synthetic one.
    let (margins, as_of) = match panels_db::margins(&panel) {
        Some(m) if m.district.len() == districts => (m.as_margins(), Some(m.as_of)),
        _ => match crate::ssr::services::panels::views::population_counts(
            state,
            &org.number,
            today,
            districts,
        ) {
            Some(population) => (margins(&population, districts), None),
            None => return Ok(Weighing::Unavailable("survey.weighting.no_population")),
        },
    };
    // Raking the same respondents to the same margins gives the same weights: remembered per
    // process by what they are made of (no two processes can disagree on it), so that a
    // results page read again does not rake again.
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        s.id.hash(&mut h);
        response_ids.hash(&mut h);
        for m in &margins {
            for x in m {
                x.to_bits().hash(&mut h);
            }
        }
        as_of.hash(&mut h);
        h.finish()
    };
    if let Some(hit) = REMEMBERED.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(Weighing::Weighted(hit.0.clone(), hit.1.clone()));
    }
    let pseudonyms = responses::pseudonyms(&state.db, response_ids)
        .await
        .or_internal()?;
    let wanted: Vec<String> = pseudonyms.values().cloned().collect();
    let strata = panels_db::strata_of(&state.db, &wanted)
        .await
        .or_internal()?;
    let respondents: Vec<Vec<Option<usize>>> = response_ids
        .iter()
        .map(|id| match pseudonyms.get(id).and_then(|p| strata.get(p)) {
            Some(s) => vec![
                Some(usize::from(s.age.0)),
                s.gender.margin_category(),
                Some(usize::from(s.district)),
            ],
            // A member who left and had their profile deleted took their answers too; an
            // answer without a profile takes no part in any margin.
            None => vec![None, None, None],
        })
        .collect();
    let options = Raking::default();
    let w = match rake(&respondents, &margins, &options) {
        Ok(w) => w,
        Err(RakingError::NoRespondents) => {
            return Ok(Weighing::Unavailable("survey.weighting.no_respondents"));
        }
        Err(RakingError::EmptyCategory { .. }) => {
            return Ok(Weighing::Unavailable("survey.weighting.empty_group"));
        }
        Err(e) => {
            tracing::warn!(survey_id = s.id, error = %e, "panel survey not weighted");
            return Ok(Weighing::Unavailable("survey.weighting.failed"));
        }
    };
    let n_eff = effective_n(&w.weights);
    let summary = WeightingSummary {
        respondents: w.weights.len() as u64,
        district_kind: panel.district_kind,
        population_as_of: as_of,
        iterations: w.iterations,
        converged: w.converged,
        max_error: (w.max_error * 1000.0).round() / 10.0,
        trim: options.trim.unwrap_or((0.0, f64::INFINITY)),
        trimmed: w.trimmed,
        design_effect: (design_effect(&w.weights) * 100.0).round() / 100.0,
        effective_n: (n_eff * 10.0).round() / 10.0,
        margin_of_error: if n_eff > 0.0 {
            (1.96 * (0.25 / n_eff).sqrt() * 1000.0).round() / 10.0
        } else {
            0.0
        },
    };
    if let Ok(mut c) = REMEMBERED.lock() {
        if c.len() >= REMEMBER_AT_MOST {
            c.clear();
        }
        c.insert(key, Arc::new((w.weights.clone(), summary.clone())));
    }
    Ok(Weighing::Weighted(w.weights, summary))
}

/// Weights and how raking went.
type Worked = Arc<(Vec<f64>, WeightingSummary)>;

/// Weights already worked out, by a hash of the survey, its respondents and the margins.
static REMEMBERED: LazyLock<Mutex<HashMap<u64, Worked>>> = LazyLock::new(Default::default);
const REMEMBER_AT_MOST: usize = 64;
