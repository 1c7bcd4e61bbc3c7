//! Coalescing database work on PostgreSQL: the requests of one kind waiting at a moment are
//! served by one statement (one round trip, and for writes one commit) instead of one each.
//! Under load this shares the per-statement work of the database and the network round trips;
//! with no load a batch holds one request, run at once: nothing waits for a batch to fill.
//! Each process has one task per kind with at most `IN_FLIGHT` batches under way, so that one
//! batch's round trip (or commit) overlaps the next one's work. A request is answered only after
//! its batch has finished. A batch that fails is run again one request at a time, so that one
//! request's error (or a deadlock with another process) is that request's alone.

use sea_orm::{DatabaseConnection, DbErr};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;

/// Batches under way at once, per kind and process.
pub const IN_FLIGHT: usize = 2;

/// One kind of coalesced work.
pub trait Kind: 'static {
    type Job: Send + 'static;
    type Answer: Send + 'static;
    /// What the log calls it.
    const NAME: &'static str;

    /// The next batch from `waiting` (at least one), in order; the rest keep their place.
    fn take<R>(waiting: &mut VecDeque<(Self::Job, R)>) -> (Vec<Self::Job>, Vec<R>);

    /// The answers to `jobs`, in their order, from one statement.
    fn run(
        db: &DatabaseConnection,
        jobs: &[Self::Job],
    ) -> impl Future<Output = Result<Vec<Self::Answer>, DbErr>> + Send;
}

type Reply<K> = oneshot::Sender<Result<<K as Kind>::Answer, DbErr>>;
type Queue<K> = mpsc::UnboundedSender<(<K as Kind>::Job, Reply<K>)>;

/// The queue to a kind's task, started at its first request.
pub struct Batcher<K: Kind>(Arc<OnceLock<Queue<K>>>);

impl<K: Kind> Default for Batcher<K> {
    fn default() -> Self {
        Self(Arc::default())
    }
}

impl<K: Kind> Clone for Batcher<K> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<K: Kind> std::fmt::Debug for Batcher<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Batcher({})", K::NAME)
    }
}

impl<K: Kind> Batcher<K> {
    /// The answer to `job`, from a batch with whatever other jobs wait at that moment.
    pub async fn call(&self, db: &DatabaseConnection, job: K::Job) -> Result<K::Answer, DbErr> {
        let queue = self.0.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(serve::<K>(db.clone(), rx));
            tx
        });
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError((job, _))) = queue.send((job, reply)) {
            // The task has stopped (its runtime ended): run this one directly.
            return one::<K>(db, job).await;
        }
        answer
            .await
            .unwrap_or_else(|_| Err(DbErr::Custom(format!("the {} task stopped", K::NAME))))
    }
}

async fn one<K: Kind>(db: &DatabaseConnection, job: K::Job) -> Result<K::Answer, DbErr> {
    K::run(db, &[job])
        .await?
        .pop()
        .ok_or(DbErr::RecordNotFound(K::NAME.into()))
}

async fn serve<K: Kind>(
    db: DatabaseConnection,
    mut queue: mpsc::UnboundedReceiver<(K::Job, Reply<K>)>,
) {
    let mut waiting = VecDeque::new();
    let mut under_way = JoinSet::new();
    loop {
        while let Ok(j) = queue.try_recv() {
            waiting.push_back(j);
        }
        if !waiting.is_empty() && under_way.len() < IN_FLIGHT {
            let (jobs, replies) = K::take(&mut waiting);
            under_way.spawn(settle::<K>(db.clone(), jobs, replies));
            continue;
        }
        // Nothing can start now: wait for a job (when a batch could start) or for a batch to
        // end.
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

/// Runs one batch and answers each of its jobs.
async fn settle<K: Kind>(db: DatabaseConnection, jobs: Vec<K::Job>, replies: Vec<Reply<K>>) {
    let size = jobs.len();
    let result = K::run(&db, &jobs).await;
    match result {
        Ok(answers) if answers.len() == size => {
            for (reply, a) in replies.into_iter().zip(answers) {
                let _ = reply.send(Ok(a));
            }
        }
        Ok(_) => {
            for reply in replies {
                let _ = reply.send(Err(DbErr::RecordNotFound(K::NAME.into())));
            }
        }
        Err(e) if size == 1 => {
            for reply in replies {
                let _ = reply.send(Err(e.clone()));
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, size, kind = K::NAME, "batch failed; one at a time");
            for (job, reply) in jobs.into_iter().zip(replies) {
                let _ = reply.send(one::<K>(&db, job).await);
            }
        }
    }
}
