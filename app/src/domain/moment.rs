//! A moment typed as a date and an optional time, in Norway's time (Europe/Oslo): a hearing's
//! opening, its deadline, an extension. A deadline without a time is the end of its day; an
//! opening without one is the start of its day.

use crate::domain::field_errors::FieldErrors;
use crate::domain::hearing::{deadline_at, opening_at};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// Whether the moment opens something (start of day by default) or ends it (end of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentKind {
    Opening,
    Deadline,
}

/// What is wrong with a typed moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentError {
    /// Not a date (`YYYY-MM-DD`).
    Date,
    /// Not a time (`HH:MM`).
    Time,
    /// A time that does not exist that day (the spring change to summer time).
    Nonexistent,
}

impl MomentError {
    pub fn message_key(self) -> &'static str {
        match self {
            MomentError::Date => "hearing.form.date_invalid",
            MomentError::Time => "hearing.form.time_invalid",
            MomentError::Nonexistent => "hearing.form.time_nonexistent",
        }
    }
}

/// A parsed moment, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment(pub DateTime<Utc>);

impl Moment {
    pub const MESSAGE_KEYS: &[&str] = &[
        "hearing.form.date_invalid",
        "hearing.form.time_invalid",
        "hearing.form.time_nonexistent",
    ];

    /// Parses `date` (`YYYY-MM-DD`) and `time` (`HH:MM`, `HH:MM:SS`, or empty) in Europe/Oslo.
    pub fn parse(date: &str, time: &str, kind: MomentKind) -> Result<Self, MomentError> {
        let d =
            NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| MomentError::Date)?;
        let time = time.trim();
        let t = if time.is_empty() {
            None
        } else {
            Some(
                NaiveTime::parse_from_str(time, "%H:%M")
                    .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
                    .map_err(|_| MomentError::Time)?,
            )
        };
        match kind {
            MomentKind::Deadline => deadline_at(d, t),
            MomentKind::Opening => opening_at(d, t),
        }
        .map(Moment)
        .map_err(|_| MomentError::Nonexistent)
    }

    /// Parses a pair of fields alone (a form with only a date and a time): the moment, or the
    /// message at the field that is wrong.
    pub fn parse_pair(
        date: (&str, &str),
        time: (&str, &str),
        kind: MomentKind,
    ) -> Result<DateTime<Utc>, FieldErrors> {
        let mut errors = FieldErrors::new();
        match Self::parse_fields(&mut errors, date, time, kind) {
            Some(at) => Ok(at),
            None => Err(errors),
        }
    }

    /// Parses the pair of fields `date_field` and `time_field`; a wrong date is told at the date
    /// field, a wrong time at the time field.
    pub fn parse_fields(
        errors: &mut FieldErrors,
        (date_field, date): (&str, &str),
        (time_field, time): (&str, &str),
        kind: MomentKind,
    ) -> Option<DateTime<Utc>> {
        match Self::parse(date, time, kind) {
            Ok(Moment(at)) => Some(at),
            Err(e) => {
                let field = if e == MomentError::Date {
                    date_field
                } else {
                    time_field
                };
                errors.add(field, e.message_key());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
            .single()
            .expect("valid")
    }

    #[test]
    fn dates_and_times_are_read_in_norway_and_a_bare_date_is_its_whole_day() {
        let cases = [
            (
                "2026-12-01",
                "",
                MomentKind::Deadline,
                Ok(utc(2026, 12, 1, 22, 59, 59)),
            ),
            (
                "2026-12-01",
                "",
                MomentKind::Opening,
                Ok(utc(2026, 11, 30, 23, 0, 0)),
            ),
            (
                "2026-06-15",
                "12:00",
                MomentKind::Deadline,
                Ok(utc(2026, 6, 15, 10, 0, 0)),
            ),
            (
                " 2026-06-15 ",
                "12:00:30",
                MomentKind::Opening,
                Ok(utc(2026, 6, 15, 10, 0, 30)),
            ),
            (
                "15.06.2026",
                "",
                MomentKind::Deadline,
                Err(MomentError::Date),
            ),
            (
                "2026-06-15",
                "25:00",
                MomentKind::Deadline,
                Err(MomentError::Time),
            ),
            (
                "2026-03-29",
                "02:30",
                MomentKind::Deadline,
                Err(MomentError::Nonexistent),
            ),
        ];
        for (date, time, kind, want) in cases {
            let got = Moment::parse(date, time, kind).map(|m| m.0);
            match want {
                Ok(at) => assert_eq!(
                    got.map(|g| g.timestamp()),
                    Ok(at.timestamp()),
                    "{date} {time}"
                ),
                Err(e) => assert_eq!(got, Err(e), "{date} {time}"),
            }
        }
    }

    #[test]
    fn a_wrong_time_is_told_at_the_time_field() {
        let mut errors = FieldErrors::new();
        let got = Moment::parse_fields(
            &mut errors,
            ("deadline_date", "2026-06-15"),
            ("deadline_time", "kl 12"),
            MomentKind::Deadline,
        );
        assert_eq!(got, None);
        assert_eq!(
            errors.get("deadline_time"),
            Some("hearing.form.time_invalid")
        );
    }
}
