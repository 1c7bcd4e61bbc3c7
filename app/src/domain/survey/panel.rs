//! A citizen panel's facts as staff write them (`PanelForm`), a resident's enrolment as they
//! fill it in (`JoinForm`), and a member's state (`MemberStatus`).

use super::background::{self, BackgroundQuestion};
use super::strata::Gender;
use crate::domain::email::{Email, EmailError};
use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 200;
pub const MAX_PURPOSE: usize = 3_000;
pub const MAX_DISTRICTS: usize = 60;
pub const MAX_DISTRICT_NAME: usize = 100;
/// The kinds of district an organisation may divide its panel by.
pub const DISTRICT_KINDS: [&str; 3] = ["bydel", "skolekrets", "grunnkrets"];

/// A panel's facts as typed by staff: the districts one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PanelForm {
    pub name: String,
    pub purpose: String,
    pub district_kind: String,
    pub districts: String,
    pub skip_limit: String,
    /// Ticked: residents may join on their own.
    pub recruiting: Option<String>,
    /// Background questions: blocks of a question and its options (`background::parse`).
    pub background: String,
}

/// A panel's facts, right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelFacts {
    pub name: String,
    pub purpose: String,
    pub district_kind: String,
    pub districts: Vec<String>,
    pub skip_limit: u32,
    pub recruiting: bool,
    pub background: Vec<BackgroundQuestion>,
}

impl PanelForm {
    pub fn parse(&self) -> Result<PanelFacts, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            e.add("name", "panel.form.name_missing");
        } else if name.chars().count() > MAX_NAME {
            e.add("name", "panel.form.too_long");
        }
        let purpose = self.purpose.trim().to_string();
        if purpose.is_empty() {
            e.add("purpose", "panel.form.purpose_missing");
        } else if purpose.chars().count() > MAX_PURPOSE {
            e.add("purpose", "panel.form.too_long");
        }
        let district_kind = self.district_kind.trim().to_string();
        if !DISTRICT_KINDS.contains(&district_kind.as_str()) {
            e.add("district_kind", "panel.form.district_kind_invalid");
        }
        let mut districts: Vec<String> = Vec::new();
        for line in self
            .districts
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if !districts.iter().any(|d| d.eq_ignore_ascii_case(line)) {
                districts.push(line.to_string());
            }
        }
        if districts.is_empty() {
            e.add("districts", "panel.form.districts_missing");
        } else if districts.len() > MAX_DISTRICTS
            || districts
                .iter()
                .any(|d| d.chars().count() > MAX_DISTRICT_NAME)
        {
            e.add("districts", "panel.form.districts_too_many");
        }
        let skip_limit = match self.skip_limit.trim() {
            "" => 3,
            s => match s.parse::<u32>() {
                Ok(n) if (1..=20).contains(&n) => n,
                _ => {
                    e.add("skip_limit", "panel.form.skip_limit_invalid");
                    0
                }
            },
        };
        let background = match background::parse(&self.background) {
            Ok(b) => b,
            Err(key) => {
                e.add("background", key);
                Vec::new()
            }
        };
        e.into_result()?;
        Ok(PanelFacts {
            name,
            purpose,
            district_kind,
            districts,
            skip_limit,
            recruiting: self.recruiting.is_some(),
            background,
        })
    }
}

/// Whether a panel whose members already have districts may take these districts instead:
/// the existing ones must stay, in their places (a member's district is its position), and
/// new ones may only be added at the end.
pub fn districts_compatible(before: &[String], after: &[String]) -> bool {
    after.len() >= before.len() && before.iter().zip(after).all(|(b, a)| b == a)
}

/// A resident's enrolment as typed: the consent ticked, an email address, their gender and
/// district (an index into the panel's list, as text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JoinForm {
    pub consent: Option<String>,
    pub email: String,
    pub gender: String,
    pub district: String,
    /// The background questions' answers (an option's position; empty: not answered).
    pub bg0: Option<String>,
    pub bg1: Option<String>,
    pub bg2: Option<String>,
    pub bg3: Option<String>,
    pub bg4: Option<String>,
}

/// An enrolment, right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub email: Email,
    pub gender: Gender,
    pub district: u16,
    /// Per background question, the option chosen (`None`: not answered).
    pub background: Vec<Option<u16>>,
}

impl JoinForm {
    /// The background questions' answers (errors at the field of an answer that is not one).
    pub fn background(&self, qs: &[BackgroundQuestion]) -> Result<Vec<Option<u16>>, FieldErrors> {
        let fields = [
            self.bg0.clone(),
            self.bg1.clone(),
            self.bg2.clone(),
            self.bg3.clone(),
            self.bg4.clone(),
        ];
        background::answers(qs, &fields).map_err(|wrong| {
            let mut e = FieldErrors::new();
            for f in wrong {
                e.add(&f, "panel.background.answer_invalid");
            }
            e
        })
    }

    /// Checked against a panel of `districts` districts.
    pub fn parse(&self, districts: usize) -> Result<Enrolment, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.consent.is_none() {
            e.add("consent", "panel.join.consent_missing");
        }
        let email = match Email::parse(&self.email) {
            Ok(m) => Some(m),
            Err(EmailError::Empty) => {
                e.add("email", "panel.join.email_missing");
                None
            }
            Err(EmailError::Invalid) => {
                e.add("email", "panel.join.email_invalid");
                None
            }
        };
        let gender = Gender::parse(self.gender.trim());
        if gender.is_none() {
            e.add("gender", "panel.join.gender_missing");
        }
        let district = self
            .district
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|d| usize::from(*d) < districts);
        if district.is_none() {
            e.add("district", "panel.join.district_missing");
        }
        e.into_result()?;
        match (email, gender, district) {
            (Some(email), Some(gender), Some(district)) => Ok(Enrolment {
                email,
                gender,
                district,
                background: Vec::new(),
            }),
            _ => Err(FieldErrors::one("consent", "panel.join.consent_missing")),
        }
    }
}

/// A member's state: taking part, left on their own, or retired after skipping waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    Active,
    Left,
    Retired,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Left => "left",
            MemberStatus::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<MemberStatus> {
        [Self::Active, Self::Left, Self::Retired]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What a leaving member chooses for the answers they gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepAnswers {
    /// Kept, no longer linked to them (their pseudonym is forgotten on the contact side).
    Anonymised,
    /// Deleted, with the profile they were weighted by.
    Deleted,
}

impl KeepAnswers {
    pub fn parse(s: &str) -> Option<KeepAnswers> {
        match s {
            "keep" => Some(KeepAnswers::Anonymised),
            "delete" => Some(KeepAnswers::Deleted),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(districts: &str) -> PanelForm {
        PanelForm {
            name: "Innbyggerpanelet".into(),
            purpose: "Vi spør panelet om kommunens tjenester fire ganger i året.".into(),
            district_kind: "bydel".into(),
            districts: districts.into(),
            ..Default::default()
        }
    }

    #[test]
    fn districts_are_one_per_line_without_blanks_or_repeats() {
        let f = panel("Sentrum\n\n  Nord \nsentrum\nSør")
            .parse()
            .expect("valid");
        assert_eq!(f.districts, ["Sentrum", "Nord", "Sør"]);
        assert_eq!(f.skip_limit, 3, "the default");
        assert!(!f.recruiting);
    }

    #[test]
    fn a_panel_needs_a_name_a_purpose_a_kind_of_district_and_districts() {
        let e = PanelForm::default().parse().unwrap_err();
        assert_eq!(e.get("name"), Some("panel.form.name_missing"));
        assert_eq!(e.get("purpose"), Some("panel.form.purpose_missing"));
        assert_eq!(
            e.get("district_kind"),
            Some("panel.form.district_kind_invalid")
        );
        assert_eq!(e.get("districts"), Some("panel.form.districts_missing"));
        let mut f = panel("Sentrum");
        f.skip_limit = "0".into();
        assert_eq!(
            f.parse().unwrap_err().get("skip_limit"),
            Some("panel.form.skip_limit_invalid")
        );
    }

    #[test]
    fn districts_may_be_added_at_the_end_but_never_moved_or_removed() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(districts_compatible(
            &s(&["Nord", "Sør"]),
            &s(&["Nord", "Sør", "Øst"])
        ));
        assert!(!districts_compatible(
            &s(&["Nord", "Sør"]),
            &s(&["Sør", "Nord"])
        ));
        assert!(!districts_compatible(&s(&["Nord", "Sør"]), &s(&["Nord"])));
    }

    #[test]
    fn an_enrolment_needs_consent_an_address_a_gender_and_a_district_of_the_panel() {
        let e = JoinForm::default().parse(3).unwrap_err();
        assert_eq!(e.get("consent"), Some("panel.join.consent_missing"));
        assert_eq!(e.get("email"), Some("panel.join.email_missing"));
        assert_eq!(e.get("gender"), Some("panel.join.gender_missing"));
        assert_eq!(e.get("district"), Some("panel.join.district_missing"));
        let form = |district: &str, email: &str| JoinForm {
            consent: Some("on".into()),
            email: email.into(),
            gender: "not_given".into(),
            district: district.into(),
            ..Default::default()
        };
        assert_eq!(
            form("3", "kari@example.no")
                .parse(3)
                .unwrap_err()
                .get("district"),
            Some("panel.join.district_missing"),
            "only the panel's districts"
        );
        assert_eq!(
            form("1", "kari@").parse(3).unwrap_err().get("email"),
            Some("panel.join.email_invalid")
        );
        let ok = form("2", " Kari@Example.no ").parse(3).expect("valid");
        assert_eq!(ok.email.as_str(), "kari@example.no");
        assert_eq!(ok.gender, Gender::NotGiven);
        assert_eq!(ok.district, 2);
    }
}
