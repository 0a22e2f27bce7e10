// Over 600 lines with its unit tests: the two-pass scan is about 560 lines.
//! Matching items against a query, in two passes over many items in parallel.
//!
//! An item is a hit when every term's chars occur in order in some field the scope
//! allows. Each term counts with its best field (weighted; see the weights below), and
//! an item's score is the sum over its terms.
//!
//! 1. [`Ctx::scan`] decides every hit exactly without scoring: the item's char mask
//!    rejects most non-hits in one AND, a byte-level in-order check (`memchr`) settles
//!    the rest, and each hit gets an upper bound on its score from
//!    [`Scorer::bound_with`]. This pass gives the total and the ids a growing query
//!    rescans.
//! 2. [`Ctx::best`] scores hits in order of their bounds, a block at a time, until the
//!    `k`th best exact score beats every bound left. A hit still above that score first
//!    gets a tighter bound from [`Scorer::bound`] (one pass over its matching fields,
//!    counting gaps), and is scored only if that one is above it too; most are not. The
//!    result equals scoring every hit ([`Ctx::best_exhaustive`], checked by a property test).

use std::cmp::Ordering;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use rayon::prelude::*;

use crate::case::Case;

use super::fold::Folded;
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

/// The fields a scope searches for item `id`, heaviest first, with their weights, the
/// text the scorer sees (the folded copy, if the field has one, which it gets too) and
/// the text's [`char_mask`](super::fold::char_mask). `f` returns false to stop.
fn fields<'a>(
    index: &'a SearchIndex,
    case: &'a Case,
    scope: Scope,
    id: u32,
    item: Item,
    mut f: impl FnMut(Field, i64, &'a str, Option<&'a Folded>, u64) -> bool,
) {
    // Most items are all ASCII: no fold table look-up per field.
    let folds = index.has_folds(id);
    let folded = |field| if folds { index.folded(id, field) } else { None };
    let entity = match item {
        Item::Entity(_) => true,
        Item::Event(_) => false,
        Item::Passage(_) => {
            let folded = folded(Field::Passage);
            let text = index.text(case, id, Field::Passage);
            f(
                Field::Passage,
                W_PASSAGE,
                folded.map_or(text, |x| x.text.as_str()),
                folded,
                index.mask(id),
            );
            return;
        }
    };
    // The index keeps entities' and events' texts as the scorer sees them, in this order:
    // name, aliases, description; title, tags, summary, date.
    for (span, hay) in index.scan_texts(id) {
        let field = Field::of(span.code, entity);
        let weight = match field {
            Field::Name | Field::Title => W_PRIMARY,
            Field::Alias(_) => W_ALIAS,
            Field::Tag(_) if scope == Scope::Tags => W_PRIMARY,
            Field::Tag(_) => W_TAG,
            Field::Description | Field::Summary => W_LONG_TEXT,
            Field::Date => W_DATE,
            Field::Passage => unreachable!("passages are not in the index's texts"),
        };
        if scope == Scope::Tags && !matches!(field, Field::Tag(_)) {
            continue;
        }
        if !f(field, weight, hay, folded(field), span.mask) {
            return;
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

/// One hit of the first pass: its id and an upper bound on its score (8 bytes, so a
/// session can keep the hits of several queries).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bounded {
    pub item: u32,
    pub bound: i32,
}

impl Ctx<'_> {
    /// [`fields`] of item `id` under this query's scope.
    fn fields<'s>(
        &'s self,
        id: u32,
        item: Item,
        f: impl FnMut(Field, i64, &'s str, Option<&'s Folded>, u64) -> bool,
    ) {
        fields(self.index, self.case, self.query.scope, id, item, f);
    }

    /// The bonus for a term covering a field (see [`COVER`]): `hay` is the field's text
    /// as [`fields`] gives it, ASCII unless it has a folded copy.
    fn cover(term: &Term, hay: &str, folded: Option<&Folded>) -> i64 {
        let field_chars = folded.map_or(hay.len(), |f| f.chars as usize);
        // In u32, whose division is several times quicker than i64's: the index cuts
        // texts to `u32::MAX` bytes, and no typed term comes near the cap on its length.
        let field_chars = u32::try_from(field_chars).unwrap_or(u32::MAX).max(1);
        let term_chars = u32::try_from(term.chars).map_or(u32::MAX, |c| c.min(u32::MAX / 64));
        i64::from(COVER as u32 * term_chars / field_chars)
    }

    /// Scores one term against an item: the best weighted score over its fields, and with
    /// `want_positions`, where it matched. `None` when no field matches.
    fn match_term(
        &self,
        id: u32,
        item: Item,
        term: &Term,
        want_positions: bool,
    ) -> Option<(i64, Option<TermMatch>)> {
        let scorer = self.index.scorer();
        let most = Scorer::max_score(term.chars) + COVER;
        let mut best: Option<(i64, Option<TermMatch>)> = None;
        self.fields(id, item, |field, weight, hay, folded, mask| {
            let beats = |x: i64| best.as_ref().is_none_or(|(b, _)| x * weight / 100 > *b);
            if !beats(most) {
                // Fields come heaviest first: nothing after this one can win either.
                return false;
            }
            if !term.needle.may_match(mask) {
                return true;
            }
            let Some(bound) = scorer.bound(hay, &term.pattern) else {
                return true;
            };
            let cover = Self::cover(term, hay, folded);
            if !beats(bound + cover) {
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

    /// First pass for one term: `None` if no field matches it, else an upper bound on
    /// its weighted score. Scores nothing.
    fn bound_term(&self, id: u32, item: Item, term: &Term) -> Option<i64> {
        let scorer = self.index.scorer();
        let most = Scorer::max_score(term.chars) + COVER;
        let mut best: Option<i64> = None;
        self.fields(id, item, |field, weight, hay, folded, mask| {
            if best.is_some_and(|b| most * weight / 100 <= b) {
                return false;
            }
            if !term.needle.may_match(mask) {
                return true;
            }
            let heads = self.index.heads(id, field);
            let b = (scorer.bound_with(hay, heads, &term.pattern) + Self::cover(term, hay, folded))
                * weight
                / 100;
            // Once the term is known to match, a field that cannot raise the bound need
            // not be checked.
            if best.is_none_or(|x| b > x) && term.needle.matches(hay) {
                best = Some(b);
            }
            true
        });
        best
    }

    /// Whether a hit's score can reach `floor` by [`Scorer::bound`], tighter than the
    /// first pass's bound at the cost of a pass over a field. A field whose cheap bound
    /// cannot beat the term's best so far is not walked, and the last term stops as soon
    /// as the floor is reached.
    fn may_reach(&self, id: u32, floor: i64) -> bool {
        let scorer = self.index.scorer();
        let item = self.index.item(id);
        let mut total = 0;
        for (i, term) in self.query.terms.iter().enumerate() {
            let enough = (i + 1 == self.query.terms.len()).then(|| floor - total);
            let most = Scorer::max_score(term.chars) + COVER;
            let mut best: Option<i64> = None;
            self.fields(id, item, |field, weight, hay, folded, mask| {
                if best.is_some_and(|b| most * weight / 100 <= b || enough.is_some_and(|e| b >= e))
                {
                    return false;
                }
                if !term.needle.may_match(mask) {
                    return true;
                }
                let cover = Self::cover(term, hay, folded);
                let heads = self.index.heads(id, field);
                let cheap = (scorer.bound_with(hay, heads, &term.pattern) + cover) * weight / 100;
                if best.is_some_and(|b| cheap <= b) {
                    return true;
                }
                if let Some(bound) = scorer.bound(hay, &term.pattern) {
                    let b = ((bound + cover) * weight / 100).min(cheap);
                    best = Some(best.map_or(b, |x| x.max(b)));
                }
                true
            });
            total += best.expect("a first-pass hit matches every term");
        }
        total >= floor
    }

    /// Whether item `id` passes the cheap tests: char mask, scope and date filter.
    fn admits(&self, id: u32) -> Option<Item> {
        let (index, case, query) = (self.index, self.case, self.query);
        let mask = index.mask(id);
        if !query.terms.iter().all(|t| t.needle.may_match(mask)) {
            return None;
        }
        let item = index.item(id);
        let scope_ok = match (query.scope, item) {
            (Scope::All, _) => true,
            (Scope::Entities, Item::Entity(_)) => true,
            (Scope::Tags, Item::Event(e)) => !case.event(e).tags.is_empty(),
            (Scope::Passages, Item::Passage(_)) => true,
            _ => false,
        };
        if !scope_ok {
            return None;
        }
        let Some(d) = query.dates else {
            return Some(item);
        };
        let in_range = |e: &crate::case::EventIx| {
            let (a, b) = index.event_span[e.get()];
            d.overlaps(a, b)
        };
        let dated = match item {
            Item::Event(e) => in_range(&e),
            Item::Entity(e) => case.index.entity_events[e.get()].iter().any(in_range),
            // Passages are dated by the events that cite them (see the module docs of `search`).
            Item::Passage(p) => index.passage_events(p).iter().any(in_range),
        };
        dated.then_some(item)
    }

    /// Matches one item exactly: `None` if it is not a hit; otherwise its candidate entry
    /// and, with `want_positions`, where each term matched.
    pub(crate) fn match_item(
        &self,
        id: u32,
        want_positions: bool,
    ) -> Option<(Cand, Vec<TermMatch>)> {
        let item = self.admits(id)?;
        if self.query.is_text_free() {
            return Some((
                Cand {
                    score: 0,
                    key: timeline_key(self.index, self.case, self.query, item),
                    item: id,
                },
                Vec::new(),
            ));
        }
        let mut total = 0;
        let mut matches = Vec::new();
        for term in &self.query.terms {
            let (score, m) = self.match_term(id, item, term, want_positions)?;
            total += score;
            matches.extend(m);
        }
        Some((
            Cand {
                score: total,
                key: rank_key(self.case, item),
                item: id,
            },
            matches,
        ))
    }

    /// First pass over one item: `None` if it is not a hit, else a bound on its score.
    /// Whether an item is a hit is decided exactly here (a term matches a field exactly
    /// when its chars occur there in order), so the scorer only has to rank.
    fn bound_item(&self, id: u32) -> Option<Bounded> {
        let item = self.admits(id)?;
        let mut bound = 0;
        for term in &self.query.terms {
            bound += self.bound_term(id, item, term)?;
        }
        Some(Bounded {
            item: id,
            bound: i32::try_from(bound).unwrap_or(i32::MAX),
        })
    }

    /// First pass, in parallel over `within` (earlier hits of a query this one refines)
    /// or the whole scope: every hit, unordered, with a bound on its score. `None` when
    /// `cancel` was raised meanwhile.
    pub(crate) fn scan(
        &self,
        within: Option<&[Bounded]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Bounded>> {
        let one = |id: u32| {
            if cancel.load(AtomicOrdering::Relaxed) {
                return None;
            }
            self.bound_item(id)
        };
        let hits: Vec<Bounded> = match within {
            Some(ids) => ids
                .par_iter()
                .with_min_len(512)
                .filter_map(|h| one(h.item))
                .collect(),
            None => scope_ids(self.index, self.query.scope)
                .into_par_iter()
                .with_min_len(512)
                .filter_map(one)
                .collect(),
        };
        (!cancel.load(AtomicOrdering::Relaxed)).then_some(hits)
    }

    /// Puts first-pass hits in the order [`Ctx::best`] takes them: highest bound first
    /// for a text query (ties by id, so the order is deterministic).
    pub(crate) fn order(&self, hits: &mut Vec<Bounded>) {
        if self.query.is_text_free() {
            return;
        }
        let key = |h: &Bounded| (std::cmp::Reverse(h.bound), h.item);
        let (Some(lo), Some(hi)) = (
            hits.iter().map(|h| h.bound).min(),
            hits.iter().map(|h| h.bound).max(),
        ) else {
            return;
        };
        // Bounds are small integers: a counting sort is one pass, where a comparison
        // sort of a million hits is many. Stable, so hits in id order stay so per bound.
        let span = (hi - lo) as usize + 1;
        if span > 1 << 16 || !hits.is_sorted_by_key(|h| h.item) {
            hits.par_sort_unstable_by_key(key);
            return;
        }
        let mut start = vec![0usize; span + 1];
        for h in hits.iter() {
            start[(hi - h.bound) as usize + 1] += 1;
        }
        for i in 0..span {
            start[i + 1] += start[i];
        }
        let mut out = vec![Bounded { item: 0, bound: 0 }; hits.len()];
        for h in hits.iter() {
            let slot = &mut start[(hi - h.bound) as usize];
            out[*slot] = *h;
            *slot += 1;
        }
        *hits = out;
        debug_assert!(hits.is_sorted_by_key(key));
    }

    /// Second pass: the best `k` of `hits` (in [`Ctx::order`]), exactly scored and in
    /// rank order.
    ///
    /// Hits are scored in order of their bounds, a block at a time in parallel; once the
    /// `k`th best score so far beats the next bound, no later hit can enter the top `k`.
    pub(crate) fn best(
        &self,
        hits: &[Bounded],
        k: usize,
        cancel: &AtomicBool,
    ) -> Option<Vec<Cand>> {
        let exact = |id: u32| {
            self.match_item(id, false)
                .map(|(c, _)| c)
                .expect("a first-pass hit matches")
        };
        if self.query.is_text_free() {
            let mut cands: Vec<Cand> = hits.par_iter().map(|h| exact(h.item)).collect();
            top_k(&mut cands, k);
            return Some(cands);
        }
        debug_assert!(hits.is_sorted_by_key(|h| std::cmp::Reverse(h.bound)));
        let order = hits;
        let mut top: Vec<Cand> = Vec::with_capacity(k + 1);
        let (mut i, mut block) = (0, 64);
        while i < order.len() && k > 0 {
            if cancel.load(AtomicOrdering::Relaxed) {
                return None;
            }
            let floor = (top.len() == k).then(|| top[k - 1].score);
            if floor.is_some_and(|f| i64::from(order[i].bound) < f) {
                break;
            }
            let end = (i + block).min(order.len());
            // Below the floor by either bound: cannot enter the top `k`.
            let scored: Vec<Cand> = order[i..end]
                .par_iter()
                .filter(|h| {
                    floor.is_none_or(|f| i64::from(h.bound) >= f && self.may_reach(h.item, f))
                })
                .map(|h| exact(h.item))
                .collect();
            top.extend(scored);
            top_k(&mut top, k);
            i = end;
            block = (block * 2).min(8192);
        }
        Some(top)
    }

    /// Scores every hit exactly and ranks them: what [`Ctx::best`] must equal.
    pub(crate) fn best_exhaustive(&self, hits: &[Bounded], k: usize) -> Vec<Cand> {
        let mut cands: Vec<Cand> = hits
            .iter()
            .filter_map(|h| self.match_item(h.item, false).map(|(c, _)| c))
            .collect();
        top_k(&mut cands, k);
        cands
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`fields`] gives for item `id` under `scope`: each field with its weight.
    fn weighed(index: &SearchIndex, case: &Case, scope: Scope, id: u32) -> Vec<(Field, i64)> {
        let mut out = Vec::new();
        fields(
            index,
            case,
            scope,
            id,
            index.item(id),
            |field, weight, _, _, _| {
                out.push((field, weight));
                true
            },
        );
        out
    }

    #[test]
    fn fields_come_heaviest_first_with_their_weights() {
        let case = super::super::index::tests::small_case();
        let index = SearchIndex::new(&case);
        let (entity, event, passage) = (0, 2, 4);
        assert_eq!(
            weighed(&index, &case, Scope::All, entity),
            [
                (Field::Name, W_PRIMARY),
                (Field::Alias(0), W_ALIAS),
                (Field::Alias(1), W_ALIAS),
                (Field::Description, W_LONG_TEXT),
            ]
        );
        assert_eq!(
            weighed(&index, &case, Scope::All, event),
            [
                (Field::Title, W_PRIMARY),
                (Field::Tag(0), W_TAG),
                (Field::Tag(1), W_TAG),
                (Field::Summary, W_LONG_TEXT),
                (Field::Date, W_DATE),
            ]
        );
        // Searching tags, an event's tags are all there is, and they weigh most.
        assert_eq!(
            weighed(&index, &case, Scope::Tags, event),
            [(Field::Tag(0), W_PRIMARY), (Field::Tag(1), W_PRIMARY)]
        );
        assert_eq!(
            weighed(&index, &case, Scope::All, passage),
            [(Field::Passage, W_PASSAGE)]
        );
        // Distinct weights, or the mapping above would not show a field given another's.
        let mut w = [W_PRIMARY, W_ALIAS, W_TAG, W_PASSAGE, W_LONG_TEXT, W_DATE];
        w.sort_unstable();
        assert!(w.windows(2).all(|p| p[0] < p[1]));
    }

    /// A field with a folded copy is given as the folded text, with the copy, which the
    /// coverage bonus (its chars) and highlights (its map back to the original) need.
    #[test]
    fn folded_fields_give_their_folded_copy() {
        let case = super::super::index::tests::small_case();
        let index = SearchIndex::new(&case);
        let mut seen = Vec::new();
        fields(
            &index,
            &case,
            Scope::All,
            0,
            index.item(0),
            |field, _, hay, folded, _| {
                seen.push((field, hay.to_string(), folded.map(|f| f.chars)));
                true
            },
        );
        assert_eq!(
            seen,
            [
                (Field::Name, "Jose Nunez".to_string(), Some(10)),
                (Field::Alias(0), "Pepe".to_string(), None),
                (Field::Alias(1), "Nunez".to_string(), Some(5)),
                (Field::Description, "A cafe owner.".to_string(), Some(13)),
            ]
        );
    }
}
