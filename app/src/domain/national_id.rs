//! The Norwegian national identity number (personidentifikator): fødselsnummer or d-nummer, with
//! both mod-11 check digits. It is never stored, logged or shown: `Debug` masks it, there is no
//! `Display`, and the only way out is `expose()`, for computing a keyed hash.

use chrono::NaiveDate;

#[derive(Clone, PartialEq, Eq)]
pub struct NationalId(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NationalIdError {
    #[error("a national identity number has 11 digits")]
    Format,
    #[error("the check digits do not match")]
    CheckDigits,
    #[error("the number holds no valid birth date")]
    Date,
    #[error("synthetic test identities are not accepted here")]
    Synthetic,
}

/// What kind of number it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NationalIdKind {
    Fodselsnummer,
    DNummer,
}

const K1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

fn check_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    }
}

/// The birth date in the eleven digits: the day (plus 40 in a d-nummer), the month (plus 80 in a
/// synthetic test identity), the year, and the century from the individual number.
fn birth_date_of(d: &[u32]) -> Result<NaiveDate, NationalIdError> {
    let mut day = d[0] * 10 + d[1];
    let mut month = d[2] * 10 + d[3];
    if month > 80 {
        month -= 80;
    }
    if day > 40 {
        day -= 40;
    }
    let year = d[4] * 10 + d[5];
    let individual = d[6] * 100 + d[7] * 10 + d[8];
    let century = match (individual, year) {
        (0..=499, _) => 1900,
        (500..=749, 54..=99) => 1800,
        (500..=999, 0..=39) => 2000,
        (900..=999, 40..=99) => 1900,
        _ => return Err(NationalIdError::Date),
    };
    NaiveDate::from_ymd_opt((century + year) as i32, month, day).ok_or(NationalIdError::Date)
}

impl NationalId {
    /// Parses and checks a number. Synthetic test identities (month + 80, as in Tenor and
    /// TestID) are accepted only when `allow_synthetic` (never in production).
    pub fn parse(input: &str, allow_synthetic: bool) -> Result<Self, NationalIdError> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 11 || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(NationalIdError::Format);
        }
        let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
        if check_digit(&d[..9], &K1) != Some(d[9]) || check_digit(&d[..10], &K2) != Some(d[10]) {
            return Err(NationalIdError::CheckDigits);
        }
        if d[2] * 10 + d[3] > 80 && !allow_synthetic {
            return Err(NationalIdError::Synthetic);
        }
        birth_date_of(&d)?;
        Ok(Self(s))
    }

    /// The birth date the number holds (for a panel member's age band; never kept).
    pub fn birth_date(&self) -> NaiveDate {
        let d: Vec<u32> = self.0.chars().filter_map(|c| c.to_digit(10)).collect();
        // `parse` made sure it holds one.
        birth_date_of(&d).unwrap_or_default()
    }

    pub fn kind(&self) -> NationalIdKind {
        if self.0.as_bytes()[0] >= b'4' {
            NationalIdKind::DNummer
        } else {
            NationalIdKind::Fodselsnummer
        }
    }

    /// The digits, for keyed hashing only. Never log, store or display them.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A synthetic test identity (month + 80, as TestID and Tenor make them) for someone born
    /// on `birth` with individual number `individual`: 0–499 for births in 1900–1999, 500–999
    /// for 2000–2039 (the century is read from it); `None` for any other pair and when the
    /// check digits cannot be made for it (about one number in five). For tests and benchmarks.
    pub fn synthetic(birth: NaiveDate, individual: u32) -> Option<Self> {
        use chrono::Datelike;
        let fits = match birth.year() {
            1900..=1999 => individual <= 499,
            2000..=2039 => (500..=999).contains(&individual),
            _ => false,
        };
        if !fits {
            return None;
        }
        let nine = format!(
            "{:02}{:02}{:02}{:03}",
            birth.day(),
            birth.month() + 80,
            birth.year() % 100,
            individual
        );
        let mut d: Vec<u32> = nine.chars().filter_map(|c| c.to_digit(10)).collect();
        let k1 = check_digit(&d, &K1)?;
        d.push(k1);
        let k2 = check_digit(&d, &K2)?;
        Self::parse(&format!("{nine}{k1}{k2}"), true).ok()
    }
}

impl std::fmt::Debug for NationalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NationalId(***********)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a number with correct check digits from its first nine digits.
    fn with_checks(nine: &str) -> String {
        let d: Vec<u32> = nine.chars().filter_map(|c| c.to_digit(10)).collect();
        let k1 = check_digit(&d, &K1).expect("k1");
        let mut ten = d.clone();
        ten.push(k1);
        let k2 = check_digit(&ten, &K2).expect("k2");
        format!("{nine}{k1}{k2}")
    }

    #[test]
    fn a_valid_fodselsnummer_is_accepted() {
        // 01.01.1990, individual number 123 (check digits computed, then verified independently).
        let n = with_checks("010190124");
        let id = NationalId::parse(&n, false).unwrap();
        assert_eq!(id.kind(), NationalIdKind::Fodselsnummer);
        assert_eq!(id.expose(), n);
        assert!(NationalId::parse(&format!(" {} {} ", &n[..6], &n[6..]), false).is_ok());
    }

    #[test]
    fn synthetic_identities_are_valid_only_where_synthetic_ones_are_allowed() {
        let birth = NaiveDate::from_ymd_opt(1978, 3, 12).unwrap();
        let made: Vec<NationalId> = (0..150)
            .filter_map(|n| NationalId::synthetic(birth, n))
            .collect();
        assert!(made.len() > 90, "most individual numbers give check digits");
        for id in &made {
            assert_eq!(&id.expose()[..6], "128378", "day, month + 80, year");
            assert_eq!(
                NationalId::parse(id.expose(), false),
                Err(NationalIdError::Synthetic)
            );
        }
        // The stand-in's Lise Lillevik is one of them.
        assert!(made.iter().any(|id| id.expose() == "12837810092"));
        let young = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap();
        assert!(
            NationalId::synthetic(young, 1).is_none(),
            "the 2000s take 500–999"
        );
        let id = (500..600)
            .find_map(|n| NationalId::synthetic(young, n))
            .expect("one of a hundred");
        assert_eq!(id.birth_date(), young);
        assert!(NationalId::synthetic(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(), 600).is_none());
    }

    #[test]
    fn the_century_follows_from_the_individual_number() {
        // Individual number 500-749 with year 54-99 is the 1800s; 29.02.1856 existed.
        assert!(NationalId::parse(&with_checks("290256600"), false).is_ok());
        // 500-999 with year 00-39 is the 2000s.
        assert!(NationalId::parse(&with_checks("150520700"), false).is_ok());
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        let n = with_checks("010190124");
        let last = n.chars().last().unwrap().to_digit(10).unwrap();
        let bad = format!("{}{}", &n[..10], (last + 1) % 10);
        assert_eq!(
            NationalId::parse(&bad, false),
            Err(NationalIdError::CheckDigits)
        );
        let bad_k1 = format!(
            "{}{}{}",
            &n[..9],
            (n.as_bytes()[9] - b'0' + 1) % 10,
            &n[10..]
        );
        assert!(NationalId::parse(&bad_k1, false).is_err());
    }

    #[test]
    fn malformed_input_is_refused() {
        for bad in ["", "123", "0101901234", "010190123456", "01019O12345"] {
            assert_eq!(
                NationalId::parse(bad, false),
                Err(NationalIdError::Format),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_d_nummer_has_forty_added_to_the_day() {
        let n = with_checks("410190123");
        assert_eq!(
            NationalId::parse(&n, false).unwrap().kind(),
            NationalIdKind::DNummer
        );
        // Day 31 + 40 = 71 is fine; day 32 + 40 = 72 is not a date.
        assert!(NationalId::parse(&with_checks("710190123"), false).is_ok());
        assert_eq!(
            NationalId::parse(&with_checks("720190123"), false),
            Err(NationalIdError::Date)
        );
    }

    #[test]
    fn synthetic_identities_are_accepted_only_outside_production() {
        let n = with_checks("018190123"); // month 01 + 80
        assert_eq!(
            NationalId::parse(&n, false),
            Err(NationalIdError::Synthetic)
        );
        assert!(NationalId::parse(&n, true).is_ok());
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(
            NationalId::parse(&with_checks("310290123"), false),
            Err(NationalIdError::Date)
        );
        assert_eq!(
            NationalId::parse(&with_checks("011390123"), false),
            Err(NationalIdError::Date)
        );
        assert!(
            NationalId::parse(&with_checks("290200523"), false).is_ok(),
            "29.02.2000"
        );
    }

    #[test]
    fn the_birth_date_is_read_from_the_number() {
        let born = NaiveDate::from_ymd_opt(1985, 3, 7).unwrap();
        let id = (0..500)
            .find_map(|i| NationalId::synthetic(born, i))
            .expect("a synthetic identity");
        assert_eq!(id.birth_date(), born);
    }

    #[test]
    fn debug_never_shows_the_digits() {
        let n = with_checks("010190124");
        let id = NationalId::parse(&n, false).unwrap();
        assert!(!format!("{id:?}").contains(&n[..6]));
    }
}
