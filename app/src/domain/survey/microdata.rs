//! A survey's microdata as staff export it: one row per sent response, under a pseudonym, one
//! column per answer part — an option of a multiple choice (1 chosen, 0 not), a statement of a
//! matrix, an item of a ranking (its rank) — and the answer as the respondent saw it (the
//! option's words, the point, the number, the text). No contact data: a response has none.

use super::questionnaire::{Answer, Kind, Questionnaire};

/// The column headers after the pseudonym: `q<id> <question>` and, for a part, ` – <part>`.
pub fn columns(qs: &Questionnaire) -> Vec<String> {
    let mut out = Vec::new();
    for q in qs.questions() {
        let head = format!("q{} {}", q.id, q.text);
        match &q.kind {
            Kind::MultipleChoice { options: parts, .. }
            | Kind::Matrix {
                statements: parts, ..
            }
            | Kind::Ranking { items: parts, .. } => {
                out.extend(parts.iter().map(|p| format!("{head} – {p}")));
            }
            _ => out.push(head),
        }
    }
    out
}

/// One response's cells, in the order of `columns` (empty where not answered). `other` and
/// `dont_know` are "annet" and "vet ikke" in the organisation's language.
pub fn row(
    qs: &Questionnaire,
    answers: &[(u32, Answer)],
    other: &str,
    dont_know: &str,
) -> Vec<String> {
    let point = |p: &Option<u8>| p.map_or(dont_know.to_string(), |p| p.to_string());
    let mut out = Vec::new();
    for q in qs.questions() {
        let a = answers.iter().find(|(id, _)| *id == q.id).map(|(_, a)| a);
        match (&q.kind, a) {
            (Kind::MultipleChoice { options, .. }, a) => {
                out.extend((0..options.len()).map(|i| match a {
                    Some(Answer::Choices(is)) => (if is.contains(&i) { "1" } else { "0" }).into(),
                    _ => String::new(),
                }))
            }
            (Kind::Matrix { statements, .. }, a) => {
                out.extend((0..statements.len()).map(|n| match a {
                    Some(Answer::Points(ps)) => ps.get(n).map(point).unwrap_or_default(),
                    _ => String::new(),
                }))
            }
            (Kind::Ranking { items, .. }, a) => out.extend((0..items.len()).map(|n| {
                match a {
                    Some(Answer::Ranked(order)) => order
                        .iter()
                        .position(|i| *i == n)
                        .map(|r| (r + 1).to_string())
                        .unwrap_or_default(),
                    _ => String::new(),
                }
            })),
            (Kind::SingleChoice { options, .. }, Some(Answer::Choice(i))) => {
                out.push(options.get(*i).cloned().unwrap_or_default())
            }
            (Kind::SingleChoice { .. }, Some(Answer::Other(t))) => {
                out.push(format!("{other}: {t}"))
            }
            (_, Some(Answer::Point(p))) => out.push(point(p)),
            (_, Some(Answer::Number(x))) => out.push(x.to_string()),
            (_, Some(Answer::Text(t))) => out.push(t.clone()),
            _ => out.push(String::new()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_has_its_column_and_each_answer_its_words() {
        let qs: Questionnaire =
            serde_json::from_str(include_str!("../../demo/reisevaner.json")).expect("fixture");
        let cols = columns(&qs);
        assert_eq!(cols.len(), 1 + 3 + 1 + 2 + 3 + 1 + 1);
        assert_eq!(cols[0], "q1 Hvordan reiser du oftest til jobb eller skole?");
        assert_eq!(
            cols[2],
            "q2 Hvilke av kommunens tilbud har du brukt siste år? – Svømmehall"
        );
        let answers = vec![
            (1, Answer::Other("Gange".into())),
            (2, Answer::Choices(vec![0, 2])),
            (4, Answer::Points(vec![Some(2), Some(5)])),
            (5, Answer::Ranked(vec![2, 0])),
            (6, Answer::Number(3)),
        ];
        let r = row(&qs, &answers, "Annet", "Vet ikke");
        assert_eq!(r.len(), cols.len());
        assert_eq!(
            r,
            [
                "Annet: Gange",
                "1",
                "0",
                "1",
                "",
                "2",
                "5",
                "2",
                "",
                "1",
                "3",
                ""
            ]
        );
    }
}
