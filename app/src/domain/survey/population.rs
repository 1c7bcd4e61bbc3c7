//! The synthetic population: a deterministic set of ~20,000 residents of one kommune, for
//! development, tests and benchmarks, so that a panel's composition can be held against the
//! population and a sample drawn from it without a real register. The same kommunenummer gives
//! the same residents in every run and version (SplitMix64 from a seed made of the number).
//!
//! The age structure is roughly that of a Norwegian municipality aged 16 and over (SSB table
//! 07459, 2025, rounded to whole per cent per band); genders are half each; every resident's
//! district is drawn from their place in the list, evenly over the panel's districts.

use super::sampling::SplitMix64;
use super::strata::{AGE_BANDS, AgeBand, Gender, Stratum};
use crate::domain::national_id::NationalId;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

/// How many residents the synthetic population has.
pub const SYNTHETIC_SIZE: usize = 20_000;

/// The share of residents aged 16 and over in each of `AGE_BANDS`, in per cent.
const BAND_SHARES: [u64; 6] = [13, 24, 24, 18, 15, 6];

/// The day the synthetic residents' ages are counted from (their birth dates are fixed, so
/// their bands move with time as real people's do).
const REFERENCE: (i32, u32, u32) = (2026, 1, 1);

/// One synthetic resident.
#[derive(Clone)]
pub struct SyntheticResident {
    pub national_id: NationalId,
    pub name: String,
    pub address: String,
    pub birth: NaiveDate,
    pub gender: Gender,
    /// Drawn once per resident; the district in a panel of `n` districts is `lot % n`.
    pub lot: u64,
}

impl std::fmt::Debug for SyntheticResident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyntheticResident(…)")
    }
}

impl SyntheticResident {
    pub fn district(&self, districts: usize) -> u16 {
        (self.lot % districts.max(1) as u64) as u16
    }

    /// Their stratum on `today` in a panel of `districts` districts (`None` under 16).
    pub fn stratum(&self, today: NaiveDate, districts: usize) -> Option<Stratum> {
        Some(Stratum {
            age: AgeBand::of(self.birth, today)?,
            gender: self.gender,
            district: self.district(districts),
        })
    }
}

/// The seed of a kommune's population: its number's digits.
fn seed_of(kommunenummer: &str) -> u64 {
    kommunenummer.bytes().fold(0x1d4e_5f70_u64, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(u64::from(b))
    })
}

/// An age in years, drawn by `BAND_SHARES` and evenly within the band (80 + up to 99).
fn draw_age(rng: &mut SplitMix64) -> u32 {
    let mut pick = rng.below(BAND_SHARES.iter().sum());
    let mut band = 0;
    for (i, share) in BAND_SHARES.iter().enumerate() {
        if pick < *share {
            band = i;
            break;
        }
        pick -= share;
    }
    let (lo, hi) = AGE_BANDS[band];
    let hi = hi.unwrap_or(99);
    lo + rng.below(u64::from(hi - lo + 1)) as u32
}

/// The synthetic residents of kommune `kommunenummer`, `size` of them.
pub fn synthetic(kommunenummer: &str, size: usize) -> Vec<SyntheticResident> {
    let mut rng = SplitMix64::new(seed_of(kommunenummer));
    let reference =
        NaiveDate::from_ymd_opt(REFERENCE.0, REFERENCE.1, REFERENCE.2).unwrap_or_default();
    let mut out = Vec::with_capacity(size);
    while out.len() < size {
        let age = draw_age(&mut rng);
        let birth = reference
            - Duration::days(i64::from(age) * 365 + i64::from(age / 4) + rng.below(365) as i64 + 1);
        let gender = if rng.below(2) == 0 {
            Gender::Woman
        } else {
            Gender::Man
        };
        // The ninth digit is even for women, odd for men; the century decides the range.
        let base: u32 = if birth.year() >= 2000 { 500 } else { 0 };
        let start = base + 2 * rng.below(250) as u32 + u32::from(gender == Gender::Man);
        let id = (0..25).find_map(|step| {
            let individual = base + (start - base + 2 * step * 7) % 500;
            NationalId::synthetic(birth, individual)
        });
        let lot = rng.next_u64();
        let Some(national_id) = id else { continue };
        let n = out.len() + 1;
        out.push(SyntheticResident {
            national_id,
            name: format!("Panelperson {n}"),
            address: format!("Utvalgsveien {n}, {kommunenummer} Testby"),
            birth,
            gender,
            lot,
        });
    }
    out
}

/// How many of `residents` are in each stratum on `today`, in a panel of `districts` districts.
pub fn counts(
    residents: &[SyntheticResident],
    today: NaiveDate,
    districts: usize,
) -> BTreeMap<Stratum, u64> {
    let mut out = BTreeMap::new();
    for r in residents {
        if let Some(s) = r.stratum(today, districts) {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_kommune_gets_the_same_residents_and_another_kommune_others() {
        let a = synthetic("9999", 500);
        let b = synthetic("9999", 500);
        assert_eq!(a.len(), 500);
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.national_id.expose() == y.national_id.expose() && x.lot == y.lot)
        );
        let c = synthetic("9998", 500);
        assert_ne!(a[0].national_id.expose(), c[0].national_id.expose());
    }

    #[test]
    fn every_resident_has_a_valid_synthetic_number_telling_their_birth_date_and_gender() {
        for r in synthetic("9999", 2_000) {
            assert_eq!(r.national_id.birth_date(), r.birth);
            let ninth = r.national_id.expose().as_bytes()[8] - b'0';
            assert_eq!(ninth % 2 == 1, r.gender == Gender::Man);
        }
    }

    #[test]
    fn the_population_has_every_band_in_about_its_share_and_both_genders_in_halves() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let people = synthetic("9999", SYNTHETIC_SIZE);
        let by = counts(&people, today, 4);
        let band = |b: u8| -> u64 {
            by.iter()
                .filter(|(s, _)| s.age == AgeBand(b))
                .map(|(_, n)| n)
                .sum()
        };
        let total: u64 = by.values().sum();
        assert!(total > 19_800, "nearly all are 16 or over: {total}");
        for (b, share) in BAND_SHARES.iter().enumerate() {
            let got = band(b as u8) as f64 / total as f64 * 100.0;
            assert!(
                (got - *share as f64).abs() < 1.5,
                "band {b}: {got:.1} % against {share} %"
            );
        }
        let women: u64 = by
            .iter()
            .filter(|(s, _)| s.gender == Gender::Woman)
            .map(|(_, n)| n)
            .sum();
        assert!((9_600..=10_400).contains(&women), "{women}");
        assert_eq!(by.keys().map(|s| s.district).max(), Some(3));
    }
}
