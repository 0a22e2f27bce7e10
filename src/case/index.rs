//! Lookups built once at load: timeline order, entity → events, source → citations,
//! links in both directions, and each entity's mentions in each source text.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use super::model::{Entity, EntityIx, Event, EventIx, Source, SourceIx};

/// A citation seen from its source's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationRef {
    pub event: EventIx,
    /// Position in the event's `citations`.
    pub citation: u32,
    pub range: Range<usize>,
}

/// A place an entity's name or alias occurs in a source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: EntityIx,
    pub range: Range<usize>,
}

/// All derived lookups of a case.
#[derive(Debug, Default)]
pub struct Index {
    pub event_ids: HashMap<String, EventIx>,
    pub entity_ids: HashMap<String, EntityIx>,
    pub source_ids: HashMap<String, SourceIx>,
    /// Every event in timeline order: earliest possible instant, then file order.
    pub timeline: Vec<EventIx>,
    /// For each event (by `EventIx`), its position in `timeline`.
    pub timeline_pos: Vec<u32>,
    /// For each entity, its events in timeline order.
    pub entity_events: Vec<Vec<EventIx>>,
    /// For each source, the citations into it, ordered by start byte.
    pub source_citations: Vec<Vec<CitationRef>>,
    /// For each event, the links that point at it: (from event, index in its `links`).
    pub links_in: Vec<Vec<(EventIx, u32)>>,
    /// For each source, the entity mentions in its text, ordered by start byte.
    pub mentions: Vec<Vec<Mention>>,
}

impl Index {
    pub fn build(
        sources: &[Source],
        entities: &[Entity],
        events: &[Event],
        event_ids: HashMap<String, EventIx>,
        entity_ids: HashMap<String, EntityIx>,
        source_ids: HashMap<String, SourceIx>,
    ) -> Index {
        let mut keyed: Vec<(i64, u32)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.date.earliest(), i as u32))
            .collect();
        keyed.par_sort_unstable();
        let timeline: Vec<EventIx> = keyed.into_iter().map(|(_, i)| EventIx(i)).collect();
        let mut timeline_pos = vec![0u32; events.len()];
        for (pos, ix) in timeline.iter().enumerate() {
            timeline_pos[ix.get()] = pos as u32;
        }

        let mut entity_events = vec![Vec::new(); entities.len()];
        for &ix in &timeline {
            for ent in &events[ix.get()].entities {
                let list: &mut Vec<EventIx> = &mut entity_events[ent.get()];
                if list.last() != Some(&ix) {
                    list.push(ix);
                }
            }
        }

        let mut source_citations = vec![Vec::new(); sources.len()];
        let mut links_in = vec![Vec::new(); events.len()];
        for (i, e) in events.iter().enumerate() {
            for (k, c) in e.citations.iter().enumerate() {
                source_citations[c.source.get()].push(CitationRef {
                    event: EventIx(i as u32),
                    citation: k as u32,
                    range: c.range.clone(),
                });
            }
            for (k, l) in e.links.iter().enumerate() {
                links_in[l.to.get()].push((EventIx(i as u32), k as u32));
            }
        }
        source_citations
            .par_iter_mut()
            .for_each(|v: &mut Vec<CitationRef>| v.sort_by_key(|c| (c.range.start, c.range.end)));

        let mentions = find_mentions(sources, entities);
        Index {
            event_ids,
            entity_ids,
            source_ids,
            timeline,
            timeline_pos,
            entity_events,
            source_citations,
            links_in,
            mentions,
        }
    }

    /// Citations in `source` whose passage contains byte `at`.
    pub fn citations_at(&self, source: SourceIx, at: usize) -> impl Iterator<Item = &CitationRef> {
        self.source_citations[source.get()]
            .iter()
            .filter(move |c| c.range.start <= at && at < c.range.end)
    }

    /// The mention in `source` covering byte `at`, if any.
    pub fn mention_at(&self, source: SourceIx, at: usize) -> Option<&Mention> {
        let list = &self.mentions[source.get()];
        let k = list.partition_point(|m| m.range.start <= at);
        list[..k].iter().rev().find(|m| at < m.range.end)
    }

    /// How many times `entity` is mentioned in each source (sources with none left out).
    pub fn mention_counts(&self, entity: EntityIx) -> Vec<(SourceIx, usize)> {
        self.mentions
            .iter()
            .enumerate()
            .filter_map(|(s, ms)| {
                let n = ms.iter().filter(|m| m.entity == entity).count();
                (n > 0).then_some((SourceIx(s as u32), n))
            })
            .collect()
    }
}

/// Whole-word, case-sensitive occurrences of every entity name and alias in every source.
/// Longest match wins, so "Donald Trump Jr." is not also counted as "Donald Trump".
fn find_mentions(sources: &[Source], entities: &[Entity]) -> Vec<Vec<Mention>> {
    let mut patterns: Vec<&str> = Vec::new();
    let mut owners: Vec<Vec<EntityIx>> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let k = *seen.entry(name).or_insert_with(|| {
                patterns.push(name);
                owners.push(Vec::new());
                patterns.len() - 1
            });
            if !owners[k].contains(&EntityIx(i as u32)) {
                owners[k].push(EntityIx(i as u32));
            }
        }
    }
    if patterns.is_empty() {
        return vec![Vec::new(); sources.len()];
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("names are plain strings");
    sources
        .par_iter()
        .map(|s| {
            let text = s.text.as_str();
            let mut out = Vec::new();
            for m in ac.find_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if word(before) || word(after) {
                    continue;
                }
                for &entity in &owners[m.pattern().as_usize()] {
                    out.push(Mention {
                        entity,
                        range: m.start()..m.end(),
                    });
                }
            }
            out
        })
        .collect()
}
