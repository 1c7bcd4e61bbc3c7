//! Online signatures on PostgreSQL are written in batches (group commit, see `batch`): the
//! attempts waiting at that moment go in one statement with one commit, where one statement per
//! signature made the database the bottleneck.
//!
//! Two attempts that share a rate-limit counter (the same person, or the same client address)
//! or a signature row (the same initiative and keyed hash of the national id) never go in one
//! batch: the later waits for the next, so each row is written once per statement (a batch under way at the same time waits for the other's row lock, as single
//! statements do).
//!
//! A batch is kept under `MAX_BYTES` of parameters: sqlx 0.9 does not set `TCP_NODELAY`, and
//! over TLS a larger message goes out as several records, the last of which can wait for the
//! database's delayed acknowledgement (40 ms on Linux).

use crate::ssr::batch::{Batcher, Kind};
use crate::ssr::signing::statement::{self as db, CountedSigning, SignJob};
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::{HashSet, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};

/// About the most bytes of parameters in one statement (one TLS record is 16 KiB; the
/// statement's text goes with them the first time a connection uses it).
pub const MAX_BYTES: usize = 8 * 1024;

#[derive(Debug)]
pub struct Signing;

impl Kind for Signing {
    type Job = SignJob;
    type Answer = CountedSigning;
    const NAME: &'static str = "signing";

    fn take<R>(waiting: &mut VecDeque<(SignJob, R)>) -> (Vec<SignJob>, Vec<R>) {
        take_batch(waiting)
    }

    fn run(
        db: &DatabaseConnection,
        jobs: &[SignJob],
    ) -> impl Future<Output = Result<Vec<CountedSigning>, DbErr>> + Send {
        db::sign_counted(db, jobs)
    }
}

/// Counts the attempt and stores the signature (see `db::sign_counted`), in a batch with
/// whatever other attempts wait at that moment.
pub type SigningWriter = Batcher<Signing>;

/// Roughly how many bytes the attempt adds to a statement's parameters, besides its receipt.
fn attempt_bytes(j: &SignJob) -> usize {
    let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    400 + j.person.bucket.len()
        + j.client.bucket.len()
        + j.pid_hash.len()
        + text(&j.name)
        + text(&j.address)
        + j.receipt.as_ref().map_or(0, |m| m.recipient.len())
}

/// The receipt's text, and a key for it: a batch carries each distinct receipt text once.
fn receipt_key(j: &SignJob) -> Option<(u64, usize)> {
    let m = j.receipt.as_ref()?;
    let mut h = DefaultHasher::new();
    (&m.subject, &m.text, &m.html).hash(&mut h);
    Some((h.finish(), m.subject.len() + m.text.len() + m.html.len()))
}

/// The first waiting attempts, in order, that share no counter with each other or with an
/// attempt before them left waiting (about `MAX_BYTES`, but at least one); the others keep
/// their place.
fn take_batch<R>(waiting: &mut VecDeque<(SignJob, R)>) -> (Vec<SignJob>, Vec<R>) {
    let mut counters: HashSet<String> = HashSet::new();
    let mut receipts: HashSet<u64> = HashSet::new();
    let mut bytes = 0;
    let (mut jobs, mut replies) = (Vec::new(), Vec::new());
    let mut later = VecDeque::new();
    while let Some((job, reply)) = waiting.pop_front() {
        let receipt = receipt_key(&job).filter(|(k, _)| !receipts.contains(k));
        let adds = attempt_bytes(&job) + receipt.map_or(0, |(_, n)| n);
        // Two persons may share a keyed hash (logins from two issuers): their signature rows
        // are one, so their attempts are kept apart like those sharing a counter.
        let signature = format!("signature:{}:{}", job.initiative_id, job.pid_hash);
        let free = (jobs.is_empty() || bytes + adds <= MAX_BYTES)
            && !counters.contains(&job.person.bucket)
            && !counters.contains(&job.client.bucket)
            && !counters.contains(&signature);
        counters.insert(job.person.bucket.clone());
        counters.insert(job.client.bucket.clone());
        counters.insert(signature);
        if free {
            bytes += adds;
            if let Some((k, _)) = receipt {
                receipts.insert(k);
            }
            jobs.push(job);
            replies.push(reply);
        } else {
            later.push_back((job, reply));
        }
    }
    *waiting = later;
    (jobs, replies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::signing::statement::Counter;

    fn job(person: &str, client: &str) -> SignJob {
        let now = chrono::Utc::now();
        let counter = |bucket: &str| Counter {
            bucket: bucket.into(),
            window_start: now,
            max: 10,
        };
        SignJob {
            person: counter(person),
            client: counter(client),
            initiative_id: 1,
            organisation_id: 1,
            pid_hash: person.into(),
            person_id: 1,
            name: None,
            birth_date: None,
            address: None,
            kommunenummer: None,
            notify: false,
            receipt: None,
            today: now.date_naive(),
            now,
        }
    }

    fn order(jobs: &[SignJob]) -> Vec<(&str, &str)> {
        jobs.iter()
            .map(|j| (j.person.bucket.as_str(), j.client.bucket.as_str()))
            .collect()
    }

    #[test]
    fn two_persons_with_one_keyed_hash_never_share_a_batch() {
        let mut second = job("p2", "c2");
        second.pid_hash = "p1".into();
        let mut waiting: VecDeque<(SignJob, ())> = [job("p1", "c1"), second, job("p3", "c3")]
            .into_iter()
            .map(|j| (j, ()))
            .collect();
        let (first, _) = take_batch(&mut waiting);
        assert_eq!(order(&first), [("p1", "c1"), ("p3", "c3")]);
        assert_eq!(order(&take_batch(&mut waiting).0), [("p2", "c2")]);
    }

    #[test]
    fn attempts_sharing_a_counter_wait_for_the_next_batch_in_their_order() {
        let mut waiting: VecDeque<(SignJob, u8)> = [
            ("p1", "c1"),
            ("p2", "c2"),
            ("p1", "c3"), // the same person: next batch
            ("p3", "c1"), // the same client: next batch
            ("p4", "c3"), // shares a client with one left waiting: keeps behind it
            ("p5", "c5"),
        ]
        .into_iter()
        .enumerate()
        .map(|(n, (p, c))| (job(p, c), n as u8))
        .collect();
        let (first, replies) = take_batch(&mut waiting);
        assert_eq!(order(&first), [("p1", "c1"), ("p2", "c2"), ("p5", "c5")]);
        assert_eq!(replies, [0, 1, 5], "each answer goes with its attempt");
        let (second, _) = take_batch(&mut waiting);
        assert_eq!(order(&second), [("p1", "c3"), ("p3", "c1")]);
        let (third, _) = take_batch(&mut waiting);
        assert_eq!(order(&third), [("p4", "c3")]);
        assert!(waiting.is_empty());
    }

    fn with_receipt(mut j: SignJob, text: String) -> SignJob {
        j.receipt = Some(crate::ssr::mail::OutgoingMail {
            recipient: "a@eksempel.no".into(),
            subject: "Takk".into(),
            text: text.clone(),
            html: text,
            unsubscribe: None,
        });
        j
    }

    fn batch_sizes(jobs: Vec<SignJob>) -> Vec<usize> {
        let mut waiting: VecDeque<(SignJob, ())> = jobs.into_iter().map(|j| (j, ())).collect();
        let mut sizes = Vec::new();
        while !waiting.is_empty() {
            sizes.push(take_batch(&mut waiting).0.len());
        }
        sizes
    }

    #[test]
    fn a_batch_stays_under_max_bytes_and_carries_a_shared_receipt_once() {
        let text = "Du har skrevet under. ".repeat(35); // 770 bytes, twice in a receipt
        let shared: Vec<SignJob> = (0..100)
            .map(|n| with_receipt(job(&format!("p{n:03}"), &format!("c{n:03}")), text.clone()))
            .collect();
        let one = attempt_bytes(&shared[0]);
        let receipt = receipt_key(&shared[0]).unwrap().1;
        let fits = (MAX_BYTES - receipt) / one;
        let sizes = batch_sizes(shared);
        assert_eq!(sizes[0], fits, "one receipt text for the whole batch");
        assert_eq!(sizes.iter().sum::<usize>(), 100);

        let distinct: Vec<SignJob> = (0..100)
            .map(|n| {
                with_receipt(
                    job(&format!("p{n}"), &format!("c{n}")),
                    format!("{text}{n}"),
                )
            })
            .collect();
        let sizes = batch_sizes(distinct);
        assert!(sizes[0] < fits / 2, "each receipt text counts: {sizes:?}");
        assert_eq!(sizes.iter().sum::<usize>(), 100);

        let huge = with_receipt(job("p", "c"), "x".repeat(2 * MAX_BYTES));
        assert_eq!(
            batch_sizes(vec![huge, job("q", "d")]),
            [1, 1],
            "alone, but written"
        );
    }
}
