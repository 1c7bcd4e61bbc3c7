//! Elected officials in the dialogue: the organisation's party groups, and an official's seat on
//! a body (with their party group there) as the admin records it — what the public badge on an
//! official's posts says ("Folkevalgt, Kommunestyret, Partiet").

use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

pub const MAX_PARTY: usize = 120;

/// A party group as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartyForm {
    pub party_name: String,
}

impl PartyForm {
    pub const MESSAGE_KEYS: &[&str] = &["dialogue.party.name_missing"];

    pub fn parse(&self) -> Result<String, FieldErrors> {
        let name = self
            .party_name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() || name.chars().count() > MAX_PARTY {
            return Err(FieldErrors::one(
                "party_name",
                "dialogue.party.name_missing",
            ));
        }
        Ok(name)
    }
}

/// A seat as chosen: the official (a staff account), the body, and the party group (or none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeatForm {
    pub official: String,
    pub body: String,
    pub party: String,
}

/// A seat, right: ids still to be found in the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub official: i32,
    pub body: i32,
    pub party: Option<i32>,
}

impl SeatForm {
    pub const MESSAGE_KEYS: &[&str] = &[
        "dialogue.seat.official_missing",
        "dialogue.seat.body_missing",
    ];

    pub fn parse(&self) -> Result<Seat, FieldErrors> {
        let id = |s: &str| s.trim().parse::<i32>().ok().filter(|n| *n > 0);
        let mut e = FieldErrors::new();
        let official = id(&self.official);
        if official.is_none() {
            e.add("official", "dialogue.seat.official_missing");
        }
        let body = id(&self.body);
        if body.is_none() {
            e.add("body", "dialogue.seat.body_missing");
        }
        e.into_result()?;
        match (official, body) {
            (Some(official), Some(body)) => Ok(Seat {
                official,
                body,
                party: id(&self.party),
            }),
            _ => Err(FieldErrors::one(
                "official",
                "dialogue.seat.official_missing",
            )),
        }
    }
}

/// The badge on an official's posts: "Folkevalgt" (in the organisation's language), the bodies
/// they sit on, and their party group.
pub fn badge(title: &str, bodies: &[String], party: Option<&str>) -> String {
    let mut parts = vec![title.to_string()];
    parts.extend(bodies.iter().cloned());
    parts.extend(party.map(str::to_string));
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_names_the_bodies_and_the_party() {
        assert_eq!(
            badge(
                "Folkevalgt",
                &["Kommunestyret".into(), "Utvalg for plan og miljø".into()],
                Some("Bygdelista")
            ),
            "Folkevalgt, Kommunestyret, Utvalg for plan og miljø, Bygdelista"
        );
        assert_eq!(
            badge("Folkevald", &["Fylkestinget".into()], None),
            "Folkevald, Fylkestinget"
        );
    }

    #[test]
    fn a_seat_needs_an_official_and_a_body() {
        let s = SeatForm {
            official: "4".into(),
            body: "2".into(),
            party: "".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(
            s,
            Seat {
                official: 4,
                body: 2,
                party: None
            }
        );
        let e = SeatForm::default().parse().unwrap_err();
        assert_eq!(e.get("official"), Some("dialogue.seat.official_missing"));
        assert_eq!(e.get("body"), Some("dialogue.seat.body_missing"));
        assert_eq!(
            PartyForm {
                party_name: "  ".into()
            }
            .parse()
            .unwrap_err()
            .get("party_name"),
            Some("dialogue.party.name_missing")
        );
        assert_eq!(
            PartyForm {
                party_name: " Miljø  partiet ".into()
            }
            .parse()
            .unwrap(),
            "Miljø partiet"
        );
    }
}
