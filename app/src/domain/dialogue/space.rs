//! A dialogue space as staff set it up: its kind, title and text, the hearing it belongs to
//! (if any), when it is open (Europe/Oslo), pre- or post-moderation, and whether only
//! residents take part.

use super::{ModerationMode, SpaceKind};
use crate::domain::field_errors::FieldErrors;
use crate::domain::moment::{Moment, MomentKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 200;
pub const MAX_DESCRIPTION: usize = 5_000;

/// A space as typed by staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SpaceForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    /// The hearing's id, or empty for a standalone topic.
    pub hearing: String,
    pub opens_date: String,
    pub opens_time: String,
    /// Empty: open until staff close it.
    pub closes_date: String,
    pub closes_time: String,
    pub moderation: String,
    pub residents_only: Option<String>,
    pub published: Option<String>,
}

/// A space, right in every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceFacts {
    pub kind: SpaceKind,
    pub title: String,
    pub description: String,
    pub hearing_id: Option<i32>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: Option<DateTime<Utc>>,
    pub moderation: ModerationMode,
    pub residents_only: bool,
    pub published: bool,
}

impl SpaceForm {
    pub const MESSAGE_KEYS: &[&str] = &[
        "dialogue.space.kind_invalid",
        "dialogue.space.title_missing",
        "dialogue.space.too_long",
        "dialogue.space.description_missing",
        "dialogue.space.hearing_invalid",
        "dialogue.space.closes_before_opening",
        "dialogue.space.moderation_invalid",
    ];

    pub fn parse(&self) -> Result<SpaceFacts, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = SpaceKind::parse(&self.kind);
        if kind.is_none() {
            e.add("kind", "dialogue.space.kind_invalid");
        }
        let title = self.title.trim().to_string();
        if title.is_empty() {
            e.add("title", "dialogue.space.title_missing");
        } else if title.chars().count() > MAX_TITLE {
            e.add("title", "dialogue.space.too_long");
        }
        let description = self.description.trim().replace("\r\n", "\n");
        if description.is_empty() {
            e.add("description", "dialogue.space.description_missing");
        } else if description.chars().count() > MAX_DESCRIPTION {
            e.add("description", "dialogue.space.too_long");
        }
        let hearing_id = match self.hearing.trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    e.add("hearing", "dialogue.space.hearing_invalid");
                    None
                }
            },
        };
        let opens = Moment::parse_fields(
            &mut e,
            ("opens_date", &self.opens_date),
            ("opens_time", &self.opens_time),
            MomentKind::Opening,
        );
        let closes = if self.closes_date.trim().is_empty() {
            None
        } else {
            Moment::parse_fields(
                &mut e,
                ("closes_date", &self.closes_date),
                ("closes_time", &self.closes_time),
                MomentKind::Deadline,
            )
        };
        if let (Some(o), Some(c)) = (opens, closes)
            && c <= o
        {
            e.add("closes_date", "dialogue.space.closes_before_opening");
        }
        let moderation = ModerationMode::parse(&self.moderation);
        if moderation.is_none() {
            e.add("moderation", "dialogue.space.moderation_invalid");
        }
        e.into_result()?;
        let (Some(kind), Some(opens_at), Some(moderation)) = (kind, opens, moderation) else {
            return Err(FieldErrors::one("kind", "dialogue.space.kind_invalid"));
        };
        Ok(SpaceFacts {
            kind,
            title,
            description,
            hearing_id,
            opens_at,
            closes_at: closes,
            moderation,
            residents_only: self.residents_only.is_some(),
            published: self.published.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SpaceForm {
        SpaceForm {
            kind: "debate".into(),
            title: "  Ny skole i Storgata ".into(),
            description: "Hva mener du om planen?".into(),
            hearing: "".into(),
            opens_date: "2026-12-01".into(),
            opens_time: "".into(),
            closes_date: "2026-12-31".into(),
            closes_time: "".into(),
            moderation: "post".into(),
            residents_only: None,
            published: Some("on".into()),
        }
    }

    #[test]
    fn a_debate_is_open_from_the_start_of_one_day_to_the_end_of_another() {
        let s = form().parse().unwrap();
        assert_eq!(s.title, "Ny skole i Storgata");
        assert_eq!(s.opens_at.to_rfc3339(), "2026-11-30T23:00:00+00:00");
        assert_eq!(
            s.closes_at.unwrap().to_rfc3339(),
            "2026-12-31T22:59:59+00:00"
        );
        assert!(s.published && !s.residents_only);
        assert_eq!(s.moderation, ModerationMode::Post);
    }

    #[test]
    fn each_wrong_field_is_told_at_its_place() {
        let mut f = form();
        f.kind = "forum".into();
        f.title = " ".into();
        f.hearing = "x".into();
        f.closes_date = "2026-11-01".into();
        f.moderation = "".into();
        let e = f.parse().unwrap_err();
        assert_eq!(e.get("kind"), Some("dialogue.space.kind_invalid"));
        assert_eq!(e.get("title"), Some("dialogue.space.title_missing"));
        assert_eq!(e.get("hearing"), Some("dialogue.space.hearing_invalid"));
        assert_eq!(
            e.get("closes_date"),
            Some("dialogue.space.closes_before_opening")
        );
        assert_eq!(
            e.get("moderation"),
            Some("dialogue.space.moderation_invalid")
        );
    }
}
