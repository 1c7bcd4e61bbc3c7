//! What the panel pages read: a panel's public page (with whether the visitor is a member),
//! the public and staff lists, a citizen's panels for Min side, and the staff's view of the
//! composition — members per age band, gender and district beside the population's, where the
//! population is known (the synthetic one outside production; see `PopulationSource`).

use super::{EDITORS, panel_of, person_hash, staff_org};
use crate::domain::survey::population::{self, SyntheticResident};
use crate::domain::survey::strata::{AGE_BANDS, AgeBand, Gender, Stratum};
use crate::dto::panels::{Attrition, CompositionRow, MyPanel, PanelItem, PublicPanel, StaffPanel};
use crate::error::AppError;
use crate::ssr::OrInternal;
use crate::ssr::db::organisations;
use crate::ssr::db::panels as db;
use crate::ssr::security::auth::{Citizen, Staff};
use crate::ssr::state::AppState;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

/// Where the population per stratum comes from. Outside production, the synthetic population
/// of the organisation's number (the same residents every time, so a cache per process holds
/// nothing that two processes could disagree on). In production none yet: a Folkeregisteret
/// extract adapter is designed (README, "Panels") but not connected, and the page says so.
pub(crate) fn population_of(state: &AppState, number: &str) -> Option<Arc<Vec<SyntheticResident>>> {
    static MADE: LazyLock<Mutex<HashMap<String, Arc<Vec<SyntheticResident>>>>> =
        LazyLock::new(Default::default);
    if !state.settings.allow_synthetic_ids() {
        return None;
    }
    let mut made = MADE.lock().ok()?;
    Some(
        made.entry(number.to_string())
            .or_insert_with(|| Arc::new(population::synthetic(number, population::SYNTHETIC_SIZE)))
            .clone(),
    )
}

/// The organisation's population per stratum (age band × gender × one of `districts`), where
/// it is known (see `population_of`).
pub(crate) fn population_counts(
    state: &AppState,
    number: &str,
    today: chrono::NaiveDate,
    districts: usize,
) -> Option<BTreeMap<Stratum, u64>> {
    population_of(state, number).map(|people| population::counts(&people, today, districts))
}

pub async fn public_panel(
    state: &AppState,
    slug: &str,
    id: i32,
    citizen: Option<&Citizen>,
) -> Result<PublicPanel, AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    let p = panel_of(state, &org, id).await?;
    let (member, invited) = match citizen.and_then(|c| person_hash(state, p.id, c)) {
        Some(h) => (
            db::active_member(&state.db, p.id, &h)
                .await
                .or_internal()?
                .is_some(),
            db::recruitment::open_for(&state.db, p.id, &h, state.clock.now())
                .await
                .or_internal()?
                .is_some(),
        ),
        None => (false, false),
    };
    let background = db::background(&p);
    Ok(PublicPanel {
        id: p.id,
        organisation_slug: org.slug.clone(),
        organisation_name: org.name.clone(),
        content_lang: org.written_standard.lang(),
        districts: db::districts(&p).or_internal()?,
        name: p.name,
        purpose: p.purpose,
        district_kind: p.district_kind,
        recruiting: p.recruiting,
        logged_in: citizen.is_some(),
        member,
        invited,
        background,
    })
}

/// The organisation's panels that take new members.
pub async fn public_list(state: &AppState, slug: &str) -> Result<Vec<PanelItem>, AppError> {
    let org = organisations::find_by_slug(&state.db, slug)
        .await
        .or_internal()?
        .ok_or(AppError::NotFound)?;
    Ok(db::of_organisation(&state.db, org.id)
        .await
        .or_internal()?
        .into_iter()
        .filter(|p| p.recruiting)
        .map(|p| PanelItem {
            id: p.id,
            name: p.name,
            recruiting: true,
            members: 0,
        })
        .collect())
}

pub async fn staff_list(
    state: &AppState,
    staff: &Staff,
    slug: &str,
) -> Result<Vec<PanelItem>, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let mut out = Vec::new();
    for p in db::of_organisation(&state.db, org.id).await.or_internal()? {
        let members = db::composition(&state.db, p.id)
            .await
            .or_internal()?
            .values()
            .sum();
        out.push(PanelItem {
            id: p.id,
            name: p.name,
            recruiting: p.recruiting,
            members,
        });
    }
    Ok(out)
}

/// The panels the citizen is a member of, in every organisation.
pub async fn my_panels(state: &AppState, citizen: &Citizen) -> Result<Vec<MyPanel>, AppError> {
    let panels = db::all(&state.db).await.or_internal()?;
    let hashes: Vec<String> = panels
        .iter()
        .filter_map(|p| person_hash(state, p.id, citizen))
        .collect();
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let mine = db::memberships(&state.db, hashes).await.or_internal()?;
    let orgs = organisations::list(&state.db).await.or_internal()?;
    Ok(panels
        .into_iter()
        .filter(|p| mine.iter().any(|m| m.panel_id == p.id))
        .filter_map(|p| {
            let o = orgs.iter().find(|o| o.id == p.organisation_id)?;
            Some(MyPanel {
                id: p.id,
                name: p.name,
                organisation_slug: o.slug.clone(),
                organisation_name: o.name.clone(),
            })
        })
        .collect())
}

/// Rows of one variable: the members and the population per group, each with its share.
fn rows<K: Ord + Copy>(
    groups: &[(K, String)],
    members: &BTreeMap<Stratum, u64>,
    population: Option<&BTreeMap<Stratum, u64>>,
    key: impl Fn(&Stratum) -> K,
) -> Vec<CompositionRow> {
    let sum = |m: &BTreeMap<Stratum, u64>, k: K| -> u64 {
        m.iter().filter(|(s, _)| key(s) == k).map(|(_, n)| n).sum()
    };
    let share = |n: u64, total: u64| {
        if total == 0 {
            0.0
        } else {
            n as f64 * 100.0 / total as f64
        }
    };
    let total_m: u64 = members.values().sum();
    let total_p: u64 = population.map(|p| p.values().sum()).unwrap_or(0);
    groups
        .iter()
        .map(|(k, label)| {
            let m = sum(members, *k);
            let p = population.map(|pop| sum(pop, *k));
            CompositionRow {
                label: label.clone(),
                members: m,
                member_share: share(m, total_m),
                population: p,
                population_share: p.map(|p| share(p, total_p)),
            }
        })
        .collect()
}

pub async fn staff_view(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    id: i32,
) -> Result<StaffPanel, AppError> {
    let org = staff_org(state, staff, slug, EDITORS).await?;
    let p = panel_of(state, &org, id).await?;
    let districts = db::districts(&p).or_internal()?;
    let members = db::composition(&state.db, p.id).await.or_internal()?;
    let today = state.clock.now().date_naive();
    let pop = population_of(state, &org.number)
        .map(|people| population::counts(&people, today, districts.len()));
    let i = crate::i18n::I18n(org.written_standard.lang());
    let ages: Vec<(AgeBand, String)> = (0..AGE_BANDS.len() as u8)
        .map(|b| (AgeBand(b), AgeBand(b).label()))
        .collect();
    let genders: Vec<(Gender, String)> = Gender::ALL
        .iter()
        .map(|g| (*g, i.t(&format!("panel.gender.{}", g.as_str()))))
        .collect();
    let places: Vec<(u16, String)> = districts
        .iter()
        .enumerate()
        .map(|(n, d)| (n as u16, d.clone()))
        .collect();
    let mut attrition = Attrition::default();
    for (source, status, n) in db::counts_by_status(&state.db, p.id).await.or_internal()? {
        let n = n.max(0) as u64;
        match source.as_str() {
            "sample" => attrition.joined_sample += n,
            _ => attrition.joined_self += n,
        }
        match status.as_str() {
            "left" => attrition.left += n,
            "retired" => attrition.retired += n,
            _ => {}
        }
    }
    let waves = super::waves::list(state, &p, i).await?;
    let recruitment = super::recruitment::view(state, &p, i, &districts, pop.as_ref()).await?;
    let sendable = super::waves::sendable(state, &org).await?;
    let background = db::background(&p);
    Ok(StaffPanel {
        id: p.id,
        margins: db::margins(&p),
        recruitment,
        waves,
        sendable,
        members: members.values().sum(),
        population_known: pop.is_some(),
        by_age: rows(&ages, &members, pop.as_ref(), |s| s.age),
        by_gender: rows(&genders, &members, pop.as_ref(), |s| s.gender),
        by_district: rows(&places, &members, pop.as_ref(), |s| s.district),
        attrition,
        name: p.name,
        purpose: p.purpose,
        district_kind: p.district_kind,
        districts,
        skip_limit: p.skip_limit.max(0) as u32,
        recruiting: p.recruiting,
        background,
    })
}
