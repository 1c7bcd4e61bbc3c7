//! A survey's answers counted per question, as they may be published: per question the number
//! who answered it, counts and percentages of each option or point (a mean for scales and
//! numbers), and every figure that rests on fewer than `k` respondents hidden — with
//! complementary suppression where the counts add up to the total, so that a hidden count
//! cannot be worked out by subtraction (`suppression::suppress`). Free-text answers are only
//! counted here; `published_texts` adds those staff published, as a set of at least k.

use super::questionnaire::{Answer, Kind, Questionnaire, Scale};
use super::suppression::suppress;
use super::weighting::Estimate;
use serde::{Deserialize, Serialize};

/// One option's or point's figure; `None` where it is hidden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub label: String,
    pub count: Option<u64>,
    /// Of those who answered the question (or the statement).
    pub percent: Option<f64>,
    /// The percentage weighted to the population, with its 95 % margin of error in percentage
    /// points (a panel survey's, where its count is shown).
    #[serde(default)]
    pub weighted: Option<Estimate>,
}

/// A distribution: a question's, or one statement's of a matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The statement, for a matrix.
    pub title: Option<String>,
    /// How many answered; `None` when fewer than k.
    pub n: Option<u64>,
    pub rows: Vec<Row>,
    /// The mean point (scales, without "vet ikke") or number.
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Percentages of respondents that add up to more than 100 (several choices each).
    pub several_each: bool,
    /// The mean weighted to the population, with its margin of error (where `mean` is shown).
    #[serde(default)]
    pub weighted_mean: Option<Estimate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: u32,
    pub text: String,
    /// The kind as the editor names it (`editor::KINDS`).
    pub kind: String,
    pub tables: Vec<Table>,
    /// Free texts staff screened and published (only when there are at least k of them).
    #[serde(default)]
    pub texts: Vec<String>,
}

fn percent(count: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        (count as f64 * 1000.0 / of as f64).round() / 10.0
    }
}

/// A distribution whose counts add up to `n`, hidden where small.
fn additive(title: Option<String>, labels: Vec<String>, counts: Vec<u64>, k: u64) -> Table {
    let n: u64 = counts.iter().sum();
    let table: Vec<Vec<u64>> = counts.iter().map(|c| vec![*c]).collect();
    let hidden = suppress(&table, k);
    let shown_n = (!hidden.grand_total).then_some(n);
    let rows = labels
        .into_iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (label, c))| {
            let shown = shown_n.is_some() && !hidden.cells[i][0];
            Row {
                label,
                count: shown.then_some(*c),
                percent: shown.then(|| percent(*c, n)),
                weighted: None,
            }
        })
        .collect();
    Table {
        title,
        n: shown_n,
        rows,
        mean: None,
        median: None,
        several_each: false,
        weighted_mean: None,
    }
}

fn scale_labels(s: &Scale, dont_know: &str) -> Vec<String> {
    let mut labels: Vec<String> = (s.from..=s.to)
        .map(|p| {
            if p == s.from {
                format!("{p} – {}", s.low_label)
            } else if p == s.to {
                format!("{p} – {}", s.high_label)
            } else {
                p.to_string()
            }
        })
        .collect();
    if s.dont_know {
        labels.push(dont_know.to_string());
    }
    labels
}

/// A scale's distribution from its points (`None`: "vet ikke"), with the mean point.
fn scale_table(title: Option<String>, s: &Scale, points: &[Option<u8>], k: u64, dk: &str) -> Table {
    let width = usize::from(s.to - s.from) + 1;
    let mut counts = vec![0u64; width + usize::from(s.dont_know)];
    let mut sum = 0u64;
    let mut rated = 0u64;
    for p in points {
        match p {
            Some(p) if (s.from..=s.to).contains(p) => {
                counts[usize::from(p - s.from)] += 1;
                sum += u64::from(*p);
                rated += 1;
            }
            None if s.dont_know => counts[width] += 1,
            _ => {}
        }
    }
    let mut t = additive(title, scale_labels(s, dk), counts, k);
    // A mean beside a hidden count would narrow it down: shown only when every count is.
    if t.n.is_some() && rated >= k && t.rows.iter().all(|r| r.count.is_some()) {
        t.mean = Some((sum as f64 / rated as f64 * 100.0).round() / 100.0);
    }
    t
}

fn mean_and_median(mut xs: Vec<i64>) -> (f64, f64) {
    xs.sort_unstable();
    let n = xs.len();
    let mean = xs.iter().map(|x| *x as f64).sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        xs[n / 2] as f64
    } else {
        (i128::from(xs[n / 2 - 1]) + i128::from(xs[n / 2])) as f64 / 2.0
    };
    ((mean * 100.0).round() / 100.0, median)
}

/// Every question's published figures, from each response's answers. `other` and
/// `dont_know` are the labels of "annet" and "vet ikke" in the page's language.
pub fn tally(
    qs: &Questionnaire,
    responses: &[Vec<(u32, Answer)>],
    k: u64,
    other: &str,
    dont_know: &str,
) -> Vec<QuestionResult> {
    qs.questions()
        .map(|q| {
            let answers: Vec<&Answer> = responses
                .iter()
                .filter_map(|r| r.iter().find(|(id, _)| *id == q.id).map(|(_, a)| a))
                .collect();
            let (kind, tables) = match &q.kind {
                Kind::SingleChoice {
                    options,
                    other: has_other,
                } => {
                    let mut counts = vec![0u64; options.len() + usize::from(*has_other)];
                    for a in &answers {
                        match a {
                            Answer::Choice(i) if *i < options.len() => counts[*i] += 1,
                            Answer::Other(_) if *has_other => counts[options.len()] += 1,
                            _ => {}
                        }
                    }
                    let mut labels = options.clone();
                    if *has_other {
                        labels.push(other.to_string());
                    }
                    ("single", vec![additive(None, labels, counts, k)])
                }
                Kind::MultipleChoice { options, .. } => {
                    let mut counts = vec![0u64; options.len()];
                    let mut n = 0u64;
                    for a in &answers {
                        if let Answer::Choices(is) = a {
                            n += 1;
                            for i in is.iter().filter(|i| **i < options.len()) {
                                counts[*i] += 1;
                            }
                        }
                    }
                    // Each count stands alone (they do not add up to n), and so does n − count
                    // (those who did not choose it): a count hides where either is small.
                    let shown_n = (n >= k).then_some(n);
                    let small = |x: u64| (1..k).contains(&x);
                    let rows = options
                        .iter()
                        .zip(&counts)
                        .map(|(label, c)| {
                            let shown = shown_n.is_some() && !small(*c) && !small(n - c);
                            Row {
                                label: label.clone(),
                                count: shown.then_some(*c),
                                percent: shown.then(|| percent(*c, n)),
                                weighted: None,
                            }
                        })
                        .collect();
                    let t = Table {
                        title: None,
                        n: shown_n,
                        rows,
                        mean: None,
                        median: None,
                        several_each: true,
                        weighted_mean: None,
                    };
                    ("multiple", vec![t])
                }
                Kind::Scale(s) => {
                    let points: Vec<Option<u8>> = answers
                        .iter()
                        .filter_map(|a| match a {
                            Answer::Point(p) => Some(*p),
                            _ => None,
                        })
                        .collect();
                    ("scale", vec![scale_table(None, s, &points, k, dont_know)])
                }
                Kind::Matrix { statements, scale } => {
                    let tables = statements
                        .iter()
                        .enumerate()
                        .map(|(n, st)| {
                            let points: Vec<Option<u8>> = answers
                                .iter()
                                .filter_map(|a| match a {
                                    Answer::Points(ps) => ps.get(n).copied(),
                                    _ => None,
                                })
                                .collect();
                            scale_table(Some(st.clone()), scale, &points, k, dont_know)
                        })
                        .collect();
                    ("matrix", tables)
                }
                Kind::Ranking { items, .. } => {
                    // How often each item was ranked first.
                    let mut counts = vec![0u64; items.len()];
                    for a in &answers {
                        if let Answer::Ranked(order) = a
                            && let Some(first) = order.first().filter(|i| **i < items.len())
                        {
                            counts[*first] += 1;
                        }
                    }
                    ("ranking", vec![additive(None, items.clone(), counts, k)])
                }
                Kind::Number { .. } => {
                    let xs: Vec<i64> = answers
                        .iter()
                        .filter_map(|a| match a {
                            Answer::Number(x) => Some(*x),
                            _ => None,
                        })
                        .collect();
                    let n = xs.len() as u64;
                    let mut t = Table {
                        title: None,
                        n: (n >= k).then_some(n),
                        rows: vec![],
                        mean: None,
                        median: None,
                        several_each: false,
                        weighted_mean: None,
                    };
                    if n >= k {
                        let (mean, median) = mean_and_median(xs);
                        t.mean = Some(mean);
                        t.median = Some(median);
                    }
                    ("number", vec![t])
                }
                Kind::ShortText { .. } | Kind::LongText { .. } => {
                    let n = answers
                        .iter()
                        .filter(|a| matches!(a, Answer::Text(_)))
                        .count() as u64;
                    let t = Table {
                        title: None,
                        n: (n >= k).then_some(n),
                        rows: vec![],
                        mean: None,
                        median: None,
                        several_each: false,
                        weighted_mean: None,
                    };
                    let kind = if matches!(q.kind, Kind::ShortText { .. }) {
                        "short"
                    } else {
                        "long"
                    };
                    (kind, vec![t])
                }
            };
            QuestionResult {
                id: q.id,
                text: q.text.clone(),
                kind: kind.to_string(),
                tables,
                texts: vec![],
            }
        })
        .collect()
}

/// Adds each question's published texts (`(question, text)`), where there are at least `k` of
/// them: fewer would be a set resting on too few respondents.
pub fn published_texts(results: &mut [QuestionResult], texts: &[(u32, String)], k: u64) {
    for q in results.iter_mut() {
        let mine: Vec<String> = texts
            .iter()
            .filter(|(id, _)| *id == q.id)
            .map(|(_, t)| t.clone())
            .collect();
        if mine.len() as u64 >= k {
            q.texts = mine;
        }
    }
}

/// One question's answers by the groups of a background question: counts per answer (rows) and
/// group (columns), with each answer's and group's total and the n, hidden where small — and
/// more hidden so that none can be worked out from the totals (`suppression::suppress`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub id: u32,
    pub text: String,
    pub groups: Vec<String>,
    pub rows: Vec<BreakdownRow>,
    pub group_totals: Vec<Option<u64>>,
    pub n: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    pub label: String,
    pub cells: Vec<Option<u64>>,
    /// Of the group (column), where both the count and the group's total are shown.
    pub percents: Vec<Option<f64>>,
    /// The same weighted to the population, with its 95 % margin of error (a panel survey's,
    /// where the percentage is shown; `weighted::add_weighted_breakdowns`).
    #[serde(default)]
    pub weighted: Vec<Option<Estimate>>,
    pub total: Option<u64>,
}

/// The row of a response's one answer to a question whose answers add up (one choice, a
/// scale, a ranking's first place), in the order `breakdown` labels them.
pub(crate) fn one_answer(q: &super::questionnaire::Question, a: &Answer) -> Option<usize> {
    match (&q.kind, a) {
        (Kind::SingleChoice { options, .. }, Answer::Choice(i)) if *i < options.len() => Some(*i),
        (
            Kind::SingleChoice {
                options,
                other: true,
            },
            Answer::Other(_),
        ) => Some(options.len()),
        (Kind::Scale(s), Answer::Point(Some(p))) if (s.from..=s.to).contains(p) => {
            Some(usize::from(p - s.from))
        }
        (Kind::Scale(s), Answer::Point(None)) if s.dont_know => {
            Some(usize::from(s.to - s.from) + 1)
        }
        (Kind::Ranking { items, .. }, Answer::Ranked(order)) => {
            order.first().copied().filter(|i| *i < items.len())
        }
        _ => None,
    }
}

/// The group a response falls in by its answer to single-choice question `by` (its option, or
/// "annet" after the options).
pub(crate) fn group_of(by: &super::questionnaire::Question, r: &[(u32, Answer)]) -> Option<usize> {
    let Kind::SingleChoice { options, other } = &by.kind else {
        return None;
    };
    match r.iter().find(|(id, _)| *id == by.id).map(|(_, a)| a)? {
        Answer::Choice(i) if *i < options.len() => Some(*i),
        Answer::Other(_) if *other => Some(options.len()),
        _ => None,
    }
}

/// Every other question whose answers add up, by the groups of single-choice question `by`
/// (respondents who did not answer it are left out); `None` when `by` is not such a question.
pub fn breakdown(
    qs: &Questionnaire,
    responses: &[Vec<(u32, Answer)>],
    by: u32,
    k: u64,
    other: &str,
    dont_know: &str,
) -> Option<Vec<Breakdown>> {
    let by_q = qs.question(by)?;
    let Kind::SingleChoice {
        options,
        other: has_other,
    } = &by_q.kind
    else {
        return None;
    };
    let mut groups = options.clone();
    if *has_other {
        groups.push(other.to_string());
    }
    let group_of = |r: &Vec<(u32, Answer)>| group_of(by_q, r);
    let mut out = Vec::new();
    for q in qs.questions().filter(|q| q.id != by) {
        let labels = match &q.kind {
            Kind::SingleChoice { options, other: o } => {
                let mut l = options.clone();
                if *o {
                    l.push(other.to_string());
                }
                l
            }
            Kind::Scale(s) => scale_labels(s, dont_know),
            Kind::Ranking { items, .. } => items.clone(),
            _ => continue,
        };
        let mut counts = vec![vec![0u64; groups.len()]; labels.len()];
        for r in responses {
            let Some(g) = group_of(r) else { continue };
            let Some(a) = r.iter().find(|(id, _)| *id == q.id).map(|(_, a)| a) else {
                continue;
            };
            if let Some(row) = one_answer(q, a)
                && row < labels.len()
            {
                counts[row][g] += 1;
            }
        }
        let hidden = suppress(&counts, k);
        let col_totals: Vec<u64> = (0..groups.len())
            .map(|g| counts.iter().map(|row| row[g]).sum())
            .collect();
        let n: u64 = col_totals.iter().sum();
        let group_totals: Vec<Option<u64>> = col_totals
            .iter()
            .enumerate()
            .map(|(g, t)| (!hidden.column_totals[g]).then_some(*t))
            .collect();
        let rows = labels
            .into_iter()
            .enumerate()
            .map(|(i, label)| {
                let cells: Vec<Option<u64>> = (0..groups.len())
                    .map(|g| (!hidden.cells[i][g]).then_some(counts[i][g]))
                    .collect();
                let percents = cells
                    .iter()
                    .zip(&group_totals)
                    .map(|(c, t)| match (c, t) {
                        (Some(c), Some(t)) => Some(percent(*c, *t)),
                        _ => None,
                    })
                    .collect();
                BreakdownRow {
                    label,
                    total: (!hidden.row_totals[i]).then(|| counts[i].iter().sum()),
                    weighted: vec![None; cells.len()],
                    cells,
                    percents,
                }
            })
            .collect();
        out.push(Breakdown {
            id: q.id,
            text: q.text.clone(),
            groups: groups.clone(),
            rows,
            group_totals,
            n: (!hidden.grand_total).then_some(n),
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::editor::QuestionForm;

    fn questionnaire() -> Questionnaire {
        let mut qs = Questionnaire::new("Side 1");
        let forms = [
            ("single", "Hvordan reiser du?", "Bil\nBuss\nSykkel"),
            ("scale", "Hvor fornøyd er du?", ""),
            ("multiple", "Hva bruker du?", "Bibliotek\nSvømmehall\nPark"),
            ("number", "Hvor mange barn?", ""),
        ];
        for (kind, text, options) in forms {
            let f = QuestionForm {
                kind: kind.into(),
                text: text.into(),
                options: options.into(),
                low_label: "Misfornøyd".into(),
                high_label: "Fornøyd".into(),
                dont_know: Some("on".into()),
                ..Default::default()
            };
            let q = f.parse(qs.next_id()).expect("valid");
            qs.add_question(0, q).expect("placed");
        }
        qs
    }

    fn responses(spec: &[(usize, Option<u8>, &[usize], i64)]) -> Vec<Vec<(u32, Answer)>> {
        spec.iter()
            .map(|(choice, point, several, kids)| {
                vec![
                    (1, Answer::Choice(*choice)),
                    (2, Answer::Point(*point)),
                    (3, Answer::Choices(several.to_vec())),
                    (4, Answer::Number(*kids)),
                ]
            })
            .collect()
    }

    #[test]
    fn counts_percentages_and_means_are_what_the_answers_say() {
        let mut spec = vec![(0, Some(5), &[0usize, 1][..], 2); 6];
        spec.extend(vec![(1, Some(3), &[1usize][..], 0); 6]);
        spec.extend(vec![(2, None, &[][..], 1); 8]);
        let r = tally(&questionnaire(), &responses(&spec), 5, "Annet", "Vet ikke");
        let single = &r[0].tables[0];
        assert_eq!(single.n, Some(20));
        let counts: Vec<Option<u64>> = single.rows.iter().map(|r| r.count).collect();
        assert_eq!(counts, vec![Some(6), Some(6), Some(8)]);
        assert_eq!(single.rows[2].percent, Some(40.0));
        let scale = &r[1].tables[0];
        // 6 × 5 and 6 × 3 rated; 8 said "vet ikke", which is not in the mean.
        assert_eq!(scale.mean, Some(4.0));
        assert_eq!(scale.rows.last().map(|r| r.count), Some(Some(8)));
        assert_eq!(scale.rows[0].label, "1 – Misfornøyd");
        // 20 answered the multiple choice (8 chose nothing but sent an answer).
        let multiple = &r[2].tables[0];
        assert!(multiple.several_each);
        assert_eq!(multiple.rows[1].count, Some(12));
        assert_eq!(multiple.rows[1].percent, Some(60.0));
        let number = &r[3].tables[0];
        assert_eq!((number.mean, number.median), (Some(1.0), Some(1.0)));
    }

    #[test]
    fn a_small_count_is_hidden_and_so_is_one_more_so_that_it_cannot_be_subtracted() {
        // Bil 2 (below k), Buss 9, Sykkel 9: hiding only Bil would leave it as 20 − 9 − 9.
        let mut spec = vec![(0, Some(5), &[0usize][..], 1); 2];
        spec.extend(vec![(1, Some(4), &[0usize][..], 1); 9]);
        spec.extend(vec![(2, Some(4), &[1usize][..], 1); 9]);
        let r = tally(&questionnaire(), &responses(&spec), 5, "Annet", "Vet ikke");
        let single = &r[0].tables[0];
        assert_eq!(single.n, Some(20));
        let hidden = single.rows.iter().filter(|r| r.count.is_none()).count();
        assert_eq!(single.rows[0].count, None);
        assert_eq!(single.rows[0].percent, None);
        assert!(hidden >= 2, "a second count hides the first: {single:?}");
        // Multiple choice counts do not add up, so only the small one hides.
        let multiple = &r[2].tables[0];
        assert_eq!(multiple.rows[0].count, Some(11));
        assert_eq!(multiple.rows[1].count, Some(9));
        assert_eq!(multiple.rows[2].count, Some(0));
    }

    #[test]
    fn a_breakdown_hides_small_groups_and_whatever_would_give_them_away() {
        // By travel: 8 by car (all satisfied, 5), 8 by bus (satisfied, 4), 2 by bicycle (3).
        let mut spec = vec![(0, Some(5), &[0usize][..], 1); 8];
        spec.extend(vec![(1, Some(4), &[0usize][..], 1); 8]);
        spec.extend(vec![(2, Some(3), &[0usize][..], 1); 2]);
        let qs = questionnaire();
        let b = breakdown(&qs, &responses(&spec), 1, 5, "Annet", "Vet ikke").expect("a choice");
        let scale = b.iter().find(|b| b.id == 2).expect("the scale");
        assert_eq!(scale.groups, ["Bil", "Buss", "Sykkel"]);
        // The bicycle group (2) is hidden, every figure of it, and its total.
        assert_eq!(scale.group_totals[2], None);
        assert!(scale.rows.iter().all(|r| r.cells[2].is_none()));
        // Point 5 by car: 8 of 8.
        assert_eq!(scale.rows[4].cells[0], Some(8));
        assert_eq!(scale.rows[4].percents[0], Some(100.0));
        // The row of point 3 (2 in all, all by bicycle) is hidden too, else it gives the group.
        assert_eq!(scale.rows[2].total, None);
        assert!(
            breakdown(&qs, &responses(&spec), 2, 5, "Annet", "Vet ikke").is_none(),
            "not a choice"
        );
    }

    #[test]
    fn published_texts_appear_only_as_a_set_of_at_least_k() {
        let spec = vec![(0, Some(5), &[0usize][..], 3); 6];
        let mut r = tally(&questionnaire(), &responses(&spec), 5, "Annet", "Vet ikke");
        let four: Vec<(u32, String)> = (0..4).map(|n| (1, format!("Tekst {n}"))).collect();
        published_texts(&mut r, &four, 5);
        assert!(r[0].texts.is_empty());
        let five: Vec<(u32, String)> = (0..5).map(|n| (1, format!("Tekst {n}"))).collect();
        published_texts(&mut r, &five, 5);
        assert_eq!(r[0].texts.len(), 5);
        assert!(r[1].texts.is_empty());
    }

    #[test]
    fn a_mean_is_not_shown_beside_a_hidden_count_nor_a_choice_beside_few_who_did_not_choose() {
        // Satisfaction 1 from two, 5 from ten: the mean would say the hidden two gave 1.
        let mut spec = vec![(0, Some(1), &[0usize][..], 1); 2];
        spec.extend(vec![(0, Some(5), &[0usize][..], 1); 10]);
        let r = tally(&questionnaire(), &responses(&spec), 5, "Annet", "Vet ikke");
        let scale = &r[1].tables[0];
        assert_eq!(scale.n, Some(12));
        assert_eq!(scale.rows[0].count, None);
        assert_eq!(scale.mean, None);
        // All twelve chose Bibliotek: shown. Had eleven chosen it, the one who did not would be
        // a group of one.
        assert_eq!(r[2].tables[0].rows[0].count, Some(12));
        let mut spec = vec![(0, Some(5), &[0usize][..], 1); 11];
        spec.push((0, Some(5), &[1usize][..], 1));
        let r = tally(&questionnaire(), &responses(&spec), 5, "Annet", "Vet ikke");
        assert_eq!(r[2].tables[0].rows[0].count, None);
    }

    #[test]
    fn a_question_answered_by_fewer_than_k_shows_no_figure_at_all() {
        let spec = vec![(0, Some(5), &[0usize][..], 3); 4];
        let r = tally(&questionnaire(), &responses(&spec), 5, "Annet", "Vet ikke");
        for q in &r {
            let t = &q.tables[0];
            assert_eq!(t.n, None, "{}", q.text);
            assert!(
                t.rows
                    .iter()
                    .all(|r| r.count.is_none() && r.percent.is_none())
            );
            assert_eq!((t.mean, t.median), (None, None));
        }
    }
}
