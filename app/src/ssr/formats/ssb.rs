//! Statistics Norway's data the platform ships or reads:
//!
//! - the classification of current municipalities (KLASS 131) and counties (KLASS 104), in the
//!   repository as KLASS's own `codesAt` answers (`app/data/ssb/`, with the date they are valid
//!   from; `make ssb-classification` fetches them again), against which a new organisation's
//!   number is checked;
//! - a population table exported from Statbank as CSV (table 07459, "Befolkning", per 1
//!   January), from which an organisation's population and its date are read, and, by sex and
//!   age, the margins a panel is weighted to.

use crate::domain::organisation::OrgKind;
use crate::domain::organisation::onboarding::Classification;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

const MUNICIPALITIES: &str = include_str!("../../../data/ssb/kommuner.json");
const COUNTIES: &str = include_str!("../../../data/ssb/fylker.json");

/// A KLASS `codesAt` answer: the units valid on one date.
#[derive(Debug, Deserialize)]
struct CodesAt {
    #[serde(rename = "validFrom")]
    valid_from: NaiveDate,
    codes: Vec<Code>,
}

#[derive(Debug, Deserialize)]
struct Code {
    code: String,
    name: String,
    /// The Sámi part of a bilingual name (northern, southern or lule), where SSB gives one.
    #[serde(rename = "nameSme")]
    name_sme: Option<String>,
    #[serde(rename = "nameSma")]
    name_sma: Option<String>,
    #[serde(rename = "nameSmj")]
    name_smj: Option<String>,
}

/// The current units of one level, by number.
pub struct Units {
    pub valid_from: NaiveDate,
    names: HashMap<String, String>,
    sami: HashMap<String, String>,
}

impl Units {
    fn parse(json: &str) -> Self {
        let c: CodesAt = serde_json::from_str(json).unwrap_or_else(|e| {
            // The files are in the repository and read by a unit test: this cannot be reached by
            // a build that passed its tests.
            panic!("app/data/ssb holds a broken KLASS file: {e}")
        });
        let sami = c
            .codes
            .iter()
            .filter_map(|c| {
                let s = c
                    .name_sme
                    .as_ref()
                    .or(c.name_sma.as_ref())
                    .or(c.name_smj.as_ref())?;
                Some((c.code.clone(), s.clone()))
            })
            .collect();
        Units {
            valid_from: c.valid_from,
            names: c.codes.into_iter().map(|c| (c.code, c.name)).collect(),
            sami,
        }
    }

    /// The unit's name as SSB writes it (bilingual names as "Kárášjohka - Karasjok").
    pub fn name(&self, number: &str) -> Option<&str> {
        self.names.get(number).map(String::as_str)
    }

    /// The unit's Sámi name, where SSB's name has one ("Kárášjohka" of "Kárášjohka -
    /// Karasjok").
    pub fn sami_name(&self, number: &str) -> Option<&str> {
        self.sami.get(number).map(String::as_str)
    }

    /// Every unit: number and name.
    pub fn all(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

static KOMMUNER: LazyLock<Units> = LazyLock::new(|| Units::parse(MUNICIPALITIES));
static FYLKER: LazyLock<Units> = LazyLock::new(|| Units::parse(COUNTIES));

/// SSB's classification as shipped.
pub struct Shipped;

impl Shipped {
    pub fn units(kind: OrgKind) -> &'static Units {
        match kind {
            OrgKind::Municipality => &KOMMUNER,
            OrgKind::County => &FYLKER,
        }
    }
}

impl Classification for Shipped {
    fn is_current(&self, kind: OrgKind, number: &str) -> bool {
        Shipped::units(kind).name(number).is_some()
    }
}

/// What a Statbank CSV gave for one region: the latest year's figure, counted on 1 January.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Population {
    pub figure: i64,
    pub date: NaiveDate,
}

/// The rows of a Statbank CSV export (semicolon- or comma-separated, with or without its title
/// lines), each field trimmed.
fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if text.contains(';') { b';' } else { b',' };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .flatten()
        .map(|r| r.iter().map(|f| f.trim().to_string()).collect())
        .collect()
}

/// Whether a field names region `number`: "3101 Halden", "K-3101 Halden", "F-46 Vestland" or
/// "3101".
fn names_region(field: &str, number: &str) -> bool {
    let f = field
        .strip_prefix("K-")
        .or_else(|| field.strip_prefix("F-"))
        .unwrap_or(field);
    f == number || f.strip_prefix(number).is_some_and(|r| r.starts_with(' '))
}

/// Reads a Statbank CSV export (semicolon- or comma-separated, with or without its title
/// lines) and finds the row of region `number` ("3101 Halden", "K-3101 Halden" or "3101"):
/// its year column and its figure (the last column). With several years, the latest counts.
pub fn population_from_csv(bytes: &[u8], number: &str) -> Option<Population> {
    let mut best: Option<Population> = None;
    for record in rows(bytes) {
        let fields: Vec<&str> = record.iter().map(String::as_str).collect();
        if !fields.iter().any(|f| names_region(f, number)) {
            continue;
        }
        // The year: a whole number of a year's size before the last column, not the region's.
        let year = fields[..fields.len().saturating_sub(1)]
            .iter()
            .filter(|f| **f != number)
            .filter_map(|f| f.parse::<i32>().ok())
            .find(|y| (1900..=2200).contains(y));
        let figure = fields
            .last()
            .and_then(|f| f.replace([' ', '\u{a0}'], "").parse::<i64>().ok());
        if let (Some(year), Some(figure)) = (year, figure) {
            let Some(date) = NaiveDate::from_ymd_opt(year, 1, 1) else {
                continue;
            };
            if best.is_none_or(|b| b.date < date) {
                best = Some(Population { figure, date });
            }
        }
    }
    best
}

/// The population margins a panel is weighted to, from a Statbank CSV of table 07459 by sex
/// and one-year age: residents 16 and over per age band and per gender, in the latest year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Margins {
    pub date: NaiveDate,
    /// Per `AgeBand`.
    pub age: Vec<u64>,
    /// Women, men.
    pub gender: [u64; 2],
}

/// Reads the margins of region `number` from a Statbank export with a sex column ("Kvinner",
/// "Menn"; "Females", "Males") and an age column ("025 25 år", "105 år eller eldre"); `None`
/// when the region, sex or age is not in it.
pub fn margins_from_csv(bytes: &[u8], number: &str) -> Option<Margins> {
    use crate::domain::survey::strata::{AGE_BANDS, AgeBand};
    // Per year: (age bands, gender).
    let mut years: std::collections::BTreeMap<i32, (Vec<u64>, [u64; 2])> = Default::default();
    for record in rows(bytes) {
        let fields: Vec<&str> = record.iter().map(String::as_str).collect();
        if fields.len() < 5 || !names_region(fields[0], number) {
            continue;
        }
        let gender = match fields[1].to_lowercase().as_str() {
            "kvinner" | "kvinne" | "females" | "female" | "2" => 0,
            "menn" | "mann" | "males" | "male" | "1" => 1,
            _ => continue,
        };
        let Some(age) = fields[2]
            .split(|c: char| !c.is_ascii_digit())
            .find(|p| !p.is_empty())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let Some(year) = fields[3]
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
        else {
            continue;
        };
        let Some(count) = fields
            .last()
            .and_then(|f| f.replace([' ', '\u{a0}'], "").parse::<u64>().ok())
        else {
            continue;
        };
        let Some(band) = AgeBand::of_age(age) else {
            continue;
        };
        let entry = years
            .entry(year)
            .or_insert_with(|| (vec![0; AGE_BANDS.len()], [0, 0]));
        entry.0[band.0 as usize] += count;
        entry.1[gender] += count;
    }
    let (year, (age, gender)) = years.into_iter().next_back()?;
    Some(Margins {
        date: NaiveDate::from_ymd_opt(year, 1, 1)?,
        age,
        gender,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_classification_has_every_current_unit() {
        let k = Shipped::units(OrgKind::Municipality);
        let f = Shipped::units(OrgKind::County);
        assert_eq!((k.len(), f.len()), (357, 15));
        assert_eq!(k.name("0301"), Some("Oslo - Oslove"));
        assert_eq!(k.name("3101"), Some("Halden"));
        assert_eq!(k.sami_name("5610"), Some("Kárášjohka"));
        assert_eq!(k.sami_name("3101"), None);
        assert_eq!(f.name("46"), Some("Vestland"));
        // Gone in the 2024 reform: Viken (30) and Vestfold og Telemark (38).
        assert!(!Shipped.is_current(OrgKind::County, "30"));
        assert!(!Shipped.is_current(OrgKind::Municipality, "3001"));
        assert!(Shipped.is_current(OrgKind::County, "03"));
    }

    #[test]
    fn a_statbank_export_by_sex_and_age_gives_the_panels_margins() {
        let csv = "\"region\";\"kjønn\";\"alder\";\"år\";\"07459: Personer\"\n\
            \"3101 Halden\";\"Kvinner\";\"015 15 år\";\"2025\";150\n\
            \"3101 Halden\";\"Kvinner\";\"016 16 år\";\"2025\";160\n\
            \"3101 Halden\";\"Menn\";\"030 30 år\";\"2025\";170\n\
            \"3101 Halden\";\"Menn\";\"105 105 år eller eldre\";\"2025\";1\n\
            \"3101 Halden\";\"Menn\";\"030 30 år\";\"2024\";999\n\
            \"3103 Moss\";\"Menn\";\"030 30 år\";\"2025\";888\n";
        let m = margins_from_csv(csv.as_bytes(), "3101").expect("margins");
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date"));
        // 15-year-olds are below the panel's age; 16 is the first band, 30 the second, 105 the last.
        assert_eq!(m.age, vec![160, 170, 0, 0, 0, 1]);
        assert_eq!(m.gender, [160, 171]);
        assert_eq!(margins_from_csv(csv.as_bytes(), "4601"), None);
    }

    #[test]
    fn a_statbank_export_gives_the_latest_year_of_the_region() {
        let csv = "\u{feff}\"07459: Befolkning, etter region, statistikkvariabel og år\"\n\n\
            \"region\";\"statistikkvariabel\";\"år\";\"07459: Befolkning\"\n\
            \"3101 Halden\";\"Personer\";\"2023\";31373\n\
            \"3101 Halden\";\"Personer\";\"2024\";31444\n\
            \"3103 Moss\";\"Personer\";\"2024\";50290\n";
        assert_eq!(
            population_from_csv(csv.as_bytes(), "3101"),
            Some(Population {
                figure: 31_444,
                date: NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date"),
            })
        );
        assert_eq!(
            population_from_csv(b"region,year,value\nK-4601 Bergen,2025,291940\n", "4601")
                .map(|p| p.figure),
            Some(291_940)
        );
        assert_eq!(population_from_csv(csv.as_bytes(), "310"), None);
        assert_eq!(population_from_csv(b"not a table", "3101"), None);
    }
}
