//! A moderation decision as a moderator or a hosting official makes it: approve a waiting post,
//! hide one citing the house rule it breaks, restore it, lock or unlock a thread, or suspend the
//! participant from the organisation's dialogue for some days, with a reason they are told.
//! Who decided is kept as a role (`ModeratorRole`) for the public log.

use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// The longest suspension, in days.
pub const MAX_SUSPENSION_DAYS: u32 = 365;
pub const MAX_REASON: usize = 1_000;

/// A decision as typed: the action, the rule cited (its number, from 1), and for a suspension
/// how many days and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModerationForm {
    pub action: String,
    pub rule: String,
    pub days: String,
    pub reason: String,
}

/// A decision, right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Hide {
        rule: u32,
    },
    Restore,
    Lock,
    Unlock,
    Suspend {
        rule: u32,
        days: u32,
        reason: String,
    },
}

impl Decision {
    /// The action's name in the log.
    pub fn action(&self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Hide { .. } => "hide",
            Decision::Restore => "restore",
            Decision::Lock => "lock",
            Decision::Unlock => "unlock",
            Decision::Suspend { .. } => "suspend",
        }
    }

    /// The rule it cites, if any.
    pub fn rule(&self) -> Option<u32> {
        match self {
            Decision::Hide { rule } | Decision::Suspend { rule, .. } => Some(*rule),
            _ => None,
        }
    }
}

impl ModerationForm {
    pub const MESSAGE_KEYS: &[&str] = &[
        "dialogue.moderate.action_invalid",
        "dialogue.moderate.rule_missing",
        "dialogue.moderate.days_invalid",
        "dialogue.moderate.reason_missing",
    ];

    /// The decision, with its rule one of the organisation's `rules` house rules.
    pub fn parse(&self, rules: usize) -> Result<Decision, FieldErrors> {
        let mut e = FieldErrors::new();
        let rule = match self.rule.trim().parse::<u32>() {
            Ok(n) if n >= 1 && n as usize <= rules => Some(n),
            _ => None,
        };
        let needs_rule = matches!(self.action.trim(), "hide" | "suspend");
        if needs_rule && rule.is_none() {
            e.add("rule", "dialogue.moderate.rule_missing");
        }
        let decision = match self.action.trim() {
            "approve" => Some(Decision::Approve),
            "restore" => Some(Decision::Restore),
            "lock" => Some(Decision::Lock),
            "unlock" => Some(Decision::Unlock),
            "hide" => rule.map(|rule| Decision::Hide { rule }),
            "suspend" => {
                let days = match self.days.trim().parse::<u32>() {
                    Ok(d) if (1..=MAX_SUSPENSION_DAYS).contains(&d) => Some(d),
                    _ => {
                        e.add("days", "dialogue.moderate.days_invalid");
                        None
                    }
                };
                let reason = self.reason.trim().to_string();
                if reason.is_empty() || reason.chars().count() > MAX_REASON {
                    e.add("reason", "dialogue.moderate.reason_missing");
                }
                match (rule, days) {
                    (Some(rule), Some(days)) => Some(Decision::Suspend { rule, days, reason }),
                    _ => None,
                }
            }
            _ => {
                e.add("action", "dialogue.moderate.action_invalid");
                None
            }
        };
        e.into_result()?;
        decision.ok_or_else(|| FieldErrors::one("action", "dialogue.moderate.action_invalid"))
    }
}

/// Who made a decision, as the public log says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModeratorRole {
    /// The organisation's moderator or admin.
    Moderator,
    /// An elected official hosting the space.
    Host,
    /// Enough participants flagged the post: hidden pending review.
    Flags,
}

impl ModeratorRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ModeratorRole::Moderator => "moderator",
            ModeratorRole::Host => "host",
            ModeratorRole::Flags => "flags",
        }
    }

    pub fn parse(s: &str) -> Option<ModeratorRole> {
        match s {
            "moderator" => Some(ModeratorRole::Moderator),
            "host" => Some(ModeratorRole::Host),
            "flags" => Some(ModeratorRole::Flags),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(action: &str, rule: &str, days: &str, reason: &str) -> ModerationForm {
        ModerationForm {
            action: action.into(),
            rule: rule.into(),
            days: days.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn hiding_cites_one_of_the_rules() {
        assert_eq!(
            form("hide", "3", "", "").parse(6).unwrap(),
            Decision::Hide { rule: 3 }
        );
        for rule in ["", "0", "7", "tre"] {
            assert_eq!(
                form("hide", rule, "", "").parse(6).unwrap_err().get("rule"),
                Some("dialogue.moderate.rule_missing"),
                "{rule}"
            );
        }
    }

    #[test]
    fn a_suspension_has_a_rule_a_length_and_a_reason() {
        assert_eq!(
            form("suspend", "1", "14", " Gjentatte personangrep ")
                .parse(6)
                .unwrap(),
            Decision::Suspend {
                rule: 1,
                days: 14,
                reason: "Gjentatte personangrep".into()
            }
        );
        let e = form("suspend", "", "0", "").parse(6).unwrap_err();
        assert_eq!(e.get("rule"), Some("dialogue.moderate.rule_missing"));
        assert_eq!(e.get("days"), Some("dialogue.moderate.days_invalid"));
        assert_eq!(e.get("reason"), Some("dialogue.moderate.reason_missing"));
    }

    #[test]
    fn the_other_actions_need_nothing_more_and_unknown_ones_are_refused() {
        for (a, d) in [
            ("approve", Decision::Approve),
            ("restore", Decision::Restore),
            ("lock", Decision::Lock),
            ("unlock", Decision::Unlock),
        ] {
            assert_eq!(form(a, "", "", "").parse(6).unwrap(), d);
        }
        assert_eq!(
            form("ukjent", "", "", "")
                .parse(6)
                .unwrap_err()
                .get("action"),
            Some("dialogue.moderate.action_invalid")
        );
    }
}
