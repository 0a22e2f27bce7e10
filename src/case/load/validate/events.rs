//! The events stage of loading: every element of `events` parsed, checked and turned
//! into an [`Event`] on all cores; then (see `register`) ids registered in file order,
//! links resolved, and every quote found in its source (see `quotes`).
//!
//! Most events of a real file are well formed, so each is first parsed into plain
//! borrowing types ([`FastEvent`]) and accepted only when every check passes. Anything
//! else is parsed again as a tolerant [`RawEvent`] and checked field by field, which
//! reports every problem. Both paths build the same event from the same text.

use std::ops::Range;

use rayon::prelude::*;

use crate::case::date::Date;
use crate::case::fold::fold_quote_into;
use crate::case::load::parse::fast;
use crate::case::load::parse::raw::{FastEvent, Field, Object, RawCitation, RawEvent, RawLink};
use crate::case::load::split::stream::Batch;
use crate::case::load::validate::checks::*;
use crate::case::load::validate::quotes::QuoteJob;
use crate::case::model::*;

/// Events per unit of parallel work.
const CHUNK: usize = 2048;

/// How the elements of `events` arrive.
pub(crate) enum Elements<'a> {
    /// Byte ranges of the case file, parsed here.
    Spans {
        json: &'a [u8],
        spans: Vec<Range<usize>>,
    },
    /// Already parsed, when the file had to be read in one piece.
    Parsed(Vec<Field<RawEvent>>),
}

/// What every worker reads.
pub(crate) struct Stage<'a> {
    pub(crate) refs: Refs<'a>,
    /// Whether each source's text is usable; quotes into the others are not checked
    /// (the source's own error says why).
    pub(crate) usable: &'a [bool],
    /// How event ids are hashed: each worker hashes its events' ids.
    pub(crate) event_hasher: &'a IdHasher,
}

/// A link whose target is resolved once every id is known.
pub(crate) struct PendingLink {
    /// Index in the event's `links` array.
    pub(crate) j: usize,
    pub(crate) to: String,
    /// `None` when `kind` was missing or wrong (already reported).
    pub(crate) kind: Option<LinkKind>,
}

/// What registering an event built by a worker needs besides the event.
pub(crate) struct Draft {
    /// Index in the `events` array.
    pub(crate) at: usize,
    /// The hash of the event's id.
    pub(crate) hash: u64,
    pub(crate) links: Vec<PendingLink>,
    /// This event's own problems: dropped with it if its id is a repeat.
    pub(crate) problems: Problems,
}

/// One chunk's work: its events, the problems of elements that have no usable id, and
/// the quotes to find.
pub(crate) struct ChunkOut {
    /// The events built, and beside each (at the same position) its draft.
    pub(crate) events: Vec<Event>,
    pub(crate) drafts: Vec<Draft>,
    pub(crate) problems: Problems,
    /// The quotes to find, ordered by source once the chunk is done.
    pub(crate) quotes: Vec<QuoteJob>,
    /// Every quote of the chunk, folded, end to end (in the order of `quotes`).
    pub(crate) arena: String,
}

/// An element that is not valid JSON (or not what serde expects at all): the caller
/// parses the whole file to say where.
pub(crate) struct Unparsable;

/// Every element parsed and checked, in chunks on all cores.
pub(crate) fn parse(elements: Elements, stage: &Stage) -> Result<Parsed, Unparsable> {
    Ok(Parsed(match elements {
        Elements::Spans { json, spans } => spans
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, spans)| {
                let mut w = Worker::new(stage, spans.len(), c);
                for (k, r) in spans.iter().enumerate() {
                    w.span(Element::Bytes(&json[r.clone()]), c * CHUNK + k)?;
                }
                Ok(w.done())
            })
            .collect::<Result<_, Unparsable>>()?,
        Elements::Parsed(mut raws) => raws
            .par_chunks_mut(CHUNK)
            .enumerate()
            .map(|(c, raws)| {
                let mut w = Worker::new(stage, raws.len(), c);
                for (k, raw) in raws.iter_mut().enumerate() {
                    w.raw(std::mem::take(raw), c * CHUNK + k);
                }
                w.done()
            })
            .collect(),
    }))
}

/// One batch of a file read in blocks (see `stream`), as chunk `chunk` of the result.
pub(crate) fn parse_batch(
    batch: &Batch,
    chunk: usize,
    stage: &Stage,
) -> Result<ChunkOut, Unparsable> {
    let spans = batch.elements();
    let mut w = Worker::new(stage, spans.len(), chunk);
    // Checked as UTF-8 once, so serde need not check string by string; elements start
    // and end next to ASCII delimiters, so each is a slice of the text.
    let bytes = &batch.bytes;
    let text = std::str::from_utf8(bytes).ok();
    for (k, r) in spans.into_iter().enumerate() {
        let at = batch.first + k;
        match text.and_then(|t| t.get(r.clone())) {
            Some(t) => w.span(Element::Text(t), at)?,
            None => w.span(Element::Bytes(&bytes[r]), at)?,
        }
    }
    Ok(w.done())
}

/// One element's JSON text, known to be UTF-8 or not yet.
#[derive(Clone, Copy)]
enum Element<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl<'a> Element<'a> {
    fn parse<T: serde::Deserialize<'a>>(self) -> serde_json::Result<T> {
        match self {
            Element::Text(t) => serde_json::from_str(t),
            Element::Bytes(b) => serde_json::from_slice(b),
        }
    }
}

/// The parsed chunks, in file order; the file's text is no longer needed.
pub(crate) struct Parsed(pub(crate) Vec<ChunkOut>);

/// The positions of `quotes` ordered by source, in order within a source: counted into
/// place when there are not many more sources than quotes, else sorted.
fn by_source(quotes: &[QuoteJob], sources: usize) -> Vec<u32> {
    let mut order: Vec<u32> = (0..quotes.len() as u32).collect();
    if sources > 4 * quotes.len() {
        order.sort_by_key(|&k| quotes[k as usize].source);
        return order;
    }
    let mut next = vec![0u32; sources];
    for q in quotes {
        next[q.source.get()] += 1;
    }
    let mut start = 0;
    for n in &mut next {
        (*n, start) = (start, start + *n);
    }
    for (k, q) in quotes.iter().enumerate() {
        let at = &mut next[q.source.get()];
        order[*at as usize] = k as u32;
        *at += 1;
    }
    order
}

/// One worker's state over one chunk.
struct Worker<'s, 'a> {
    stage: &'s Stage<'a>,
    out: ChunkOut,
    /// This chunk's number (its arena's).
    chunk: u32,
    /// Reused buffers: the element's path, a citation's path.
    path: String,
    scratch: String,
}

impl<'s, 'a> Worker<'s, 'a> {
    fn new(stage: &'s Stage<'a>, n: usize, chunk: usize) -> Self {
        Worker {
            stage,
            out: ChunkOut {
                events: Vec::with_capacity(n),
                drafts: Vec::with_capacity(n),
                problems: Problems::default(),
                quotes: Vec::with_capacity(n),
                arena: String::new(),
            },
            chunk: chunk as u32,
            path: String::new(),
            scratch: String::new(),
        }
    }

    /// The chunk's work, its quotes ordered by source (in file order within a source),
    /// the arena rewritten in that order.
    fn done(self) -> ChunkOut {
        let mut out = self.out;
        if out.quotes.is_sorted_by_key(|q| q.source) {
            return out;
        }
        let order = by_source(&out.quotes, self.stage.usable.len());
        let mut arena = String::with_capacity(out.arena.len());
        let quotes = order
            .into_iter()
            .map(|k| {
                let q = &out.quotes[k as usize];
                let start = arena.len() as u32;
                arena.push_str(&out.arena[q.folded.start as usize..q.folded.end as usize]);
                QuoteJob {
                    folded: start..arena.len() as u32,
                    ..q.clone()
                }
            })
            .collect();
        out.quotes = quotes;
        out.arena = arena;
        out
    }

    fn hash(&self, id: &str) -> u64 {
        use std::hash::BuildHasher as _;
        self.stage.event_hasher.hash_one(id)
    }

    /// Element `at`, from its bytes: the fast path, else the tolerant one.
    fn span(&mut self, element: Element, at: usize) -> Result<(), Unparsable> {
        // Most elements have the one plain shape `fast` reads; serde reads the others.
        let plain = match element {
            Element::Text(t) => fast::event(t),
            Element::Bytes(_) => None,
        }
        .or_else(|| element.parse::<Object<FastEvent>>().ok().map(|Object(e)| e));
        if let Some(e) = plain
            && let Some((event, draft)) = self.fast(e, at)
        {
            self.out.events.push(event);
            self.out.drafts.push(draft);
            return Ok(());
        }
        let raw = element.parse::<Field<RawEvent>>().map_err(|_| Unparsable)?;
        self.raw(raw, at);
        Ok(())
    }

    /// Queues citation `citation` (array index `cit_at`) of the next draft, at array
    /// index `at`, to be found in its source.
    fn queue(&mut self, source: SourceIx, quote: &str, at: usize, citation: usize, cit_at: usize) {
        if !self.stage.usable[source.get()] {
            return;
        }
        let start = self.out.arena.len();
        fold_quote_into(quote, &mut self.out.arena);
        self.out.quotes.push(QuoteJob {
            draft: self.out.drafts.len() as u32,
            citation: citation as u32,
            source,
            at,
            cit_at: cit_at as u32,
            arena: self.chunk,
            folded: start as u32..self.out.arena.len() as u32,
        });
    }

    /// The event, if every check passes; `None` sends it down the tolerant path.
    fn fast(&mut self, e: FastEvent, at: usize) -> Option<(Event, Draft)> {
        let blank = |s: &str| s.trim().is_empty();
        if blank(&e.id) || blank(&e.date) || blank(&e.title) || e.citations.is_empty() {
            return None;
        }
        let date = Date::parse(&e.date).ok()?;
        let refs = &self.stage.refs;
        let entities = e
            .entities
            .iter()
            .map(|x| refs.entity(x))
            .collect::<Option<Vec<_>>>()?;
        let mut citations = Vec::with_capacity(e.citations.len());
        for Object(c) in &e.citations {
            if blank(&c.source) || blank(&c.quote) {
                return None;
            }
            citations.push(Citation {
                source: *refs.sources.get(&*c.source)?,
                range: 0..0,
            });
        }
        let mut links = Vec::new();
        for (j, Object(l)) in e.links.iter().enumerate() {
            if blank(&l.to) || blank(&l.kind) {
                return None;
            }
            links.push(PendingLink {
                j,
                to: l.to.to_string(),
                kind: Some(LinkKind::parse(&l.kind)),
            });
        }
        // Every check has passed: now the quotes can be queued.
        for (j, (Object(c), cit)) in e.citations.iter().zip(&citations).enumerate() {
            self.queue(cit.source, &c.quote, at, j, j);
        }
        let draft = Draft {
            at,
            hash: self.hash(&e.id),
            links,
            problems: Problems::default(),
        };
        let event = Event {
            id: e.id,
            date,
            title: e.title,
            summary: e.summary,
            entities,
            citations,
            tags: e.tags,
            links: Vec::new(),
        };
        Some((event, draft))
    }

    /// Element `at` checked field by field, every problem recorded.
    fn raw(&mut self, raw: Field<RawEvent>, at: usize) {
        let path = item_path(&mut self.path, "events", at).to_string();
        let mut e = match raw {
            Field::Ok(e) => e,
            Field::Wrong(found) => {
                self.out
                    .problems
                    .error(path, format!("expected an object, found {found}"), None);
                return;
            }
            Field::Missing => return,
        };
        // Like the id pass of a one-piece load: an event without a usable id is not
        // checked further (its other problems would only add noise).
        let Some(id) = self
            .out
            .problems
            .req_str(std::mem::take(&mut e.id), &path, "id")
        else {
            return;
        };
        let (event, draft) = self.checked(e, id, &path, at);
        self.out.events.push(event);
        self.out.drafts.push(draft);
    }

    fn checked(&mut self, e: RawEvent, id: String, path: &str, at: usize) -> (Event, Draft) {
        use std::fmt::Write as _;
        let mut p = Problems::default();
        let refs = self.stage.refs;
        let date = p
            .req_str(e.date, path, "date")
            .and_then(|d| date(&mut p, &d, path, "date"));
        let title = p.req_str(e.title, path, "title").unwrap_or_default();
        let summary = p
            .opt(e.summary, path, "summary", "a string")
            .unwrap_or_default();
        let mut entities = Vec::new();
        for (j, ent) in p.list(e.entities, path, "entities", "an entity id (string)") {
            match refs.entity(&ent) {
                Some(ix) => entities.push(ix),
                None => p.error(
                    format!("{path}.entities[{j}]"),
                    format!("no entity with id \"{ent}\""),
                    suggest(&ent, refs.entities.keys())
                        .or(Some("add it to `entities`, or fix the id".into())),
                ),
            }
        }
        let mut citations = Vec::new();
        let problems_before = p.0.len();
        for (j, c) in p.list(e.citations, path, "citations", "an object") {
            self.scratch.clear();
            let _ = write!(self.scratch, "{path}.citations[{j}]");
            if let Some((source, quote)) = citation(&mut p, c, &self.scratch, &refs) {
                self.queue(source, &quote, at, citations.len(), j);
                citations.push(Citation {
                    source,
                    range: 0..0,
                });
            }
        }
        if citations.is_empty() && p.0.len() == problems_before {
            p.warn(
                path,
                format!("event \"{id}\" cites no source"),
                Some(
                    "add a citation: { \"source\": id, \"quote\": \"verbatim passage\" }"
                        .to_string(),
                ),
            );
        }
        let tags = p
            .list(e.tags, path, "tags", "a string")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        let mut links = Vec::new();
        for (j, l) in p.list(e.links, path, "links", "an object") {
            if let Some(l) = link(&mut p, l, &format!("{path}.links[{j}]"), j) {
                links.push(l);
            }
        }
        let draft = Draft {
            at,
            hash: self.hash(&id),
            links,
            problems: p,
        };
        let event = Event {
            id,
            date: date.unwrap_or(Date::Single(EPOCH)),
            title,
            summary,
            entities,
            citations,
            tags,
            links: Vec::new(),
        };
        (event, draft)
    }
}

/// A citation's source and quote, if both are usable.
fn citation(
    p: &mut Problems,
    c: RawCitation,
    path: &str,
    refs: &Refs,
) -> Option<(SourceIx, String)> {
    let source = p.req_str(c.source, path, "source");
    let quote = p.req_str(c.quote, path, "quote");
    let source = match refs.sources.get(source.as_deref()?) {
        Some(&ix) => ix,
        None => {
            let bad = source.unwrap_or_default();
            p.error(
                join(path, "source"),
                format!("no source with id \"{bad}\""),
                suggest(&bad, refs.sources.keys())
                    .or(Some("add it to `sources`, or fix the id".into())),
            );
            return None;
        }
    };
    Some((source, quote?))
}

fn link(p: &mut Problems, l: RawLink, path: &str, j: usize) -> Option<PendingLink> {
    let to = p.req_str(l.to, path, "to");
    let kind = p.req_str(l.kind, path, "kind");
    Some(PendingLink {
        j,
        to: to?,
        kind: kind.map(|k| LinkKind::parse(&k)),
    })
}

/// One element parsed and checked by a worker of its own, as each element of a file is
/// (for an edit, see `register::check_one`); `None` when it is not a JSON object.
pub(crate) fn parse_one(json: &str, at: usize, stage: &Stage) -> Option<ChunkOut> {
    let mut w = Worker::new(stage, 1, 0);
    w.span(Element::Text(json), at).ok()?;
    Some(w.done())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn job(source: u32) -> QuoteJob {
        QuoteJob {
            draft: 0,
            citation: 0,
            source: SourceIx(source),
            at: 0,
            cit_at: 0,
            arena: 0,
            folded: 0..0,
        }
    }

    proptest! {
        /// Counted or sorted, the order is a stable sort by source.
        #[test]
        fn quotes_are_ordered_by_source_stably(
            picks in proptest::collection::vec(any::<u32>(), 0..300),
            sources in 1usize..2000,
        ) {
            let quotes: Vec<QuoteJob> = picks.iter().map(|&p| job(p % sources as u32)).collect();
            let mut want: Vec<u32> = (0..quotes.len() as u32).collect();
            want.sort_by_key(|&k| quotes[k as usize].source);
            prop_assert_eq!(by_source(&quotes, sources), want);
        }
    }
}
