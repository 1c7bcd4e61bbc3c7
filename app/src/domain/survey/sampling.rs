//! Drawing a panel's probability sample: the sample size shared out over the strata (age band ×
//! gender × district) in proportion to their population, or as fixed targets, and a simple
//! random sample without replacement drawn within each stratum.
//!
//! The draw is reproducible from its seed, which is recorded for the audit: the generator
//! (SplitMix64) and the shuffle (a partial Fisher–Yates) are written out here rather than taken
//! from a crate, so that the same seed gives the same sample in every later version.

/// SplitMix64 (Steele, Lea and Flood 2014): a small generator that passes BigCrush.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number below `bound` (> 0), without modulo bias (Lemire's method with
    /// rejection).
    pub fn below(&mut self, bound: u64) -> u64 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(bound);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

/// `n` shared out over strata of these populations in proportion to them (the largest
/// remainder method: each stratum its whole share, the rest one each to the largest
/// remainders), never more than a stratum has.
pub fn proportional(population: &[u64], n: u64) -> Vec<u64> {
    let total: u64 = population.iter().sum();
    if total == 0 {
        return vec![0; population.len()];
    }
    let n = n.min(total);
    let exact: Vec<(u64, u128)> = population
        .iter()
        .map(|&p| {
            let x = u128::from(p) * u128::from(n);
            ((x / u128::from(total)) as u64, x % u128::from(total))
        })
        .collect();
    let mut out: Vec<u64> = exact.iter().map(|(whole, _)| *whole).collect();
    let mut left = n - out.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..population.len()).collect();
    // Largest remainder first; ties to the larger stratum, then the earlier.
    order.sort_by(|&a, &b| {
        exact[b]
            .1
            .cmp(&exact[a].1)
            .then(population[b].cmp(&population[a]))
            .then(a.cmp(&b))
    });
    for i in order.into_iter().cycle() {
        if left == 0 {
            break;
        }
        if out[i] < population[i] {
            out[i] += 1;
            left -= 1;
        }
    }
    out
}

/// A simple random sample without replacement of `targets[h]` of the members of stratum `h`
/// (all of them where there are fewer), in the order drawn.
pub fn draw<T: Clone>(strata: &[Vec<T>], targets: &[u64], seed: u64) -> Vec<Vec<T>> {
    let mut rng = SplitMix64::new(seed);
    strata
        .iter()
        .zip(targets)
        .map(|(members, &want)| {
            let mut pool: Vec<T> = members.clone();
            let take = (want as usize).min(pool.len());
            for i in 0..take {
                let j = i + rng.below((pool.len() - i) as u64) as usize;
                pool.swap(i, j);
            }
            pool.truncate(take);
            pool
        })
        .collect()
}

/// A wave's audience: every one of `members` (`size` `None`), or a sub-sample of `size` drawn
/// with `seed`, shared out over the members' strata in proportion to them.
pub fn sub_sample<T: Clone, S: Ord>(members: Vec<(T, S)>, size: Option<u64>, seed: u64) -> Vec<T> {
    let Some(n) = size else {
        return members.into_iter().map(|(m, _)| m).collect();
    };
    let mut strata: std::collections::BTreeMap<S, Vec<T>> = Default::default();
    for (m, s) in members {
        strata.entry(s).or_default().push(m);
    }
    let groups: Vec<Vec<T>> = strata.into_values().collect();
    let sizes: Vec<u64> = groups.iter().map(|g| g.len() as u64).collect();
    draw(&groups, &proportional(&sizes, n), seed)
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_gives_its_published_sequence() {
        // The first outputs for seed 1234567 in Vigna's reference implementation (splitmix64.c).
        let mut r = SplitMix64::new(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
        assert_eq!(r.next_u64(), 9817491932198370423);
    }

    #[test]
    fn a_sample_is_shared_in_proportion_and_sums_to_its_size() {
        assert_eq!(proportional(&[500, 300, 200], 10), vec![5, 3, 2]);
        // 7 × (0.5, 0.3, 0.2) = 3.5, 2.1, 1.4: whole parts 3, 2, 1 and the last to 0.5.
        assert_eq!(proportional(&[500, 300, 200], 7), vec![4, 2, 1]);
        // Never more than a stratum has, the rest going elsewhere.
        assert_eq!(proportional(&[1, 1000], 600), vec![1, 599]);
        assert_eq!(proportional(&[2, 3], 10), vec![2, 3]);
        assert_eq!(proportional(&[0, 0], 5), vec![0, 0]);
    }

    #[test]
    fn a_draw_is_without_replacement_reproducible_and_uniform() {
        let strata = vec![(0..100).collect::<Vec<u32>>(), (100..103).collect()];
        let a = draw(&strata, &[10, 5], 42);
        assert_eq!(
            a,
            draw(&strata, &[10, 5], 42),
            "the same seed, the same sample"
        );
        assert_ne!(a, draw(&strata, &[10, 5], 43));
        assert_eq!((a[0].len(), a[1].len()), (10, 3));
        let mut distinct = a[0].clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 10, "nobody twice");
        assert!(a[0].iter().all(|m| *m < 100));
        // Each member is drawn about equally often: 2,000 draws of 10 of 100.
        let mut hits = vec![0u32; 100];
        for seed in 0..2000 {
            for m in &draw(&strata[..1], &[10], seed)[0] {
                hits[*m as usize] += 1;
            }
        }
        // Expected 200 each; a binomial(2000, 0.1) lies within 200 ± 60 with overwhelming odds.
        assert!(hits.iter().all(|h| (140..=260).contains(h)), "{hits:?}");
    }

    #[test]
    fn a_sub_sample_takes_each_stratum_in_proportion_and_all_takes_everyone() {
        let members: Vec<(u32, char)> = (0..100)
            .map(|i| {
                (
                    i,
                    if i < 60 {
                        'a'
                    } else if i < 90 {
                        'b'
                    } else {
                        'c'
                    },
                )
            })
            .collect();
        let all = sub_sample(members.clone(), None, 1);
        assert_eq!(all, (0..100).collect::<Vec<u32>>());
        let some = sub_sample(members.clone(), Some(10), 7);
        assert_eq!(some.len(), 10);
        let count = |lo: u32, hi: u32| some.iter().filter(|m| (lo..hi).contains(*m)).count();
        assert_eq!((count(0, 60), count(60, 90), count(90, 100)), (6, 3, 1));
        assert_eq!(some, sub_sample(members, Some(10), 7), "the seed decides");
    }
}
