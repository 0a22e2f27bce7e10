//! The in-memory case follows each edit, so the board can show it at once: the lists and
//! the index (timeline order, entity → events, source → citations, links both ways, ids,
//! mentions) are updated in place where that is cheap, and rebuilt where it is not.
//!
//! Costs (n events): adding an event at the end or changing one moves it in the timeline
//! by binary search and renumbers the timeline positions it passed (O(n) at worst); its
//! entities', sources' and targets' lists are updated by binary search. Removing an
//! event, or putting one back in the middle (an undo), renumbers every later event: one
//! pass over the events' links and every list of the index, no sort. Adding, renaming
//! or removing an entity finds every mention again (a pass over all source texts), since
//! a longer name can take over a shorter one's matches. A source's mentions are found in
//! its own text only. README's Performance section has the times at 100k and 1M events.

use std::collections::HashMap;

use crate::case::index::find_mentions;
use crate::case::model::*;
use crate::case::model::{CitationRef, Index};

/// The timeline key: where the date sits (`Date::timeline_key`), then file order.
fn key(events: &[Event], e: EventIx) -> (i64, EventIx) {
    (events[e.get()].date.timeline_key(), e)
}

/// Each distinct value of `items`, in order.
fn distinct<T: PartialEq + Copy>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for x in items {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

fn citation_key(c: &CitationRef) -> (usize, usize, EventIx, u32) {
    (c.range.start, c.range.end, c.event, c.citation)
}

/// Files event `ix`'s citations, links and entities in the index (the timeline is
/// already placed).
fn file_event(case: &mut Case, ix: EventIx) {
    let ev = &case.events[ix.get()];
    let idx = &mut case.index;
    for (k, c) in ev.citations.iter().enumerate() {
        let r = CitationRef {
            event: ix,
            citation: k as u32,
            range: c.range.clone(),
        };
        let list = &mut idx.source_citations[c.source.get()];
        let at = list.partition_point(|x| citation_key(x) < citation_key(&r));
        list.insert(at, r);
    }
    for (k, l) in ev.links.iter().enumerate() {
        let list = &mut idx.links_in[l.to.get()];
        let at = list.partition_point(|x| *x < (ix, k as u32));
        list.insert(at, (ix, k as u32));
    }
    let pos = &idx.timeline_pos;
    for ent in distinct(ev.entities.iter().copied()) {
        let list = &mut idx.entity_events[ent.get()];
        let at = list.partition_point(|e| pos[e.get()] < pos[ix.get()]);
        list.insert(at, ix);
    }
}

/// Takes event `ix` (as `old` had it) out of the citation, link and entity lists.
fn unfile_event(idx: &mut Index, ix: EventIx, old: &Event) {
    for s in distinct(old.citations.iter().map(|c| c.source)) {
        idx.source_citations[s.get()].retain(|c| c.event != ix);
    }
    for t in distinct(old.links.iter().map(|l| l.to)) {
        idx.links_in[t.get()].retain(|(from, _)| *from != ix);
    }
    for ent in distinct(old.entities.iter().copied()) {
        idx.entity_events[ent.get()].retain(|e| *e != ix);
    }
}

/// Renumbers the timeline positions of `timeline[from..=to]`.
fn renumber(idx: &mut Index, from: usize, to: usize) {
    // An empty timeline (the last event removed) has nothing to renumber.
    let Some(last) = idx.timeline.len().checked_sub(1) else {
        return;
    };
    for p in from..=to.min(last) {
        idx.timeline_pos[idx.timeline[p].get()] = p as u32;
    }
}

/// Adds `event` as the last event (its links already resolved).
pub(super) fn push_event(case: &mut Case, event: Event) {
    let ix = EventIx(case.events.len() as u32);
    case.events.push(event);
    let hash = case.index.event_ids.hash(&case.events[ix.get()].id);
    let _ = case.index.event_ids.insert(&case.events, ix, hash);
    let k = key(&case.events, ix);
    let events = &case.events;
    let idx = &mut case.index;
    let at = idx.timeline.partition_point(|&e| key(events, e) < k);
    idx.timeline.insert(at, ix);
    idx.timeline_pos.push(0);
    let last = idx.timeline.len() - 1;
    renumber(idx, at, last);
    idx.links_in.push(Vec::new());
    file_event(case, ix);
}

/// Replaces event `ix` with `event` (same id).
pub(super) fn replace_event(case: &mut Case, ix: EventIx, event: Event) {
    let old = std::mem::replace(&mut case.events[ix.get()], event);
    unfile_event(&mut case.index, ix, &old);
    if old.date.timeline_key() != case.events[ix.get()].date.timeline_key() {
        let k = key(&case.events, ix);
        let events = &case.events;
        let idx = &mut case.index;
        let was = idx.timeline_pos[ix.get()] as usize;
        idx.timeline.remove(was);
        let now = idx.timeline.partition_point(|&e| key(events, e) < k);
        idx.timeline.insert(now, ix);
        renumber(idx, was.min(now), was.max(now));
    }
    file_event(case, ix);
}

/// Renumbers every event reference in the index and the events' links: `f` maps an old
/// position to its new one (a pass over every list, no sort).
fn renumber_events(case: &mut Case, f: impl Fn(EventIx) -> EventIx + Copy) {
    for e in &mut case.events {
        for l in &mut e.links {
            l.to = f(l.to);
        }
    }
    let idx = &mut case.index;
    idx.event_ids.renumber(f);
    for e in &mut idx.timeline {
        *e = f(*e);
    }
    for list in &mut idx.entity_events {
        for e in list {
            *e = f(*e);
        }
    }
    for list in &mut idx.source_citations {
        for c in list {
            c.event = f(c.event);
        }
    }
    for list in &mut idx.links_in {
        for (from, _) in list {
            *from = f(*from);
        }
    }
}

/// Puts `event` at position `at` (before the end): later events move up one. Its links
/// were resolved against the events as they were.
pub(super) fn insert_event(case: &mut Case, at: usize, event: Event) {
    let at_ix = EventIx(at as u32);
    let up = move |e: EventIx| if e >= at_ix { EventIx(e.0 + 1) } else { e };
    case.events.insert(at, event);
    // Every reference, the new event's links too, points at a position from before.
    renumber_events(case, up);
    let hash = case.index.event_ids.hash(&case.events[at].id);
    let _ = case.index.event_ids.insert(&case.events, at_ix, hash);
    let k = key(&case.events, at_ix);
    let events = &case.events;
    let idx = &mut case.index;
    let pos = idx.timeline.partition_point(|&e| key(events, e) < k);
    idx.timeline.insert(pos, at_ix);
    idx.timeline_pos.insert(at, 0);
    let last = idx.timeline.len() - 1;
    renumber(idx, pos, last);
    idx.links_in.insert(at, Vec::new());
    file_event(case, at_ix);
}

/// Removes event `ix`, which no link points at; later events move down one.
pub(super) fn remove_event(case: &mut Case, ix: EventIx) {
    let old = case.events.remove(ix.get());
    let idx = &mut case.index;
    unfile_event(idx, ix, &old);
    idx.event_ids.remove(ix, idx.event_ids.hash(&old.id));
    let pos = idx.timeline_pos[ix.get()] as usize;
    idx.timeline.remove(pos);
    idx.timeline_pos.remove(ix.get());
    idx.links_in.remove(ix.get());
    renumber_events(case, move |e| if e > ix { EventIx(e.0 - 1) } else { e });
    let idx = &mut case.index;
    let last = idx.timeline.len().saturating_sub(1);
    if pos <= last {
        renumber(idx, pos, last);
    }
}

fn ids_of<'a, I>(ids: impl Iterator<Item = &'a String>, ix: impl Fn(usize) -> I) -> IdMap<I> {
    let mut map = IdMap::default();
    for (i, id) in ids.enumerate() {
        map.entry(id.clone()).or_insert_with(|| ix(i));
    }
    map
}

/// Finds every entity's mentions again (names and aliases changed, or entities moved).
fn find_all_mentions(case: &mut Case) {
    case.index.mentions = find_mentions(&case.sources, &case.entities);
}

/// Puts `entity` at position `at`; entities after it move up one.
pub(super) fn insert_entity(case: &mut Case, at: usize, entity: Entity) {
    case.entities.insert(at, entity);
    if at + 1 < case.entities.len() {
        for e in &mut case.events {
            for x in &mut e.entities {
                if x.get() >= at {
                    x.0 += 1;
                }
            }
        }
        case.index.entity_ids = ids_of(case.entities.iter().map(|e| &e.id), |i| EntityIx(i as u32));
    } else {
        let id = case.entities[at].id.clone();
        case.index.entity_ids.insert(id, EntityIx(at as u32));
    }
    case.index.entity_events.insert(at, Vec::new());
    find_all_mentions(case);
}

/// Replaces entity `ix` (same id); mentions found again if its names changed.
pub(super) fn replace_entity(case: &mut Case, ix: EntityIx, entity: Entity) {
    let old = std::mem::replace(&mut case.entities[ix.get()], entity);
    let new = &case.entities[ix.get()];
    if old.name != new.name || old.aliases != new.aliases {
        find_all_mentions(case);
    }
}

/// Removes entity `ix`, which no event names; entities after it move down one.
pub(super) fn remove_entity(case: &mut Case, ix: EntityIx) {
    case.entities.remove(ix.get());
    for e in &mut case.events {
        for x in &mut e.entities {
            if *x > ix {
                x.0 -= 1;
            }
        }
    }
    case.index.entity_ids = ids_of(case.entities.iter().map(|e| &e.id), |i| EntityIx(i as u32));
    case.index.entity_events.remove(ix.get());
    find_all_mentions(case);
}

/// Puts `source` (its text read) at position `at`; sources after it move up one.
pub(super) fn insert_source(case: &mut Case, at: usize, source: Source) {
    case.sources.insert(at, source);
    if at + 1 < case.sources.len() {
        for e in &mut case.events {
            for c in &mut e.citations {
                if c.source.get() >= at {
                    c.source.0 += 1;
                }
            }
        }
        case.index.source_ids = ids_of(case.sources.iter().map(|s| &s.id), |i| SourceIx(i as u32));
    } else {
        let id = case.sources[at].id.clone();
        case.index.source_ids.insert(id, SourceIx(at as u32));
    }
    case.index.source_citations.insert(at, Vec::new());
    let mentions = find_mentions(&case.sources[at..=at], &case.entities);
    case.index
        .mentions
        .insert(at, mentions.into_iter().next().unwrap_or_default());
}

/// Replaces source `ix` (same id); its mentions found again if its text changed.
pub(super) fn replace_source(case: &mut Case, ix: SourceIx, source: Source) {
    let old = std::mem::replace(&mut case.sources[ix.get()], source);
    if old.text != case.sources[ix.get()].text {
        let i = ix.get();
        let mentions = find_mentions(&case.sources[i..=i], &case.entities);
        case.index.mentions[i] = mentions.into_iter().next().unwrap_or_default();
    }
}

/// Removes source `ix`, which no event cites; sources after it move down one.
pub(super) fn remove_source(case: &mut Case, ix: SourceIx) {
    case.sources.remove(ix.get());
    for e in &mut case.events {
        for c in &mut e.citations {
            if c.source > ix {
                c.source.0 -= 1;
            }
        }
    }
    case.index.source_ids = ids_of(case.sources.iter().map(|s| &s.id), |i| SourceIx(i as u32));
    case.index.source_citations.remove(ix.get());
    case.index.mentions.remove(ix.get());
}

/// The ids of (up to `max`) events in `events`, for messages: "a, b and 3 more".
pub(super) fn some_ids(
    case: &Case,
    events: impl IntoIterator<Item = EventIx>,
    max: usize,
) -> String {
    let ids: Vec<&str> = {
        let mut seen: HashMap<EventIx, ()> = HashMap::new();
        events
            .into_iter()
            .filter(|e| seen.insert(*e, ()).is_none())
            .map(|e| case.events[e.get()].id.as_str())
            .collect()
    };
    let shown: Vec<String> = ids.iter().take(max).map(|id| format!("\"{id}\"")).collect();
    let mut out = shown.join(", ");
    if ids.len() > max {
        out.push_str(&format!(" and {} more", ids.len() - max));
    }
    out
}
