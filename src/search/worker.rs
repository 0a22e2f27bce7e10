//! The background searcher: one worker thread, so typing never waits for a scan.
//!
//! Every [`Searcher::submit`] gets a new generation number and raises the cancel flag
//! of the query before it; the scan checks its flag as it goes and gives up early. The
//! worker skips queries already superseded when it picks up work, and narrows (rescans
//! the previous hits) when a query only grows. [`Searcher::try_recv`] hands out results
//! of the newest query only, so the board never shows a stale list as current.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::case::Case;

use super::{Hit, SearchIndex, Session, parse};

/// Hits kept per query by default: more than a screen, enough for `n`/`N` to step through.
pub const DEFAULT_LIMIT: usize = 1000;

/// Hits in the first installment of a query's results: more than the tallest finder
/// shows. Ranking fewer hits first is what makes results appear quickly on big cases.
pub const FIRST_PAGE: usize = 128;

/// The results of one submitted query.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// The generation [`Searcher::submit`] returned for this query.
    pub generation: u64,
    /// The query as submitted.
    pub query: String,
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many items matched in all.
    pub total: usize,
    /// Time from the worker picking the query up to the results being ready.
    pub elapsed: Duration,
    /// True when the query was answered from a recent query's hits (see `Session`).
    pub narrowed: bool,
    /// False for a first installment: the best [`FIRST_PAGE`] hits, with more to come
    /// for the same generation.
    pub complete: bool,
}

impl Results {
    /// The results the worker would send for `query`, computed on the calling thread
    /// (tests and benches that drive the board without a worker).
    pub fn compute(index: &SearchIndex, case: &Case, query: &str, limit: usize) -> Results {
        let started = Instant::now();
        let out = Session::default()
            .run(index, case, &parse(query), limit, &AtomicBool::new(false))
            .expect("a search nobody cancels completes");
        Results {
            generation: 0,
            query: query.to_string(),
            hits: out.hits,
            total: out.total,
            elapsed: started.elapsed(),
            narrowed: out.narrowed,
            complete: true,
        }
    }
}

struct Job {
    generation: u64,
    query: String,
    cancel: Arc<AtomicBool>,
}

/// Runs searches on a worker thread. Dropping it stops the worker.
pub struct Searcher {
    jobs: Option<Sender<Job>>,
    results: Receiver<Results>,
    latest: AtomicU64,
    /// The cancel flag of the newest submitted query.
    current: Mutex<Arc<AtomicBool>>,
    worker: Option<JoinHandle<()>>,
}

impl Searcher {
    /// Starts a worker searching `case` with `index`, keeping [`DEFAULT_LIMIT`] hits per query.
    pub fn new(case: Arc<Case>, index: Arc<SearchIndex>) -> Searcher {
        Searcher::with_limit(case, index, DEFAULT_LIMIT)
    }

    /// Starts a worker keeping at most `limit` hits per query.
    pub fn with_limit(case: Arc<Case>, index: Arc<SearchIndex>, limit: usize) -> Searcher {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("caseboard-search".into())
            .spawn(move || work(&case, &index, limit, &job_rx, &result_tx))
            .expect("spawn the search thread");
        Searcher {
            jobs: Some(jobs),
            results,
            latest: AtomicU64::new(0),
            current: Mutex::new(Arc::new(AtomicBool::new(false))),
            worker: Some(worker),
        }
    }

    /// Queues `query`, cancelling any older one. Returns its generation (1, 2, 3, …).
    pub fn submit(&self, query: &str) -> u64 {
        let cancel = Arc::new(AtomicBool::new(false));
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        current.store(true, Ordering::Relaxed);
        *current = cancel.clone();
        let generation = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        drop(current);
        if let Some(jobs) = &self.jobs {
            // A send fails only if the worker died; try_recv then simply yields nothing.
            let _ = jobs.send(Job {
                generation,
                query: query.to_string(),
                cancel,
            });
        }
        generation
    }

    /// The generation of the newest submitted query (0 before the first).
    pub fn latest(&self) -> u64 {
        self.latest.load(Ordering::Relaxed)
    }

    /// The results of the newest query, if they are ready; never blocks.
    /// Results of superseded queries are dropped.
    pub fn try_recv(&self) -> Option<Results> {
        let latest = self.latest();
        let mut newest = None;
        loop {
            match self.results.try_recv() {
                Ok(r) if r.generation == latest => newest = Some(r),
                Ok(_) => {}
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return newest,
            }
        }
    }

    /// Waits up to `timeout` for the complete results of the newest query (for tests and
    /// scripts).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Results> {
        self.recv_installments(timeout).pop()
    }

    /// Waits up to `timeout` for the complete results of the newest query and returns
    /// every installment of them as sent, the complete one last; empty on time-out.
    pub fn recv_installments(&self, timeout: Duration) -> Vec<Results> {
        let deadline = Instant::now() + timeout;
        let mut got: Vec<Results> = Vec::new();
        loop {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return Vec::new();
            };
            match self.results.recv_timeout(left) {
                Ok(r) if r.generation == self.latest() => {
                    let complete = r.complete;
                    got.push(r);
                    if complete {
                        return got;
                    }
                }
                Ok(_) => {}
                Err(_) => return Vec::new(),
            }
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .store(true, Ordering::Relaxed);
        self.jobs = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

fn work(
    case: &Case,
    index: &SearchIndex,
    limit: usize,
    jobs: &Receiver<Job>,
    results: &Sender<Results>,
) {
    let mut session = Session::default();
    while let Ok(mut job) = jobs.recv() {
        // Only the newest queued query matters.
        while let Ok(next) = jobs.try_recv() {
            job = next;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let started = Instant::now();
        let query = parse(&job.query);
        // A text-free query is listed in timeline order, every hit placed: nothing to
        // gain from ranking a first page.
        let first = if query.is_text_free() {
            limit
        } else {
            limit.min(FIRST_PAGE)
        };
        let Some(out) = session.run(index, case, &query, first, &job.cancel) else {
            continue;
        };
        let complete = out.hits.len() < first || first == limit;
        let send = |hits, complete| {
            results
                .send(Results {
                    generation: job.generation,
                    query: job.query.clone(),
                    hits,
                    total: out.total,
                    elapsed: started.elapsed(),
                    narrowed: out.narrowed,
                    complete,
                })
                .is_ok()
        };
        if !send(out.hits, complete) {
            return;
        }
        // The rest, unless a newer query is waiting (it raised this one's flag).
        if !complete
            && let Some(all) = session.more(index, case, limit, &job.cancel)
            && !send(all.hits, true)
        {
            return;
        }
    }
}
