//! Finishing the events stage once every chunk is parsed: ids registered in file order
//! (the first of a repeated id wins), links resolved on every core, and the quotes found
//! in their sources meanwhile (see `quotes`).

use rayon::prelude::*;

use super::checks::{Problems, duplicate_id, suggest};
use super::events::{Draft, Parsed, PendingLink, Stage, parse_one};
use super::quotes::{QuoteJob, match_quotes, quote_not_found};
use crate::case::load::files::Files;
use crate::case::model::*;

/// The events of the case and their ids.
pub(crate) struct EventsOut {
    pub(crate) events: Vec<Event>,
    pub(crate) ids: EventIds,
}

/// Registers ids in file order, resolves links and finds quotes (the quotes while the
/// ids are registered). With `partial` (a preview of the first events), a link to an
/// event not among them is left out.
pub(crate) fn finish(
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
pub(crate) fn resolve_links(
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

/// One event checked exactly as this stage checks each element of a file, against a
/// case already loaded (for an edit): `json` is the element, `at` its index in `events`,
/// `ix` the position it takes in `events` (its own, or one past the end for a new
/// event), `find` the case's events by id (the new one included). Quotes are found in
/// `sources`, links resolved. The event, if it has a usable id, and every problem.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_one(
    json: &str,
    at: usize,
    ix: EventIx,
    stage: &Stage,
    events: &[Event],
    find: impl Fn(&str) -> Option<EventIx>,
    sources: &[Source],
    files: &dyn Files,
) -> (Option<Event>, Problems) {
    let Some(mut out) = parse_one(json, at, stage) else {
        let mut p = Problems::default();
        p.error(format!("events[{at}]"), "not a JSON object", None);
        return (None, p);
    };
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
