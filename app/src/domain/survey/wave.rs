//! A wave: a survey sent to a panel. Staff plan it (`WaveForm` → `WavePlan`): which survey, to
//! every member or to a stratified sub-sample of a given size, when it opens and closes (typed in
//! Norway's time), and up to two reminders a number of days after opening. The wave then moves
//! by the clock (`WaveStatus`), reminds those who have not answered (`reminder_due`), and at its
//! close counts a member's waves skipped in a row, retiring them at the panel's limit
//! (`after_wave`).

use super::strata::{AgeBand, Gender, Stratum};
use crate::domain::field_errors::FieldErrors;
use crate::domain::moment::{Moment, MomentKind};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest sub-sample one wave may draw.
pub const MAX_SAMPLE: u32 = 100_000;
/// The longest a wave may stay open.
pub const MAX_DAYS_OPEN: i64 = 92;
/// The latest reminder, in days after opening.
pub const MAX_REMINDER_DAYS: u32 = 60;

/// A wave as typed by staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WaveForm {
    /// The survey's id (one of the organisation's drafts).
    pub survey: String,
    /// `all` or `sample`.
    pub audience: String,
    pub sample_size: String,
    pub opens_date: String,
    pub opens_time: String,
    pub closes_date: String,
    pub closes_time: String,
    /// Days after opening, or empty for none.
    pub first_reminder: String,
    pub second_reminder: String,
}

/// A wave's plan, right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WavePlan {
    pub survey_id: i32,
    /// `None`: every active member.
    pub sample_size: Option<u32>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Days after opening, ascending: none, one or two.
    pub reminders: Vec<u32>,
}

fn reminder(e: &mut FieldErrors, field: &str, value: &str) -> Option<u32> {
    match value.trim() {
        "" => None,
        s => match s.parse::<u32>() {
            Ok(n) if (1..=MAX_REMINDER_DAYS).contains(&n) => Some(n),
            _ => {
                e.add(field, "panel.wave.reminder_invalid");
                None
            }
        },
    }
}

impl WaveForm {
    /// The plan, or a message at each wrong field. `now` refuses a wave that would already be
    /// closed, or that opens before today.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<WavePlan, FieldErrors> {
        let mut e = FieldErrors::new();
        let survey_id = match self.survey.trim().parse::<i32>() {
            Ok(id) if id > 0 => id,
            _ => {
                e.add("survey", "panel.wave.survey_missing");
                0
            }
        };
        let sample_size = match self.audience.trim() {
            "all" | "" => None,
            "sample" => match self.sample_size.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_SAMPLE).contains(&n) => Some(n),
                _ => {
                    e.add("sample_size", "panel.wave.sample_size_invalid");
                    None
                }
            },
            _ => {
                e.add("audience", "panel.wave.audience_invalid");
                None
            }
        };
        let opens = Moment::parse_fields(
            &mut e,
            ("opens_date", &self.opens_date),
            ("opens_time", &self.opens_time),
            MomentKind::Opening,
        );
        let closes = Moment::parse_fields(
            &mut e,
            ("closes_date", &self.closes_date),
            ("closes_time", &self.closes_time),
            MomentKind::Deadline,
        );
        if let Some(o) = opens
            && o < now - Duration::days(1)
        {
            e.add("opens_date", "panel.wave.opens_past");
        }
        if let Some(c) = closes
            && c <= now
        {
            e.add("closes_date", "panel.wave.closes_past");
        }
        if let (Some(o), Some(c)) = (opens, closes) {
            if c <= o {
                e.add("closes_date", "panel.wave.closes_before_opens");
            } else if c - o > Duration::days(MAX_DAYS_OPEN) {
                e.add("closes_date", "panel.wave.too_long");
            }
        }
        let first = reminder(&mut e, "first_reminder", &self.first_reminder);
        let second = reminder(&mut e, "second_reminder", &self.second_reminder);
        let mut reminders = Vec::new();
        match (first, second) {
            // (a first reminder typed wrong has its own message)
            (None, Some(_)) if self.first_reminder.trim().is_empty() => {
                e.add("second_reminder", "panel.wave.second_without_first")
            }
            (None, Some(_)) => {}
            (Some(a), Some(b)) if b <= a => e.add("second_reminder", "panel.wave.second_not_later"),
            _ => reminders.extend(first.into_iter().chain(second)),
        }
        if let (Some(o), Some(c)) = (opens, closes) {
            for (field, days) in [("first_reminder", first), ("second_reminder", second)] {
                if let Some(d) = days
                    && o + Duration::days(i64::from(d)) >= c
                {
                    e.add(field, "panel.wave.reminder_after_close");
                }
            }
        }
        e.into_result()?;
        Ok(WavePlan {
            survey_id,
            sample_size,
            opens_at: opens.unwrap_or(now),
            closes_at: closes.unwrap_or(now),
            reminders,
        })
    }
}

/// Where a wave is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WaveStatus {
    /// Planned; nobody invited yet.
    Scheduled,
    /// Invitations sent; answers taken.
    Open,
    /// Closed; members who did not answer have it counted.
    Closed,
}

impl WaveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WaveStatus::Scheduled => "scheduled",
            WaveStatus::Open => "open",
            WaveStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<WaveStatus> {
        [WaveStatus::Scheduled, WaveStatus::Open, WaveStatus::Closed]
            .into_iter()
            .find(|w| w.as_str() == s)
    }
}

/// Whether an invitee who has not answered, reminded `sent` times so far, is due the next of
/// `reminders` (days after `opens_at`) at `now`.
pub fn reminder_due(
    reminders: &[u32],
    opens_at: DateTime<Utc>,
    sent: u32,
    now: DateTime<Utc>,
) -> bool {
    reminders
        .get(sent as usize)
        .is_some_and(|d| now >= opens_at + Duration::days(i64::from(*d)))
}

/// A member's waves skipped in a row after a wave closes, and whether that retires them:
/// answering starts the count again; `skip_limit` skips in a row end the membership.
pub fn after_wave(skipped_in_row: u32, answered: bool, skip_limit: u32) -> (u32, bool) {
    if answered {
        (0, false)
    } else {
        let n = skipped_in_row + 1;
        (n, skip_limit > 0 && n >= skip_limit)
    }
}

/// Counts per stratum as a wave keeps them (those it invited): JSON, one
/// `[age band, gender, district, count]` per stratum.
pub fn encode_strata(counts: &BTreeMap<Stratum, u64>) -> String {
    let rows: Vec<(u8, &str, u16, u64)> = counts
        .iter()
        .map(|(s, n)| (s.age.0, s.gender.as_str(), s.district, *n))
        .collect();
    serde_json::to_string(&rows).unwrap_or_default()
}

/// The counts `encode_strata` wrote (none from anything else).
pub fn decode_strata(json: &str) -> BTreeMap<Stratum, u64> {
    let rows: Vec<(u8, String, u16, u64)> = serde_json::from_str(json).unwrap_or_default();
    rows.into_iter()
        .filter_map(|(age, gender, district, n)| {
            Some((
                Stratum {
                    age: AgeBand(age),
                    gender: Gender::parse(&gender)?,
                    district,
                },
                n,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    fn form() -> WaveForm {
        WaveForm {
            survey: "7".into(),
            audience: "sample".into(),
            sample_size: "150".into(),
            opens_date: "2026-12-02".into(),
            opens_time: "08:00".into(),
            closes_date: "2026-12-16".into(),
            closes_time: "".into(),
            first_reminder: "5".into(),
            second_reminder: "10".into(),
        }
    }

    fn errors(f: WaveForm) -> Vec<(String, String)> {
        let e = f.parse(now()).unwrap_err();
        let mut out: Vec<(String, String)> = [
            "survey",
            "audience",
            "sample_size",
            "opens_date",
            "opens_time",
            "closes_date",
            "closes_time",
            "first_reminder",
            "second_reminder",
        ]
        .iter()
        .filter_map(|f| e.get(f).map(|m| (f.to_string(), m.to_string())))
        .collect();
        out.sort();
        out
    }

    fn one(field: &str, key: &str) -> Vec<(String, String)> {
        vec![(field.to_string(), key.to_string())]
    }

    #[test]
    fn a_wave_is_read_in_norwegian_time_with_its_reminders_in_order() {
        let p = form().parse(now()).unwrap();
        assert_eq!(p.survey_id, 7);
        assert_eq!(p.sample_size, Some(150));
        // 08:00 in Oslo in December is 07:00 UTC; a closing date alone is the end of its day.
        assert_eq!(
            p.opens_at,
            Utc.with_ymd_and_hms(2026, 12, 2, 7, 0, 0).unwrap()
        );
        assert_eq!(
            p.closes_at,
            Utc.with_ymd_and_hms(2026, 12, 16, 22, 59, 59).unwrap()
        );
        assert_eq!(p.reminders, vec![5, 10]);
        let all = WaveForm {
            audience: "all".into(),
            sample_size: "nonsense, ignored".into(),
            first_reminder: "".into(),
            second_reminder: "".into(),
            ..form()
        }
        .parse(now())
        .unwrap();
        assert_eq!((all.sample_size, all.reminders), (None, vec![]));
    }

    #[test]
    fn each_wrong_field_gets_its_own_message() {
        assert_eq!(
            errors(WaveForm {
                survey: "".into(),
                ..form()
            }),
            one("survey", "panel.wave.survey_missing")
        );
        for bad in ["0", "-3", "many", "100001"] {
            assert_eq!(
                errors(WaveForm {
                    sample_size: bad.into(),
                    ..form()
                }),
                one("sample_size", "panel.wave.sample_size_invalid"),
                "{bad}"
            );
        }
        assert_eq!(
            errors(WaveForm {
                audience: "friends".into(),
                ..form()
            }),
            one("audience", "panel.wave.audience_invalid")
        );
        assert_eq!(
            errors(WaveForm {
                opens_date: "2.12.2026".into(),
                ..form()
            }),
            one("opens_date", "hearing.form.date_invalid")
        );
        assert_eq!(
            errors(WaveForm {
                opens_time: "25:00".into(),
                ..form()
            }),
            one("opens_time", "hearing.form.time_invalid")
        );
        assert_eq!(
            errors(WaveForm {
                opens_date: "2026-11-20".into(),
                ..form()
            }),
            one("opens_date", "panel.wave.opens_past")
        );
        assert_eq!(
            errors(WaveForm {
                opens_date: "2026-12-01".into(),
                opens_time: "".into(),
                closes_date: "2026-12-01".into(),
                closes_time: "08:00".into(),
                first_reminder: "".into(),
                second_reminder: "".into(),
                ..form()
            }),
            one("closes_date", "panel.wave.closes_past")
        );
        assert_eq!(
            errors(WaveForm {
                closes_date: "2026-12-02".into(),
                closes_time: "07:00".into(),
                first_reminder: "".into(),
                second_reminder: "".into(),
                ..form()
            }),
            one("closes_date", "panel.wave.closes_before_opens")
        );
        assert_eq!(
            errors(WaveForm {
                closes_date: "2027-04-01".into(),
                ..form()
            }),
            one("closes_date", "panel.wave.too_long")
        );
        assert_eq!(
            errors(WaveForm {
                first_reminder: "0".into(),
                ..form()
            }),
            one("first_reminder", "panel.wave.reminder_invalid")
        );
        assert_eq!(
            errors(WaveForm {
                first_reminder: "".into(),
                ..form()
            }),
            one("second_reminder", "panel.wave.second_without_first")
        );
        assert_eq!(
            errors(WaveForm {
                second_reminder: "5".into(),
                ..form()
            }),
            one("second_reminder", "panel.wave.second_not_later")
        );
        assert_eq!(
            errors(WaveForm {
                second_reminder: "15".into(),
                ..form()
            }),
            one("second_reminder", "panel.wave.reminder_after_close")
        );
    }

    #[test]
    fn reminders_fall_due_in_turn_and_not_beyond_the_second() {
        let opens = now();
        let days = |d: i64| opens + Duration::days(d);
        let r = [3, 7];
        assert!(!reminder_due(&r, opens, 0, days(2)));
        assert!(reminder_due(&r, opens, 0, days(3)));
        assert!(!reminder_due(&r, opens, 1, days(6)));
        assert!(reminder_due(&r, opens, 1, days(7)));
        assert!(!reminder_due(&r, opens, 2, days(30)));
        assert!(!reminder_due(&[], opens, 0, days(30)));
    }

    #[test]
    fn skipping_waves_in_a_row_retires_a_member_at_the_limit() {
        assert_eq!(after_wave(0, false, 3), (1, false));
        assert_eq!(after_wave(1, false, 3), (2, false));
        assert_eq!(after_wave(2, false, 3), (3, true));
        assert_eq!(after_wave(2, true, 3), (0, false));
    }

    #[test]
    fn counts_per_stratum_are_kept_and_read_back() {
        let mut counts = BTreeMap::new();
        counts.insert(
            Stratum {
                age: AgeBand(2),
                gender: Gender::NotGiven,
                district: 4,
            },
            7,
        );
        counts.insert(
            Stratum {
                age: AgeBand(0),
                gender: Gender::Woman,
                district: 0,
            },
            1,
        );
        assert_eq!(decode_strata(&encode_strata(&counts)), counts);
        assert!(decode_strata("not json").is_empty());
    }
}
