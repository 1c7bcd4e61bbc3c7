//! Translations. Every interface string comes from `app/locales/<lang>.txt` (`key = value`
//! lines; `{name}` placeholders). A unit test keeps the three files in step.

pub mod format;

use crate::domain::lang::Lang;
use std::collections::HashMap;
use std::sync::LazyLock;

const NB: &str = include_str!("../locales/nb.txt");
const NN: &str = include_str!("../locales/nn.txt");
const EN: &str = include_str!("../locales/en.txt");

fn parse(src: &'static str) -> HashMap<&'static str, &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

static TABLES: LazyLock<[HashMap<&'static str, &'static str>; 3]> =
    LazyLock::new(|| [parse(NB), parse(NN), parse(EN)]);

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    let idx = match lang {
        Lang::Nb => 0,
        Lang::Nn => 1,
        Lang::En => 2,
    };
    &TABLES[idx]
}

/// The interface language a `Cookie` header's `lang` cookie asks for, if any.
pub fn lang_from_cookie_header(header: &str) -> Option<Lang> {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::from_code(v))
}

/// The request header through which the server passes an organisation's written standard as
/// the default language of its pages (`ssr::http::written_standard` sets it, and only it).
pub const DEFAULT_LANG_HEADER: &str = "x-innspill-default-lang";

/// A request's interface language: its `lang` cookie (the visitor's choice), else the default
/// the server put in `DEFAULT_LANG_HEADER`, else bokmål.
pub fn request_lang<'a>(
    cookie_headers: impl IntoIterator<Item = &'a str>,
    default: Option<&str>,
) -> Lang {
    cookie_headers
        .into_iter()
        .find_map(lang_from_cookie_header)
        .or_else(|| default.and_then(Lang::from_code))
        .unwrap_or_default()
}

/// The translator for one language; cheap to copy into every component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct I18n(pub Lang);

impl I18n {
    pub fn lang(self) -> Lang {
        self.0
    }

    /// The string for `key`; a missing key shows itself, so it is noticed rather than hidden.
    pub fn t(self, key: &str) -> String {
        table(self.0)
            .get(key)
            .or_else(|| table(Lang::Nb).get(key))
            .map(|s| s.to_string())
            .unwrap_or_else(|| key.to_string())
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn tf(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: Lang) -> BTreeSet<&'static str> {
        table(lang).keys().copied().collect()
    }

    #[test]
    fn every_language_has_exactly_the_same_keys() {
        let nb = keys(Lang::Nb);
        for lang in [Lang::Nn, Lang::En] {
            let other = keys(lang);
            let missing: Vec<_> = nb.difference(&other).collect();
            let extra: Vec<_> = other.difference(&nb).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang:?}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn every_key_used_in_the_source_exists() {
        // Any string literal shaped like a key whose first part is a known key prefix.
        let nb = keys(Lang::Nb);
        let prefixes: BTreeSet<&str> = nb.iter().filter_map(|k| k.split('.').next()).collect();
        let mut missing = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.ends_with("i18n.rs") {
                    continue;
                }
                let src = std::fs::read_to_string(&path).unwrap();
                for lit in src.split('"').skip(1).step_by(2) {
                    let shaped = lit.contains('.')
                        && lit.split('.').all(|p| {
                            !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        });
                    let prefix = lit.split('.').next().unwrap_or("");
                    if shaped && prefixes.contains(prefix) && !nb.contains(lit) {
                        missing.push(format!("{}: {lit}", path.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys without a translation: {missing:#?}"
        );
    }

    #[test]
    fn the_lang_cookie_chooses_the_language_and_anything_else_leaves_it_open() {
        assert_eq!(
            lang_from_cookie_header("innspill_csrf=abc; lang=nn"),
            Some(Lang::Nn)
        );
        assert_eq!(lang_from_cookie_header("lang=en"), Some(Lang::En));
        assert_eq!(lang_from_cookie_header("lang=de; x=1"), None);
        assert_eq!(lang_from_cookie_header("xlang=nn"), None);
    }

    #[test]
    fn every_message_a_form_parser_gives_exists_in_all_three_languages() {
        let parsers: &[&[&str]] = &[
            crate::domain::submission::comment::NewComment::MESSAGE_KEYS,
            crate::domain::hearing::draft::HearingDraft::MESSAGE_KEYS,
            crate::domain::hearing::parts::Section::MESSAGE_KEYS,
            crate::domain::hearing::parts::Consultee::MESSAGE_KEYS,
            crate::domain::hearing::parts::Grant::MESSAGE_KEYS,
            crate::domain::moment::Moment::MESSAGE_KEYS,
            crate::domain::initiative::proposal::Proposal::MESSAGE_KEYS,
            crate::domain::initiative::outcome::Outcome::MESSAGE_KEYS,
            crate::domain::initiative::paper::PaperSigner::MESSAGE_KEYS,
            crate::domain::initiative::screening::Verdict::MESSAGE_KEYS,
            crate::domain::submission::screening::Screening::MESSAGE_KEYS,
            crate::domain::submission::screening::Annotation::MESSAGE_KEYS,
            crate::domain::hearing::moves::StatusMove::MESSAGE_KEYS,
            crate::domain::hearing::parts::DocumentTitle::MESSAGE_KEYS,
            crate::domain::organisation::profile::Profile::MESSAGE_KEYS,
            crate::domain::organisation::forms::InitiativeRules::MESSAGE_KEYS,
            crate::domain::organisation::forms::NewBody::MESSAGE_KEYS,
            crate::domain::organisation::forms::Invitation::MESSAGE_KEYS,
            crate::domain::organisation::forms::Acceptance::MESSAGE_KEYS,
            crate::domain::organisation::onboarding::NewOrganisation::MESSAGE_KEYS,
            crate::domain::organisation::branding::AccentColour::MESSAGE_KEYS,
            crate::domain::organisation::branding::LogoError::MESSAGE_KEYS,
            crate::domain::survey::questionnaire::MESSAGE_KEYS,
            crate::domain::dialogue::post::PostForm::MESSAGE_KEYS,
            crate::domain::dialogue::space::SpaceForm::MESSAGE_KEYS,
            crate::domain::dialogue::moderation::ModerationForm::MESSAGE_KEYS,
            crate::domain::dialogue::official::PartyForm::MESSAGE_KEYS,
            crate::domain::dialogue::official::SeatForm::MESSAGE_KEYS,
        ];
        for lang in Lang::ALL {
            let have = keys(lang);
            for key in parsers.iter().flat_map(|k| k.iter()) {
                assert!(have.contains(key), "{lang:?} has no {key}");
            }
        }
    }

    #[test]
    fn placeholders_are_filled_and_missing_keys_show_themselves() {
        let nb = I18n(Lang::Nb);
        assert_eq!(nb.t("no.such.key"), "no.such.key");
        assert!(
            nb.tf("login.rate_limited", &[("minutes", "7")])
                .contains('7')
        );
    }
}
