//! The events stage of loading: every element of `events` parsed, checked and turned
//! into an [`Event`] on all cores; then ids registered in file order, links resolved,
//! and every quote found in its source (see `quotes`).
//!
//! Most events of a real file are well formed, so each is first parsed into plain
//! borrowing types ([`FastEvent`]) and accepted only when every check passes. Anything
//! else is parsed again as a tolerant [`RawEvent`] and checked field by field, which
//! reports every problem. Both paths build the same event from the same text.

use std::ops::Range;

use rayon::prelude::*;

use super::date::Date;
use super::fast;
use super::fold::fold_quote_into;
use super::load::Files;
use super::model::*;
use super::quotes::{QuoteJob, match_quotes, quote_not_found};
use super::raw::{FastEvent, Field, Object, RawCitation, RawEvent, RawLink};
use super::stream::Batch;
use super::validate::*;

/// Events per unit of parallel work.
const CHUNK: usize = 2048;

/// How the elements of `events` arrive.
pub(super) enum Elements<'a> {
    /// Byte ranges of the case file, parsed here.
    Spans {
        json: &'a [u8],
        spans: Vec<Range<usize>>,
    },
    /// Already parsed, when the file had to be read in one piece.
    Parsed(Vec<Field<RawEvent>>),
}

/// What every worker reads.
pub(super) struct Stage<'a> {
    pub(super) refs: Refs<'a>,
    /// Whether each source's text is usable; quotes into the others are not checked
    /// (the source's own error says why).
    pub(super) usable: &'a [bool],
    /// How event ids are hashed: each worker hashes its events' ids.
    pub(super) event_hasher: &'a IdHasher,
}

/// A link whose target is resolved once every id is known.
struct PendingLink {
    /// Index in the event's `links` array.
    j: usize,
    to: String,
    /// `None` when `kind` was missing or wrong (already reported).
    kind: Option<LinkKind>,
}

/// What registering an event built by a worker needs besides the event.
struct Draft {
    /// Index in the `events` array.
    at: usize,
    /// The hash of the event's id.
    hash: u64,
    links: Vec<PendingLink>,
    /// This event's own problems: dropped with it if its id is a repeat.
    problems: Problems,
}

/// One chunk's work: its events, the problems of elements that have no usable id, and
/// the quotes to find.
pub(super) struct ChunkOut {
    /// The events built, and beside each (at the same position) its draft.
    events: Vec<Event>,
    drafts: Vec<Draft>,
    problems: Problems,
    /// The quotes to find, ordered by source once the chunk is done.
    quotes: Vec<QuoteJob>,
    /// Every quote of the chunk, folded, end to end (in the order of `quotes`).
    arena: String,
}

/// An element that is not valid JSON (or not what serde expects at all): the caller
/// parses the whole file to say where.
pub(super) struct Unparsable;

/// The events of the case, their ids, and every problem found in them.
pub(super) struct EventsOut {
    pub(super) events: Vec<Event>,
    pub(super) ids: EventIds,
}

/// Every element parsed and checked, in chunks on all cores.
pub(super) fn parse(elements: Elements, stage: &Stage) -> Result<Parsed, Unparsable> {
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
pub(super) fn parse_batch(
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
pub(super) struct Parsed(pub(super) Vec<ChunkOut>);

/// Registers ids in file order, resolves links and finds quotes (the quotes while the
/// ids are registered). With `partial` (a preview of the first events), a link to an
/// event not among them is left out.
pub(super) fn finish(
    Parsed(outs): Parsed,
    hasher: IdHasher,
    sources: &[Source],
    files: &dyn Files,
    p: &mut Problems,
    partial: bool,
) -> EventsOut {
    let mut quotes = Vec::with_capacity(outs.iter().map(|o| o.quotes.len()).sum());
    let mut arenas = Vec::with_capacity(outs.len());
    let mut chunks = Vec::with_capacity(outs.len());
    for out in outs {
        quotes.extend(out.quotes);
        arenas.push(out.arena);
        chunks.push((out.events, out.drafts, out.problems));
    }
    let (registered, matched) = rayon::join(
        || register_events(chunks, hasher, p, partial),
        || match_quotes(sources, &arenas, &quotes),
    );
    drop(arenas);
    let Registered {
        mut events,
        ids,
        kept,
    } = registered;
    // Where a job's event went; the quotes of an event whose id is a repeat are not its
    // case's.
    let event_of = |job: &QuoteJob| match kept[job.arena as usize][job.draft as usize] {
        u32::MAX => None,
        ix => Some(ix as usize),
    };
    // In job order, which is file order: the events are read front to back.
    for (k, job) in quotes.iter().enumerate() {
        if let Some(ix) = event_of(job)
            && let Some(range) = matched.range(k)
        {
            events[ix].citations[job.citation as usize].range = range;
        }
    }
    // Problems are put in file order when they are located.
    for (k, closest) in matched.missed {
        let job = &quotes[k];
        if event_of(job).is_some() {
            quote_not_found(p, job, closest, &sources[job.source.get()], files);
        }
    }
    EventsOut { events, ids }
}

/// The events whose ids were registered, and for each chunk, where each of its drafts
/// went in `events` (`u32::MAX` for a repeated id).
struct Registered {
    events: Vec<Event>,
    ids: EventIds,
    kept: Vec<Vec<u32>>,
}

/// Registers every draft's id in file order (the first of a repeated id wins), then
/// resolves links on every core.
fn register_events(
    chunks: Vec<(Vec<Event>, Vec<Draft>, Problems)>,
    hasher: IdHasher,
    p: &mut Problems,
    partial: bool,
) -> Registered {
    let n = chunks.iter().map(|(events, _, _)| events.len()).sum();
    let mut ids = EventIds::with_capacity(n, hasher);
    // Each registered event's index in the `events` array, for messages.
    let mut at = Vec::with_capacity(n);
    let mut events = Vec::with_capacity(n);
    let mut pending = Vec::new();
    let mut kept = Vec::with_capacity(chunks.len());
    for (mut built, drafts, problems) in chunks {
        p.0.extend(problems.0);
        // The chunk is moved in whole, and its ids registered where they now are.
        let base = events.len();
        events.append(&mut built);
        let repeat = (0..drafts.len()).position(|k| {
            ids.insert(&events, EventIx((base + k) as u32), drafts[k].hash)
                .is_err()
        });
        let mut chunk_kept = Vec::with_capacity(drafts.len());
        if let Some(k) = repeat {
            // A repeated id: the chunk is taken back out and registered event by event.
            for (j, d) in drafts[..k].iter().enumerate() {
                ids.remove(EventIx((base + j) as u32), d.hash);
            }
            built = events.split_off(base);
            for (event, d) in built.into_iter().zip(drafts) {
                // In the list first: the table compares ids where the events hold them.
                let ix = EventIx(events.len() as u32);
                events.push(event);
                if let Err(first) = ids.insert(&events, ix, d.hash) {
                    let event = events.pop().expect("just pushed");
                    let path = format!("events[{}]", d.at);
                    duplicate_id(p, &path, &event.id, "events", at[first.get()]);
                    chunk_kept.push(u32::MAX);
                    continue;
                }
                chunk_kept.push(ix.0);
                registered(d, ix, &mut at, p, &mut pending);
            }
        } else {
            for (k, d) in drafts.into_iter().enumerate() {
                let ix = EventIx((base + k) as u32);
                chunk_kept.push(ix.0);
                registered(d, ix, &mut at, p, &mut pending);
            }
        }
        kept.push(chunk_kept);
    }
    // Resolved on every core, then kept in file order.
    let resolved: Vec<(usize, Vec<Link>, Problems)> = pending
        .into_par_iter()
        .map(|(ix, at, links)| {
            let find = |id: &str| ids.get(&events, id);
            let (links, problems) = resolve_links(&events, find, ix, at, links, partial);
            (ix, links, problems)
        })
        .collect();
    for (ix, links, problems) in resolved {
        events[ix].links = links;
        p.0.extend(problems.0);
    }
    Registered { events, ids, kept }
}

/// Event `ix`'s links (it is `events[at]` in the file), resolved to the events they
/// name, and the problems with them.
fn resolve_links(
    events: &[Event],
    find: impl Fn(&str) -> Option<EventIx>,
    ix: usize,
    at: usize,
    links: Vec<PendingLink>,
    partial: bool,
) -> (Vec<Link>, Problems) {
    let mut p = Problems::default();
    let mut out = Vec::with_capacity(links.len());
    let path = |j| format!("events[{at}].links[{j}].to");
    for l in links {
        let Some(to) = find(&l.to) else {
            if !partial {
                p.error(
                    path(l.j),
                    format!("no event with id \"{}\"", l.to),
                    suggest(&l.to, events.iter().map(|e| &e.id))
                        .or(Some("link to an event id in this case".into())),
                );
            }
            continue;
        };
        if to.get() == ix {
            p.error(path(l.j), "an event cannot link to itself", None);
            continue;
        }
        if let Some(kind) = l.kind {
            out.push(Link { to, kind });
        }
    }
    (out, p)
}

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

/// Keeps what a registered event's draft says: where it is in the file, its problems,
/// its links to resolve.
fn registered(
    d: Draft,
    ix: EventIx,
    at: &mut Vec<usize>,
    p: &mut Problems,
    pending: &mut Vec<(usize, usize, Vec<PendingLink>)>,
) {
    at.push(d.at);
    p.0.extend(d.problems.0);
    if !d.links.is_empty() {
        pending.push((ix.get(), d.at, d.links));
    }
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

/// One event checked exactly as this stage checks each element of a file, against a
/// case already loaded (for an edit): `json` is the element, `at` its index in `events`,
/// `ix` the position it takes in `events` (its own, or one past the end for a new
/// event), `find` the case's events by id (the new one included). Quotes are found in
/// `sources`, links resolved. The event, if it has a usable id, and every problem.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_one(
    json: &str,
    at: usize,
    ix: EventIx,
    stage: &Stage,
    events: &[Event],
    find: impl Fn(&str) -> Option<EventIx>,
    sources: &[Source],
    files: &dyn Files,
) -> (Option<Event>, Problems) {
    let mut w = Worker::new(stage, 1, 0);
    if w.span(Element::Text(json), at).is_err() {
        let mut p = Problems::default();
        p.error(format!("events[{at}]"), "not a JSON object", None);
        return (None, p);
    }
    let mut out = w.done();
    let mut p = std::mem::take(&mut out.problems);
    let (Some(mut event), Some(draft)) = (out.events.pop(), out.drafts.pop()) else {
        return (None, p);
    };
    p.0.extend(draft.problems.0);
    let matched = match_quotes(sources, std::slice::from_ref(&out.arena), &out.quotes);
    for (k, job) in out.quotes.iter().enumerate() {
        if let Some(range) = matched.range(k) {
            event.citations[job.citation as usize].range = range;
        }
    }
    for (k, closest) in matched.missed {
        let job = &out.quotes[k];
        quote_not_found(&mut p, job, closest, &sources[job.source.get()], files);
    }
    let (links, problems) = resolve_links(events, find, ix.get(), at, draft.links, false);
    event.links = links;
    p.0.extend(problems.0);
    (Some(event), p)
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
