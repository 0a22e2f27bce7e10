//! case.json as the user wrote it, kept for writing back: the file's bytes (shared, never
//! copied), each record's byte range in them, and as JSON objects only the records this
//! session added or changed. A million-event case is held as one buffer and a range per
//! record, not as a million JSON values.
//!
//! The bytes held are always in the canonical layout (see [`super::layout`]): a file in
//! another layout is laid out anew once, when it is opened, and [`Layout::Rewritten`]
//! says so; the first save then rewrites it.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::layout::{is_canonical, pretty_at};
use crate::case::load::split::members::members;

/// One of the case's lists of records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Sources,
    Entities,
    Events,
}

impl List {
    /// Every list, in the order the model declares them.
    pub const ALL: [List; 3] = [List::Sources, List::Entities, List::Events];

    /// The list's key in case.json.
    pub fn key(self) -> &'static str {
        match self {
            List::Sources => "sources",
            List::Entities => "entities",
            List::Events => "events",
        }
    }

    /// One record of the list, in words ("event").
    pub fn noun(self) -> &'static str {
        match self {
            List::Sources => "source",
            List::Entities => "entity",
            List::Events => "event",
        }
    }

    /// One record of the list with its article ("an event").
    pub fn a_noun(self) -> &'static str {
        match self {
            List::Sources => "a source",
            List::Entities => "an entity",
            List::Events => "an event",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// The top-level fields in the order the model declares them: new ones are put there.
pub(super) const CASE_ORDER: [&str; 7] = [
    "format", "id", "title", "summary", "sources", "entities", "events",
];

/// How the file was laid out when it was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Already canonical: saving with no edit writes the same bytes.
    Canonical,
    /// In another layout (one record per line, other indents, escapes serde_json does
    /// not write, …): the next save writes the whole file in the canonical layout once,
    /// so that diff is large; after it, diffs are minimal.
    Rewritten,
}

/// A record: its range in the shared bytes, or a JSON object the session made.
#[derive(Clone, Debug)]
pub(super) enum Slot {
    Span(Range<usize>),
    Json(Arc<Map<String, Value>>),
}

/// A top-level member, in file order.
#[derive(Clone, Debug)]
pub(super) enum Member {
    Value(String, Value),
    List(List),
}

/// The document: shared canonical bytes, the top level, and each list's records.
#[derive(Clone, Debug)]
pub(super) struct Document {
    /// The canonical bytes (an `Arc<Vec>`: the file's bytes as read, never copied).
    base: Arc<Vec<u8>>,
    members: Vec<Member>,
    lists: [Vec<Slot>; 3],
}

/// Why a file cannot be taken apart for editing.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LayoutError(pub String);

impl Document {
    /// Takes `bytes` (a whole case.json) apart, laying it out anew if it is not in the
    /// canonical layout.
    pub(super) fn open(bytes: Vec<u8>) -> Result<(Document, Layout), LayoutError> {
        let base = Arc::new(bytes);
        if let Some(doc) = Document::canonical_split(&base)
            && doc.is_canonical()
        {
            return Ok((doc, Layout::Canonical));
        }
        let bytes = Arc::try_unwrap(base).expect("no other holder yet");
        let keys = List::ALL.map(List::key);
        if let Some(parts) = members(&bytes, &keys) {
            let base = Arc::new(bytes);
            let mut doc = Document {
                base: Arc::clone(&base),
                members: Vec::with_capacity(parts.len()),
                lists: Default::default(),
            };
            for m in parts {
                match (List::ALL.into_iter().find(|l| l.key() == m.key), m.elements) {
                    (Some(list), Some(elements)) => {
                        doc.lists[list.slot()] = elements.into_iter().map(Slot::Span).collect();
                        doc.members.push(Member::List(list));
                    }
                    _ => {
                        let value = serde_json::from_slice(&base[m.value])
                            .map_err(|e| LayoutError(format!("invalid JSON: {e}")))?;
                        doc.members.push(Member::Value(m.key, value));
                    }
                }
            }
            if doc.is_canonical() {
                return Ok((doc, Layout::Canonical));
            }
            return Ok((doc.relaid(), Layout::Rewritten));
        }
        // Not shaped as the splitter expects (an escaped key, a repeated key): read whole.
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| LayoutError(format!("invalid JSON: {e}")))?;
        let Value::Object(top) = value else {
            return Err(LayoutError("the case file is not a JSON object".into()));
        };
        let mut doc = Document {
            base: Arc::new(Vec::new()),
            members: Vec::new(),
            lists: Default::default(),
        };
        for (key, value) in top {
            match (List::ALL.into_iter().find(|l| l.key() == key), value) {
                (Some(list), Value::Array(items)) => {
                    for (i, v) in items.into_iter().enumerate() {
                        let Value::Object(m) = v else {
                            return Err(LayoutError(format!(
                                "{}[{i}] is not an object",
                                list.key()
                            )));
                        };
                        doc.lists[list.slot()].push(Slot::Json(Arc::new(m)));
                    }
                    doc.members.push(Member::List(list));
                }
                (_, value) => doc.members.push(Member::Value(key, value)),
            }
        }
        Ok((doc.relaid(), Layout::Rewritten))
    }

    /// Takes apart a file already in the canonical layout without reading it token by
    /// token: there, a line of two spaces and a quote starts a top-level member, and a
    /// line of four spaces and `}` ends a record (strings hold no raw line breaks). `None`
    /// when the file does not look that way; a file that only looks so is caught by
    /// [`Document::is_canonical`], which the caller asks next.
    fn canonical_split(base: &Arc<Vec<u8>>) -> Option<Document> {
        use memchr::memmem;
        let b: &[u8] = base;
        if !b.starts_with(b"{\n  \"") || !b.ends_with(b"\n}\n") {
            return None;
        }
        let body_end = b.len() - 3;
        let starts: Vec<usize> = memmem::find_iter(&b[..body_end], b"\n  \"")
            .map(|p| p + 3)
            .collect();
        let mut doc = Document {
            base: Arc::clone(base),
            members: Vec::with_capacity(starts.len()),
            lists: Default::default(),
        };
        for (k, &start) in starts.iter().enumerate() {
            // The member runs to the comma before the next one, or to the end.
            let end = match starts.get(k + 1) {
                Some(&next) => next - 4,
                None => body_end,
            };
            if k + 1 < starts.len() && b[end] != b',' {
                return None;
            }
            let mut de = serde_json::Deserializer::from_slice(&b[start..end]).into_iter::<String>();
            let key = de.next()?.ok()?;
            let value_start = start + de.byte_offset() + 2;
            if b.get(value_start - 2..value_start)? != b": " {
                return None;
            }
            let value = &b[value_start..end];
            match List::ALL.into_iter().find(|l| l.key() == key) {
                Some(list) if value == b"[]" => doc.members.push(Member::List(list)),
                Some(list) if value.starts_with(b"[\n    {") && value.ends_with(b"}\n  ]") => {
                    let first = value_start + 6; // after "[\n    "
                    let mut from = first;
                    let mut slots = Vec::new();
                    for close in memmem::find_iter(&b[first..end], b"\n    }") {
                        let stop = first + close + 6;
                        slots.push(Slot::Span(from..stop));
                        from = stop + 6; // ",\n    " before the next record
                    }
                    doc.lists[list.slot()] = slots;
                    doc.members.push(Member::List(list));
                }
                _ => {
                    let v = serde_json::from_slice(value).ok()?;
                    doc.members.push(Member::Value(key, v));
                }
            }
        }
        Some(doc)
    }

    /// Whether the bytes held are exactly what the writer writes.
    fn is_canonical(&self) -> bool {
        let records_ok = self.lists.iter().all(|slots| {
            slots.par_iter().all(|s| match s {
                Slot::Span(r) => is_canonical(&self.base[r.clone()], 2),
                Slot::Json(_) => true,
            })
        });
        if !records_ok {
            return false;
        }
        let mut same = Compare {
            expect: &self.base,
            at: 0,
            same: true,
        };
        self.snapshot().write(&mut same).is_ok() && same.same && same.at == self.base.len()
    }

    /// The same document with every record written in the canonical layout into new
    /// shared bytes (on every core).
    fn relaid(self) -> Document {
        const CHUNK: usize = 4096;
        let mut buf = Vec::new();
        let mut lists: [Vec<Slot>; 3] = Default::default();
        for list in List::ALL {
            let slots = &self.lists[list.slot()];
            let chunks: Vec<(String, Vec<usize>)> = slots
                .par_chunks(CHUNK)
                .map(|chunk| {
                    let mut text = String::new();
                    let mut ends = Vec::with_capacity(chunk.len());
                    for s in chunk {
                        text.push_str(&self.slot_text(s));
                        ends.push(text.len());
                    }
                    (text, ends)
                })
                .collect();
            for (text, ends) in chunks {
                let at = buf.len();
                let mut start = at;
                for end in ends {
                    lists[list.slot()].push(Slot::Span(start..at + end));
                    start = at + end;
                }
                buf.extend_from_slice(text.as_bytes());
            }
        }
        Document {
            base: Arc::new(buf),
            members: self.members,
            lists,
        }
    }

    /// A record's canonical text at depth 2.
    fn slot_text(&self, s: &Slot) -> String {
        slot_text(&self.base, s)
    }

    /// How many records `list` has.
    pub(super) fn len(&self, list: List) -> usize {
        self.lists[list.slot()].len()
    }

    /// Record `i` of `list` as a JSON object.
    pub(super) fn record(&self, list: List, i: usize) -> Map<String, Value> {
        match &self.lists[list.slot()][i] {
            Slot::Json(m) => (**m).clone(),
            Slot::Span(r) => match serde_json::from_slice(&self.base[r.clone()]) {
                Ok(Value::Object(m)) => m,
                // The loader accepted the case, so every record is an object.
                _ => Map::new(),
            },
        }
    }

    /// Puts `record` at position `at` of `list`, adding the list to the file if it is
    /// not there.
    pub(super) fn insert(&mut self, list: List, at: usize, record: Map<String, Value>) {
        if !self
            .members
            .iter()
            .any(|m| matches!(m, Member::List(l) if *l == list))
        {
            let at = self.member_position(list.key());
            self.members.insert(at, Member::List(list));
        }
        self.lists[list.slot()].insert(at, Slot::Json(Arc::new(record)));
    }

    /// Replaces record `i` of `list`.
    pub(super) fn replace(&mut self, list: List, i: usize, record: Map<String, Value>) {
        self.lists[list.slot()][i] = Slot::Json(Arc::new(record));
    }

    /// Takes record `i` out of `list`.
    pub(super) fn remove(&mut self, list: List, i: usize) {
        self.lists[list.slot()].remove(i);
    }

    /// A top-level value (`title`, `summary`, …).
    pub(super) fn head(&self, key: &str) -> Option<&Value> {
        self.members.iter().find_map(|m| match m {
            Member::Value(k, v) if k == key => Some(v),
            _ => None,
        })
    }

    /// Sets a top-level value in place, or adds it where the model puts it; `None`
    /// removes it.
    pub(super) fn set_head(&mut self, key: &str, value: Option<Value>) {
        let found = self
            .members
            .iter()
            .position(|m| matches!(m, Member::Value(k, _) if k == key));
        match (found, value) {
            (Some(i), Some(v)) => self.members[i] = Member::Value(key.into(), v),
            (Some(i), None) => {
                self.members.remove(i);
            }
            (None, Some(v)) => {
                let at = self.member_position(key);
                self.members.insert(at, Member::Value(key.into(), v));
            }
            (None, None) => {}
        }
    }

    /// Where a new top-level member `key` goes: after the last member the model puts
    /// before it, else before the first it puts after it, else at the end.
    fn member_position(&self, key: &str) -> usize {
        let keys: Vec<&str> = self.members.iter().map(Member::key).collect();
        model_position(&keys, key, &CASE_ORDER)
    }

    /// What a save job needs, cheaply: the shared bytes, the top level, each record's
    /// range or object.
    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            base: Arc::clone(&self.base),
            members: self.members.clone(),
            lists: self.lists.clone(),
        }
    }
}

impl Member {
    fn key(&self) -> &str {
        match self {
            Member::Value(k, _) => k,
            Member::List(l) => l.key(),
        }
    }
}

/// Where `key` goes among `keys` so that the fields the model knows stay in the model's
/// `order` and unknown ones keep their places.
pub(super) fn model_position(keys: &[&str], key: &str, order: &[&str]) -> usize {
    let rank = |k: &str| order.iter().position(|o| *o == k);
    let Some(mine) = rank(key) else {
        return keys.len();
    };
    if let Some(last_before) = keys.iter().rposition(|k| rank(k).is_some_and(|r| r < mine)) {
        return last_before + 1;
    }
    keys.iter()
        .position(|k| rank(k).is_some_and(|r| r > mine))
        .unwrap_or(keys.len())
}

/// A record's canonical text at depth 2: its bytes if they are canonical, else its
/// value written anew.
fn slot_text(base: &[u8], s: &Slot) -> String {
    match s {
        Slot::Span(r) if is_canonical(&base[r.clone()], 2) => {
            String::from_utf8_lossy(&base[r.clone()]).into_owned()
        }
        Slot::Span(r) => match serde_json::from_slice::<Value>(&base[r.clone()]) {
            Ok(v) => pretty_at(&v, 2),
            Err(_) => String::from_utf8_lossy(&base[r.clone()]).into_owned(),
        },
        Slot::Json(m) => pretty_at(&**m, 2),
    }
}

/// A document frozen for writing: `Send`, and cheap to make (the bytes are shared; a
/// range or a shared object per record).
#[derive(Clone, Debug)]
pub(super) struct Snapshot {
    base: Arc<Vec<u8>>,
    members: Vec<Member>,
    lists: [Vec<Slot>; 3],
}

impl Snapshot {
    /// Writes the whole file in the canonical layout.
    pub(super) fn write(&self, w: &mut (impl Write + ?Sized)) -> io::Result<()> {
        if self.members.is_empty() {
            return w.write_all(b"{}\n");
        }
        w.write_all(b"{")?;
        for (n, m) in self.members.iter().enumerate() {
            w.write_all(if n == 0 { b"\n  " } else { b",\n  " })?;
            serde_json::to_writer(&mut *w, m.key())?;
            w.write_all(b": ")?;
            match m {
                Member::Value(_, v) => w.write_all(pretty_at(v, 1).as_bytes())?,
                Member::List(list) => {
                    let slots = &self.lists[list.slot()];
                    if slots.is_empty() {
                        w.write_all(b"[]")?;
                        continue;
                    }
                    w.write_all(b"[")?;
                    for (k, s) in slots.iter().enumerate() {
                        w.write_all(if k == 0 { b"\n    " } else { b",\n    " })?;
                        match s {
                            Slot::Span(r) => w.write_all(&self.base[r.clone()])?,
                            Slot::Json(m) => w.write_all(pretty_at(&**m, 2).as_bytes())?,
                        }
                    }
                    w.write_all(b"\n  ]")?;
                }
            }
        }
        w.write_all(b"\n}\n")
    }

    /// The whole file's bytes.
    #[cfg(test)]
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.base.len() + 4096);
        self.write(&mut out).expect("writing to memory cannot fail");
        out
    }
}

/// A writer that only compares what it is given with `expect`.
struct Compare<'a> {
    expect: &'a [u8],
    at: usize,
    same: bool,
}

impl Write for Compare<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let end = self.at + buf.len();
        self.same &= self.expect.get(self.at..end) == Some(buf);
        self.at = end;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> (String, Layout) {
        let (doc, layout) = Document::open(text.as_bytes().to_vec()).unwrap();
        (
            String::from_utf8(doc.snapshot().to_bytes()).unwrap(),
            layout,
        )
    }

    #[test]
    fn canonical_files_come_back_byte_for_byte() {
        let v = serde_json::json!({
            "format": 1, "id": "c", "x-own": {"k": [1, 2]},
            "sources": [], "entities": [{"id": "e", "name": "É"}],
            "events": [{"id": "a", "links": []}, {"id": "b"}]
        });
        let text = serde_json::to_string_pretty(&v).unwrap() + "\n";
        assert_eq!(round_trip(&text), (text.clone(), Layout::Canonical));
    }

    #[test]
    fn other_layouts_are_written_canonically_once() {
        let text =
            "{\"format\":1,\"id\":\"c\",\n\"events\":[\n{\"id\":\"a\",\"t\":\"\\u00e9\"}\n]}";
        let v: Value = serde_json::from_str(text).unwrap();
        let want = serde_json::to_string_pretty(&v).unwrap() + "\n";
        let (got, layout) = round_trip(text);
        assert_eq!((got.as_str(), layout), (want.as_str(), Layout::Rewritten));
        assert_eq!(round_trip(&got), (want, Layout::Canonical));
        // A file that looks canonical, with a value written another way at the same
        // length (`1.0e2` is written `100.0`), is not canonical: it is rewritten.
        let text = "{\n  \"format\": 1,\n  \"x\": 1.0e2,\n  \"events\": []\n}\n";
        let want = text.replace("1.0e2", "100.0");
        assert_eq!(want.len(), text.len());
        assert_eq!(round_trip(text), (want, Layout::Rewritten));
        // Read whole when the splitter gives up (an escaped key).
        let text = "{\"f\\u006frmat\":1,\"events\":[{\"id\":\"a\"}]}";
        let v: Value = serde_json::from_str(text).unwrap();
        let want = serde_json::to_string_pretty(&v).unwrap() + "\n";
        assert_eq!(round_trip(text), (want, Layout::Rewritten));
    }

    #[test]
    fn the_quick_split_of_a_canonical_file_is_the_splitters() {
        let bytes = crate::case::bundled::CASE_JSON.to_vec();
        let base = Arc::new(bytes.clone());
        let quick = Document::canonical_split(&base).expect("the bundled case is canonical");
        assert!(quick.is_canonical());
        let keys = List::ALL.map(List::key);
        let parts = members(&bytes, &keys).unwrap();
        for m in parts {
            if let Some(elements) = m.elements {
                let list = List::ALL.into_iter().find(|l| l.key() == m.key).unwrap();
                let spans: Vec<Range<usize>> = quick.lists[list.slot()]
                    .iter()
                    .map(|s| match s {
                        Slot::Span(r) => r.clone(),
                        Slot::Json(_) => unreachable!(),
                    })
                    .collect();
                assert_eq!(spans, elements, "{}", m.key);
            }
        }
        // Looking canonical is not enough: a record split wrongly fails the check.
        let text = "{\n  \"events\": [\n    {\n      \"a\": \"x\n    }\"\n    }\n  ]\n}\n";
        let base = Arc::new(text.as_bytes().to_vec());
        if let Some(doc) = Document::canonical_split(&base) {
            assert!(!doc.is_canonical());
        }
    }

    /// A case file cut off at any byte (a copy or a write that stopped short) is refused
    /// with an error, and one with a few bytes missing anywhere (a value, a comma, a
    /// quote) never crashes the reader. (The session opens only a file the loader has
    /// read as JSON; the document does not check every record's JSON again.)
    #[test]
    fn a_damaged_file_is_refused_or_read_never_a_crash() {
        let v = serde_json::json!({
            "format": 1, "id": "c", "title": "T", "x-own": {"k": [1, 2]},
            "sources": [], "entities": [{"id": "e", "name": "É"}],
            "events": [{"id": "a", "links": []}, {"id": "b"}]
        });
        let text = (serde_json::to_string_pretty(&v).unwrap() + "\n").into_bytes();
        let bundled = crate::case::bundled::CASE_JSON;
        let cut = (0..text.len())
            .map(|n| &text[..n])
            .chain((0..3000).map(|n| &bundled[..n]));
        for bytes in cut {
            let json = serde_json::from_slice::<Value>(bytes).is_ok();
            assert!(
                json || Document::open(bytes.to_vec()).is_err(),
                "{:?} is cut short but opened",
                String::from_utf8_lossy(bytes)
            );
        }
        for len in 1..=3 {
            for at in 0..=text.len() - len {
                let mut t = text.clone();
                t.drain(at..at + len);
                let _ = Document::open(t);
            }
        }
    }

    #[test]
    fn new_members_go_where_the_model_puts_them() {
        assert_eq!(
            model_position(&["format", "id", "events"], "title", &CASE_ORDER),
            2
        );
        assert_eq!(model_position(&["x", "events"], "format", &CASE_ORDER), 1);
        assert_eq!(model_position(&["x"], "format", &CASE_ORDER), 1);
        assert_eq!(model_position(&["events", "x"], "format", &CASE_ORDER), 0);
        assert_eq!(model_position(&["id"], "y", &CASE_ORDER), 1);
    }
}
