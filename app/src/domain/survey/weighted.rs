//! A panel survey's results weighted to the population: beside each shown count, the weighted
//! percentage of those who answered the question (or statement) with its 95 % margin of error,
//! and beside each shown mean the weighted mean. Only figures `results::tally` shows get a
//! weighted one: a hidden count stays hidden.

use super::questionnaire::{Answer, Kind, Questionnaire};
use super::results::{Breakdown, QuestionResult, group_of, one_answer};
use super::weighting::{Estimate, weighted_mean, weighted_share};

fn round(e: Estimate, scale: f64) -> Estimate {
    // (+ 0.0: a share of nothing is 0, not −0)
    Estimate {
        value: (e.value * scale * 10.0).round() / 10.0 + 0.0,
        margin_of_error: (e.margin_of_error * scale * 10.0).round() / 10.0 + 0.0,
    }
}

/// The rows a respondent's answer falls in, for table `table` of question kind `kind`, and the
/// value a mean is taken of; `None` when they did not answer that table.
fn placed(kind: &Kind, table: usize, a: &Answer) -> Option<(Vec<usize>, Option<f64>)> {
    let scale_point = |s: &super::questionnaire::Scale, p: &Option<u8>| match p {
        Some(p) if (s.from..=s.to).contains(p) => {
            Some((vec![usize::from(p - s.from)], Some(f64::from(*p))))
        }
        None if s.dont_know => Some((vec![usize::from(s.to - s.from) + 1], None)),
        _ => None,
    };
    match (kind, a) {
        (Kind::SingleChoice { options, .. }, Answer::Choice(i)) if *i < options.len() => {
            Some((vec![*i], None))
        }
        (
            Kind::SingleChoice {
                options,
                other: true,
            },
            Answer::Other(_),
        ) => Some((vec![options.len()], None)),
        (Kind::MultipleChoice { options, .. }, Answer::Choices(is)) => Some((
            is.iter().copied().filter(|i| *i < options.len()).collect(),
            None,
        )),
        (Kind::Scale(s), Answer::Point(p)) => scale_point(s, p),
        (Kind::Matrix { scale, .. }, Answer::Points(ps)) => scale_point(scale, ps.get(table)?),
        (Kind::Ranking { items, .. }, Answer::Ranked(order)) => {
            let first = order.first().filter(|i| **i < items.len())?;
            Some((vec![*first], None))
        }
        (Kind::Number { .. }, Answer::Number(x)) => Some((vec![], Some(*x as f64))),
        _ => None,
    }
}

/// Adds the weighted figures to `results` (as `tally` made them from `responses`), `weights`
/// one per response in the same order.
pub fn add_weighted(
    results: &mut [QuestionResult],
    qs: &Questionnaire,
    responses: &[Vec<(u32, Answer)>],
    weights: &[f64],
) {
    for r in results.iter_mut() {
        let Some(q) = qs.question(r.id) else {
            continue;
        };
        for (t, table) in r.tables.iter_mut().enumerate() {
            // Those who answered this table: their weight, rows and value.
            let mut w = Vec::new();
            let mut rows = Vec::new();
            let mut values = Vec::new();
            for (answers, weight) in responses.iter().zip(weights) {
                let Some(a) = answers.iter().find(|(id, _)| *id == q.id).map(|(_, a)| a) else {
                    continue;
                };
                if let Some((at, value)) = placed(&q.kind, t, a) {
                    w.push(*weight);
                    rows.push(at);
                    values.push(value);
                }
            }
            if w.is_empty() {
                continue;
            }
            for (i, row) in table.rows.iter_mut().enumerate() {
                if row.count.is_some() {
                    let chose: Vec<bool> = rows.iter().map(|r| r.contains(&i)).collect();
                    row.weighted = Some(round(weighted_share(&w, &chose), 100.0));
                }
            }
            if table.mean.is_some() {
                let (mw, mv): (Vec<f64>, Vec<f64>) = w
                    .iter()
                    .zip(&values)
                    .filter_map(|(w, v)| Some((*w, (*v)?)))
                    .unzip();
                if !mw.is_empty() {
                    let e = weighted_mean(&mw, &mv);
                    table.weighted_mean = Some(Estimate {
                        value: (e.value * 100.0).round() / 100.0,
                        margin_of_error: (e.margin_of_error * 100.0).round() / 100.0,
                    });
                }
            }
        }
    }
}

/// Adds to each breakdown by single-choice question `by` the weighted percentage of each shown
/// cell within its group (column), `weights` one per response in the same order: within a
/// group, the weights of those in it who answered the question.
pub fn add_weighted_breakdowns(
    breakdowns: &mut [Breakdown],
    qs: &Questionnaire,
    by: u32,
    responses: &[Vec<(u32, Answer)>],
    weights: &[f64],
) {
    let Some(by_q) = qs.question(by) else {
        return;
    };
    for b in breakdowns.iter_mut() {
        let Some(q) = qs.question(b.id) else {
            continue;
        };
        let groups = b.groups.len();
        let mut w: Vec<Vec<f64>> = vec![Vec::new(); groups];
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); groups];
        for (r, weight) in responses.iter().zip(weights) {
            let Some(g) = group_of(by_q, r).filter(|g| *g < groups) else {
                continue;
            };
            let Some(row) = r
                .iter()
                .find(|(id, _)| *id == q.id)
                .and_then(|(_, a)| one_answer(q, a))
                .filter(|row| *row < b.rows.len())
            else {
                continue;
            };
            w[g].push(*weight);
            at[g].push(row);
        }
        for (i, row) in b.rows.iter_mut().enumerate() {
            row.weighted = (0..groups)
                .map(|g| {
                    let shown = row.percents.get(g).is_some_and(Option::is_some);
                    (shown && !w[g].is_empty()).then(|| {
                        let chose: Vec<bool> = at[g].iter().map(|r| *r == i).collect();
                        round(weighted_share(&w[g], &chose), 100.0)
                    })
                })
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::results::tally;

    fn survey() -> Questionnaire {
        serde_json::from_value(serde_json::json!({
            "sections": [{"title": "Side 1", "questions": [
                {"id": 1, "text": "Reiser du kollektivt?", "help": null, "required": true,
                 "kind": {"SingleChoice": {"options": ["Ja", "Nei"], "other": false}},
                 "show_if": null},
                {"id": 2, "text": "Hvor fornøyd er du?", "help": null, "required": false,
                 "kind": {"Scale": {"from": 1, "to": 5, "low_label": "Lite", "high_label": "Svært",
                          "dont_know": false}},
                 "show_if": null}
            ]}]
        }))
        .unwrap()
    }

    #[test]
    fn weighted_shares_and_means_follow_the_weights_and_hidden_counts_stay_hidden() {
        let qs = survey();
        // Six say yes (satisfied 4), six say no (satisfied 2); the no-sayers weigh three times
        // as much: weighted, 25 % say yes and the mean is (6·4 + 18·2) / 24 = 2.5.
        let mut responses = Vec::new();
        let mut weights = Vec::new();
        for i in 0..12 {
            let yes = i < 6;
            responses.push(vec![
                (1, Answer::Choice(if yes { 0 } else { 1 })),
                (2, Answer::Point(Some(if yes { 4 } else { 2 }))),
            ]);
            weights.push(if yes { 0.5 } else { 1.5 });
        }
        let mut r = tally(&qs, &responses, 5, "Annet", "Vet ikke");
        add_weighted(&mut r, &qs, &responses, &weights);
        let yes = r[0].tables[0].rows[0].weighted.unwrap();
        let no = r[0].tables[0].rows[1].weighted.unwrap();
        assert_eq!((yes.value, no.value), (25.0, 75.0));
        // n_eff = (Σw)² / Σw² = 144 / 15 = 9.6; 1.96 √(0.25 · 0.75 / 9.6) = 27.4 points.
        assert_eq!(yes.margin_of_error, 27.4);
        let mean = r[1].tables[0].weighted_mean.unwrap();
        assert_eq!(mean.value, 2.5);
        // The scale's points 1, 3 and 5 have no answers: shown as 0; 2 and 4 have six each.
        assert_eq!(r[1].tables[0].rows[1].weighted.unwrap().value, 75.0);

        // With a threshold of 7, the six on either side are hidden: so are their weighted shares.
        let mut r = tally(&qs, &responses, 7, "Annet", "Vet ikke");
        add_weighted(&mut r, &qs, &responses, &weights);
        assert!(
            r[0].tables[0]
                .rows
                .iter()
                .all(|row| row.count.is_none() && row.weighted.is_none())
        );
        assert!(r[1].tables[0].weighted_mean.is_none());
    }

    #[test]
    fn a_breakdown_is_weighted_within_each_group_and_hidden_cells_stay_hidden() {
        let qs = survey();
        // By question 1 (yes / no), question 2's points. Among the yes-sayers, six said 4 and
        // six said 2; those who said 4 weigh three times as much: weighted, 75 % said 4.
        let mut responses = Vec::new();
        let mut weights = Vec::new();
        for i in 0..12 {
            let four = i < 6;
            responses.push(vec![
                (1, Answer::Choice(0)),
                (2, Answer::Point(Some(if four { 4 } else { 2 }))),
            ]);
            weights.push(if four { 1.5 } else { 0.5 });
        }
        // Two no-sayers: too few to show.
        for _ in 0..2 {
            responses.push(vec![(1, Answer::Choice(1)), (2, Answer::Point(Some(3)))]);
            weights.push(1.0);
        }
        let mut b =
            crate::domain::survey::results::breakdown(&qs, &responses, 1, 5, "Annet", "Vet ikke")
                .unwrap();
        add_weighted_breakdowns(&mut b, &qs, 1, &responses, &weights);
        let rows = &b[0].rows;
        // Points 1–5 are rows 0–4; the yes group is column 0.
        assert_eq!(rows[3].percents[0], Some(50.0));
        assert_eq!(rows[3].weighted[0].unwrap().value, 75.0);
        // Within the group, n_eff = 12² / (6·1.5² + 6·0.5²) = 9.6: 1.96 √(0.75 · 0.25 / 9.6).
        assert_eq!(rows[3].weighted[0].unwrap().margin_of_error, 27.4);
        assert_eq!(rows[1].weighted[0].unwrap().value, 25.0);
        assert!(
            rows.iter().all(|r| r.weighted[1].is_none()),
            "the no group is hidden"
        );
    }
}
