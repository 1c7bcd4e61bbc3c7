//! The population a panel's results are weighted to, per age band, gender and district, as
//! staff import it: age and gender from the CSV Statistics Norway's statistics bank exports
//! (table 07459, read by `ssr::formats::ssb`), the districts typed one figure per line (SSB
//! publishes no bydel or skolekrets; the municipality knows its own).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The most residents one district may have (Oslo has under a million).
const MAX_DISTRICT: u64 = 10_000_000;

/// Residents 16 and over, per age band (`strata::AGE_BANDS`), gender (women, men) and district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PopulationMargins {
    /// The date the figures count (1 January of the CSV's latest year).
    pub as_of: NaiveDate,
    pub age: Vec<u64>,
    pub gender: [u64; 2],
    pub district: Vec<u64>,
}

impl PopulationMargins {
    /// The three margins as raking takes them.
    pub fn as_margins(&self) -> Vec<Vec<f64>> {
        vec![
            self.age.iter().map(|n| *n as f64).collect(),
            self.gender.iter().map(|n| *n as f64).collect(),
            self.district.iter().map(|n| *n as f64).collect(),
        ]
    }

    /// Residents 16 and over in all.
    pub fn total(&self) -> u64 {
        self.age.iter().sum()
    }
}

/// The districts' residents, one whole number per line in the panel's order (spaces as
/// thousands separators allowed); the message key when they are not `expected` such numbers.
pub fn parse_districts(text: &str, expected: usize) -> Result<Vec<u64>, &'static str> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = Vec::with_capacity(lines.len());
    for l in &lines {
        let digits: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        match digits.parse::<u64>() {
            Ok(n) if n <= MAX_DISTRICT => out.push(n),
            _ => return Err("panel.margins.district_invalid"),
        }
    }
    if out.len() != expected {
        return Err("panel.margins.district_count");
    }
    // A district without residents cannot have members to weigh, and its members' weights
    // would fall to nothing.
    if out.contains(&0) {
        return Err("panel.margins.district_zero");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_are_one_figure_per_line_in_order() {
        assert_eq!(
            parse_districts("4 210\n\n 3 980 \n12000", 3),
            Ok(vec![4210, 3980, 12000])
        );
        assert_eq!(
            parse_districts("4210\n3980", 3),
            Err("panel.margins.district_count")
        );
        assert_eq!(
            parse_districts("4210\nmange\n1", 3),
            Err("panel.margins.district_invalid")
        );
        assert_eq!(
            parse_districts("-4\n1\n1", 3),
            Err("panel.margins.district_invalid")
        );
        assert_eq!(
            parse_districts("0\n5", 2),
            Err("panel.margins.district_zero")
        );
    }
}
