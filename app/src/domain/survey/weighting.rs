//! Weighting a panel survey's respondents to the organisation's population: raking (iterative
//! proportional fitting) to the margins of age band, gender and district, with weight trimming,
//! and the figures a statistician reports with weighted results — Kish's design effect, the
//! effective number of respondents, and 95 % margins of error.
//!
//! Weights are scaled so that they average 1 (they sum to the number of respondents): a weighted
//! count then reads as "respondents", and trimming bounds are relative to the average.

use serde::{Deserialize, Serialize};

/// How raking runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Raking {
    /// Converged when no margin's weighted share is further than this from its target.
    pub tolerance: f64,
    /// Sweeps over all margins at most, per raking.
    pub max_iterations: usize,
    /// Bounds on a weight relative to the average weight, or none.
    pub trim: Option<(f64, f64)>,
    /// Trim-and-rake-again rounds at most.
    pub max_trim_rounds: usize,
}

impl Default for Raking {
    fn default() -> Self {
        Raking {
            tolerance: 1e-6,
            max_iterations: 500,
            trim: Some((0.3, 3.0)),
            max_trim_rounds: 50,
        }
    }
}

/// The weights, and how raking went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// One per respondent, in the respondents' order; they average 1.
    pub weights: Vec<f64>,
    /// Sweeps over the margins, in all rounds together.
    pub iterations: usize,
    /// Whether every margin is met within the tolerance (with trimming, a bound may keep a
    /// margin from being met: then this is false and `max_error` says by how much).
    pub converged: bool,
    /// The largest distance between a margin's weighted share and its target share.
    pub max_error: f64,
    /// Respondents whose weight a trimming bound held.
    pub trimmed: usize,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RakingError {
    #[error("no respondents to weight")]
    NoRespondents,
    #[error("respondent {respondent} has {found} background values, the margins {expected}")]
    WrongVariables {
        respondent: usize,
        found: usize,
        expected: usize,
    },
    #[error("a respondent's category {category} of variable {variable} has no margin")]
    UnknownCategory { variable: usize, category: usize },
    #[error("category {category} of variable {variable} has a population but no respondents")]
    EmptyCategory { variable: usize, category: usize },
    #[error("the margin of variable {variable} is not a set of non-negative figures with a sum")]
    BadMargin { variable: usize },
}

/// Rakes the respondents (each a category index per variable, `None` where unknown — a gender
/// not given) to the margins (per variable, the population in each category: counts or shares,
/// scaled to shares here). A respondent whose category of a variable is unknown takes no part
/// in that variable's step: the others are raked to its shares among themselves.
pub fn rake(
    respondents: &[Vec<Option<usize>>],
    margins: &[Vec<f64>],
    options: &Raking,
) -> Result<Weights, RakingError> {
    let n = respondents.len();
    if n == 0 {
        return Err(RakingError::NoRespondents);
    }
    let shares = margin_shares(margins)?;
    for (i, r) in respondents.iter().enumerate() {
        if r.len() != margins.len() {
            return Err(RakingError::WrongVariables {
                respondent: i,
                found: r.len(),
                expected: margins.len(),
            });
        }
        for (v, c) in r.iter().enumerate() {
            let Some(c) = *c else { continue };
            if c >= shares[v].len() {
                return Err(RakingError::UnknownCategory {
                    variable: v,
                    category: c,
                });
            }
        }
    }
    for (v, s) in shares.iter().enumerate() {
        for (c, &share) in s.iter().enumerate() {
            if share > 0.0 && !respondents.iter().any(|r| r[v] == Some(c)) {
                return Err(RakingError::EmptyCategory {
                    variable: v,
                    category: c,
                });
            }
        }
    }
    let mut w = vec![1.0; n];
    let mut iterations = rake_rounds(respondents, &shares, &mut w, options);
    let mut held = vec![false; n];
    if let Some((lo, hi)) = options.trim {
        for _ in 0..options.max_trim_rounds {
            if !clip(&mut w, lo, hi, &mut held) {
                break;
            }
            iterations += rake_rounds(respondents, &shares, &mut w, options);
        }
        // The bounds hold whatever raking did last.
        clip(&mut w, lo, hi, &mut held);
    }
    let max_error = margin_error(respondents, &shares, &w);
    Ok(Weights {
        weights: w,
        iterations,
        converged: max_error <= options.tolerance,
        max_error,
        trimmed: held.iter().filter(|h| **h).count(),
    })
}

/// Each margin as shares summing to 1.
fn margin_shares(margins: &[Vec<f64>]) -> Result<Vec<Vec<f64>>, RakingError> {
    margins
        .iter()
        .enumerate()
        .map(|(v, m)| {
            let total: f64 = m.iter().sum();
            if m.is_empty() || m.iter().any(|x| !x.is_finite() || *x < 0.0) || total <= 0.0 {
                return Err(RakingError::BadMargin { variable: v });
            }
            Ok(m.iter().map(|x| x / total).collect())
        })
        .collect()
}

/// Weighted shares per category of variable `v`, among the respondents whose category is known.
fn weighted_shares(
    respondents: &[Vec<Option<usize>>],
    v: usize,
    categories: usize,
    w: &[f64],
) -> Vec<f64> {
    let mut sums = vec![0.0; categories];
    for (r, wi) in respondents.iter().zip(w) {
        if let Some(c) = r[v] {
            sums[c] += wi;
        }
    }
    let total: f64 = sums.iter().sum();
    sums.iter().map(|s| s / total).collect()
}

fn margin_error(respondents: &[Vec<Option<usize>>], shares: &[Vec<f64>], w: &[f64]) -> f64 {
    shares
        .iter()
        .enumerate()
        .flat_map(|(v, s)| {
            let got = weighted_shares(respondents, v, s.len(), w);
            s.iter()
                .zip(got)
                .map(|(t, g)| (t - g).abs())
                .collect::<Vec<_>>()
        })
        .fold(0.0, f64::max)
}

/// Sweeps over the margins until they are met or the sweeps run out; how many it took. The
/// weights are scaled to average 1 after every sweep.
fn rake_rounds(
    respondents: &[Vec<Option<usize>>],
    shares: &[Vec<f64>],
    w: &mut [f64],
    options: &Raking,
) -> usize {
    let n = w.len() as f64;
    for sweep in 1..=options.max_iterations {
        for (v, s) in shares.iter().enumerate() {
            let got = weighted_shares(respondents, v, s.len(), w);
            for (r, wi) in respondents.iter().zip(w.iter_mut()) {
                if let Some(c) = r[v]
                    && got[c] > 0.0
                {
                    *wi *= s[c] / got[c];
                }
            }
        }
        let total: f64 = w.iter().sum();
        for wi in w.iter_mut() {
            *wi *= n / total;
        }
        if margin_error(respondents, shares, w) <= options.tolerance {
            return sweep;
        }
    }
    options.max_iterations
}

/// Holds the weights within `lo`–`hi` times their average (again until it holds, since holding
/// moves the average), marking those held, then scales them to average 1 again; whether any
/// was outside.
fn clip(w: &mut [f64], lo: f64, hi: f64, held: &mut [bool]) -> bool {
    let mut any = false;
    for _ in 0..100 {
        let mean = w.iter().sum::<f64>() / w.len() as f64;
        let mut changed = false;
        for (wi, h) in w.iter_mut().zip(held.iter_mut()) {
            let bounded = wi.clamp(lo * mean, hi * mean);
            if (bounded - *wi).abs() > 1e-12 * mean {
                *wi = bounded;
                *h = true;
                changed = true;
            }
        }
        any |= changed;
        if !changed {
            break;
        }
    }
    let mean = w.iter().sum::<f64>() / w.len() as f64;
    for wi in w.iter_mut() {
        *wi /= mean;
    }
    any
}

/// Kish's design effect of unequal weights: n Σw² / (Σw)².
pub fn design_effect(w: &[f64]) -> f64 {
    let (sum, squares) = sums(w);
    if sum == 0.0 {
        return 1.0;
    }
    w.len() as f64 * squares / (sum * sum)
}

/// The effective number of respondents: (Σw)² / Σw².
pub fn effective_n(w: &[f64]) -> f64 {
    let (sum, squares) = sums(w);
    if squares == 0.0 {
        0.0
    } else {
        sum * sum / squares
    }
}

fn sums(w: &[f64]) -> (f64, f64) {
    w.iter().fold((0.0, 0.0), |(s, q), x| (s + x, q + x * x))
}

/// A share with its 95 % margin of error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    /// Half the width of the 95 % confidence interval (1.96 standard errors).
    pub margin_of_error: f64,
}

/// The weighted share of respondents for whom `chose` holds, with its margin of error from the
/// effective number of respondents.
pub fn weighted_share(w: &[f64], chose: &[bool]) -> Estimate {
    let total: f64 = w.iter().sum();
    let yes: f64 = w
        .iter()
        .zip(chose)
        .filter(|(_, c)| **c)
        .map(|(x, _)| x)
        .sum();
    let p = if total > 0.0 { yes / total } else { 0.0 };
    let n_eff = effective_n(w);
    let moe = if n_eff > 0.0 {
        1.96 * (p * (1.0 - p) / n_eff).sqrt()
    } else {
        0.0
    };
    Estimate {
        value: p,
        margin_of_error: moe,
    }
}

/// The weighted mean of `values` (a scale's answers), with its margin of error from the
/// weighted variance and the effective number of respondents.
pub fn weighted_mean(w: &[f64], values: &[f64]) -> Estimate {
    let total: f64 = w.iter().sum();
    if total <= 0.0 {
        return Estimate {
            value: 0.0,
            margin_of_error: 0.0,
        };
    }
    let mean = w.iter().zip(values).map(|(a, b)| a * b).sum::<f64>() / total;
    let variance = w
        .iter()
        .zip(values)
        .map(|(a, b)| a * (b - mean) * (b - mean))
        .sum::<f64>()
        / total;
    let n_eff = effective_n(w);
    let moe = if n_eff > 1.0 {
        1.96 * (variance / (n_eff - 1.0)).sqrt()
    } else {
        0.0
    };
    Estimate {
        value: mean,
        margin_of_error: moe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 respondents by age band (18–34, 35–64, 65+) × gender (kvinne, mann).
    const SAMPLE: [[usize; 2]; 3] = [[10, 8], [30, 22], [18, 12]];

    fn respondents(sample: &[[usize; 2]]) -> Vec<Vec<Option<usize>>> {
        let mut out = Vec::new();
        for (a, row) in sample.iter().enumerate() {
            for (g, &count) in row.iter().enumerate() {
                out.extend(std::iter::repeat_n(vec![Some(a), Some(g)], count));
            }
        }
        out
    }

    fn weight_of(r: &[Vec<Option<usize>>], w: &Weights, a: usize, g: usize) -> f64 {
        let i = r
            .iter()
            .position(|x| x == &vec![Some(a), Some(g)])
            .expect("a respondent in the cell");
        w.weights[i]
    }

    /// The reference weights come from an independent implementation: the PyPI package `ipfn`
    /// 1.4.4 (`ipfn.ipfn(sample, [[30, 50, 20], [51, 49]], [[0], [1]],
    /// convergence_rate=1e-12).iteration()`), the fitted cell divided by the sample cell.
    #[test]
    fn raking_meets_the_margins_and_matches_an_independent_implementation() {
        let r = respondents(&SAMPLE);
        let margins = vec![vec![30.0, 50.0, 20.0], vec![0.51, 0.49]];
        let options = Raking {
            tolerance: 1e-10,
            ..Raking::default()
        };
        let w = rake(&r, &margins, &options).expect("raked");
        assert!(w.converged && w.max_error < 1e-10, "{w:?}");
        assert_eq!(w.trimmed, 0);
        let reference = [
            [1.470064568763, 1.912419289066],
            [0.852951444766, 1.109611666227],
            [0.595045053855, 0.774099085873],
        ];
        for (a, row) in reference.iter().enumerate() {
            for (g, expected) in row.iter().enumerate() {
                let got = weight_of(&r, &w, a, g);
                assert!(
                    (got - expected).abs() < 1e-8,
                    "cell {a},{g}: {got} vs {expected}"
                );
            }
        }
        // ipfn's weights give a design effect of 1.133468685980 and n_eff 88.224757540194.
        assert!((design_effect(&w.weights) - 1.133468685980).abs() < 1e-8);
        assert!((effective_n(&w.weights) - 88.224757540194).abs() < 1e-6);
        assert!(w.iterations > 1 && w.iterations < 100);
    }

    #[test]
    fn trimming_holds_the_bounds_and_says_when_a_margin_cannot_then_be_met() {
        // Four young respondents for a population that is 30 % young: their weight would be
        // 7.5; held at 3, the young share cannot pass 12 %.
        let r = respondents(&[[2, 2], [40, 36], [10, 10]]);
        let margins = vec![vec![30.0, 50.0, 20.0], vec![51.0, 49.0]];
        let w = rake(&r, &margins, &Raking::default()).expect("raked");
        let mean = w.weights.iter().sum::<f64>() / w.weights.len() as f64;
        assert!((mean - 1.0).abs() < 1e-9);
        assert!(
            w.weights
                .iter()
                .all(|x| (0.3 - 1e-9..=3.0 + 1e-9).contains(x)),
            "{w:?}"
        );
        assert_eq!(w.trimmed, 4);
        assert!(!w.converged);
        assert!(
            (w.max_error - (0.30 - 0.12)).abs() < 0.01,
            "{}",
            w.max_error
        );
        // Without trimming, the margins are met with the large weights.
        let free = rake(
            &r,
            &margins,
            &Raking {
                trim: None,
                ..Raking::default()
            },
        )
        .expect("raked");
        assert!(free.converged);
        assert!(free.weights.iter().any(|x| *x > 7.0));
    }

    #[test]
    fn a_respondent_without_a_gender_is_raked_on_age_alone() {
        let mut r = respondents(&SAMPLE);
        r.extend(std::iter::repeat_n(vec![Some(1), None], 10));
        let margins = vec![vec![30.0, 50.0, 20.0], vec![51.0, 49.0]];
        let w = rake(
            &r,
            &margins,
            &Raking {
                trim: None,
                ..Raking::default()
            },
        )
        .expect("raked");
        assert!(w.converged, "{w:?}");
        // Gender shares among those who gave one are the margin's.
        let (mut women, mut known) = (0.0, 0.0);
        for (x, wi) in r.iter().zip(&w.weights) {
            if let Some(g) = x[1] {
                known += wi;
                if g == 0 {
                    women += wi;
                }
            }
        }
        assert!((women / known - 0.51).abs() < 1e-6);
        // Age shares among everyone are the margin's.
        let total: f64 = w.weights.iter().sum();
        let middle: f64 = r
            .iter()
            .zip(&w.weights)
            .filter(|(x, _)| x[0] == Some(1))
            .map(|(_, wi)| wi)
            .sum();
        assert!((middle / total - 0.50).abs() < 1e-6);
    }

    #[test]
    fn raking_refuses_what_it_cannot_weight() {
        let r = respondents(&SAMPLE);
        assert_eq!(
            rake(&[], &[vec![1.0]], &Raking::default()),
            Err(RakingError::NoRespondents)
        );
        assert_eq!(
            rake(
                &r,
                &[vec![1.0, 1.0, 1.0, 1.0], vec![1.0, 1.0]],
                &Raking::default()
            ),
            Err(RakingError::EmptyCategory {
                variable: 0,
                category: 3
            })
        );
        assert_eq!(
            rake(&r, &[vec![1.0, 1.0], vec![1.0, 1.0]], &Raking::default()),
            Err(RakingError::UnknownCategory {
                variable: 0,
                category: 2
            })
        );
        assert_eq!(
            rake(
                &r,
                &[vec![1.0, -1.0, 1.0], vec![1.0, 1.0]],
                &Raking::default()
            ),
            Err(RakingError::BadMargin { variable: 0 })
        );
    }

    #[test]
    fn shares_and_means_carry_margins_of_error_from_the_effective_n() {
        let w = vec![1.0; 400];
        let chose: Vec<bool> = (0..400).map(|i| i < 200).collect();
        let e = weighted_share(&w, &chose);
        // 1.96 × √(0.25 / 400) = 0.049
        assert!((e.value - 0.5).abs() < 1e-12 && (e.margin_of_error - 0.049).abs() < 1e-12);
        let uneven: Vec<f64> = (0..400)
            .map(|i| if i % 2 == 0 { 0.5 } else { 1.5 })
            .collect();
        assert!((design_effect(&uneven) - 1.25).abs() < 1e-12);
        assert!(weighted_share(&uneven, &chose).margin_of_error > e.margin_of_error);
        let m = weighted_mean(&[1.0, 1.0, 2.0], &[1.0, 3.0, 5.0]);
        assert!((m.value - 3.5).abs() < 1e-12);
    }
}
