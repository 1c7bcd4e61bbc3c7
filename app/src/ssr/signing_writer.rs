//! Online signatures on PostgreSQL are written in batches: one statement and one commit for
//! the attempts waiting at that moment. Under load this is group commit: the per-statement and
//! per-commit work of the database is shared by the batch, where one statement per signature
//! made the database the bottleneck. With no load a batch holds one attempt, written at once:
//! nothing waits for a batch to fill. Each process has one writer task with at most
//! `IN_FLIGHT` batches under way, so that one batch's commit overlaps the next one's work.
//!
//! An attempt is answered only after its batch has committed, so an acknowledged signature is
//! stored. Two attempts that share a rate-limit counter (the same person, or the same client
//! address) never go in one batch: the later waits for the next, so each counter row is
//! counted once per statement (a batch under way at the same time waits for the other's row
//! lock, as single statements do). A batch that fails is retried one attempt at a time, so
//! that one attempt's error (or a deadlock with another process) is that attempt's alone.
//!
//! A batch is kept under `MAX_BYTES` of parameters: sqlx 0.9 does not set `TCP_NODELAY`, and
//! over TLS a larger message goes out as several records, the last of which can wait for the
//! database's delayed acknowledgement (40 ms on Linux).

use super::db::initiatives::{self as db, CountedSigning, SignJob};
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::{HashSet, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;

/// About the most bytes of parameters in one statement (one TLS record is 16 KiB).
pub const MAX_BYTES: usize = 12 * 1024;
/// Batches under way at once in one process.
pub const IN_FLIGHT: usize = 2;

type Reply = oneshot::Sender<Result<CountedSigning, DbErr>>;

#[derive(Debug, Clone, Default)]
pub struct SigningWriter(Arc<OnceLock<mpsc::UnboundedSender<(SignJob, Reply)>>>);

impl SigningWriter {
    /// Counts the attempt and stores the signature (see `db::sign_counted`), in a batch with
    /// whatever other attempts wait at that moment.
    pub async fn sign(
        &self,
        db: &DatabaseConnection,
        job: SignJob,
    ) -> Result<CountedSigning, DbErr> {
        let queue = self.0.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(write(db.clone(), rx));
            tx
        });
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError((job, _))) = queue.send((job, reply)) {
            // The writer has stopped (its runtime ended): write this one directly.
            return one(db, &job).await;
        }
        answer
            .await
            .unwrap_or_else(|_| Err(DbErr::Custom("the signing writer stopped".into())))
    }
}

async fn one(db: &DatabaseConnection, job: &SignJob) -> Result<CountedSigning, DbErr> {
    db::sign_counted(db, std::slice::from_ref(job))
        .await?
        .pop()
        .ok_or(DbErr::RecordNotFound("signing statement".into()))
}

async fn write(db: DatabaseConnection, mut queue: mpsc::UnboundedReceiver<(SignJob, Reply)>) {
    let mut waiting: VecDeque<(SignJob, Reply)> = VecDeque::new();
    let mut under_way = JoinSet::new();
    loop {
        while let Ok(j) = queue.try_recv() {
            waiting.push_back(j);
        }
        if !waiting.is_empty() && under_way.len() < IN_FLIGHT {
            let (jobs, replies) = take_batch(&mut waiting);
            under_way.spawn(settle(db.clone(), jobs, replies));
            continue;
        }
        // Nothing can start now: wait for an attempt (when a batch could start) or for a batch
        // to end.
        tokio::select! {
            j = queue.recv(), if under_way.len() < IN_FLIGHT => match j {
                Some(j) => waiting.push_back(j),
                None => {
                    under_way.join_all().await;
                    return;
                }
            },
            Some(_) = under_way.join_next(), if !under_way.is_empty() => {}
        }
    }
}

/// Writes one batch and answers each of its attempts.
async fn settle(db: DatabaseConnection, jobs: Vec<SignJob>, replies: Vec<Reply>) {
    match db::sign_counted(&db, &jobs).await {
        Ok(answers) => {
            for (reply, a) in replies.into_iter().zip(answers) {
                let _ = reply.send(Ok(a));
            }
        }
        Err(e) if jobs.len() == 1 => {
            for reply in replies {
                let _ = reply.send(Err(e.clone()));
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, size = jobs.len(), "signing batch failed; one at a time");
            for (job, reply) in jobs.iter().zip(replies) {
                let _ = reply.send(one(&db, job).await);
            }
        }
    }
}

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
        let free = (jobs.is_empty() || bytes + adds <= MAX_BYTES)
            && !counters.contains(&job.person.bucket)
            && !counters.contains(&job.client.bucket);
        counters.insert(job.person.bucket.clone());
        counters.insert(job.client.bucket.clone());
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
    use crate::ssr::db::initiatives::Counter;

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
