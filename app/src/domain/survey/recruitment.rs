//! Recruiting a panel by probability sample: the targets staff set per stratum (in proportion
//! to the population with a total, or the same number in every stratum — a disproportionate
//! design that gives small groups enough members to be read on their own), how many to invite
//! in a stratum to reach its target, and the personal enrolment code a drawn resident types.

use super::sampling::proportional;
use super::strata::Stratum;
use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Days an invitation stays open.
pub const INVITATION_DAYS: i64 = 60;
/// The most members a panel's targets may ask for.
pub const MAX_SIZE: u64 = 20_000;
/// The most members one stratum's fixed target may ask for.
pub const MAX_PER_STRATUM: u64 = 1_000;
/// A stratum's own enrolment rate is used once this many of its invitations have ended.
pub const RATE_AFTER: u64 = 30;

/// The targets as typed by staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetForm {
    /// `proportional` or `fixed`.
    pub mode: String,
    /// The panel's size, shared out in proportion to the population (`proportional`).
    pub size: String,
    /// Members wanted in every stratum (`fixed`).
    pub per_stratum: String,
    /// The share of invitees expected to enrol, in per cent.
    pub expected_rate: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetMode {
    Proportional { size: u64 },
    Fixed { per_stratum: u64 },
}

/// The targets, right in every field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    pub mode: TargetMode,
    /// Per cent of invitees expected to enrol, until a stratum's own rate is known.
    pub expected_rate: u8,
}

fn number(s: &str, range: std::ops::RangeInclusive<u64>) -> Option<u64> {
    s.trim().parse::<u64>().ok().filter(|n| range.contains(n))
}

impl TargetForm {
    pub fn parse(&self) -> Result<Targets, FieldErrors> {
        let mut e = FieldErrors::new();
        let mode = match self.mode.as_str() {
            "proportional" => match number(&self.size, 1..=MAX_SIZE) {
                Some(size) => Some(TargetMode::Proportional { size }),
                None => {
                    e.add("size", "panel.targets.size_invalid");
                    None
                }
            },
            "fixed" => match number(&self.per_stratum, 1..=MAX_PER_STRATUM) {
                Some(per_stratum) => Some(TargetMode::Fixed { per_stratum }),
                None => {
                    e.add("per_stratum", "panel.targets.per_stratum_invalid");
                    None
                }
            },
            _ => {
                e.add("mode", "panel.targets.mode_missing");
                None
            }
        };
        let rate = number(&self.expected_rate, 1..=100);
        if rate.is_none() {
            e.add("expected_rate", "panel.targets.rate_invalid");
        }
        e.into_result()?;
        match (mode, rate) {
            (Some(mode), Some(rate)) => Ok(Targets {
                mode,
                expected_rate: rate as u8,
            }),
            _ => Err(FieldErrors::one("mode", "panel.targets.mode_missing")),
        }
    }
}

impl Targets {
    /// The form these targets were typed in (to show them again).
    pub fn form(&self) -> TargetForm {
        let (mode, size, per_stratum) = match self.mode {
            TargetMode::Proportional { size } => ("proportional", size.to_string(), String::new()),
            TargetMode::Fixed { per_stratum } => ("fixed", String::new(), per_stratum.to_string()),
        };
        TargetForm {
            mode: mode.into(),
            size,
            per_stratum,
            expected_rate: self.expected_rate.to_string(),
        }
    }

    /// The members wanted per stratum of this population (never more than live there).
    pub fn cells(&self, population: &BTreeMap<Stratum, u64>) -> BTreeMap<Stratum, u64> {
        match self.mode {
            TargetMode::Proportional { size } => {
                let sizes: Vec<u64> = population.values().copied().collect();
                population
                    .keys()
                    .copied()
                    .zip(proportional(&sizes, size))
                    .collect()
            }
            TargetMode::Fixed { per_stratum } => population
                .iter()
                .map(|(s, n)| (*s, per_stratum.min(*n)))
                .collect(),
        }
    }
}

/// A stratum's enrolment rate in per cent: its own once `RATE_AFTER` of its invitations have
/// ended (enrolled or lapsed), else the expected one; never below 1 %.
pub fn enrolment_rate(enrolled: u64, ended: u64, expected: u8) -> f64 {
    if ended >= RATE_AFTER {
        (enrolled as f64 * 100.0 / ended as f64).max(1.0)
    } else {
        f64::from(expected.max(1))
    }
}

/// How many more to invite in a stratum: what is missing of the target, once the members and
/// the enrolments expected from open invitations are counted, divided by the rate.
pub fn to_invite(target: u64, members: u64, open: u64, rate_percent: f64) -> u64 {
    let rate = (rate_percent / 100.0).clamp(0.01, 1.0);
    let expected = members as f64 + open as f64 * rate;
    let missing = target as f64 - expected;
    if missing <= 0.0 {
        0
    } else {
        (missing / rate).ceil() as u64
    }
}

/// The enrolment form of one who has a code: the code, the consent and an email address (their
/// gender, age band and district are the register's, as they were drawn).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CodeEnrolForm {
    pub code: String,
    pub email: String,
    pub consent: Option<String>,
    /// The background questions' answers, as in `panel::JoinForm`.
    pub bg0: Option<String>,
    pub bg1: Option<String>,
    pub bg2: Option<String>,
    pub bg3: Option<String>,
    pub bg4: Option<String>,
}

impl CodeEnrolForm {
    pub fn background_fields(&self) -> [Option<String>; super::background::MAX_QUESTIONS] {
        [
            self.bg0.clone(),
            self.bg1.clone(),
            self.bg2.clone(),
            self.bg3.clone(),
            self.bg4.clone(),
        ]
    }
}

/// Crockford's base 32: no I, L, O or U, so a code read aloud or off paper is not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in an enrolment code (50 bits).
pub const CODE_LEN: usize = 10;

/// An enrolment code from at least `CODE_LEN` bytes of key material (five bits of each).
pub fn code_from(bytes: &[u8]) -> String {
    bytes
        .iter()
        .take(CODE_LEN)
        .map(|b| ALPHABET[usize::from(b & 31)] as char)
        .collect()
}

/// A code as printed and mailed: "ABCDE-FGHJK".
pub fn display_code(code: &str) -> String {
    if code.len() == CODE_LEN {
        format!("{}-{}", &code[..5], &code[5..])
    } else {
        code.to_string()
    }
}

/// A code as typed, in its canonical form: case, spaces and dashes ignored, and the letters
/// Crockford maps (O to 0, I and L to 1); `None` when it cannot be a code.
pub fn normalise_code(input: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\u{2010}'..='\u{2015}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        out.push(c);
    }
    (out.len() == CODE_LEN).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::strata::{AgeBand, Gender};

    fn form(mode: &str, size: &str, per: &str, rate: &str) -> TargetForm {
        TargetForm {
            mode: mode.into(),
            size: size.into(),
            per_stratum: per.into(),
            expected_rate: rate.into(),
        }
    }

    #[test]
    fn targets_are_read_with_a_message_at_each_wrong_field() {
        assert_eq!(
            form("proportional", "600", "", "25").parse(),
            Ok(Targets {
                mode: TargetMode::Proportional { size: 600 },
                expected_rate: 25
            })
        );
        assert_eq!(
            form("fixed", "", " 20 ", "100").parse().unwrap().mode,
            TargetMode::Fixed { per_stratum: 20 }
        );
        let e = form("proportional", "0", "", "0").parse().unwrap_err();
        assert_eq!(e.get("size"), Some("panel.targets.size_invalid"));
        assert_eq!(e.get("expected_rate"), Some("panel.targets.rate_invalid"));
        let e = form("fixed", "", "1001", "101").parse().unwrap_err();
        assert_eq!(
            e.get("per_stratum"),
            Some("panel.targets.per_stratum_invalid")
        );
        assert_eq!(e.get("expected_rate"), Some("panel.targets.rate_invalid"));
        let e = form("", "", "", "20").parse().unwrap_err();
        assert_eq!(e.get("mode"), Some("panel.targets.mode_missing"));
        let t = form("fixed", "", "12", "30").parse().unwrap();
        assert_eq!(t.form().parse(), Ok(t), "shown again as typed");
    }

    fn s(age: u8, district: u16) -> Stratum {
        Stratum {
            age: AgeBand(age),
            gender: Gender::Woman,
            district,
        }
    }

    #[test]
    fn proportional_targets_share_the_size_and_fixed_ones_never_exceed_a_stratum() {
        let pop: BTreeMap<Stratum, u64> = [(s(0, 0), 500), (s(1, 0), 300), (s(2, 0), 8)].into();
        let t = Targets {
            mode: TargetMode::Proportional { size: 100 },
            expected_rate: 20,
        };
        let cells = t.cells(&pop);
        assert_eq!(cells.values().sum::<u64>(), 100);
        assert_eq!(cells[&s(0, 0)], 62);
        let fixed = Targets {
            mode: TargetMode::Fixed { per_stratum: 10 },
            expected_rate: 20,
        };
        assert_eq!(
            fixed.cells(&pop).values().copied().collect::<Vec<_>>(),
            vec![10, 10, 8]
        );
    }

    #[test]
    fn invitations_make_up_what_members_and_open_invitations_will_not() {
        // 50 wanted, none yet, one in five enrols: 250 invited.
        assert_eq!(to_invite(50, 0, 0, 20.0), 250);
        // 30 members and 50 open invitations (10 expected): 10 missing, 50 more.
        assert_eq!(to_invite(50, 30, 50, 20.0), 50);
        assert_eq!(to_invite(50, 50, 0, 20.0), 0);
        assert_eq!(to_invite(50, 60, 0, 20.0), 0, "over target: nobody");
        assert_eq!(to_invite(3, 0, 0, 100.0), 3);
        // The stratum's own rate once enough invitations ended, else the expected one.
        assert_eq!(enrolment_rate(3, 10, 25), 25.0);
        assert_eq!(enrolment_rate(12, 40, 25), 30.0);
        assert_eq!(enrolment_rate(0, 40, 25), 1.0);
    }

    #[test]
    fn a_code_reads_back_however_it_is_typed_and_nothing_else_does() {
        let code = code_from(&[0, 1, 2, 31, 30, 40, 18, 19, 20, 21, 99]);
        assert_eq!(code.len(), CODE_LEN);
        assert_eq!(code, "012ZY8JKMN");
        assert_eq!(display_code(&code), "012ZY-8JKMN");
        assert_eq!(normalise_code("o12zy-8jkmn").as_deref(), Some("012ZY8JKMN"));
        assert_eq!(
            normalise_code(" 012ZY 8JKMN ").as_deref(),
            Some("012ZY8JKMN")
        );
        assert_eq!(normalise_code("Il2ZY8JKMN").as_deref(), Some("112ZY8JKMN"));
        assert_eq!(normalise_code("012ZY8JKM"), None, "too short");
        assert_eq!(
            normalise_code("012ZY8JKMNU"),
            None,
            "U is not a code letter"
        );
        assert_eq!(normalise_code("012ZY8JKMÆ"), None);
    }
}
