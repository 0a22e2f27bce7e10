//! Search: the `/` finder over events, entities and source passages, and the headless
//! `caseboard search` command. Plain data; no terminal types.
//!
//! - [`parse`] turns the typed text into a [`Query`]: a scope prefix (`@` entities, `#`
//!   event tags, `"` source passages), date filters (`2016`, `2016-10`, `2016-06..2016-11`)
//!   and fuzzy text terms, all of which must match.
//! - [`SearchIndex::new`] precomputes, once per case, what every key would otherwise redo.
//! - [`search`] ranks the hits; [`Searcher`] does the same on a worker thread, cancelled
//!   by the next key and narrowing (rescanning earlier hits) when the query only grows.
//! - [`run_command`] prints the same ranking for scripts.
//!
//! Files: `query` (parsing), `fold` (accent and case folding), `index` (the index),
//! `scan` (the two passes), `scorer` (fuzzy scores and their bounds), `worker` (the
//! search thread), `display` (a hit's text and highlights), `command` (the CLI).
//!
//! # Ranking
//!
//! Each term is scored by the fuzzy [`scorer`] against every field of an item, weighted
//! by field (the displayed name/title 100 %, an alias 95 %, a passage 90 %, a tag 85 %,
//! a summary or description 75 %, an event's date in words 60 %); the term counts
//! with its best field, and an item's score is the sum over terms. A term also earns a
//! bonus for covering its field (up to 48 when it is the whole field), so an exact name
//! beats a longer text that merely starts the same way. Hits are ordered by score
//! (highest first), then kind (entity, event, passage), then position (events in
//! timeline order, entities and passages in file order).
//!
//! A query without text terms (only a scope and/or dates) lists its matches in timeline
//! order: each event, then the entities first seen at it, then the passages first cited
//! by it; entities without events and passages no event cites come last.
//!
//! # Dates
//!
//! A date filter keeps events whose date overlaps it, entities with at least one such
//! event, and passages cited by at least one such event (a passage's date is the date of
//! what it states, not when its source was published).
//!
//! # Text
//!
//! Accents fold (`jose` finds `José`), curly quotes match straight ones, and smart case
//! applies per term: a term with an uppercase letter matches case-sensitively.
//! [`Hit::positions`] are char indices into [`Hit::text`], right on multi-byte text.
//!
//! # Speed
//!
//! The scan runs on all cores and checks a cancel flag as it goes, reading the index's
//! own copy of the texts in id order; most items are rejected by a 64-bit char mask
//! (each text has one too), the rest by a byte-level in-order check, and only
//! hits whose score bounds (a cheap one, then a tighter one) can still reach the top `k`
//! are scored, by one reused matcher per case mode (see `scan` and `scorer`). A query
//! that extends the previous one rescans only its hits ([`Session`]), in id order so
//! memory is read in order. The board first ranks a screenful ([`FIRST_PAGE`]) and then
//! the rest ([`Session::more`], no second scan). Folded copies are kept only for
//! non-ASCII texts.

mod command;
mod display;
pub mod fold;
mod index;
pub mod query;
mod scan;
pub mod scorer;
mod worker;

use std::ops::Range;
use std::sync::atomic::AtomicBool;

use crate::case::{Case, EntityIx, EventIx, SourceIx};

pub use command::run_command;
pub use index::{Passage, SearchIndex, split_passages};
pub use query::{DateRange, Query, Scope, Term, parse};
pub use worker::{DEFAULT_LIMIT, FIRST_PAGE, Results, Searcher};

/// What a hit points at; Enter jumps there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Event(EventIx),
    Entity(EntityIx),
    /// A sentence (or line) of a source: its byte range in the source's text.
    Passage {
        source: SourceIx,
        range: Range<usize>,
    },
}

/// The kind of a hit, for labels and filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Entity,
    Event,
    Passage,
}

impl Kind {
    /// Lower-case label: `entity`, `event`, `passage`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Event => "event",
            Kind::Passage => "passage",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One ranked result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    /// The ranking score (higher is better; 0 for text-free queries).
    pub score: i64,
    /// One line of display text (no newlines or control chars).
    pub text: String,
    /// Char indices into `text` to highlight, ascending.
    pub positions: Vec<usize>,
}

impl Hit {
    /// What kind of item the hit is.
    pub fn kind(&self) -> Kind {
        match self.target {
            Target::Event(_) => Kind::Event,
            Target::Entity(_) => Kind::Entity,
            Target::Passage { .. } => Kind::Passage,
        }
    }

    /// A stable id for the hit: the event or entity id, or `source-id:start-end` (bytes).
    pub fn id(&self, case: &Case) -> String {
        match &self.target {
            Target::Event(e) => case.event(*e).id.clone(),
            Target::Entity(e) => case.entity(*e).id.clone(),
            Target::Passage { source, range } => {
                format!("{}:{}-{}", case.source(*source).id, range.start, range.end)
            }
        }
    }
}

/// The outcome of one search: the top hits and how many items matched in all.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    pub total: usize,
    /// True when the query was answered from a recent query's hits, rescanned or as they
    /// were, instead of a scan of everything (see [`Session`]).
    pub narrowed: bool,
}

/// Runs a query and returns its best `limit` hits, best first.
pub fn search(index: &SearchIndex, case: &Case, query: &Query, limit: usize) -> Vec<Hit> {
    Session::default()
        .run(index, case, query, limit, &AtomicBool::new(false))
        .map(|o| o.hits)
        .unwrap_or_default()
}

/// A sequence of searches as someone types. It keeps the hits of its recent queries (up
/// to [`Session::KEPT_QUERIES`] queries and [`Session::KEPT_HITS`] hits): a query it has
/// seen is ranked again without a scan (as when Backspace undoes a key), and a query that
/// [`Query::refines`] one it has seen rescans only that one's hits (the fewest, if
/// several qualify). [`Session::more`] extends the last ranking without scanning again.
#[derive(Debug)]
pub struct Session {
    /// Newest first.
    recent: std::collections::VecDeque<Last>,
    /// Most hits kept over all of `recent` (the newest query's are always kept).
    capacity: usize,
    /// The newest query's hits in [`scan::Ctx::order`], for [`Session::more`].
    ordered: Vec<scan::Bounded>,
}

impl Default for Session {
    fn default() -> Session {
        Session::with_capacity(Session::KEPT_HITS)
    }
}

/// A query's hits, in id order (so a rescan walks memory in order).
#[derive(Debug)]
struct Last {
    query: Query,
    found: Vec<scan::Bounded>,
}

impl Session {
    /// How many hits, over all its recent queries, a session keeps (8 bytes each).
    pub const KEPT_HITS: usize = 8_000_000;
    /// How many recent queries a session keeps at most (each costs a `refines` check
    /// per search, even without hits).
    pub const KEPT_QUERIES: usize = 32;

    /// A session keeping at most `hits` hits of its recent queries.
    pub fn with_capacity(hits: usize) -> Session {
        Session {
            recent: std::collections::VecDeque::new(),
            capacity: hits,
            ordered: Vec::new(),
        }
    }

    /// How many recent queries' hits are kept.
    pub fn kept(&self) -> usize {
        self.recent.len()
    }

    /// Runs `query` and ranks its best `limit` hits; `None` if `cancel` was raised
    /// before it finished (the session then forgets nothing it knew before).
    pub fn run(
        &mut self,
        index: &SearchIndex,
        case: &Case,
        query: &Query,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Option<Outcome> {
        let ctx = scan::Ctx { index, case, query };
        let same = self
            .recent
            .iter()
            .position(|l| query.refines(&l.query) && l.query.refines(query));
        let mut narrowed = same.is_some();
        let last = match same {
            Some(i) => {
                let seen = self.recent.remove(i).expect("in range");
                self.recent.push_front(seen);
                &self.recent[0]
            }
            None => {
                let within = self
                    .recent
                    .iter()
                    .filter(|l| query.refines(&l.query))
                    .min_by_key(|l| l.found.len())
                    .map(|l| l.found.as_slice());
                narrowed = within.is_some();
                let found = ctx.scan(within, cancel)?;
                self.recent.push_front(Last {
                    query: query.clone(),
                    found,
                });
                let mut kept = 0;
                let keep = self
                    .recent
                    .iter()
                    .take_while(|l| {
                        kept += l.found.len();
                        kept <= self.capacity
                    })
                    .count()
                    .clamp(1, Self::KEPT_QUERIES);
                self.recent.truncate(keep);
                &self.recent[0]
            }
        };
        self.ordered.clone_from(&last.found);
        ctx.order(&mut self.ordered);
        let mut out = Self::rank(ctx, &self.ordered, limit, cancel)?;
        out.narrowed = narrowed;
        Some(out)
    }

    /// Ranks the last query's best `limit` hits again, without scanning: for a longer
    /// list after [`Session::run`] gave the first screenful. `None` if there was no last
    /// query or `cancel` was raised.
    pub fn more(
        &self,
        index: &SearchIndex,
        case: &Case,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Option<Outcome> {
        let last = self.recent.front()?;
        let ctx = scan::Ctx {
            index,
            case,
            query: &last.query,
        };
        Self::rank(ctx, &self.ordered, limit, cancel)
    }

    /// The best `limit` of `found` (in [`scan::Ctx::order`]), with display text.
    fn rank(
        ctx: scan::Ctx<'_>,
        found: &[scan::Bounded],
        limit: usize,
        cancel: &AtomicBool,
    ) -> Option<Outcome> {
        let cands = ctx.best(found, limit, cancel)?;
        let hits = cands
            .iter()
            .map(|c| {
                let (again, matches) = ctx.match_item(c.item, true).expect("a hit matches again");
                debug_assert_eq!(
                    again.score, c.score,
                    "scoring with positions gives the same score"
                );
                display::build_hit(ctx.index, ctx.case, c.item, c.score, &matches)
            })
            .collect();
        Some(Outcome {
            hits,
            total: found.len(),
            narrowed: false,
        })
    }

    /// Like [`Session::run`] without narrowing or pruning: every hit is scored. For tests
    /// that check the fast path against it.
    #[doc(hidden)]
    pub fn run_exhaustive(
        index: &SearchIndex,
        case: &Case,
        query: &Query,
        limit: usize,
    ) -> Outcome {
        let ctx = scan::Ctx { index, case, query };
        let found = ctx
            .scan(None, &AtomicBool::new(false))
            .expect("never cancelled");
        let cands = ctx.best_exhaustive(&found, limit);
        let hits = cands
            .iter()
            .map(|c| {
                let (_, matches) = ctx.match_item(c.item, true).expect("a hit matches again");
                display::build_hit(index, case, c.item, c.score, &matches)
            })
            .collect();
        Outcome {
            hits,
            total: found.len(),
            narrowed: false,
        }
    }

    /// Forgets every query, so the next one scans everything.
    pub fn reset(&mut self) {
        self.recent.clear();
        self.ordered.clear();
    }
}
