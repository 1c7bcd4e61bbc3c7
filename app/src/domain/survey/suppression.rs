//! Small-cell suppression of a published table: answer options (rows) by groups of one
//! background variable (columns), with the overall count per option (row totals), each group's
//! size (column totals) and the number of respondents (the grand total).
//!
//! No published figure may rest on fewer than `k` respondents: a cell of 1 to k − 1
//! respondents is hidden, and so is every figure of a group (or option) of fewer than k
//! (*primary* suppression). Then *complementary* suppression: more figures are hidden until no
//! hidden primary figure can be worked out from what is published — neither by subtracting
//! within a row or column, nor by combining rows and columns, nor by the fact that counts are
//! never negative. A hidden figure can be worked out exactly when there is no other table of
//! non-negative counts that agrees with everything published and differs in it; such a table
//! exists when the figure lies on a cycle of hidden figures along which counts can be moved
//! (one up, the next down, …) without any going below zero. That is what `protected` looks for.

use serde::{Deserialize, Serialize};

/// The threshold unless the organisation raises it.
pub const DEFAULT_K: u64 = 5;
/// The lowest threshold an organisation may set.
pub const MIN_K: u64 = 3;

/// The organisation's threshold: its setting, never below `MIN_K`.
pub fn threshold(setting: Option<u64>) -> u64 {
    setting.unwrap_or(DEFAULT_K).max(MIN_K)
}

/// Which figures are hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppressed {
    /// Per option, per group.
    pub cells: Vec<Vec<bool>>,
    /// Per option: its overall count.
    pub row_totals: Vec<bool>,
    /// Per group: its number of respondents.
    pub column_totals: Vec<bool>,
    pub grand_total: bool,
}

impl Suppressed {
    /// How many figures are hidden.
    pub fn count(&self) -> usize {
        self.cells.iter().flatten().filter(|h| **h).count()
            + self.row_totals.iter().filter(|h| **h).count()
            + self.column_totals.iter().filter(|h| **h).count()
            + usize::from(self.grand_total)
    }
}

/// The table as variables (cells, row totals, column totals, grand total) in the equations that
/// tie them: each row sums to its total, each column to its total, the totals to the grand total.
/// Every variable is in exactly two equations: one of the "row side" (rows, and the equation of
/// the column totals) and one of the "column side" (columns, and that of the row totals).
struct Graph {
    values: Vec<u64>,
    /// Per variable: (row-side equation, coefficient), (column-side equation, coefficient).
    ends: Vec<((usize, i8), (usize, i8))>,
    /// Per row-side and column-side equation: the variables in it.
    row_side: Vec<Vec<usize>>,
    col_side: Vec<Vec<usize>>,
}

impl Graph {
    fn new(counts: &[Vec<u64>]) -> Graph {
        let rows = counts.len();
        let cols = counts.first().map_or(0, Vec::len);
        let mut g = Graph {
            values: Vec::new(),
            ends: Vec::new(),
            row_side: vec![Vec::new(); rows + 1],
            col_side: vec![Vec::new(); cols + 1],
        };
        let add = |g: &mut Graph, value: u64, row: (usize, i8), col: (usize, i8)| {
            let id = g.values.len();
            g.values.push(value);
            g.ends.push((row, col));
            g.row_side[row.0].push(id);
            g.col_side[col.0].push(id);
        };
        for (r, row) in counts.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                add(&mut g, v, (r, 1), (c, 1));
            }
        }
        // The equation of the column totals is row side `rows`; that of the row totals column
        // side `cols`.
        for (r, row) in counts.iter().enumerate() {
            add(&mut g, row.iter().sum(), (r, -1), (cols, 1));
        }
        for c in 0..cols {
            add(
                &mut g,
                counts.iter().map(|row| row[c]).sum(),
                (rows, 1),
                (c, -1),
            );
        }
        let grand = counts.iter().flatten().sum();
        add(&mut g, grand, (rows, -1), (cols, -1));
        g
    }

    /// Whether variable `v` can move (by one, either way) with only hidden variables moving
    /// with it and none going below zero.
    fn protected(&self, hidden: &[bool], v: usize) -> bool {
        [-1i8, 1].iter().any(|&dir| {
            if dir < 0 && self.values[v] == 0 {
                return false;
            }
            let ((row, row_coef), (col, col_coef)) = self.ends[v];
            let mut budget = 200_000usize;
            let mut seen_rows = vec![false; self.row_side.len()];
            let mut seen_cols = vec![false; self.col_side.len()];
            seen_rows[row] = true;
            seen_cols[col] = true;
            // Leaving `v`'s column-side equation, the others there must make up for it.
            self.walk(
                hidden,
                v,
                (false, col),
                -col_coef * dir,
                (row, -row_coef * dir),
                &mut seen_rows,
                &mut seen_cols,
                &mut budget,
            )
        })
    }

    /// From equation `at` (`.0`: row side?), the other variables there must together add
    /// `need`; one of them moves, its other equation is next. Done on reaching `close.0` with
    /// the move `close.1` wants there.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        hidden: &[bool],
        start: usize,
        at: (bool, usize),
        need: i8,
        close: (usize, i8),
        seen_rows: &mut [bool],
        seen_cols: &mut [bool],
        budget: &mut usize,
    ) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let vars = if at.0 {
            &self.row_side[at.1]
        } else {
            &self.col_side[at.1]
        };
        for &e in vars {
            if e == start || !hidden[e] {
                continue;
            }
            let ((er, er_coef), (ec, ec_coef)) = self.ends[e];
            let (here, there, there_coef) = if at.0 {
                (er_coef, (false, ec), ec_coef)
            } else {
                (ec_coef, (true, er), er_coef)
            };
            let delta = need * here; // coefficients are ±1, so need / here == need * here
            if delta < 0 && self.values[e] == 0 {
                continue;
            }
            let adds = there_coef * delta;
            if there.0 && there.1 == close.0 {
                if adds == close.1 {
                    return true;
                }
                continue;
            }
            let seen = if there.0 {
                &mut seen_rows[there.1]
            } else {
                &mut seen_cols[there.1]
            };
            if *seen {
                continue;
            }
            *seen = true;
            if self.walk(
                hidden, start, there, -adds, close, seen_rows, seen_cols, budget,
            ) {
                return true;
            }
            if there.0 {
                seen_rows[there.1] = false;
            } else {
                seen_cols[there.1] = false;
            }
        }
        false
    }
}

/// The figures to hide in `counts` (options × groups) for threshold `k`.
pub fn suppress(counts: &[Vec<u64>], k: u64) -> Suppressed {
    let rows = counts.len();
    let cols = counts.first().map_or(0, Vec::len);
    let g = Graph::new(counts);
    let cell = |r: usize, c: usize| r * cols + c;
    let row_total = |r: usize| rows * cols + r;
    let col_total = |c: usize| rows * cols + rows + c;
    let grand = rows * cols + rows + cols;
    let small = |v: u64| v > 0 && v < k;
    let mut primary = vec![false; g.values.len()];
    if g.values[grand] < k {
        primary.iter_mut().for_each(|p| *p = true);
    }
    for r in 0..rows {
        for c in 0..cols {
            primary[cell(r, c)] |= small(counts[r][c]);
        }
        primary[row_total(r)] |= small(g.values[row_total(r)]);
    }
    // A group of fewer than k: every figure of it.
    for c in 0..cols {
        if small(g.values[col_total(c)]) {
            primary[col_total(c)] = true;
            for r in 0..rows {
                primary[cell(r, c)] = true;
            }
        }
    }
    let mut hidden = primary.clone();
    // Cheapest first: cells before totals, small counts before large.
    let mut order: Vec<usize> = (0..g.values.len()).collect();
    order.sort_by_key(|&v| (v >= rows * cols, g.values[v], v));
    let unprotected =
        |hidden: &[bool]| (0..g.values.len()).find(|&v| primary[v] && !g.protected(hidden, v));
    while let Some(open) = unprotected(&hidden) {
        // The cheapest one more hidden figure that protects it; failing that, the cheapest
        // figure in one of its equations (a row or column with one hidden figure can be
        // subtracted out), and look again.
        let single = order.iter().copied().find(|&v| {
            !hidden[v] && {
                hidden[v] = true;
                let ok = g.protected(&hidden, open);
                hidden[v] = false;
                ok
            }
        });
        let next = single.or_else(|| {
            let ((row, _), (col, _)) = g.ends[open];
            order
                .iter()
                .copied()
                .find(|&v| !hidden[v] && (g.ends[v].0.0 == row || g.ends[v].1.0 == col))
        });
        match next {
            Some(v) => hidden[v] = true,
            None => {
                // Nothing left to hide beside it: hide everything.
                hidden.iter_mut().for_each(|h| *h = true);
                break;
            }
        }
    }
    Suppressed {
        cells: (0..rows)
            .map(|r| (0..cols).map(|c| hidden[cell(r, c)]).collect())
            .collect(),
        row_totals: (0..rows).map(|r| hidden[row_total(r)]).collect(),
        column_totals: (0..cols).map(|c| hidden[col_total(c)]).collect(),
        grand_total: hidden[grand],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table of non-negative counts that agrees with everything `s` publishes of
    /// `counts`: for each hidden cell, the set of values it takes across them.
    fn possible_values(counts: &[Vec<u64>], s: &Suppressed) -> Vec<((usize, usize), Vec<u64>)> {
        let rows = counts.len();
        let cols = counts[0].len();
        let grand: u64 = counts.iter().flatten().sum();
        let unknown: Vec<(usize, usize)> = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter(|&(r, c)| s.cells[r][c])
            .collect();
        let mut seen: Vec<std::collections::BTreeSet<u64>> =
            vec![Default::default(); unknown.len()];
        let mut t: Vec<Vec<u64>> = counts.to_vec();
        for &(r, c) in &unknown {
            t[r][c] = 0;
        }
        fn go(
            i: usize,
            unknown: &[(usize, usize)],
            t: &mut Vec<Vec<u64>>,
            counts: &[Vec<u64>],
            s: &Suppressed,
            grand: u64,
            seen: &mut [std::collections::BTreeSet<u64>],
        ) {
            if i == unknown.len() {
                let rows = t.len();
                let cols = t[0].len();
                let ok_rows = (0..rows).all(|r| {
                    s.row_totals[r] || t[r].iter().sum::<u64>() == counts[r].iter().sum::<u64>()
                });
                let ok_cols = (0..cols).all(|c| {
                    s.column_totals[c]
                        || (0..rows).map(|r| t[r][c]).sum::<u64>()
                            == (0..rows).map(|r| counts[r][c]).sum::<u64>()
                });
                let ok_grand = s.grand_total || t.iter().flatten().sum::<u64>() == grand;
                if ok_rows && ok_cols && ok_grand {
                    for (j, &(r, c)) in unknown.iter().enumerate() {
                        seen[j].insert(t[r][c]);
                    }
                }
                return;
            }
            let (r, c) = unknown[i];
            for v in 0..=grand {
                t[r][c] = v;
                // The hidden cells not yet chosen are 0 here: a published total already passed
                // stays passed for larger values.
                let over_row =
                    !s.row_totals[r] && t[r].iter().sum::<u64>() > counts[r].iter().sum::<u64>();
                let over_col = !s.column_totals[c]
                    && t.iter().map(|row| row[c]).sum::<u64>()
                        > counts.iter().map(|row| row[c]).sum::<u64>();
                let over_grand = !s.grand_total && t.iter().flatten().sum::<u64>() > grand;
                if over_row || over_col || over_grand {
                    break;
                }
                go(i + 1, unknown, t, counts, s, grand, seen);
            }
            t[r][c] = 0;
        }
        go(0, &unknown, &mut t, counts, s, grand, &mut seen);
        unknown
            .into_iter()
            .zip(seen)
            .map(|(cell, values)| (cell, values.into_iter().collect()))
            .collect()
    }

    /// No cell of 1..k−1, and no cell of a group of fewer than k, can be worked out.
    fn assert_safe(counts: &[Vec<u64>], k: u64) -> Suppressed {
        let s = suppress(counts, k);
        let cols = counts[0].len();
        for (r, row) in counts.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                let group: u64 = counts.iter().map(|row| row[c]).sum();
                if (v > 0 && v < k) || (group > 0 && group < k) {
                    assert!(s.cells[r][c], "cell {r},{c} ({v}) is published: {s:?}");
                }
            }
        }
        for ((r, c), values) in possible_values(counts, &s) {
            let v = counts[r][c];
            let group: u64 = counts.iter().map(|row| row[c]).sum();
            if (v > 0 && v < k) || (group > 0 && group < k) {
                assert!(
                    values.len() > 1,
                    "hidden cell {r},{c} ({v}) can be worked out: only {values:?} fits {s:?}"
                );
            }
        }
        assert_eq!(s.column_totals.len(), cols);
        s
    }

    #[test]
    fn the_threshold_is_five_unless_raised_and_never_below_three() {
        assert_eq!(threshold(None), 5);
        assert_eq!(threshold(Some(10)), 10);
        assert_eq!(threshold(Some(1)), 3);
    }

    #[test]
    fn a_table_without_small_cells_is_published_whole() {
        let s = assert_safe(&[vec![6, 7], vec![9, 5]], 5);
        assert_eq!(s.count(), 0);
    }

    #[test]
    fn one_small_cell_is_not_left_alone_in_its_row_or_column() {
        let counts = vec![vec![2, 7, 6], vec![9, 5, 8]];
        let s = assert_safe(&counts, 5);
        assert!(s.cells[0][0]);
        // At least a second figure in its row and in its column.
        assert!(s.cells[0].iter().filter(|h| **h).count() >= 2);
        assert!(s.cells.iter().filter(|row| row[0]).count() >= 2);
    }

    #[test]
    fn a_small_group_hides_all_its_figures_and_cannot_be_recovered_from_the_totals() {
        // Group 2 has three respondents: its column and size are hidden, and the overall
        // counts per option (the row totals) must not give it away.
        let counts = vec![vec![6, 7, 1], vec![9, 5, 2]];
        let s = assert_safe(&counts, 5);
        assert!(s.cells[0][2] && s.cells[1][2] && s.column_totals[2]);
    }

    #[test]
    fn zeros_do_not_give_a_hidden_cell_away() {
        // A small cell whose only neighbours are zeros: a zero hidden beside it would pin it.
        let counts = vec![vec![3, 0, 9], vec![0, 0, 8], vec![7, 6, 5]];
        assert_safe(&counts, 5);
    }

    #[test]
    fn fewer_respondents_than_k_hide_everything() {
        let s = suppress(&[vec![1, 2], vec![0, 1]], 5);
        assert_eq!(s.count(), 4 + 2 + 2 + 1);
    }

    #[test]
    fn tables_of_every_small_shape_are_safe() {
        // Deterministic pseudo-random 2×3 and 3×2 tables with small counts.
        let mut seed = 17u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % 7
        };
        for _ in 0..25 {
            let a: Vec<Vec<u64>> = (0..2).map(|_| (0..3).map(|_| next()).collect()).collect();
            if a.iter().flatten().sum::<u64>() >= 5 {
                assert_safe(&a, 3);
            }
        }
    }
}
