//! Hearings (høringer): the status machine, deadlines in Norwegian time, and the six-week rule.
//! Submissions are accepted until the deadline inclusive; a deadline without a time is the end
//! of that day in Europe/Oslo.

pub mod draft;
pub mod moves;
pub mod parts;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HearingStatus {
    /// Being written; only staff see it.
    Draft,
    /// Published, waiting for its opening date.
    Scheduled,
    /// Taking submissions.
    Open,
    /// The deadline has passed; the administration works on the submissions.
    Closed,
    /// The body has decided; the outcome is public.
    Concluded,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a hearing cannot go from {from:?} to {to:?}")]
pub struct TransitionError {
    pub from: HearingStatus,
    pub to: HearingStatus,
}

impl HearingStatus {
    pub const ALL: [HearingStatus; 6] = [
        HearingStatus::Draft,
        HearingStatus::Scheduled,
        HearingStatus::Open,
        HearingStatus::Closed,
        HearingStatus::Concluded,
        HearingStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HearingStatus::Draft => "draft",
            HearingStatus::Scheduled => "scheduled",
            HearingStatus::Open => "open",
            HearingStatus::Closed => "closed",
            HearingStatus::Concluded => "concluded",
            HearingStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            HearingStatus::Draft => "hearing.status.draft",
            HearingStatus::Scheduled => "hearing.status.scheduled",
            HearingStatus::Open => "hearing.status.open",
            HearingStatus::Closed => "hearing.status.closed",
            HearingStatus::Concluded => "hearing.status.concluded",
            HearingStatus::Cancelled => "hearing.status.cancelled",
        }
    }

    /// Whether the public may see it (everything but drafts).
    pub fn is_public(self) -> bool {
        self != HearingStatus::Draft
    }

    /// The one place the allowed moves are written down:
    /// draft → scheduled → open → closed → concluded; back from scheduled to draft (withdrawn
    /// before it opens) and from closed to open (the deadline extended after it passed); and
    /// cancelled from any state before concluded.
    pub fn transition(self, to: HearingStatus) -> Result<HearingStatus, TransitionError> {
        use HearingStatus::*;
        let allowed = matches!(
            (self, to),
            (Draft, Scheduled)
                | (Scheduled, Draft)
                | (Scheduled, Open)
                | (Open, Closed)
                | (Closed, Open)
                | (Closed, Concluded)
                | (Draft | Scheduled | Open | Closed, Cancelled)
        );
        if allowed {
            Ok(to)
        } else {
            Err(TransitionError { from: self, to })
        }
    }

    /// The status the dates give at `now`: a scheduled hearing opens at its opening time and
    /// closes after its deadline; staff decisions (draft, concluded, cancelled) stand.
    pub fn by_dates(
        self,
        opens_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        use HearingStatus::*;
        match self {
            Scheduled | Open if now > deadline => Closed,
            Scheduled if now >= opens_at => Open,
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The clock skips this time (the spring change to summer time).
    #[error("that time does not exist in Norway on that day")]
    NonexistentTime,
}

fn oslo(date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, DeadlineError> {
    match Oslo.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // The autumn change repeats an hour: the later one gives people more time.
        LocalResult::Ambiguous(_, later) => Ok(later.with_timezone(&Utc)),
        LocalResult::None => Err(DeadlineError::NonexistentTime),
    }
}

/// The last moment a submission is accepted: `time` on `date` in Norway, or the end of the day
/// (23:59:59) when no time is given.
pub fn deadline_at(
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> Result<DateTime<Utc>, DeadlineError> {
    #[allow(clippy::unwrap_used)] // a constant, valid time
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 59).unwrap();
    oslo(date, time.unwrap_or(end_of_day))
}

/// When a hearing opens: `time` on `date` in Norway, or the start of the day.
pub fn opening_at(
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> Result<DateTime<Utc>, DeadlineError> {
    oslo(date, time.unwrap_or(NaiveTime::MIN))
}

/// A submission received at `at` is in time.
pub fn in_time(deadline: DateTime<Utc>, at: DateTime<Utc>) -> bool {
    at <= deadline
}

/// The state's rule (utredningsinstruksen): normally three months, never less than six weeks.
pub const MIN_WEEKS: i64 = 6;

/// The days a hearing is open, counted in Norwegian calendar days with both the opening day
/// and the deadline's day included (1 March to 11 April is six weeks).
pub fn period_days(opens_at: DateTime<Utc>, deadline: DateTime<Utc>) -> i64 {
    let first = opens_at.with_timezone(&Oslo).date_naive();
    let last = deadline.with_timezone(&Oslo).date_naive();
    (last - first).num_days() + 1
}

/// A hearing period shorter than six weeks needs a reason, shown on the hearing's page.
pub fn is_short(opens_at: DateTime<Utc>, deadline: DateTime<Utc>) -> bool {
    period_days(opens_at, deadline) < MIN_WEEKS * 7
}

/// How long is left, in Norwegian calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeLeft {
    Passed,
    /// The deadline is later today.
    Today,
    Days(i64),
}

pub fn time_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> TimeLeft {
    if now > deadline {
        return TimeLeft::Passed;
    }
    let today = now.with_timezone(&Oslo).date_naive();
    let last = deadline.with_timezone(&Oslo).date_naive();
    match (last - today).num_days() {
        0 => TimeLeft::Today,
        n => TimeLeft::Days(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HearingStatus::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_allowed_move_is_allowed_and_every_other_refused() {
        let allowed = [
            (Draft, Scheduled),
            (Scheduled, Draft),
            (Scheduled, Open),
            (Open, Closed),
            (Closed, Open),
            (Closed, Concluded),
            (Draft, Cancelled),
            (Scheduled, Cancelled),
            (Open, Cancelled),
            (Closed, Cancelled),
        ];
        for from in HearingStatus::ALL {
            for to in HearingStatus::ALL {
                let res = from.transition(to);
                if allowed.contains(&(from, to)) {
                    assert_eq!(res, Ok(to), "{from:?} -> {to:?}");
                } else {
                    assert_eq!(res, Err(TransitionError { from, to }), "{from:?} -> {to:?}");
                }
            }
        }
    }

    #[test]
    fn statuses_parse_from_what_they_print() {
        for s in HearingStatus::ALL {
            assert_eq!(HearingStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(HearingStatus::parse("åpen"), None);
    }

    #[test]
    fn dates_open_and_close_a_scheduled_hearing() {
        let opens = t("2027-01-01T00:00:00Z");
        let deadline = t("2027-03-01T22:59:59Z");
        assert_eq!(
            Scheduled.by_dates(opens, deadline, t("2026-12-31T23:59:59Z")),
            Scheduled
        );
        assert_eq!(Scheduled.by_dates(opens, deadline, opens), Open);
        assert_eq!(Open.by_dates(opens, deadline, deadline), Open);
        assert_eq!(
            Open.by_dates(opens, deadline, t("2027-03-01T23:00:00Z")),
            Closed
        );
        assert_eq!(
            Scheduled.by_dates(opens, deadline, t("2027-04-01T00:00:00Z")),
            Closed
        );
        for fixed in [Draft, Closed, Concluded, Cancelled] {
            assert_eq!(
                fixed.by_dates(opens, deadline, t("2027-02-01T00:00:00Z")),
                fixed
            );
        }
    }

    #[test]
    fn a_deadline_without_time_is_the_end_of_the_day_in_norway() {
        // Winter: UTC+1.
        let winter = deadline_at(d(2027, 1, 15), None).unwrap();
        assert_eq!(winter, t("2027-01-15T22:59:59Z"));
        assert!(
            in_time(winter, t("2027-01-15T22:59:58Z")),
            "one second before"
        );
        assert!(in_time(winter, winter), "the last second itself");
        assert!(
            !in_time(winter, t("2027-01-15T23:00:00Z")),
            "one second after: midnight"
        );
        // Summer: UTC+2.
        assert_eq!(
            deadline_at(d(2027, 6, 15), None).unwrap(),
            t("2027-06-15T21:59:59Z")
        );
        let noon = deadline_at(d(2027, 6, 15), NaiveTime::from_hms_opt(12, 0, 0)).unwrap();
        assert_eq!(noon, t("2027-06-15T10:00:00Z"));
        assert!(!in_time(noon, t("2027-06-15T10:00:01Z")));
    }

    #[test]
    fn deadlines_around_the_daylight_saving_changes() {
        // 28 March 2027: clocks go from 02:00 to 03:00; 02:30 never happens.
        assert_eq!(
            deadline_at(d(2027, 3, 28), NaiveTime::from_hms_opt(2, 30, 0)),
            Err(DeadlineError::NonexistentTime)
        );
        assert_eq!(
            deadline_at(d(2027, 3, 28), None).unwrap(),
            t("2027-03-28T21:59:59Z")
        );
        assert_eq!(
            deadline_at(d(2027, 3, 27), None).unwrap(),
            t("2027-03-27T22:59:59Z")
        );
        // 31 October 2027: 02:00-03:00 happens twice; the later one counts.
        assert_eq!(
            deadline_at(d(2027, 10, 31), NaiveTime::from_hms_opt(2, 30, 0)).unwrap(),
            t("2027-10-31T01:30:00Z")
        );
        assert_eq!(
            deadline_at(d(2027, 10, 31), None).unwrap(),
            t("2027-10-31T22:59:59Z")
        );
        // Opening at the start of the day.
        assert_eq!(
            opening_at(d(2027, 10, 31), None).unwrap(),
            t("2027-10-30T22:00:00Z")
        );
    }

    #[test]
    fn less_than_six_weeks_is_short() {
        let opens = opening_at(d(2027, 1, 1), None).unwrap();
        assert!(is_short(opens, deadline_at(d(2027, 2, 10), None).unwrap()));
        assert!(!is_short(opens, deadline_at(d(2027, 2, 11), None).unwrap()));
        assert_eq!(
            period_days(opens, deadline_at(d(2027, 2, 11), None).unwrap()),
            42
        );
        // Across the spring change (an hour shorter), whole Norwegian days still count.
        let opens = opening_at(d(2027, 3, 1), None).unwrap();
        assert!(!is_short(opens, deadline_at(d(2027, 4, 11), None).unwrap()));
        assert!(is_short(opens, deadline_at(d(2027, 4, 10), None).unwrap()));
        // Three months is the normal length.
        assert!(!is_short(opens, deadline_at(d(2027, 6, 1), None).unwrap()));
    }

    #[test]
    fn days_left_count_norwegian_calendar_days() {
        let deadline = deadline_at(d(2027, 1, 15), None).unwrap();
        assert_eq!(
            time_left(deadline, t("2027-01-03T12:00:00Z")),
            TimeLeft::Days(12)
        );
        // 23:30 in Oslo on the 14th is still one day before.
        assert_eq!(
            time_left(deadline, t("2027-01-14T22:30:00Z")),
            TimeLeft::Days(1)
        );
        assert_eq!(
            time_left(deadline, t("2027-01-14T23:30:00Z")),
            TimeLeft::Today
        );
        assert_eq!(
            time_left(deadline, t("2027-01-15T23:00:00Z")),
            TimeLeft::Passed
        );
    }
}
