//! Writing a questionnaire: the form of one question as staff type it (`QuestionForm`, parsed
//! into a `Question` with a message per wrong field), and the changes made to a questionnaire
//! (add or remove a section or a question, move a question, fix a question's wording), each
//! checked so that the questionnaire stays answerable: a condition only ever points at an
//! earlier choice question and at options it has.
//!
//! Whether a change may be made in place or needs a new version is the service's decision
//! (`is_wording_only` tells a typo fix from anything else).

use super::questionnaire::{Condition, Kind, Question, Questionnaire, Scale, Section};
use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

pub const MAX_TEXT: usize = 500;
pub const MAX_HELP: usize = 1_000;
pub const MAX_OPTIONS: usize = 30;
pub const MAX_OPTION_LEN: usize = 200;
pub const MAX_QUESTIONS: usize = 200;
/// The longest free text a question may allow.
pub const MAX_TEXT_ANSWER: usize = 10_000;

/// The kinds as the form names them.
pub const KINDS: &[&str] = &[
    "single", "multiple", "scale", "matrix", "ranking", "number", "short", "long",
];

/// One question as typed in the editor. Lists (options, statements, items) are one per line;
/// the condition names an earlier question by its number and options by their numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    /// The section (page), from 1.
    pub section: String,
    pub kind: String,
    pub text: String,
    pub help: String,
    pub required: Option<String>,
    /// Options of a choice, items of a ranking, statements of a matrix.
    pub options: String,
    pub other: Option<String>,
    pub min_choices: String,
    pub max_choices: String,
    /// `1-5` or `0-10`.
    pub scale: String,
    pub low_label: String,
    pub high_label: String,
    pub dont_know: Option<String>,
    pub up_to: String,
    pub number_min: String,
    pub number_max: String,
    pub max_len: String,
    /// The question the condition is on (its id), or empty for "always shown".
    pub show_if_question: String,
    /// Its options that show this question, by number from 1, comma-separated.
    pub show_if_options: String,
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn number<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.trim().replace([' ', '\u{a0}'], "").parse().ok()
}

/// A number field: its default when empty, else the number or a message.
fn number_or<T: std::str::FromStr>(e: &mut FieldErrors, field: &str, value: &str, default: T) -> T {
    if value.trim().is_empty() {
        return default;
    }
    number(value).unwrap_or_else(|| {
        e.add(field, "survey.editor.not_a_number");
        default
    })
}

impl QuestionForm {
    /// The question this form describes, with id `id`, or a message per wrong field. The
    /// condition is checked against the questionnaire when the question is placed.
    pub fn parse(&self, id: u32) -> Result<Question, FieldErrors> {
        let mut e = FieldErrors::new();
        let text = self.text.trim().to_string();
        if text.is_empty() {
            e.add("text", "survey.editor.text_missing");
        } else if text.chars().count() > MAX_TEXT {
            e.add("text", "survey.editor.too_long");
        }
        let help = self.help.trim();
        if help.chars().count() > MAX_HELP {
            e.add("help", "survey.editor.too_long");
        }
        let kind = self.kind(&mut e);
        let show_if = self.condition(&mut e);
        match (kind, e.is_empty()) {
            (Some(kind), true) => Ok(Question {
                id,
                text,
                help: (!help.is_empty()).then(|| help.to_string()),
                required: self.required.is_some(),
                kind,
                show_if,
            }),
            _ => Err(e),
        }
    }

    fn list(&self, e: &mut FieldErrors, at_least: usize) -> Vec<String> {
        let items = lines(&self.options);
        if items.len() < at_least {
            e.add("options", "survey.editor.options_too_few");
        } else if items.len() > MAX_OPTIONS {
            e.add("options", "survey.editor.options_too_many");
        } else if items.iter().any(|o| o.chars().count() > MAX_OPTION_LEN) {
            e.add("options", "survey.editor.option_too_long");
        }
        items
    }

    fn scale(&self, e: &mut FieldErrors) -> Scale {
        let (from, to) = match self.scale.as_str() {
            "0-10" => (0, 10),
            "1-5" | "" => (1, 5),
            _ => {
                e.add("scale", "survey.editor.scale_invalid");
                (1, 5)
            }
        };
        let low_label = self.low_label.trim().to_string();
        let high_label = self.high_label.trim().to_string();
        if low_label.is_empty() {
            e.add("low_label", "survey.editor.label_missing");
        }
        if high_label.is_empty() {
            e.add("high_label", "survey.editor.label_missing");
        }
        Scale {
            from,
            to,
            low_label,
            high_label,
            dont_know: self.dont_know.is_some(),
        }
    }

    fn kind(&self, e: &mut FieldErrors) -> Option<Kind> {
        let kind = match self.kind.as_str() {
            "single" => Kind::SingleChoice {
                options: self.list(e, 2),
                other: self.other.is_some(),
            },
            "multiple" => {
                let options = self.list(e, 2);
                let min = number_or(e, "min_choices", &self.min_choices, 0usize);
                let max = number_or(e, "max_choices", &self.max_choices, options.len());
                if max == 0 || min > max || max > options.len().max(1) {
                    e.add("max_choices", "survey.editor.choices_range");
                }
                Kind::MultipleChoice { options, min, max }
            }
            "scale" => Kind::Scale(self.scale(e)),
            "matrix" => Kind::Matrix {
                statements: self.list(e, 1),
                scale: self.scale(e),
            },
            "ranking" => {
                let items = self.list(e, 2);
                let up_to = number_or(e, "up_to", &self.up_to, items.len());
                if up_to == 0 || up_to > items.len().max(1) {
                    e.add("up_to", "survey.editor.up_to_range");
                }
                Kind::Ranking { items, up_to }
            }
            "number" => {
                let min = number_or(e, "number_min", &self.number_min, 0i64);
                let max = number_or(e, "number_max", &self.number_max, 1_000_000i64);
                if min > max {
                    e.add("number_max", "survey.editor.number_range");
                }
                Kind::Number { min, max }
            }
            "short" | "long" => {
                let default = if self.kind == "short" { 200 } else { 4_000 };
                let max_len = number_or(e, "max_len", &self.max_len, default);
                if max_len == 0 || max_len > MAX_TEXT_ANSWER {
                    e.add("max_len", "survey.editor.max_len_range");
                }
                if self.kind == "short" {
                    Kind::ShortText { max_len }
                } else {
                    Kind::LongText { max_len }
                }
            }
            _ => {
                e.add("kind", "survey.editor.kind_invalid");
                return None;
            }
        };
        Some(kind)
    }

    fn condition(&self, e: &mut FieldErrors) -> Option<Condition> {
        let q = self.show_if_question.trim();
        if q.is_empty() {
            return None;
        }
        let Some(question) = number::<u32>(q) else {
            e.add("show_if_question", "survey.editor.condition_invalid");
            return None;
        };
        let mut any_of = Vec::new();
        for part in self.show_if_options.split([',', ' ', ';']) {
            if part.trim().is_empty() {
                continue;
            }
            match number::<usize>(part) {
                Some(n) if n >= 1 => any_of.push(n - 1),
                _ => {
                    e.add("show_if_options", "survey.editor.condition_options_invalid");
                    return None;
                }
            }
        }
        if any_of.is_empty() {
            e.add("show_if_options", "survey.editor.condition_options_missing");
            return None;
        }
        any_of.sort_unstable();
        any_of.dedup();
        Some(Condition { question, any_of })
    }

    /// The form filled in from a question (for fixing its wording, or as a start).
    pub fn of(q: &Question, section: usize) -> QuestionForm {
        let mut f = QuestionForm {
            section: (section + 1).to_string(),
            text: q.text.clone(),
            help: q.help.clone().unwrap_or_default(),
            required: q.required.then(|| "on".into()),
            ..Default::default()
        };
        if let Some(c) = &q.show_if {
            f.show_if_question = c.question.to_string();
            f.show_if_options = c
                .any_of
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ");
        }
        f
    }
}

/// Why a change to a questionnaire cannot be made (a translation key, and the form field it
/// concerns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub key: &'static str,
}

fn refuse<T>(field: &'static str, key: &'static str) -> Result<T, Refusal> {
    Err(Refusal { field, key })
}

impl Refusal {
    pub fn into_errors(self) -> FieldErrors {
        FieldErrors::one(self.field, self.key)
    }
}

impl Questionnaire {
    /// A questionnaire with one empty section.
    pub fn new(first_section: &str) -> Questionnaire {
        Questionnaire {
            sections: vec![Section {
                title: first_section.to_string(),
                questions: vec![],
            }],
        }
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| &s.questions)
    }

    /// One more than any question id here. A survey's new question gets one more than any id
    /// of any of its versions (the service asks them all), so that answers kept under an id
    /// always meant the same question.
    pub fn next_id(&self) -> u32 {
        self.questions().map(|q| q.id).max().unwrap_or(0) + 1
    }

    /// The questions' position in order (section, index), by id.
    fn position(&self, id: u32) -> Option<(usize, usize)> {
        self.sections.iter().enumerate().find_map(|(s, sec)| {
            sec.questions
                .iter()
                .position(|q| q.id == id)
                .map(|i| (s, i))
        })
    }

    /// Every condition points at an earlier choice question and at options it has.
    fn check_conditions(&self) -> Result<(), Refusal> {
        let order: Vec<&Question> = self.questions().collect();
        for (i, q) in order.iter().enumerate() {
            let Some(c) = &q.show_if else { continue };
            let Some(target) = order[..i].iter().find(|t| t.id == c.question) else {
                return refuse("show_if_question", "survey.editor.condition_not_earlier");
            };
            let count = match &target.kind {
                Kind::SingleChoice { options, .. } | Kind::MultipleChoice { options, .. } => {
                    options.len()
                }
                _ => return refuse("show_if_question", "survey.editor.condition_not_choice"),
            };
            if c.any_of.iter().any(|o| *o >= count) {
                return refuse("show_if_options", "survey.editor.condition_options_invalid");
            }
        }
        Ok(())
    }

    /// Adds `q` at the end of section `section` (from 0).
    pub fn add_question(&mut self, section: usize, q: Question) -> Result<(), Refusal> {
        if self.questions().count() >= MAX_QUESTIONS {
            return refuse("text", "survey.editor.too_many_questions");
        }
        let Some(s) = self.sections.get_mut(section) else {
            return refuse("section", "survey.editor.section_invalid");
        };
        s.questions.push(q);
        self.check_conditions().inspect_err(|_| {
            self.sections[section].questions.pop();
        })
    }

    /// Removes question `id`, unless another question's condition rests on it.
    pub fn remove_question(&mut self, id: u32) -> Result<(), Refusal> {
        if self
            .questions()
            .any(|q| q.show_if.as_ref().is_some_and(|c| c.question == id))
        {
            return refuse("question_id", "survey.editor.question_has_dependants");
        }
        let Some((s, i)) = self.position(id) else {
            return refuse("question_id", "survey.editor.question_missing");
        };
        self.sections[s].questions.remove(i);
        Ok(())
    }

    /// Moves question `id` one place up (`up`) or down within its section, unless that would
    /// put a condition before its question.
    pub fn move_question(&mut self, id: u32, up: bool) -> Result<(), Refusal> {
        let Some((s, i)) = self.position(id) else {
            return refuse("question_id", "survey.editor.question_missing");
        };
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        let Some(j) = j.filter(|j| *j < self.sections[s].questions.len()) else {
            return Ok(());
        };
        self.sections[s].questions.swap(i, j);
        self.check_conditions().inspect_err(|_| {
            self.sections[s].questions.swap(i, j);
        })
    }

    /// Adds a section (page) at the end.
    pub fn add_section(&mut self, title: &str) -> Result<(), Refusal> {
        let title = title.trim();
        if title.is_empty() {
            return refuse("section_title", "survey.editor.section_title_missing");
        }
        if title.chars().count() > MAX_OPTION_LEN {
            return refuse("section_title", "survey.editor.too_long");
        }
        if self.sections.len() >= 20 {
            return refuse("section_title", "survey.editor.too_many_sections");
        }
        self.sections.push(Section {
            title: title.to_string(),
            questions: vec![],
        });
        Ok(())
    }

    /// Removes section `section` (from 0), when it has no questions and is not the only one.
    pub fn remove_section(&mut self, section: usize) -> Result<(), Refusal> {
        match self.sections.get(section) {
            None => refuse("section", "survey.editor.section_invalid"),
            Some(s) if !s.questions.is_empty() => {
                refuse("section", "survey.editor.section_not_empty")
            }
            Some(_) if self.sections.len() == 1 => refuse("section", "survey.editor.section_last"),
            Some(_) => {
                self.sections.remove(section);
                Ok(())
            }
        }
    }

    /// Fixes the wording of question `id`: its text and help (a typo fix, allowed on a version
    /// that has answers).
    pub fn reword(&mut self, id: u32, text: &str, help: &str) -> Result<(), Refusal> {
        let text = text.trim();
        if text.is_empty() {
            return refuse("text", "survey.editor.text_missing");
        }
        if text.chars().count() > MAX_TEXT || help.trim().chars().count() > MAX_HELP {
            return refuse("text", "survey.editor.too_long");
        }
        let Some((s, i)) = self.position(id) else {
            return refuse("question_id", "survey.editor.question_missing");
        };
        let q = &mut self.sections[s].questions[i];
        q.text = text.to_string();
        q.help = Some(help.trim().to_string()).filter(|h| !h.is_empty());
        Ok(())
    }

    /// Why this questionnaire cannot be opened for answers: no questions, or an empty page.
    pub fn ready(&self) -> Result<(), Refusal> {
        if self.questions().next().is_none() {
            return refuse("status", "survey.editor.no_questions");
        }
        if self.sections.iter().any(|s| s.questions.is_empty()) {
            return refuse("status", "survey.editor.empty_section");
        }
        self.check_conditions()
    }

    /// Whether `other` differs from this one in wording only (question texts, help and section
    /// titles): the same questions, kinds, options, order and conditions.
    pub fn is_wording_only(&self, other: &Questionnaire) -> bool {
        type Shape = Vec<Vec<(u32, bool, Kind, Option<Condition>)>>;
        let strip = |qs: &Questionnaire| -> Shape {
            qs.sections
                .iter()
                .map(|s| {
                    s.questions
                        .iter()
                        .map(|q| (q.id, q.required, q.kind.clone(), q.show_if.clone()))
                        .collect()
                })
                .collect()
        };
        strip(self) == strip(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, text: &str, options: &str) -> QuestionForm {
        QuestionForm {
            section: "1".into(),
            kind: kind.into(),
            text: text.into(),
            options: options.into(),
            low_label: "Lite".into(),
            high_label: "Mye".into(),
            ..Default::default()
        }
    }

    #[test]
    fn every_kind_is_read_from_its_form() {
        let single = form("single", "Hvordan reiser du?", "Bil\n Buss \n\nSykkel");
        let q = single.parse(1).expect("valid");
        assert_eq!(
            q.kind,
            Kind::SingleChoice {
                options: vec!["Bil".into(), "Buss".into(), "Sykkel".into()],
                other: false
            }
        );
        let mut multiple = form("multiple", "Hva bruker du?", "Bibliotek\nSvømmehall\nPark");
        multiple.max_choices = "2".into();
        assert_eq!(
            multiple.parse(2).expect("valid").kind,
            Kind::MultipleChoice {
                options: vec!["Bibliotek".into(), "Svømmehall".into(), "Park".into()],
                min: 0,
                max: 2
            }
        );
        let mut scale = form("scale", "Hvor fornøyd?", "");
        scale.scale = "0-10".into();
        scale.dont_know = Some("on".into());
        let Kind::Scale(s) = scale.parse(3).expect("valid").kind else {
            panic!("a scale")
        };
        assert_eq!((s.from, s.to, s.dont_know), (0, 10, true));
        let mut ranking = form("ranking", "Viktigst?", "Vei\nSkole\nPark");
        ranking.up_to = "2".into();
        assert_eq!(
            ranking.parse(4).expect("valid").kind,
            Kind::Ranking {
                items: vec!["Vei".into(), "Skole".into(), "Park".into()],
                up_to: 2
            }
        );
        let mut n = form("number", "Alder på barn?", "");
        n.number_min = "0".into();
        n.number_max = "18".into();
        assert_eq!(
            n.parse(5).expect("valid").kind,
            Kind::Number { min: 0, max: 18 }
        );
        assert_eq!(
            form("long", "Noe mer?", "").parse(6).expect("valid").kind,
            Kind::LongText { max_len: 4_000 }
        );
    }

    #[test]
    fn a_wrong_form_says_what_is_wrong_at_each_field() {
        let mut f = form("multiple", "", "Bare ett");
        f.max_choices = "tre".into();
        let e = f.parse(1).unwrap_err();
        assert_eq!(e.get("text"), Some("survey.editor.text_missing"));
        assert_eq!(e.get("options"), Some("survey.editor.options_too_few"));
        assert_eq!(e.get("max_choices"), Some("survey.editor.not_a_number"));
        let mut f = form("scale", "Fornøyd?", "");
        f.low_label.clear();
        f.show_if_question = "1".into();
        let e = f.parse(2).unwrap_err();
        assert_eq!(e.get("low_label"), Some("survey.editor.label_missing"));
        assert_eq!(
            e.get("show_if_options"),
            Some("survey.editor.condition_options_missing")
        );
        assert_eq!(
            form("essay", "Tekst", "").parse(3).unwrap_err().get("kind"),
            Some("survey.editor.kind_invalid")
        );
    }

    fn with_two() -> Questionnaire {
        let mut qs = Questionnaire::new("Om deg");
        let q1 = form("single", "Reiser du kollektivt?", "Ja\nNei")
            .parse(qs.next_id())
            .expect("valid");
        qs.add_question(0, q1).expect("placed");
        let mut f = form("scale", "Hvor fornøyd er du med bussen?", "");
        f.show_if_question = "1".into();
        f.show_if_options = "1".into();
        let q2 = f.parse(qs.next_id()).expect("valid");
        qs.add_question(0, q2).expect("placed");
        qs
    }

    #[test]
    fn a_condition_must_point_back_at_a_choice_and_its_options() {
        let mut qs = with_two();
        assert_eq!(qs.next_id(), 3);
        let mut f = form("short", "Hvorfor?", "");
        f.show_if_question = "2".into();
        f.show_if_options = "1".into();
        let q = f.parse(3).expect("valid");
        assert_eq!(
            qs.add_question(0, q).unwrap_err().key,
            "survey.editor.condition_not_choice"
        );
        f.show_if_question = "1".into();
        f.show_if_options = "3".into();
        let q = f.parse(3).expect("valid");
        assert_eq!(
            qs.add_question(0, q).unwrap_err().key,
            "survey.editor.condition_options_invalid"
        );
        // Nothing was added by the refused changes.
        assert_eq!(qs.questions().count(), 2);
        // Moving the condition above its question is refused; removing its question too.
        assert_eq!(
            qs.move_question(2, true).unwrap_err().key,
            "survey.editor.condition_not_earlier"
        );
        assert_eq!(qs.sections[0].questions[0].id, 1);
        assert_eq!(
            qs.remove_question(1).unwrap_err().key,
            "survey.editor.question_has_dependants"
        );
        qs.remove_question(2).expect("removed");
        qs.remove_question(1).expect("removed");
        assert_eq!(qs.questions().count(), 0);
    }

    #[test]
    fn wording_may_change_but_nothing_else_counts_as_a_typo_fix() {
        let qs = with_two();
        let mut fixed = qs.clone();
        fixed
            .reword(1, "Reiser du  kollektivt?", "Buss, tog eller båt")
            .expect("fixed");
        assert!(qs.is_wording_only(&fixed));
        let mut changed = qs.clone();
        if let Kind::SingleChoice { options, .. } = &mut changed.sections[0].questions[0].kind {
            options.push("Av og til".into());
        }
        assert!(!qs.is_wording_only(&changed));
        let mut required = qs.clone();
        required.sections[0].questions[1].required = true;
        assert!(!qs.is_wording_only(&required));
    }

    #[test]
    fn a_questionnaire_is_ready_when_every_page_has_a_question() {
        let mut qs = Questionnaire::new("Om deg");
        assert_eq!(qs.ready().unwrap_err().key, "survey.editor.no_questions");
        qs = with_two();
        qs.add_section("Tjenestene").expect("added");
        assert_eq!(qs.ready().unwrap_err().key, "survey.editor.empty_section");
        qs.remove_section(1).expect("removed");
        assert_eq!(qs.ready(), Ok(()));
        assert_eq!(
            qs.remove_section(0).unwrap_err().key,
            "survey.editor.section_not_empty"
        );
    }
}
