//! Reading a case file in blocks: the `events` array is cut into batches of whole
//! elements as the file is read, so events are parsed while the rest is still being
//! read, and the file is never in memory all at once (on a large case it would be a
//! third of the peak).
//!
//! A small resumable scanner follows the structure (strings, escapes, bracket depth,
//! the top-level keys) and reports where `events` starts and ends and where its
//! separating commas are: byte by byte around `events`, 64 bytes at a time inside it
//! (see `blocks`). It checks nothing else: each element is parsed by serde on its own
//! (an empty element, or two values without a comma, is not valid JSON), and the
//! members around `events` go through [`super::members::split`] and serde as a whole;
//! anything unexpected makes the caller read the file in one piece instead.

use std::io::Read;
use std::ops::Range;

use memchr::memchr2;

use super::blocks;
#[cfg(test)]
use super::members::split;

/// A run of whole elements of `events`: the bytes between two separating commas (a batch
/// after the first starts with its comma), where the commas between its elements are,
/// the index of its first element, and whether it ends the array.
pub(crate) struct Batch {
    pub(crate) bytes: Vec<u8>,
    pub(crate) seps: Vec<usize>,
    pub(crate) first: usize,
    pub(crate) last: bool,
}

impl Batch {
    /// The byte ranges of the batch's elements, with the whitespace around them. Nothing
    /// here checks them: an element that is empty or holds two values is not valid JSON
    /// on its own, which its parse finds.
    pub(crate) fn elements(&self) -> Vec<Range<usize>> {
        // Every batch but the first starts with a comma.
        let opening = self.first == 0;
        // An empty array. (A first batch that is only blank and does not end the array
        // was cut at a stray comma: its empty element stays, for the parse to turn down.)
        if opening && self.last && self.bytes.trim_ascii().is_empty() {
            return Vec::new();
        }
        let mut start = usize::from(!opening);
        let mut out = Vec::with_capacity(self.seps.len() + 1);
        for &sep in &self.seps {
            out.push(start..sep);
            start = sep + 1;
        }
        out.push(start..self.bytes.len());
        out
    }
}

/// How reading went.
pub(crate) enum Streamed {
    /// The top-level object with `events` empty: `{…, "events": [], …}`.
    Done { head: Vec<u8> },
    /// `on_head` turned the file down, or it is not shaped as expected.
    GaveUp,
}

/// Reads `input` to the end. `on_head` gets the members before `events` as a JSON
/// object with `events` empty, once, when the array starts; it returns `false` to stop.
/// `on_batch` then gets every batch, in order. A file without `events` calls neither.
pub(crate) fn stream(
    mut input: impl Read,
    block: usize,
    mut on_head: impl FnMut(&[u8]) -> bool,
    mut on_batch: impl FnMut(Batch),
) -> std::io::Result<Streamed> {
    let mut scan = Scanner::default();
    // Bytes read and not yet handed out or kept in `head`.
    let mut pending: Vec<u8> = Vec::with_capacity(block);
    let mut phase = Phase::Before;
    let mut head: Vec<u8> = Vec::new();
    let mut first = 0usize;
    loop {
        let n = (&mut input).take(block as u64).read_to_end(&mut pending)?;
        if n == 0 {
            break;
        }
        loop {
            let Some((mark, at)) = scan.run(&pending) else {
                return Ok(Streamed::GaveUp);
            };
            match mark {
                Mark::End => break,
                Mark::EventsStart => {
                    head.extend_from_slice(&pending[..at]);
                    let mut so_far = head.clone();
                    so_far.extend_from_slice(b"[]}");
                    if !on_head(&so_far) {
                        return Ok(Streamed::GaveUp);
                    }
                    pending.drain(..=at);
                    scan.pos = 0;
                    phase = Phase::Events;
                }
                Mark::EventsEnd => {
                    // The scanner counts depth, not which bracket closed it.
                    if pending[at] != b']' {
                        return Ok(Streamed::GaveUp);
                    }
                    let rest = pending.split_off(at + 1);
                    pending.pop();
                    on_batch(Batch {
                        bytes: std::mem::replace(&mut pending, rest),
                        seps: std::mem::take(&mut scan.seps),
                        first,
                        last: true,
                    });
                    scan.pos = 0;
                    head.extend_from_slice(b"[]");
                    phase = Phase::After;
                }
            }
        }
        match phase {
            // Hand out every whole element read so far; the rest waits for more bytes.
            Phase::Events => {
                // The last comma starts the next batch.
                if let Some(comma) = scan.seps.pop() {
                    // The rest goes first in a buffer with room for the next block, so
                    // reading into it does not grow it step by step (copying each time).
                    let mut rest = Vec::with_capacity(block + pending.len() - comma);
                    rest.extend_from_slice(&pending[comma..]);
                    pending.truncate(comma);
                    on_batch(Batch {
                        bytes: std::mem::replace(&mut pending, rest),
                        seps: std::mem::take(&mut scan.seps),
                        first,
                        last: false,
                    });
                    first = scan.commas;
                    scan.pos -= comma;
                }
            }
            Phase::Before | Phase::After => {
                head.append(&mut pending);
                scan.pos = 0;
            }
        }
    }
    if phase == Phase::Events || !scan.done {
        return Ok(Streamed::GaveUp);
    }
    Ok(Streamed::Done { head })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Before,
    Events,
    After,
}

/// Something the scanner stops at.
enum Mark {
    /// The `[` of `events`.
    EventsStart,
    /// The `]` of `events`.
    EventsEnd,
    /// The end of the bytes read so far.
    End,
}

/// The structure seen so far, carried from one block to the next.
#[derive(Default)]
struct Scanner {
    /// Where scanning resumes in the buffer.
    pos: usize,
    depth: u32,
    in_str: bool,
    escaped: bool,
    /// At depth 1, a key may come next (after `{` or `,`).
    key_next: bool,
    /// Reading a depth-1 key; its bytes so far.
    in_key: bool,
    key: Vec<u8>,
    /// The last depth-1 key was `events` and its value has not started.
    events_value: bool,
    events_seen: bool,
    in_events: bool,
    /// Separating commas of `events` seen so far, and the places in the buffer of those
    /// not yet handed out.
    commas: usize,
    seps: Vec<usize>,
    /// The top-level object has closed.
    done: bool,
}

impl Scanner {
    /// Scans `b` from `self.pos` to the next mark and returns it with its offset.
    /// `None`: the bytes are not shaped as a case file can be.
    fn run(&mut self, b: &[u8]) -> Option<(Mark, usize)> {
        let mut i = self.pos;
        while i < b.len() {
            // Inside `events` only depth and separators matter: a block at a time.
            if self.in_events
                && let Some(block) = b.get(i..i + blocks::LEN)
            {
                if let Some(end) = self.events_block(block.try_into().expect("a block"), i) {
                    return Some((Mark::EventsEnd, end));
                }
                i += blocks::LEN;
                continue;
            }
            if self.in_str {
                if self.escaped {
                    self.escaped = false;
                    if self.in_key {
                        self.key.push(b[i]);
                    }
                    i += 1;
                    continue;
                }
                let Some(k) = memchr2(b'"', b'\\', &b[i..]) else {
                    if self.in_key {
                        self.key.extend_from_slice(&b[i..]);
                    }
                    break;
                };
                if self.in_key {
                    self.key.extend_from_slice(&b[i..i + k]);
                }
                i += k;
                if b[i] == b'\\' {
                    self.escaped = true;
                    if self.in_key {
                        self.key.push(b'\\');
                    }
                } else {
                    self.in_str = false;
                    self.in_key = false;
                }
                i += 1;
                continue;
            }
            let c = b[i];
            if self.done && !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                return None;
            }
            match c {
                b'"' => {
                    self.in_str = true;
                    if self.depth == 1 && self.key_next {
                        self.key_next = false;
                        self.in_key = true;
                        self.key.clear();
                    } else if self.depth == 1 {
                        self.events_value = false;
                    }
                }
                b':' if self.depth == 1 => {
                    self.events_value = self.key == b"events" && !self.events_seen;
                }
                b'{' | b'[' => {
                    let starts_events = self.depth == 1 && self.events_value && c == b'[';
                    self.events_value = false;
                    if self.depth == 0 && c != b'{' {
                        return None;
                    }
                    self.depth += 1;
                    if self.depth == 1 {
                        self.key_next = true;
                    }
                    if starts_events {
                        self.events_seen = true;
                        self.in_events = true;
                        self.pos = i + 1;
                        return Some((Mark::EventsStart, i));
                    }
                }
                b'}' | b']' => {
                    self.depth = self.depth.checked_sub(1)?;
                    self.done = self.depth == 0;
                    if self.in_events && self.depth == 1 {
                        self.in_events = false;
                        self.pos = i + 1;
                        return Some((Mark::EventsEnd, i));
                    }
                }
                b',' => {
                    if self.depth == 1 {
                        self.key_next = true;
                        self.events_value = false;
                    } else if self.in_events && self.depth == 2 {
                        self.separator(i);
                    }
                }
                b' ' | b'\n' | b'\r' | b'\t' => {}
                _ => {
                    if self.depth == 0 {
                        return None;
                    }
                    if self.depth == 1 {
                        self.events_value = false;
                    }
                }
            }
            i += 1;
        }
        self.pos = b.len();
        Some((Mark::End, b.len()))
    }

    fn separator(&mut self, at: usize) {
        self.commas += 1;
        self.seps.push(at);
    }

    /// The block at `at` of `events` (depth 2 and more), as the byte loop would see it;
    /// the offset of the array's `]` if it ends there (scanning resumes after it).
    fn events_block(&mut self, block: &[u8; blocks::LEN], at: usize) -> Option<usize> {
        let m = blocks::masks(block);
        let mut carry = self.escaped;
        let escaped = blocks::escaped(m.backslash, &mut carry);
        let strings = blocks::in_strings(m.quote & !escaped, &mut self.in_str);
        // The byte loop knows escapes only inside strings.
        self.escaped = carry && self.in_str;
        let mut outside = m.structural & !strings;
        while outside != 0 {
            let k = outside.trailing_zeros() as usize;
            outside &= outside - 1;
            match block[k] {
                b'{' | b'[' => self.depth += 1,
                b',' => {
                    if self.depth == 2 {
                        self.separator(at + k);
                    }
                }
                _ => {
                    self.depth -= 1;
                    if self.depth == 1 {
                        self.in_events = false;
                        self.in_str = false;
                        self.escaped = false;
                        self.pos = at + k + 1;
                        return Some(at + k);
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Streams `json` in blocks of `block` bytes: the head, and every element of every
    /// batch with the index the batch says it has.
    fn run(json: &str, block: usize) -> Option<(String, Vec<(usize, String)>)> {
        let mut els = Vec::new();
        let mut heads = 0;
        let out = stream(
            json.as_bytes(),
            block,
            |_| {
                heads += 1;
                true
            },
            |b| {
                for (k, r) in b.elements().into_iter().enumerate() {
                    let text = String::from_utf8(b.bytes[r].to_vec()).unwrap();
                    els.push((b.first + k, text.trim().to_string()));
                }
            },
        )
        .unwrap();
        match out {
            Streamed::Done { head } => {
                assert!(heads <= 1);
                Some((String::from_utf8(head).unwrap(), els))
            }
            Streamed::GaveUp => None,
        }
    }

    /// What the one-piece splitter makes of `json`: the head as `run` gives it, and the elements.
    fn expected(json: &str) -> (Vec<(usize, String)>, usize) {
        let s = split(json.as_bytes()).expect("splits");
        let els = s
            .events
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i, json[r].to_string()))
            .collect();
        (els, s.head.len())
    }

    #[test]
    fn every_block_size_gives_the_same_elements_and_head() {
        let json = r#" {"format": 1, "sources": [{"id": "s,]1", "t": "\"{"}], "entities": [],
            "events" : [ {"id": "a", "t": "x]}\"y,"} ,{"id":"b\\"}, [1,{"d": ","}], "s,", 7 ,{} ],
            "z": {"events": [1]} } "#;
        let (els, _) = expected(json);
        for block in 1..=json.len() + 1 {
            let (head, got) = run(json, block).unwrap_or_else(|| panic!("block {block}"));
            assert_eq!(got, els, "block {block}");
            // The head is the file with `events` emptied.
            let at = json.find("[ {").unwrap();
            let end = json.find(" ],").unwrap() + 2;
            assert_eq!(
                head,
                format!("{}[]{}", &json[..at], &json[end..]),
                "block {block}"
            );
        }
    }

    #[test]
    fn a_stray_comma_leaves_an_empty_element_whatever_the_block_size() {
        // Cut at its first comma, the first batch is only blank: its empty element must
        // stay (for the parse to turn down), not be taken for an empty array.
        let json = r#"{"events": [ ,1, 2]}"#;
        let want: Vec<(usize, String)> = ["", "1", "2"]
            .iter()
            .enumerate()
            .map(|(i, e)| (i, e.to_string()))
            .collect();
        for block in 1..=json.len() + 1 {
            let (_, got) = run(json, block).unwrap_or_else(|| panic!("block {block}"));
            assert_eq!(got, want, "block {block}");
        }
    }

    #[test]
    fn files_without_events_or_with_empty_events() {
        for block in [1, 3, 64] {
            assert_eq!(
                run(r#"{"a": [1, 2]}"#, block).unwrap(),
                (r#"{"a": [1, 2]}"#.into(), vec![])
            );
            assert_eq!(
                run(r#"{"events": []}"#, block).unwrap(),
                (r#"{"events": []}"#.into(), vec![])
            );
        }
    }

    #[test]
    fn broken_shapes_give_up() {
        for bad in [
            r#"{"events":[}}"#,
            r#"{"events": [1, 2}}"#,
            r#"{"events": [1, 2]"#,
            r#"{"events": [1, 2]}}"#,
            r#"{"events": [1, 2]} x"#,
            r#"[{"events": []}]"#,
            r#"{"events": [{"a": "b}]"#,
            r#"x{}"#,
        ] {
            for block in [1, 2, 5, 100] {
                assert!(run(bad, block).is_none(), "{bad} / {block}");
            }
        }
    }

    #[test]
    fn batches_cut_at_their_separators() {
        let elements = |bytes: &[u8], seps: &[usize], first| {
            let batch = Batch {
                bytes: bytes.to_vec(),
                seps: seps.to_vec(),
                first,
                last: true,
            };
            let els = batch.elements();
            els.into_iter()
                .map(|r| String::from_utf8(bytes[r].to_vec()).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(elements(b" 1 , 2 ", &[3], 0), [" 1 ", " 2 "]);
        // A later batch starts with the comma after the batch before.
        assert_eq!(elements(b", 3", &[], 4), [" 3"]);
        assert_eq!(elements(b",3,4", &[2], 4), ["3", "4"]);
        // An empty array.
        assert_eq!(elements(b" \n", &[], 0), Vec::<String>::new());
        assert_eq!(elements(b"", &[], 0), Vec::<String>::new());
        // What is not JSON stays in the elements for the parse to turn down: two values
        // without a comma, empty elements around a stray comma.
        assert_eq!(elements(b"1 2", &[], 0), ["1 2"]);
        assert_eq!(elements(b",1", &[0], 0), ["", "1"]);
        assert_eq!(elements(b"1,", &[1], 0), ["1", ""]);
        assert_eq!(elements(b",,3", &[1], 2), ["", "3"]);
    }

    #[test]
    fn long_events_scan_a_block_at_a_time_as_byte_by_byte() {
        // Strings with escapes, quotes and brackets crossing block boundaries at every
        // offset, so both the block and the byte loops see each shape.
        for pad in 0..70 {
            let (filler, digits) = ("x".repeat(pad), "1".repeat(pad));
            let json = format!(
                r#"{{"sources": [], "events": [{{"t": "{filler}\\"}}, "{filler}\"[,{{", [[{{"a": ",]"}}], {{}}], "\\\\", {digits}7] }}"#
            );
            let (els, _) = expected(&json);
            assert_eq!(els.len(), 5, "{json}");
            for block in [1, 7, 63, 64, 65, 200, 4096] {
                let (_, got) = run(&json, block).unwrap_or_else(|| panic!("{pad} / {block}"));
                assert_eq!(got, els, "{pad} / {block}");
            }
        }
    }

    proptest::proptest! {
        /// Whatever the values and the block size, streaming finds the elements the
        /// one-piece splitter finds.
        #[test]
        fn streaming_matches_the_one_piece_split(
            events in proptest::collection::vec("[a-z\\\\\",\\[\\]{}: ]{0,40}", 0..12),
            block in 1usize..200,
            pretty in proptest::bool::ANY,
        ) {
            let list: Vec<serde_json::Value> = events
                .iter()
                .enumerate()
                .map(|(i, t)| serde_json::json!({"id": format!("e{i}"), "t": t, "n": [i, {"x": t}]}))
                .collect();
            let v = serde_json::json!({"sources": [{"id": "s"}], "entities": [], "events": list});
            let json = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let (els, _) = expected(&json);
            let (_, got) = run(&json, block).expect("streams");
            proptest::prop_assert_eq!(got, els);
        }
    }
}
