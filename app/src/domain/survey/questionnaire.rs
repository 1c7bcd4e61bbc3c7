//! A questionnaire: sections (one page each when answered) of questions of eight kinds, each
//! required or optional, shown always or only when an earlier answer is one of some options.
//! Answers are read from a form's fields and checked here, on the server, page by page — the
//! same rules a page's script applies as the respondent types.
//!
//! Field names: `q<id>` for the answer (several for multiple choice), `q<id>_annet` for the
//! text of "annet" (other), `q<id>_<n>` for statement n of a matrix and item n of a ranking.

use crate::domain::field_errors::FieldErrors;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within the questionnaire (answers are kept by it).
    pub id: u32,
    pub text: String,
    pub help: Option<String>,
    pub required: bool,
    pub kind: Kind,
    /// Shown only when this holds.
    pub show_if: Option<Condition>,
}

/// "Show if question `question` is one of `any_of`" (option indexes of a choice question).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: u32,
    pub any_of: Vec<usize>,
}

/// A scale: its ends (1–5 or 0–10), what they mean, and whether "vet ikke" is offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub from: u8,
    pub to: u8,
    pub low_label: String,
    pub high_label: String,
    pub dont_know: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    SingleChoice {
        options: Vec<String>,
        other: bool,
    },
    MultipleChoice {
        options: Vec<String>,
        min: usize,
        max: usize,
    },
    Scale(Scale),
    /// Several statements on one scale.
    Matrix {
        statements: Vec<String>,
        scale: Scale,
    },
    /// Order up to `up_to` of the items (1 = most important).
    Ranking {
        items: Vec<String>,
        up_to: usize,
    },
    Number {
        min: i64,
        max: i64,
    },
    ShortText {
        max_len: usize,
    },
    LongText {
        max_len: usize,
    },
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// An option, or "annet" with its text.
    Choice(usize),
    Other(String),
    Choices(Vec<usize>),
    /// A point on the scale, or `None` for "vet ikke".
    Point(Option<u8>),
    /// Per statement, a point or "vet ikke".
    Points(Vec<Option<u8>>),
    /// Items in order of rank.
    Ranked(Vec<usize>),
    Number(i64),
    Text(String),
}

/// The value a form sends for "vet ikke" and for "annet".
pub const DONT_KNOW: &str = "vet-ikke";
pub const OTHER: &str = "annet";

pub const MESSAGE_KEYS: &[&str] = &[
    "survey.answer.required",
    "survey.answer.unknown_option",
    "survey.answer.other_text_missing",
    "survey.answer.too_few",
    "survey.answer.too_many",
    "survey.answer.not_a_number",
    "survey.answer.out_of_range",
    "survey.answer.too_long",
    "survey.answer.matrix_incomplete",
    "survey.answer.rank_invalid",
];

/// The form's fields, by name (several values for one name where checkboxes send them).
pub struct Fields<'a>(pub &'a [(String, String)]);

impl Fields<'_> {
    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    fn one(&self, name: &str) -> Option<&str> {
        self.all(name).into_iter().next()
    }
}

impl Questionnaire {
    pub fn question(&self, id: u32) -> Option<&Question> {
        self.sections
            .iter()
            .flat_map(|s| &s.questions)
            .find(|q| q.id == id)
    }

    /// Whether the question is shown, given the answers so far (a condition on a question not
    /// answered, or itself hidden, is not met).
    pub fn shown(&self, q: &Question, answers: &[(u32, Answer)]) -> bool {
        let Some(c) = &q.show_if else { return true };
        let Some(target) = self.question(c.question) else {
            return false;
        };
        if !self.shown(target, answers) {
            return false;
        }
        match answers
            .iter()
            .find(|(id, _)| *id == c.question)
            .map(|(_, a)| a)
        {
            Some(Answer::Choice(i)) => c.any_of.contains(i),
            Some(Answer::Choices(is)) => is.iter().any(|i| c.any_of.contains(i)),
            _ => false,
        }
    }

    /// The ids of page `section`'s questions to show, given the earlier pages' answers: those
    /// without a condition, those whose condition an earlier answer meets, and those whose
    /// condition is on a question of this very page (the page says when to answer them, its
    /// script shows them as they apply, and the server keeps their answer only when it does).
    pub fn shown_on_page(&self, section: usize, before: &[(u32, Answer)]) -> Vec<u32> {
        let Some(page) = self.sections.get(section) else {
            return vec![];
        };
        let on_page: Vec<u32> = page.questions.iter().map(|q| q.id).collect();
        page.questions
            .iter()
            .filter(|q| match &q.show_if {
                Some(c) if on_page.contains(&c.question) => true,
                _ => self.shown(q, before),
            })
            .map(|q| q.id)
            .collect()
    }

    /// Reads and checks one section's answers from its form, given the answers of earlier
    /// sections: the answers of its shown questions (a hidden question's answer is dropped), or
    /// a message per wrong field.
    pub fn read_section(
        &self,
        section: usize,
        fields: &Fields<'_>,
        earlier: &[(u32, Answer)],
    ) -> Result<Vec<(u32, Answer)>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut answers: Vec<(u32, Answer)> = earlier.to_vec();
        let mut out = Vec::new();
        let Some(s) = self.sections.get(section) else {
            return Ok(out);
        };
        for q in &s.questions {
            if !self.shown(q, &answers) {
                continue;
            }
            match read(q, fields) {
                Ok(Some(a)) => {
                    answers.push((q.id, a.clone()));
                    out.push((q.id, a));
                }
                Ok(None) if q.required => errors.add(&field(q.id), "survey.answer.required"),
                Ok(None) => {}
                Err((name, key)) => errors.add(&name, key),
            }
        }
        errors.into_result()?;
        Ok(out)
    }
}

/// The field name of a question's answer.
pub fn field(id: u32) -> String {
    format!("q{id}")
}

type Wrong = (String, &'static str);

/// One question's answer from the form: `None` when not answered.
fn read(q: &Question, f: &Fields<'_>) -> Result<Option<Answer>, Wrong> {
    let name = field(q.id);
    let wrong = |key: &'static str| (name.clone(), key);
    match &q.kind {
        Kind::SingleChoice { options, other } => match f.one(&name) {
            None => Ok(None),
            Some(OTHER) if *other => match f.one(&format!("{name}_{OTHER}")) {
                Some(text) if text.chars().count() <= 200 => Ok(Some(Answer::Other(text.into()))),
                Some(_) => Err((format!("{name}_{OTHER}"), "survey.answer.too_long")),
                None => Err((
                    format!("{name}_{OTHER}"),
                    "survey.answer.other_text_missing",
                )),
            },
            Some(v) => option(v, options.len())
                .map(|i| Some(Answer::Choice(i)))
                .ok_or_else(|| wrong("survey.answer.unknown_option")),
        },
        Kind::MultipleChoice { options, min, max } => {
            let chosen = f.all(&name);
            if chosen.is_empty() {
                return Ok(None);
            }
            let mut is = Vec::new();
            for v in chosen {
                let i = option(v, options.len())
                    .ok_or_else(|| wrong("survey.answer.unknown_option"))?;
                if !is.contains(&i) {
                    is.push(i);
                }
            }
            is.sort_unstable();
            if is.len() < *min {
                Err(wrong("survey.answer.too_few"))
            } else if is.len() > *max {
                Err(wrong("survey.answer.too_many"))
            } else {
                Ok(Some(Answer::Choices(is)))
            }
        }
        Kind::Scale(scale) => match f.one(&name) {
            None => Ok(None),
            Some(v) => point(v, scale)
                .map(|p| Some(Answer::Point(p)))
                .ok_or_else(|| wrong("survey.answer.out_of_range")),
        },
        Kind::Matrix { statements, scale } => {
            let mut points = Vec::new();
            let mut missing = false;
            for n in 0..statements.len() {
                let sub = format!("{name}_{n}");
                match f.one(&sub) {
                    None => {
                        missing = true;
                        points.push(None);
                    }
                    Some(v) => {
                        points.push(point(v, scale).ok_or((sub, "survey.answer.out_of_range"))?)
                    }
                }
            }
            let answered = (0..statements.len()).any(|n| f.one(&format!("{name}_{n}")).is_some());
            match (answered, missing) {
                (false, _) => Ok(None),
                (true, true) => Err(wrong("survey.answer.matrix_incomplete")),
                (true, false) => Ok(Some(Answer::Points(points))),
            }
        }
        Kind::Ranking { items, up_to } => {
            let mut ranked: Vec<(usize, usize)> = Vec::new();
            for n in 0..items.len() {
                if let Some(v) = f.one(&format!("{name}_{n}")) {
                    let rank: usize = v.parse().map_err(|_| wrong("survey.answer.rank_invalid"))?;
                    ranked.push((rank, n));
                }
            }
            if ranked.is_empty() {
                return Ok(None);
            }
            ranked.sort_unstable();
            // Ranks 1, 2, … each once, at most `up_to` of them.
            let ok = ranked.len() <= *up_to
                && ranked
                    .iter()
                    .enumerate()
                    .all(|(i, (rank, _))| *rank == i + 1);
            if ok {
                Ok(Some(Answer::Ranked(
                    ranked.into_iter().map(|(_, n)| n).collect(),
                )))
            } else {
                Err(wrong("survey.answer.rank_invalid"))
            }
        }
        Kind::Number { min, max } => match f.one(&name) {
            None => Ok(None),
            Some(v) => {
                let n: i64 = v
                    .replace([' ', '\u{a0}'], "")
                    .parse()
                    .map_err(|_| wrong("survey.answer.not_a_number"))?;
                if (*min..=*max).contains(&n) {
                    Ok(Some(Answer::Number(n)))
                } else {
                    Err(wrong("survey.answer.out_of_range"))
                }
            }
        },
        Kind::ShortText { max_len } | Kind::LongText { max_len } => match f.one(&name) {
            None => Ok(None),
            Some(v) if v.chars().count() > *max_len => Err(wrong("survey.answer.too_long")),
            Some(v) => Ok(Some(Answer::Text(v.to_string()))),
        },
    }
}

/// An option's index from its form value.
fn option(v: &str, count: usize) -> Option<usize> {
    v.parse::<usize>().ok().filter(|i| *i < count)
}

/// A point on the scale, or `Some(None)` for "vet ikke" where offered.
fn point(v: &str, scale: &Scale) -> Option<Option<u8>> {
    if v == DONT_KNOW {
        return scale.dont_know.then_some(None);
    }
    v.parse::<u8>()
        .ok()
        .filter(|p| (scale.from..=scale.to).contains(p))
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        Scale {
            from: 1,
            to: 5,
            low_label: "Svært misfornøyd".into(),
            high_label: "Svært fornøyd".into(),
            dont_know: true,
        }
    }

    fn q(id: u32, required: bool, kind: Kind) -> Question {
        Question {
            id,
            text: format!("Spørsmål {id}"),
            help: None,
            required,
            kind,
            show_if: None,
        }
    }

    fn questionnaire() -> Questionnaire {
        let mut bus = q(
            3,
            true,
            Kind::MultipleChoice {
                options: vec!["Buss".into(), "Tog".into(), "Båt".into()],
                min: 1,
                max: 2,
            },
        );
        // Shown only to those who travel by public transport (option 1 of question 1).
        bus.show_if = Some(Condition {
            question: 1,
            any_of: vec![1],
        });
        Questionnaire {
            sections: vec![
                Section {
                    title: "Om deg".into(),
                    questions: vec![
                        q(
                            1,
                            true,
                            Kind::SingleChoice {
                                options: vec!["Bil".into(), "Kollektivt".into(), "Sykkel".into()],
                                other: true,
                            },
                        ),
                        q(2, false, Kind::Number { min: 0, max: 120 }),
                        bus,
                    ],
                },
                Section {
                    title: "Tjenestene".into(),
                    questions: vec![
                        q(4, true, Kind::Scale(scale())),
                        q(
                            5,
                            false,
                            Kind::Matrix {
                                statements: vec!["Skole".into(), "Helse".into()],
                                scale: scale(),
                            },
                        ),
                        q(
                            6,
                            false,
                            Kind::Ranking {
                                items: vec!["Vei".into(), "Skole".into(), "Park".into()],
                                up_to: 2,
                            },
                        ),
                        q(7, false, Kind::LongText { max_len: 20 }),
                    ],
                },
            ],
        }
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_condition_shows_a_question_only_for_the_answers_it_names() {
        let qs = questionnaire();
        // By car: question 3 is not shown, so it is neither required nor kept.
        let f = form(&[("q1", "0"), ("q3", "0")]);
        let a = qs.read_section(0, &Fields(&f), &[]).expect("valid");
        assert_eq!(a, vec![(1, Answer::Choice(0))]);
        // By public transport: question 3 is shown and required.
        let f = form(&[("q1", "1")]);
        let e = qs.read_section(0, &Fields(&f), &[]).unwrap_err();
        assert_eq!(e.get("q3"), Some("survey.answer.required"));
        let f = form(&[("q1", "1"), ("q3", "0"), ("q3", "2")]);
        let a = qs.read_section(0, &Fields(&f), &[]).expect("valid");
        assert_eq!(a[1], (3, Answer::Choices(vec![0, 2])));
    }

    #[test]
    fn each_kind_says_what_is_wrong_next_to_its_field() {
        let qs = questionnaire();
        let f = form(&[("q1", "annet"), ("q2", "tolv"), ("q3", "9")]);
        let e = qs.read_section(0, &Fields(&f), &[]).unwrap_err();
        assert_eq!(e.get("q1_annet"), Some("survey.answer.other_text_missing"));
        assert_eq!(e.get("q2"), Some("survey.answer.not_a_number"));
        let f = form(&[("q1", "annet"), ("q1_annet", "Gange"), ("q2", "130")]);
        let e = qs.read_section(0, &Fields(&f), &[]).unwrap_err();
        assert_eq!(e.get("q2"), Some("survey.answer.out_of_range"));
        let f = form(&[("q1", "1"), ("q3", "0"), ("q3", "1"), ("q3", "2")]);
        assert_eq!(
            qs.read_section(0, &Fields(&f), &[]).unwrap_err().get("q3"),
            Some("survey.answer.too_many")
        );

        let f = form(&[
            ("q4", "6"),
            ("q5_0", "3"),
            ("q6_0", "1"),
            ("q6_1", "3"),
            ("q7", &"x".repeat(21)),
        ]);
        let e = qs.read_section(1, &Fields(&f), &[]).unwrap_err();
        assert_eq!(e.get("q4"), Some("survey.answer.out_of_range"));
        assert_eq!(e.get("q5"), Some("survey.answer.matrix_incomplete"));
        assert_eq!(e.get("q6"), Some("survey.answer.rank_invalid"));
        assert_eq!(e.get("q7"), Some("survey.answer.too_long"));
        let f = form(&[
            ("q4", "vet-ikke"),
            ("q5_0", "3"),
            ("q5_1", "vet-ikke"),
            ("q6_2", "1"),
            ("q6_0", "2"),
        ]);
        let a = qs.read_section(1, &Fields(&f), &[]).expect("valid");
        assert_eq!(
            a,
            vec![
                (4, Answer::Point(None)),
                (5, Answer::Points(vec![Some(3), None])),
                (6, Answer::Ranked(vec![2, 0])),
            ]
        );
    }

    #[test]
    fn a_condition_on_an_earlier_page_uses_that_pages_answers() {
        let mut qs = questionnaire();
        qs.sections[1].questions[0].show_if = Some(Condition {
            question: 1,
            any_of: vec![2],
        });
        let empty: Vec<(String, String)> = vec![];
        // Cyclists are asked question 4 (required); others are not.
        let cyclist = [(1, Answer::Choice(2))];
        let e = qs.read_section(1, &Fields(&empty), &cyclist).unwrap_err();
        assert_eq!(e.get("q4"), Some("survey.answer.required"));
        let driver = [(1, Answer::Choice(0))];
        assert_eq!(qs.read_section(1, &Fields(&empty), &driver), Ok(vec![]));
    }
}
