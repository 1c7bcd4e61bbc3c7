//! Dialogue with elected officials: the kinds of space, a post's state, the house rules,
//! flags and moderation decisions, and the forms citizens and staff fill in for them.

pub mod moderation;
pub mod official;
pub mod post;
pub mod space;

use serde::{Deserialize, Serialize};

/// The kinds of dialogue space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceKind {
    /// A debate on a case (a hearing or an initiative) or a topic: threads of posts and replies.
    Debate,
    /// "Spør politikerne": questions to a body or a party group, answered by an official.
    Questions,
    /// "Digitalt folkemøte": a time-boxed session hosted by officials.
    TownHall,
}

impl SpaceKind {
    pub const ALL: [SpaceKind; 3] = [SpaceKind::Debate, SpaceKind::Questions, SpaceKind::TownHall];

    pub fn as_str(self) -> &'static str {
        match self {
            SpaceKind::Debate => "debate",
            SpaceKind::Questions => "questions",
            SpaceKind::TownHall => "town_hall",
        }
    }

    pub fn parse(s: &str) -> Option<SpaceKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            SpaceKind::Debate => "dialogue.kind.debate",
            SpaceKind::Questions => "dialogue.kind.questions",
            SpaceKind::TownHall => "dialogue.kind.town_hall",
        }
    }
}

/// Whether posts are seen once a moderator approves them (`Pre`) or at once, moderated after
/// (`Post`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModerationMode {
    Pre,
    Post,
}

impl ModerationMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ModerationMode::Pre => "pre",
            ModerationMode::Post => "post",
        }
    }

    pub fn parse(s: &str) -> Option<ModerationMode> {
        match s.trim() {
            "pre" => Some(ModerationMode::Pre),
            "post" => Some(ModerationMode::Post),
            _ => None,
        }
    }
}

/// Where a post stands: waiting for approval, seen by everyone, hidden by a moderator (or by
/// flags, pending review) — its place shown with the rule it broke — or rejected before it was
/// ever published (never shown to anyone but its author).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostState {
    Pending,
    Visible,
    Hidden,
    Rejected,
}

impl PostState {
    pub fn as_str(self) -> &'static str {
        match self {
            PostState::Pending => "pending",
            PostState::Visible => "visible",
            PostState::Hidden => "hidden",
            PostState::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<PostState> {
        match s {
            "pending" => Some(PostState::Pending),
            "visible" => Some(PostState::Visible),
            "hidden" => Some(PostState::Hidden),
            "rejected" => Some(PostState::Rejected),
            _ => None,
        }
    }
}

/// How many house rules the default text has (`dialogue.rule.1` …); an organisation's own
/// rules replace them.
pub const DEFAULT_RULES: usize = 6;

/// The translation key of default house rule `n` (from 1).
pub fn default_rule_key(n: usize) -> String {
    format!("dialogue.rule.{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_itself() {
        for k in SpaceKind::ALL {
            assert_eq!(SpaceKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(SpaceKind::parse("forum"), None);
    }
}
