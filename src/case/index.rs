//! Building the index once at load ([`Index`], in `model`): timeline order, entity →
//! events, source → citations, links in both directions, and each entity's mentions in
//! each source text.

use std::collections::HashMap;

use rayon::prelude::*;

use super::fold::BuildWindowHash;
use super::model::{
    CitationRef, Entity, EntityIx, Event, EventIds, EventIx, IdMap, Index, Mention, Source,
    SourceIx,
};

impl Index {
    /// Builds every lookup. `mentions` are the mentions if already found (see
    /// [`find_mentions`]), found here when `None`.
    pub fn build(
        sources: &[Source],
        entities: &[Entity],
        events: &[Event],
        event_ids: EventIds,
        entity_ids: IdMap<EntityIx>,
        source_ids: IdMap<SourceIx>,
        mentions: Option<Vec<Vec<Mention>>>,
    ) -> Index {
        // The timeline and what follows from it, while citations and links are listed.
        let ((timeline, timeline_pos, entity_events), (source_citations, links_in)) = rayon::join(
            || {
                let timeline = timeline(events);
                let mut timeline_pos = vec![0u32; events.len()];
                for (pos, ix) in timeline.iter().enumerate() {
                    timeline_pos[ix.get()] = pos as u32;
                }
                let entity_events = entity_events(entities.len(), events, &timeline_pos);
                (timeline, timeline_pos, entity_events)
            },
            || citations_and_links(sources.len(), events),
        );
        let mentions = mentions.unwrap_or_else(|| find_mentions(sources, entities));
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
}

/// Whole-word, case-sensitive occurrences of every entity name and alias in every source.
/// Longest match wins, so "Donald Trump Jr." is not also counted as "Donald Trump";
/// a name is tried only where a word starts and counts only if it also ends one.
pub fn find_mentions(sources: &[Source], entities: &[Entity]) -> Vec<Vec<Mention>> {
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
    let names = NameTable::new(&patterns);
    sources
        .par_iter()
        .map(|s| {
            let text = s.text.as_str();
            let bytes = text.as_bytes();
            let mut out = Vec::new();
            let mut prev_word = false; // is the char before `i` alphanumeric?
            let mut i = 0;
            while i < bytes.len() {
                if !prev_word && let Some((k, end)) = names.longest_at(text, i) {
                    // The longest name wins even when it does not end a word (as with
                    // the automaton this replaces): "Donald Trump Jr.Read more" is not
                    // a mention of Donald Trump.
                    if !text[end..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                    {
                        for &entity in &owners[k] {
                            out.push(Mention {
                                entity,
                                range: i..end,
                            });
                        }
                    }
                    prev_word = text[..end]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                    i = end;
                    continue;
                }
                let (word, len) = match bytes[i] {
                    b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
                    _ => {
                        let c = text[i..].chars().next().expect("inside the text");
                        (c.is_alphanumeric(), c.len_utf8())
                    }
                };
                prev_word = word;
                i += len;
            }
            out
        })
        .collect()
}

/// Every event in timeline order: by [`Date::timeline_key`](crate::case::Date::timeline_key)
/// (the earliest instant, or an open start's known bound), then file order.
fn timeline(events: &[Event]) -> Vec<EventIx> {
    let mut keyed: Vec<(i64, u32)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date.timeline_key(), i as u32))
        .collect();
    keyed.par_sort_unstable();
    keyed.into_iter().map(|(_, i)| EventIx(i)).collect()
}

/// Each entity's events in timeline order, each once.
fn entity_events(n: usize, events: &[Event], timeline_pos: &[u32]) -> Vec<Vec<EventIx>> {
    // Listed in file order (reading the events in order), then each list sorted.
    let mut lists: Vec<Vec<EventIx>> = vec![Vec::new(); n];
    for (i, e) in events.iter().enumerate() {
        for ent in &e.entities {
            lists[ent.get()].push(EventIx(i as u32));
        }
    }
    lists.par_iter_mut().for_each(|list| {
        list.sort_unstable_by_key(|ix| timeline_pos[ix.get()]);
        list.dedup();
    });
    lists
}

/// Each source's citations by passage, and each event's incoming links.
#[allow(clippy::type_complexity)]
fn citations_and_links(
    n_sources: usize,
    events: &[Event],
) -> (Vec<Vec<CitationRef>>, Vec<Vec<(EventIx, u32)>>) {
    let mut source_citations = vec![Vec::new(); n_sources];
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
    (source_citations, links_in)
}

/// Entity names grouped by their first (up to) eight bytes, to try at each word start.
///
/// This replaces one Aho-Corasick automaton over all names: with 100k+ names its build
/// and scan cost seconds, while a hash probe per word start costs nanoseconds.
struct NameTable<'a> {
    patterns: &'a [&'a str],
    /// By key length `min(len, 8)`: the key bytes → the names with that key, sorted by
    /// name bytes (thousands of names may share a start, e.g. "The " or "Northgate").
    groups: Vec<HashMap<u64, Vec<Entry>, BuildWindowHash>>,
    /// The key lengths in use, longest first (so longer names are tried first).
    key_lens: Vec<usize>,
    /// Bytes some name starts with.
    first: [bool; 256],
}

const KEY: usize = 8;

/// A name in its group: the pattern number, and the name's next sixteen bytes after
/// the key (zero-padded, big-endian), so most comparisons in a group's binary search
/// read only the group itself.
#[derive(Clone, Copy)]
struct Entry {
    next: u128,
    k: u32,
    len: u32,
}

/// How far inline bytes reach: a name this long or shorter is known by its key and
/// `next` alone.
const INLINE: usize = KEY + 16;

/// Bytes `KEY..KEY + 16` of `b`, zero-padded, big-endian: comparing two of these
/// orders the bytes as comparing the byte strings would, whenever they differ.
fn next_key(b: &[u8]) -> u128 {
    let mut w = [0u8; 16];
    let rest = b.get(KEY..).unwrap_or_default();
    let n = rest.len().min(16);
    w[..n].copy_from_slice(&rest[..n]);
    u128::from_be_bytes(w)
}

fn name_key(b: &[u8]) -> u64 {
    b.iter()
        .enumerate()
        .fold(0, |k, (j, &x)| k | (u64::from(x) << (8 * j)))
}

impl<'a> NameTable<'a> {
    fn new(patterns: &'a [&'a str]) -> Self {
        let mut groups: Vec<HashMap<u64, Vec<Entry>, BuildWindowHash>> =
            (0..=KEY).map(|_| HashMap::default()).collect();
        let mut first = [false; 256];
        let mut key_lens = Vec::new();
        for (k, p) in patterns.iter().enumerate() {
            let b = p.as_bytes();
            let kl = b.len().min(KEY);
            groups[kl]
                .entry(name_key(&b[..kl]))
                .or_default()
                .push(Entry {
                    next: next_key(b),
                    k: k as u32,
                    len: b.len() as u32,
                });
            first[usize::from(b[0])] = true;
            if !key_lens.contains(&kl) {
                key_lens.push(kl);
            }
        }
        for g in groups.iter_mut().flat_map(|m| m.values_mut()) {
            g.sort_by_key(|e| patterns[e.k as usize].as_bytes());
        }
        key_lens.sort_unstable_by(|a, b| b.cmp(a));
        NameTable {
            patterns,
            groups,
            key_lens,
            first,
        }
    }

    /// The longest name that starts at byte `i` of `text`: its pattern number and end
    /// byte. Whether it also ends a word is the caller's question.
    fn longest_at(&self, text: &str, i: usize) -> Option<(usize, usize)> {
        let b = &text.as_bytes()[i..];
        if !self.first[usize::from(b[0])] {
            return None;
        }
        for &kl in &self.key_lens {
            let Some(group) = b
                .get(..kl)
                .and_then(|key| self.groups[kl].get(&name_key(key)))
            else {
                continue;
            };
            // The longest name that is a prefix of `b`: the greatest name <= b[..hi] is
            // the longest such prefix if it is one at all; if not, every such prefix is
            // no longer than what that name shares with b[..hi].
            let mut hi = b.len();
            while hi >= kl {
                let q = &b[..hi];
                let q_next = next_key(q);
                let at = group.partition_point(|e| match e.next.cmp(&q_next) {
                    std::cmp::Ordering::Equal => self.patterns[e.k as usize].as_bytes() <= q,
                    order => order.is_lt(),
                });
                let Some(e) = at.checked_sub(1).map(|a| group[a]) else {
                    break;
                };
                let (k, len) = (e.k as usize, e.len as usize);
                if len <= INLINE {
                    // The name is its key and `next`: compare those with the text's.
                    let shared = KEY + ((e.next ^ q_next).leading_zeros() / 8) as usize;
                    if shared >= len && len <= q.len() {
                        return Some((k, i + len));
                    }
                    hi = shared.min(len).min(q.len());
                    continue;
                }
                let p = self.patterns[k].as_bytes();
                if q.starts_with(p) {
                    return Some((k, i + p.len()));
                }
                hi = p.iter().zip(q).take_while(|(x, y)| x == y).count();
            }
        }
        None
    }
}
