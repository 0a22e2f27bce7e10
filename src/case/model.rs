//! The validated, indexed case: plain data the rest of the program reads.
//!
//! Cross references are resolved to typed indices at load time, so nothing
//! downstream ever looks up a string id or meets a dangling reference.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use super::date::Date;

/// The case format version this build reads and writes (`format` in case.json).
pub const FORMAT: u64 = 1;

/// Id → position lookups for the case's lists. foldhash, seeded per process: ids are
/// looked up millions of times while a large case loads.
pub type IdMap<I> = std::collections::HashMap<String, I, IdHasher>;

/// How ids are hashed.
pub type IdHasher = foldhash::fast::RandomState;

/// Events by id: positions in [`Case::events`] in a hash table keyed by the events' own
/// ids. A map of copied ids would hold every id twice (65 MB more on a million events,
/// allocated one id at a time).
#[derive(Clone, Debug, Default)]
pub struct EventIds {
    table: hashbrown::HashTable<EventIx>,
    hasher: IdHasher,
}

impl EventIds {
    /// Room for `n` events, hashing with `hasher` (see [`EventIds::hash`]).
    pub fn with_capacity(n: usize, hasher: IdHasher) -> Self {
        EventIds {
            table: hashbrown::HashTable::with_capacity(n),
            hasher,
        }
    }

    /// `events` by id, the first of a repeated id winning.
    pub fn of(events: &[Event]) -> Self {
        let mut ids = EventIds::with_capacity(events.len(), IdHasher::default());
        for ix in 0..events.len() {
            let hash = ids.hash(&events[ix].id);
            let _ = ids.insert(events, EventIx(ix as u32), hash);
        }
        ids
    }

    /// The hash of `id` that [`EventIds::insert`] takes.
    pub fn hash(&self, id: &str) -> u64 {
        use std::hash::BuildHasher as _;
        self.hasher.hash_one(id)
    }

    /// The event in `events` with this id, if any.
    pub fn get(&self, events: &[Event], id: &str) -> Option<EventIx> {
        self.table
            .find(self.hash(id), |ix| events[ix.get()].id == id)
            .copied()
    }

    /// Adds `ix`, whose id (`events[ix].id`) hashes to `hash`, unless an event already
    /// has that id: then that event.
    pub fn insert(&mut self, events: &[Event], ix: EventIx, hash: u64) -> Result<(), EventIx> {
        let id = &events[ix.get()].id;
        let hasher = &self.hasher;
        let entry = self.table.entry(
            hash,
            |e| events[e.get()].id == *id,
            |e| {
                use std::hash::BuildHasher as _;
                hasher.hash_one(&events[e.get()].id)
            },
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(first) => Err(*first.get()),
            hashbrown::hash_table::Entry::Vacant(room) => {
                room.insert(ix);
                Ok(())
            }
        }
    }

    /// Room for `additional` more events without growing (growing rehashes every id).
    pub fn reserve(&mut self, events: &[Event], additional: usize) {
        use std::hash::BuildHasher as _;
        let hasher = &self.hasher;
        self.table
            .reserve(additional, |e| hasher.hash_one(&events[e.get()].id));
    }

    /// Renumbers every event held with `f` (events moved in the list; ids unchanged).
    pub fn renumber(&mut self, f: impl Fn(EventIx) -> EventIx) {
        for ix in self.table.iter_mut() {
            *ix = f(*ix);
        }
    }

    /// Takes out `ix`, inserted with `hash`, if it is in.
    pub fn remove(&mut self, ix: EventIx, hash: u64) {
        if let Ok(entry) = self.table.find_entry(hash, |e| *e == ix) {
            entry.remove();
        }
    }
}

/// Position of an event in [`Case::events`] (file order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventIx(pub u32);

/// Position of an entity in [`Case::entities`] (file order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityIx(pub u32);

/// Position of a source in [`Case::sources`] (file order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceIx(pub u32);

macro_rules! ix_usize {
    ($($t:ty),*) => {$(
        impl $t {
            /// The position as a `usize`, for indexing.
            pub fn get(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}
ix_usize!(EventIx, EntityIx, SourceIx);

/// A whole case: its sources (with their full text), entities and events.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case's own id (`id` in case.json).
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Where `case.json` was read from; `None` for the bundled case.
    pub path: Option<PathBuf>,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    /// Lookups built once at load (timeline order, back references, mentions).
    pub index: Index,
}

impl Case {
    pub fn event(&self, ix: EventIx) -> &Event {
        &self.events[ix.get()]
    }
    pub fn entity(&self, ix: EntityIx) -> &Entity {
        &self.entities[ix.get()]
    }
    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix.get()]
    }
    /// The event with this id, if any.
    pub fn event_by_id(&self, id: &str) -> Option<EventIx> {
        self.index.event_ids.get(&self.events, id)
    }
    /// The events with these ids (unknown ones left out, repeats once), in timeline order.
    pub fn events_by_ids<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Vec<EventIx> {
        let mut events: Vec<EventIx> = ids
            .into_iter()
            .filter_map(|id| self.event_by_id(id))
            .collect();
        self.in_timeline_order(&mut events);
        events.dedup();
        events
    }
    /// Sorts events into timeline order.
    pub fn in_timeline_order(&self, events: &mut [EventIx]) {
        events.sort_by_key(|e| self.index.timeline_pos[e.get()]);
    }
    /// The entity with this id, if any.
    pub fn entity_by_id(&self, id: &str) -> Option<EntityIx> {
        self.index.entity_ids.get(id).copied()
    }
    /// The passage a citation points at, exactly as its source has it.
    pub fn passage(&self, c: &Citation) -> &str {
        &self.source(c.source).text[c.range.clone()]
    }
    /// Number of distinct sources an event cites (its corroboration count).
    pub fn source_count(&self, ix: EventIx) -> usize {
        distinct_sources(&self.event(ix).citations)
    }
}

/// What the case says of a source's field, or `None` when it says nothing: empty, or
/// "not stated" (the case's way of saying it looked and found none).
pub fn stated(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty() && !t.eq_ignore_ascii_case("not stated")).then_some(t)
}

/// Number of distinct sources among `citations`.
pub fn distinct_sources(citations: &[Citation]) -> usize {
    // Events cite a handful of passages: a quadratic scan beats allocating a set.
    (0..citations.len())
        .filter(|&i| {
            citations[..i]
                .iter()
                .all(|c| c.source != citations[i].source)
        })
        .count()
}

/// A source document: its metadata and full text.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// Publication date; may be uncertain like any other date. `None`: not stated (the
    /// field is absent from case.json).
    pub published: Option<Date>,
    /// The `file` field as written, relative to case.json.
    pub file: String,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub note: Option<String>,
    /// The full text, exactly as read from `file`.
    pub text: String,
}

/// What an entity is. Unknown kinds in a file are an error, so filters stay exhaustive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Media,
    Government,
    Place,
    Account,
    Document,
    Other,
}

impl EntityKind {
    /// Every kind, in the order the entity list groups them.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Government,
        EntityKind::Media,
        EntityKind::Account,
        EntityKind::Place,
        EntityKind::Document,
        EntityKind::Other,
    ];

    /// The name used in case.json.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Media => "media",
            EntityKind::Government => "government",
            EntityKind::Place => "place",
            EntityKind::Account => "account",
            EntityKind::Document => "document",
            EntityKind::Other => "other",
        }
    }

    /// Parses the case.json name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Plural heading for grouped lists ("People", "Organizations", …).
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organizations",
            EntityKind::Media => "Media",
            EntityKind::Government => "Government",
            EntityKind::Place => "Places",
            EntityKind::Account => "Accounts",
            EntityKind::Document => "Documents",
            EntityKind::Other => "Other",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person, organization or other actor named in the sources.
#[derive(Clone, Debug)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Other forms the sources use ("Trump Jr.", "Nix").
    pub aliases: Vec<String>,
    pub description: String,
}

/// One dated happening, stated by one or more cited passages.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub date: Date,
    pub title: String,
    pub summary: String,
    pub entities: Vec<EntityIx>,
    pub citations: Vec<Citation>,
    pub tags: Vec<String>,
    pub links: Vec<Link>,
}

/// A verbatim passage of a source that states (part of) an event.
#[derive(Clone, Debug)]
///
/// The quote as written in case.json is not kept: once found, the passage is the
/// source's own text at `range` (see [`Case::passage`]), which is what views show.
pub struct Citation {
    pub source: SourceIx,
    /// Where the quote was found in the source text (byte range into `Source::text`).
    pub range: Range<usize>,
}

/// A typed connection from one event to another.
#[derive(Debug, Clone)]
pub struct Link {
    pub to: EventIx,
    pub kind: LinkKind,
}

/// How two events relate. The named kinds get their own wording; others are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkKind {
    Follows,
    RespondsTo,
    Contradicts,
    Corroborates,
    PartOf,
    Other(String),
}

impl LinkKind {
    pub fn parse(s: &str) -> Self {
        match s {
            "follows" => LinkKind::Follows,
            "responds-to" => LinkKind::RespondsTo,
            "contradicts" => LinkKind::Contradicts,
            "corroborates" => LinkKind::Corroborates,
            "part-of" => LinkKind::PartOf,
            other => LinkKind::Other(other.to_string()),
        }
    }

    /// The name used in case.json.
    pub fn as_str(&self) -> &str {
        match self {
            LinkKind::Follows => "follows",
            LinkKind::RespondsTo => "responds-to",
            LinkKind::Contradicts => "contradicts",
            LinkKind::Corroborates => "corroborates",
            LinkKind::PartOf => "part-of",
            LinkKind::Other(s) => s,
        }
    }

    /// How the link reads from the target's side ("followed by", "contradicted by").
    pub fn inverse_label(&self) -> String {
        match self {
            LinkKind::Follows => "followed by".into(),
            LinkKind::RespondsTo => "answered by".into(),
            LinkKind::Contradicts => "contradicted by".into(),
            LinkKind::Corroborates => "corroborated by".into(),
            LinkKind::PartOf => "includes".into(),
            LinkKind::Other(s) => format!("{s} (from)"),
        }
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// All derived lookups of a case, built once at load (see [`super::index`]).
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub event_ids: EventIds,
    pub entity_ids: IdMap<EntityIx>,
    pub source_ids: IdMap<SourceIx>,
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
