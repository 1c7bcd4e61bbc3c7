//! A post as a citizen or an official writes it: plain text with a small markdown subset
//! (emphasis, lists, links — no images), at most `MAX_TEXT` characters; how many links it
//! holds (a first-time participant may post at most one); the form of it that finds
//! duplicates; and a flag's reason.

use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// The longest post, in characters.
pub const MAX_TEXT: usize = 4_000;
/// Links a participant with no published post yet may put in one post.
pub const FIRST_TIME_LINKS: usize = 1;

/// A post as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostForm {
    pub text: String,
}

/// A post, right: its text trimmed, and the number of links in it.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPost {
    pub text: String,
    pub links: usize,
}

crate::domain::debug_only!(NewPost { links });

impl PostForm {
    pub const MESSAGE_KEYS: &[&str] = &[
        "dialogue.post.text_missing",
        "dialogue.post.text_too_long",
        "dialogue.post.no_images",
    ];

    pub fn parse(&self) -> Result<NewPost, FieldErrors> {
        let text = self.text.trim().replace("\r\n", "\n");
        let key = if text.is_empty() {
            Some("dialogue.post.text_missing")
        } else if text.chars().count() > MAX_TEXT {
            Some("dialogue.post.text_too_long")
        } else if has_image(&text) {
            Some("dialogue.post.no_images")
        } else {
            None
        };
        if let Some(key) = key {
            return Err(FieldErrors::one("text", key));
        }
        Ok(NewPost {
            links: links_in(&text),
            text,
        })
    }
}

/// Whether the markdown asks for an image (`![alt](url)` or an HTML `<img`).
fn has_image(text: &str) -> bool {
    text.contains("![") || text.to_ascii_lowercase().contains("<img")
}

/// The web addresses in a text: every `http://`, `https://` or `www.` that starts a word or a
/// markdown link's target.
pub fn links_in(text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let mut n = 0;
    for (i, _) in lower.char_indices() {
        let rest = &lower[i..];
        let starts =
            rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.");
        if !starts {
            continue;
        }
        let before = lower[..i].chars().next_back();
        // `www.` inside `https://www.` is the same link.
        let inside_scheme = rest.starts_with("www.") && lower[..i].ends_with("://");
        if !inside_scheme
            && before.is_none_or(|c| c.is_whitespace() || c == '(' || c == '<' || c == '[')
        {
            n += 1;
        }
    }
    n
}

/// The text as duplicates are compared: lower case, words separated by one space, no
/// punctuation — "Hei, alle!" and "hei alle" are the same post.
pub fn duplicate_form(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a participant flags a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagReason {
    PersonalAttack,
    Hate,
    PersonalData,
    Spam,
    OffTopic,
}

impl FlagReason {
    pub const ALL: [FlagReason; 5] = [
        FlagReason::PersonalAttack,
        FlagReason::Hate,
        FlagReason::PersonalData,
        FlagReason::Spam,
        FlagReason::OffTopic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlagReason::PersonalAttack => "personal_attack",
            FlagReason::Hate => "hate",
            FlagReason::PersonalData => "personal_data",
            FlagReason::Spam => "spam",
            FlagReason::OffTopic => "off_topic",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            FlagReason::PersonalAttack => "dialogue.flag.personal_attack",
            FlagReason::Hate => "dialogue.flag.hate",
            FlagReason::PersonalData => "dialogue.flag.personal_data",
            FlagReason::Spam => "dialogue.flag.spam",
            FlagReason::OffTopic => "dialogue.flag.off_topic",
        }
    }

    /// The reason chosen on the form, or the message at its field.
    pub fn parse(s: &str) -> Result<FlagReason, FieldErrors> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| FieldErrors::one("reason", "dialogue.flag.reason_missing"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<NewPost, FieldErrors> {
        PostForm { text: text.into() }.parse()
    }

    #[test]
    fn a_post_is_trimmed_and_its_links_counted() {
        let p = parse("  Se https://eksempel.no og [planen](https://kommune.no/plan)  ").unwrap();
        assert_eq!(
            p.text,
            "Se https://eksempel.no og [planen](https://kommune.no/plan)"
        );
        assert_eq!(p.links, 2);
    }

    #[test]
    fn an_empty_long_or_illustrated_post_is_told_what_is_wrong() {
        for (text, key) in [
            ("   ", "dialogue.post.text_missing"),
            (&"a".repeat(MAX_TEXT + 1), "dialogue.post.text_too_long"),
            (
                "Se her ![bilde](https://x.no/a.png)",
                "dialogue.post.no_images",
            ),
            ("<IMG src=x>", "dialogue.post.no_images"),
        ] {
            assert_eq!(parse(text).unwrap_err().get("text"), Some(key), "{text}");
        }
        assert!(
            parse(&"æ".repeat(MAX_TEXT)).is_ok(),
            "characters, not bytes"
        );
    }

    #[test]
    fn links_are_counted_once_each_and_not_inside_words() {
        assert_eq!(links_in("https://www.kommune.no"), 1);
        assert_eq!(links_in("www.a.no and http://b.no, (https://c.no)"), 3);
        assert_eq!(links_in("nohttps://x.no"), 0);
        assert_eq!(links_in("ingen lenker her"), 0);
    }

    #[test]
    fn duplicates_differ_only_in_case_space_and_punctuation() {
        assert_eq!(
            duplicate_form("Hei,  alle!\nJa."),
            duplicate_form("hei alle ja")
        );
        assert_ne!(
            duplicate_form("hei alle"),
            duplicate_form("hei alle sammen")
        );
    }

    #[test]
    fn a_flag_needs_one_of_the_reasons() {
        for r in FlagReason::ALL {
            assert_eq!(FlagReason::parse(r.as_str()).unwrap(), r);
        }
        assert_eq!(
            FlagReason::parse("").unwrap_err().get("reason"),
            Some("dialogue.flag.reason_missing")
        );
    }
}
