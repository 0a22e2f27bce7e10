//! Timesketch CSV and JSON lines, to and from a case.
//!
//! Import streams: each row becomes an event as it is read and goes straight to a
//! [`Sink`], so a file of millions of rows imports in bounded memory. The rules are
//! Timesketch's own upload rules: `message`, `datetime` and `timestamp_desc` are required;
//! a CSV without a `datetime` column takes its dates from `timestamp` (seconds, ms, µs or
//! ns by magnitude); a naive datetime is UTC; a row whose datetime cannot be read (or falls
//! outside 1700–9999 in a CSV) is dropped, counted, and the rest import.
//!
//! Each event cites its row's message verbatim in one synthetic source
//! (`sources/timesketch.txt`, one message per line). Ids are a hash of (datetime,
//! timestamp_desc, message), with `-2`, `-3` for repeats (the same record in several
//! timelines). `__ts_star` labels become bookmarks. Rows that caseboard exported carry
//! `caseboard_id`, `edtf`, `title`, entities and links, which come back as they were.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Read};

use chrono::{Datelike, NaiveDate};

use sha2::{Digest, Sha256};

use super::Format;
use super::dates::{Instant, from_epoch, parse_iso};
use super::newcase::{
    Collect, NewCase, NewCitation, NewEntity, NewEvent, NewLink, NewSource, Sink,
};
use super::report::{At, Report};
use super::text::{UniqueIds, slug, title_from};
use crate::case::date::Date;

pub mod export;
mod read;

use read::{read_csv, read_jsonl};

/// Events per synthetic source. A source of a million similar messages makes every quote
/// slow to find; a thousand per source is what generated cases have.
pub const CHUNK: usize = 1000;

/// The id of synthetic source number `k` (0-based): `timesketch`, `timesketch-2`, …
fn source_id(k: usize) -> String {
    if k == 0 {
        "timesketch".into()
    } else {
        format!("timesketch-{}", k + 1)
    }
}

/// The file of synthetic source number `k`.
fn source_file(k: usize) -> String {
    format!("sources/{}.txt", source_id(k))
}

/// Fields read into the event (anything else is an extra field, counted as lost).
pub(super) const KNOWN: &[&str] = &[
    "message",
    "datetime",
    "timestamp",
    "timestamp_desc",
    "data_type",
    "parser",
    "tag",
    "label",
    "comment",
    "caseboard_id",
    "edtf",
    "title",
    "entities",
    "entity_ids",
    "entity_kinds",
    "links",
    "link_kinds",
];

/// Fields Timesketch itself removes on upload.
const RESERVED: &[&str] = &["_id", "_type", "_index", "_source", "__ts_timeline_id"];

/// One row, whichever form it came in.
#[derive(Default)]
pub(super) struct Row<'a> {
    pub(super) message: Option<Cow<'a, str>>,
    pub(super) datetime: Option<Cow<'a, str>>,
    pub(super) timestamp: Option<Cow<'a, str>>,
    pub(super) desc: Option<Cow<'a, str>>,
    pub(super) data_type: Option<Cow<'a, str>>,
    pub(super) parser: Option<Cow<'a, str>>,
    pub(super) tag: Vec<String>,
    pub(super) label: Vec<String>,
    pub(super) comment: Vec<String>,
    pub(super) caseboard_id: Option<Cow<'a, str>>,
    pub(super) edtf: Option<Cow<'a, str>>,
    pub(super) title: Option<Cow<'a, str>>,
    pub(super) entities: Vec<String>,
    pub(super) entity_ids: Vec<String>,
    pub(super) entity_kinds: Vec<String>,
    pub(super) links: Vec<String>,
    pub(super) link_kinds: Vec<String>,
}

/// The event id for a row without `caseboard_id`: a hash of what identifies it.
fn content_id(datetime: &str, desc: &str, message: &str) -> String {
    let mut h = Sha256::new();
    for part in [datetime, desc, message] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    let d = h.finalize();
    let hex: String = d[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("ts-{hex}")
}

/// The state of one import.
pub(super) struct Importer<'s> {
    sink: &'s mut dyn Sink,
    csv: bool,
    report: Report,
    ids: UniqueIds,
    /// caseboard ids seen, so an interval's end row joins its start row.
    caseboard_ids: UniqueIds,
    entities: Vec<NewEntity>,
    entity_ids: HashSet<String>,
    bookmarks: Vec<String>,
    notes: Vec<(String, String)>,
    /// Links whose target may come later: (from, to).
    links_pending: Vec<(String, String)>,
    pub(super) extra: HashMap<String, usize>,
    events: usize,
    /// The synthetic source being written, and how many events cite it so far.
    chunk: usize,
    in_chunk: usize,
    cited: usize,
    fractions: usize,
    naive: usize,
    ev: NewEvent,
    text: String,
}

impl Importer<'_> {
    pub(super) fn skip(&mut self, why: &str, line: u64) {
        self.report.skip(why, At::Line(line));
    }

    /// The row's instant, or why the row is dropped.
    fn instant(&mut self, row: &Row) -> Result<Instant, &'static str> {
        let dt = row
            .datetime
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let ts = row
            .timestamp
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let inst = match (dt, ts) {
            (Some(d), _) => {
                let numeric = d.parse::<f64>().ok().filter(|n| *n > 1e15);
                match numeric {
                    Some(n) => from_epoch(n as i64).ok_or("invalid datetime")?,
                    None => parse_iso(d).ok_or("invalid datetime")?,
                }
            }
            (None, Some(t)) if row.datetime.is_none() => {
                let n: i64 = t
                    .parse::<i64>()
                    .or_else(|_| t.parse::<f64>().map(|f| f as i64))
                    .map_err(|_| "no datetime and a timestamp that is not a number")?;
                if !self.csv {
                    self.report.note(
                        "JSON lines without a datetime: the timestamp's first ten digits are \
                         read as seconds in UTC (Timesketch uses its server's local time).",
                    );
                }
                from_epoch(if self.csv { n } else { first_ten(n) })
                    .ok_or("timestamp out of range")?
            }
            (None, _) => return Err("no datetime (empty or blank)"),
        };
        if self.csv && !(1700..=9999).contains(&inst.utc.year()) {
            return Err("datetime outside 1700–9999 (Timesketch drops these)");
        }
        Ok(inst)
    }

    pub(super) fn row(&mut self, row: Row, line: u64) -> io::Result<()> {
        let Some(message) = row.message.as_deref() else {
            self.skip("no message", line);
            return Ok(());
        };
        let Some(desc) = row.desc.as_deref().filter(|d| !d.trim().is_empty()) else {
            self.skip("no timestamp_desc", line);
            return Ok(());
        };
        let inst = match self.instant(&row) {
            Ok(i) => i,
            Err(why) => {
                self.skip(why, line);
                return Ok(());
            }
        };
        self.fractions += usize::from(inst.fraction);
        self.naive += usize::from(inst.naive);
        let cb_id = row.caseboard_id.as_deref().filter(|s| !s.is_empty());
        if let Some(id) = cb_id
            && !self.caseboard_ids.take(id)
            && desc == "Event end"
        {
            // The end row of an interval whose start row came first.
            return Ok(());
        }
        let mut ev = std::mem::take(&mut self.ev);
        ev.entities.clear();
        ev.citations.clear();
        ev.tags.clear();
        ev.links.clear();
        let base = match cb_id {
            Some(id) => id.to_string(),
            None => content_id(row.datetime.as_deref().unwrap_or_default(), desc, message),
        };
        ev.id = self.ids.unique(&base);
        if ev.id != base {
            self.report.lose(
                "repeated rows (same datetime, description and message; ids get -2, -3, …)",
                Some(At::Line(line)),
            );
        }
        ev.date = inst.edtf_seconds();
        if let Some(edtf) = row.edtf.as_deref() {
            match Date::parse(edtf) {
                Ok(d) if d.anchor().start() == inst.timestamp() => ev.date = d.to_string(),
                _ => self.report.lose(
                    "edtf fields that disagree with the datetime (the datetime was used)",
                    Some(At::Line(line)),
                ),
            }
        }
        let msg = message.trim();
        match row.title.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(t) => {
                ev.title = t.to_string();
                let rest = msg
                    .strip_prefix(t)
                    .map(|r| r.strip_prefix(" — ").unwrap_or(r));
                ev.summary = rest.unwrap_or(msg).trim().to_string();
            }
            None => {
                ev.title = title_from(msg, 80).unwrap_or_else(|| "(no message)".into());
                ev.summary = if ev.title == msg {
                    String::new()
                } else {
                    msg.to_string()
                };
            }
        }
        if inst.fraction && cb_id.is_none() {
            let full = row
                .datetime
                .as_deref()
                .or(row.timestamp.as_deref())
                .unwrap_or_default();
            if !ev.summary.is_empty() {
                ev.summary.push_str("\n\n");
            }
            ev.summary
                .push_str(&format!("Time in the file: {}", full.trim()));
        }
        let mut tags: Vec<&str> = Vec::new();
        if cb_id.is_none() {
            tags.push(desc);
            tags.extend(row.data_type.as_deref());
            tags.extend(row.parser.as_deref());
        }
        tags.extend(row.tag.iter().map(String::as_str));
        for t in tags.into_iter().map(str::trim).filter(|t| !t.is_empty()) {
            if !ev.tags.iter().any(|x| x == t) {
                ev.tags.push(t.to_string());
            }
        }
        if !msg.is_empty() {
            if self.in_chunk == CHUNK {
                self.chunk += 1;
                self.in_chunk = 0;
            }
            self.in_chunk += 1;
            self.cited += 1;
            ev.citations.push(NewCitation {
                source: source_id(self.chunk),
                quote: msg.to_string(),
            });
            self.text.clear();
            self.text.push_str(msg);
            self.text.push('\n');
            self.sink
                .source_text(self.chunk, &source_file(self.chunk), &self.text)?;
        }
        for (i, id) in row.entity_ids.iter().enumerate() {
            if !self.entity_ids.contains(id) {
                let name = row
                    .entities
                    .get(i)
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or(id);
                let kind = row
                    .entity_kinds
                    .get(i)
                    .map(String::as_str)
                    .unwrap_or("other");
                let kind = crate::case::EntityKind::parse(kind).map_or("other", |k| k.as_str());
                self.entity_ids.insert(id.clone());
                self.entities.push(NewEntity {
                    id: id.clone(),
                    name: name.clone(),
                    kind: kind.into(),
                    ..NewEntity::default()
                });
            }
            ev.entities.push(id.clone());
        }
        if cb_id.is_none() && !row.entities.is_empty() {
            self.report
                .lose("entity names without ids", Some(At::Line(line)));
        }
        for (i, to) in row.links.iter().enumerate() {
            let kind = row
                .link_kinds
                .get(i)
                .cloned()
                .unwrap_or_else(|| "related".into());
            ev.links.push(NewLink {
                to: to.clone(),
                kind,
            });
            self.links_pending.push((ev.id.clone(), to.clone()));
        }
        if row.label.iter().any(|l| l == "__ts_star") {
            self.bookmarks.push(ev.id.clone());
        }
        let note: Vec<&str> = row
            .comment
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if !note.is_empty() {
            self.notes.push((ev.id.clone(), note.join("\n\n")));
        }
        self.sink.event(&ev)?;
        self.events += 1;
        self.ev = ev;
        Ok(())
    }
}

/// `str(timestamp)[:10]` as Timesketch's JSON lines reader takes it: seconds.
fn first_ten(n: i64) -> i64 {
    let s = n.to_string();
    let digits = if n < 0 { 11 } else { 10 };
    s.get(..digits.min(s.len()))
        .and_then(|p| p.parse().ok())
        .unwrap_or(n)
}

/// Why an import stopped (the file as a whole, not one row).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Format(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Imports Timesketch CSV (`csv`) or JSON lines from `input`, streaming events into `sink`.
/// Returns the case's head (its one source and the entities; the events went to the sink)
/// and the report. `today` dates the synthetic source.
pub fn import_stream(
    input: impl Read,
    csv: bool,
    file_name: &str,
    today: NaiveDate,
    sink: &mut dyn Sink,
) -> Result<(NewCase, Report), ImportError> {
    let format = if csv {
        Format::TimesketchCsv
    } else {
        Format::Timesketch
    };
    let mut imp = Importer {
        sink,
        csv,
        report: Report::new(format!("imported {file_name} ({})", format.label())),
        ids: UniqueIds::default(),
        caseboard_ids: UniqueIds::default(),
        entities: Vec::new(),
        entity_ids: HashSet::new(),
        bookmarks: Vec::new(),
        notes: Vec::new(),
        links_pending: Vec::new(),
        extra: HashMap::new(),
        events: 0,
        chunk: 0,
        in_chunk: 0,
        cited: 0,
        fractions: 0,
        naive: 0,
        ev: NewEvent::default(),
        text: String::new(),
    };
    if csv {
        read_csv(input, &mut imp)?;
    } else {
        read_jsonl(input, &mut imp)?;
    }
    finish(imp, file_name, today)
}

fn finish(
    imp: Importer,
    file_name: &str,
    today: NaiveDate,
) -> Result<(NewCase, Report), ImportError> {
    let mut report = imp.report;
    // A link to an event the file does not have cannot be written; they are rare (only
    // an edited export has them), so the case is refused rather than rewritten.
    let dangling: Vec<&(String, String)> = imp
        .links_pending
        .iter()
        .filter(|(_, to)| !imp.ids.contains(to))
        .collect();
    if let Some((from, to)) = dangling.first() {
        let n = dangling.len();
        return Err(ImportError::Format(format!(
            "{} to events the file does not have (first: {from} → {to}); remove {} from the \
             file's `links` fields",
            crate::text::count(n, "link points", "links point"),
            crate::text::plural(n, "it", "them"),
        )));
    }
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    let mut case = NewCase::new(
        {
            let s = slug(stem, 60);
            if s.is_empty() {
                "timesketch-import".into()
            } else {
                s
            }
        },
        format!("Timesketch import: {file_name}"),
    );
    case.summary = format!(
        "{} imported from the Timesketch file {file_name}. Each event cites its row's \
         message in a source holding the file's messages.",
        crate::text::count(imp.events, "event", "events")
    );
    let chunks = imp.chunk + 1;
    for k in 0..chunks {
        let (title, which) = if chunks == 1 {
            (format!("{file_name} (messages)"), String::new())
        } else {
            let (from, to) = (k * CHUNK + 1, (k * CHUNK + CHUNK).min(imp.cited));
            (
                format!("{file_name} (messages {from}–{to})"),
                format!(" This source holds the messages of cited events {from} to {to}."),
            )
        };
        case.sources.push(NewSource {
            id: source_id(k),
            title,
            publisher: "Timesketch import".into(),
            published: format!("../{today}"),
            file: source_file(k),
            note: Some(format!(
                "Written by caseboard import from {file_name}: each row's message on its own \
                 line, in file order.{which}"
            )),
            ..NewSource::default()
        });
    }
    case.entities = imp.entities;
    case.state.bookmarks = imp.bookmarks;
    case.state.notes = imp.notes;
    report.count("events", imp.events);
    report.count("entities", case.entities.len());
    report.count("bookmarks (from __ts_star)", case.state.bookmarks.len());
    if !case.state.notes.is_empty() {
        report.count("notes", case.state.notes.len());
    }
    let mut extra: Vec<(String, usize)> = imp.extra.into_iter().collect();
    extra.sort();
    for (name, n) in extra {
        let why = if RESERVED.contains(&name.as_str()) {
            format!("Timesketch's own field `{name}` (rows)")
        } else {
            format!("extra field `{name}` (rows)")
        };
        report.lose_n(&why, n);
    }
    report.lose_n(
        "fractions of a second (the summary keeps the full time)",
        imp.fractions,
    );
    if imp.naive > 0 {
        report.note(format!(
            "{} no time zone and {} read as UTC, as Timesketch does.",
            crate::text::count(imp.naive, "datetime had", "datetimes had"),
            crate::text::plural(imp.naive, "was", "were"),
        ));
    }
    report.note("Dates are in UTC, to the second.");
    Ok((case, report))
}

/// Imports a whole file held in memory (for small files and tests).
pub fn import(
    bytes: &[u8],
    csv: bool,
    file_name: &str,
    today: NaiveDate,
) -> Result<(NewCase, Report), ImportError> {
    let mut sink = Collect::default();
    let (head, report) = import_stream(bytes, csv, file_name, today, &mut sink)?;
    Ok((sink.into_case(head), report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ids_are_stable() {
        assert_eq!(content_id("d", "t", "m"), content_id("d", "t", "m"));
        assert_ne!(content_id("d", "t", "m"), content_id("d", "tm", ""));
        assert_eq!(content_id("d", "t", "m").len(), 19);
    }

    #[test]
    fn first_ten_digits() {
        assert_eq!(first_ten(1_642_892_863_502_205), 1_642_892_863);
        assert_eq!(first_ten(123_456_789), 123_456_789);
    }
}
