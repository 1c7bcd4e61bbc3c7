//! Dates and numbers as people read them, in Norwegian time (Europe/Oslo).

use crate::domain::lang::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Europe::Oslo;

const NO_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `15. januar 2027` / `15 January 2027`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", d.day(), EN_MONTHS[m], d.year()),
        _ => format!("{}. {} {}", d.day(), NO_MONTHS[m], d.year()),
    }
}

/// `15. januar 2027 kl. 23.59` / `15 January 2027 at 23:59`, in Oslo time.
pub fn date_time(lang: Lang, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Oslo);
    let d = date(lang, local.date_naive());
    match lang {
        Lang::En => format!("{d} at {:02}:{:02}", local.hour(), local.minute()),
        _ => format!("{d} kl. {:02}.{:02}", local.hour(), local.minute()),
    }
}

/// `15 001` (Norwegian thin grouping with a no-break space) / `15,001`.
pub fn number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = if lang == Lang::En { ',' } else { '\u{a0}' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// `12,5` / `12.5`: `x` with `places` decimals, the decimal mark of the language.
pub fn decimal(lang: Lang, x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

/// The day of `t` in Oslo, as `date` writes it.
pub fn day(lang: Lang, t: DateTime<Utc>) -> String {
    date(lang, t.with_timezone(&Oslo).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        assert_eq!(date(Lang::Nb, d), "15. januar 2027");
        assert_eq!(date(Lang::En, d), "15 January 2027");
    }

    #[test]
    fn times_are_shown_in_oslo_time_across_daylight_saving() {
        let winter: DateTime<Utc> = "2027-01-15T22:59:00Z".parse().unwrap();
        assert_eq!(date_time(Lang::Nb, winter), "15. januar 2027 kl. 23.59");
        let summer: DateTime<Utc> = "2027-06-15T21:59:00Z".parse().unwrap();
        assert_eq!(date_time(Lang::En, summer), "15 June 2027 at 23:59");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(number(Lang::Nb, 15001), "15\u{a0}001");
        assert_eq!(number(Lang::En, 700000), "700,000");
        assert_eq!(number(Lang::Nb, 999), "999");
    }
}

/// A file size as people read it: `840 kB`, `2,4 MB`.
pub fn file_size(lang: Lang, bytes: i64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        return format!("{} kB", kb.ceil() as i64);
    }
    let mb = format!("{:.1}", kb / 1024.0);
    let mb = if lang == Lang::En {
        mb
    } else {
        mb.replace('.', ",")
    };
    format!("{mb} MB")
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn sizes_read_in_kilobytes_and_megabytes() {
        assert_eq!(file_size(Lang::Nb, 860_000), "840 kB");
        assert_eq!(file_size(Lang::Nb, 2_500_000), "2,4 MB");
        assert_eq!(file_size(Lang::En, 2_500_000), "2.4 MB");
    }
}

/// The text on one line, cut at a word before `max` characters with "…" (a page's description).
pub fn excerpt(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod excerpt_tests {
    use super::*;

    #[test]
    fn an_excerpt_is_one_line_cut_at_a_word() {
        assert_eq!(excerpt("Kort\n  tekst.", 300), "Kort tekst.");
        assert_eq!(excerpt("Ein to tre fire, fem seks", 18), "Ein to tre fire…");
        assert_eq!(excerpt("Æøåæøåæøåæøå", 5), "Æøåæ…");
    }
}
