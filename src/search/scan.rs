//! Matching one item against a query, and scanning many items in parallel.
//!
//! Per term, every field of the item that the scope allows is tried, in order of
//! weight; the best weighted score wins, and an item is a hit when every term matched
//! some field. Fields are rejected by the byte-level prefilter before the scorer runs,
//! and skipped outright when even a perfect score there could not beat the best so far.

use std::cmp::Ordering;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use rayon::prelude::*;

use crate::case::Case;

use super::index::{Field, Item, SearchIndex};
use super::query::{Query, Scope, Term};
use super::scorer::Scorer;

/// Field weights, in percent of the scorer's score. The displayed text weighs most, so a
/// match there beats an equally good one in a summary or description.
const W_PRIMARY: i64 = 100;
const W_ALIAS: i64 = 95;
const W_TAG: i64 = 85;
const W_PASSAGE: i64 = 90;
const W_LONG_TEXT: i64 = 75;
const W_DATE: i64 = 60;

/// Bonus for a term that covers its field, at most this (when the term is the whole
/// field): `COVER × term chars / field chars`. Skim scores do not depend on what is left
/// unmatched, so without it "trmp jr" would rank "Trump Jr.–WikiLeaks messages" (matched
/// at its start) above the person whose alias is just "Trump Jr.".
const COVER: i64 = 48;

/// Where one term matched best.
#[derive(Clone, Debug)]
pub(crate) struct TermMatch {
    pub field: Field,
    /// Char indices into the field's original text.
    pub positions: Vec<usize>,
}

/// A scored candidate: what the ranking sorts. Small, so millions of them sort fast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub score: i64,
    /// Secondary order (kind and position; see [`rank_key`] and [`timeline_key`]).
    pub key: u64,
    pub item: u32,
}

/// Best first: score descending, then key, then item id. A total order, so rankings are deterministic.
pub(crate) fn rank(a: &Cand, b: &Cand) -> Ordering {
    b.score
        .cmp(&a.score)
        .then(a.key.cmp(&b.key))
        .then(a.item.cmp(&b.item))
}

/// Ranking key for text queries: entities, then events, then passages among equal scores;
/// events by timeline order, entities and passages by file order.
fn rank_key(case: &Case, item: Item) -> u64 {
    match item {
        Item::Entity(e) => u64::from(e.0),
        Item::Event(e) => 1 << 40 | u64::from(case.index.timeline_pos[e.get()]),
        Item::Passage(p) => 2 << 40 | u64::from(p),
    }
}

/// Timeline key for text-free queries: events in timeline order, each followed by the
/// entities first seen there and the passages first cited there; undated items last.
fn timeline_key(index: &SearchIndex, case: &Case, query: &Query, item: Item) -> u64 {
    let overlaps = |e: &crate::case::EventIx| {
        query.dates.is_none_or(|d| {
            let (a, b) = index.event_span[e.get()];
            d.overlaps(a, b)
        })
    };
    let (pos, kind) = match item {
        Item::Event(e) => (Some(case.index.timeline_pos[e.get()]), 0),
        Item::Entity(e) => (
            case.index.entity_events[e.get()]
                .iter()
                .find(|e| overlaps(e))
                .map(|e| case.index.timeline_pos[e.get()]),
            1,
        ),
        Item::Passage(p) => (
            index
                .passage_events(p)
                .iter()
                .find(|e| overlaps(e))
                .map(|e| case.index.timeline_pos[e.get()]),
            2,
        ),
    };
    u64::from(pos.unwrap_or(u32::MAX)) << 2 | kind
}

/// Whether `item` passes the query's scope and date filter.
fn admits(index: &SearchIndex, case: &Case, query: &Query, item: Item) -> bool {
    let scope_ok = match (query.scope, item) {
        (Scope::All, _) => true,
        (Scope::Entities, Item::Entity(_)) => true,
        (Scope::Tags, Item::Event(e)) => !case.event(e).tags.is_empty(),
        (Scope::Passages, Item::Passage(_)) => true,
        _ => false,
    };
    if !scope_ok {
        return false;
    }
    let Some(d) = query.dates else { return true };
    let in_range = |e: &crate::case::EventIx| {
        let (a, b) = index.event_span[e.get()];
        d.overlaps(a, b)
    };
    match item {
        Item::Event(e) => in_range(&e),
        Item::Entity(e) => case.index.entity_events[e.get()].iter().any(in_range),
        // Passages are dated by the events that cite them (see the module docs of `search`).
        Item::Passage(p) => index.passage_events(p).iter().any(in_range),
    }
}

/// The fields a scope searches for an item, heaviest first, with their weights.
fn fields(case: &Case, scope: Scope, item: Item, mut f: impl FnMut(Field, i64) -> bool) {
    match item {
        Item::Entity(e) => {
            let ent = case.entity(e);
            if !f(Field::Name, W_PRIMARY) {
                return;
            }
            for i in 0..ent.aliases.len() {
                if !f(Field::Alias(i as u32), W_ALIAS) {
                    return;
                }
            }
            f(Field::Description, W_LONG_TEXT);
        }
        Item::Event(e) => {
            let ev = case.event(e);
            let tag_weight = if scope == Scope::Tags {
                W_PRIMARY
            } else {
                W_TAG
            };
            if scope != Scope::Tags && !f(Field::Title, W_PRIMARY) {
                return;
            }
            for i in 0..ev.tags.len() {
                if !f(Field::Tag(i as u32), tag_weight) {
                    return;
                }
            }
            if scope != Scope::Tags && f(Field::Summary, W_LONG_TEXT) {
                f(Field::Date, W_DATE);
            }
        }
        Item::Passage(_) => {
            f(Field::Passage, W_PASSAGE);
        }
    }
}

/// What every match in one search shares.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub index: &'a SearchIndex,
    pub case: &'a Case,
    pub query: &'a Query,
}

impl Ctx<'_> {
    /// Scores one term against an item: the best weighted score over its fields, and with
    /// `want_positions`, where it matched. `None` when no field matches.
    fn match_term(
        &self,
        id: u32,
        item: Item,
        term: &Term,
        want_positions: bool,
    ) -> Option<(i64, Option<TermMatch>)> {
        let (index, case) = (self.index, self.case);
        let scorer = index.scorer();
        let bound = Scorer::max_score(term.chars) + COVER;
        let mut best: Option<(i64, Option<TermMatch>)> = None;
        fields(case, self.query.scope, item, |field, weight| {
            if let Some((b, _)) = &best
                && bound * weight / 100 <= *b
            {
                // Fields come heaviest first: nothing after this one can win either.
                return false;
            }
            let folded = index.folded(id, field);
            let hay = folded.map_or_else(|| index.text(case, id, field), |f| f.text.as_str());
            if !term.needle.may_match(hay.as_bytes()) {
                return true;
            }
            let scored = if want_positions {
                scorer
                    .indices(hay, &term.folded, term.case_sensitive)
                    .map(|(s, pos)| {
                        let pos = match folded {
                            Some(f) => {
                                let mut p: Vec<usize> =
                                    pos.into_iter().map(|i| f.original_char(i)).collect();
                                p.dedup();
                                p
                            }
                            None => pos,
                        };
                        (s, Some(pos))
                    })
            } else {
                scorer
                    .score(hay, &term.folded, term.case_sensitive)
                    .map(|s| (s, None))
            };
            let Some((score, positions)) = scored else {
                return true;
            };
            let field_chars = if hay.is_ascii() {
                hay.len()
            } else {
                hay.chars().count()
            };
            let cover = COVER * term.chars as i64 / field_chars.max(1) as i64;
            let weighted = (score + cover) * weight / 100;
            if best.as_ref().is_none_or(|(b, _)| weighted > *b) {
                best = Some((
                    weighted,
                    positions.map(|positions| TermMatch { field, positions }),
                ));
            }
            true
        });
        best
    }

    /// Matches one item: `None` if it is not a hit; otherwise its candidate entry and,
    /// with `want_positions`, where each term matched.
    pub(crate) fn match_item(
        &self,
        id: u32,
        want_positions: bool,
    ) -> Option<(Cand, Vec<TermMatch>)> {
        let (index, case, query) = (self.index, self.case, self.query);
        let item = index.item(id);
        if !admits(index, case, query, item) {
            return None;
        }
        if query.is_text_free() {
            return Some((
                Cand {
                    score: 0,
                    key: timeline_key(index, case, query, item),
                    item: id,
                },
                Vec::new(),
            ));
        }
        let mut total = 0;
        let mut matches = Vec::new();
        for term in &query.terms {
            let (score, m) = self.match_term(id, item, term, want_positions)?;
            total += score;
            matches.extend(m);
        }
        Some((
            Cand {
                score: total,
                key: rank_key(case, item),
                item: id,
            },
            matches,
        ))
    }

    /// Scans `within` (earlier hits of a query this one refines) or the whole scope, in
    /// parallel. Returns every hit, unordered; `None` when `cancel` was raised meanwhile.
    pub(crate) fn scan(&self, within: Option<&[u32]>, cancel: &AtomicBool) -> Option<Vec<Cand>> {
        let one = |id: u32| {
            if cancel.load(AtomicOrdering::Relaxed) {
                return None;
            }
            self.match_item(id, false).map(|(c, _)| c)
        };
        let cands: Vec<Cand> = match within {
            Some(ids) => ids
                .par_iter()
                .with_min_len(512)
                .filter_map(|&id| one(id))
                .collect(),
            None => scope_ids(self.index, self.query.scope)
                .into_par_iter()
                .with_min_len(512)
                .filter_map(one)
                .collect(),
        };
        (!cancel.load(AtomicOrdering::Relaxed)).then_some(cands)
    }
}

/// The ids a query with this scope could match: one range of the id space.
fn scope_ids(index: &SearchIndex, scope: Scope) -> std::ops::Range<u32> {
    match scope {
        Scope::All => 0..index.len() as u32,
        Scope::Entities => index.entity_ids(),
        Scope::Tags => index.event_ids(),
        Scope::Passages => index.passage_ids(),
    }
}

/// Puts the best `k` candidates first, in rank order, and drops the rest.
pub(crate) fn top_k(cands: &mut Vec<Cand>, k: usize) {
    if k == 0 {
        cands.clear();
        return;
    }
    if cands.len() > k {
        cands.select_nth_unstable_by(k - 1, rank);
        cands.truncate(k);
    }
    cands.sort_unstable_by(rank);
}
