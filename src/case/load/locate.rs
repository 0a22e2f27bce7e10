//! Finds where JSON paths such as `events[3].citations[0].quote` sit in the file text,
//! so every problem can name a line and column.
//!
//! serde gives positions only for syntax errors; this runs only when a parsed file has
//! problems, in one pass over the text that skips every subtree no wanted path enters.

use std::collections::{HashMap, HashSet};

/// Byte offsets of the values at `paths` (paths that do not exist are left out).
/// For a missing field, ask for its parent object's path.
pub fn locate(text: &[u8], paths: &[&str]) -> HashMap<String, usize> {
    let wanted: HashSet<&str> = paths.iter().copied().collect();
    let mut prefixes: HashSet<&str> = HashSet::from([""]);
    for p in paths {
        for (i, c) in p.char_indices() {
            if c == '.' || c == '[' {
                prefixes.insert(&p[..i]);
            }
        }
        prefixes.insert(p);
    }
    let mut s = Scanner {
        text,
        pos: 0,
        wanted: &wanted,
        prefixes: &prefixes,
        found: HashMap::new(),
    };
    let mut path = String::new();
    s.ws();
    s.value(&mut path);
    s.found
}

/// Line starts of a text, for locating many offsets cheaply.
pub struct LineIndex<'a> {
    text: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        LineIndex {
            text,
            newlines: memchr::memchr_iter(b'\n', text).collect(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    #[cfg(test)]
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_cols(&[offset])[0]
    }

    /// [`LineIndex::line_col`] of each offset, counting each line's characters once for
    /// all of them: a minified case file is one long line, and counting from its start
    /// for every problem would take time quadratic in their number.
    pub fn line_cols(&self, offsets: &[usize]) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_unstable_by_key(|&i| offsets[i]);
        let mut out = vec![(0, 0); offsets.len()];
        // Where the last count stopped: its line, byte and column.
        let (mut line0, mut at, mut col) = (usize::MAX, 0, 1);
        for i in order {
            let offset = offsets[i].min(self.text.len());
            let line = self.newlines.partition_point(|&n| n < offset);
            // Counting on from the last offset gives the same count as counting from
            // the line's start only where no character is cut there.
            let cut = self.text.get(at).is_some_and(|&b| b & 0xC0 == 0x80);
            if line != line0 || cut {
                line0 = line;
                at = if line == 0 {
                    0
                } else {
                    self.newlines[line - 1] + 1
                };
                col = 1;
            }
            col += String::from_utf8_lossy(&self.text[at..offset])
                .chars()
                .count();
            at = offset;
            out[i] = (line + 1, col);
        }
        out
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    wanted: &'a HashSet<&'a str>,
    prefixes: &'a HashSet<&'a str>,
    found: HashMap<String, usize>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Reads a string token starting at `"`, returning its unescaped content.
    fn string(&mut self) -> String {
        let start = self.pos;
        self.skip_string();
        let raw = &self.text[start..self.pos];
        serde_json::from_slice::<String>(raw).unwrap_or_default()
    }

    fn skip_string(&mut self) {
        self.pos += 1; // opening quote
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    /// Skips any value without looking inside it.
    fn skip(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return,
                Some(b'"') => self.skip_string(),
                Some(b'[' | b'{') => {
                    depth += 1;
                    self.pos += 1;
                }
                Some(b']' | b'}') => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                Some(b',') if depth == 0 => return,
                Some(_) => self.pos += 1,
            }
            if depth == 0
                && matches!(
                    self.text.get(self.pos.wrapping_sub(1)),
                    Some(b'"' | b']' | b'}')
                )
            {
                return;
            }
        }
    }

    /// Visits the value at `pos` whose path is `path`.
    fn value(&mut self, path: &mut String) {
        if self.wanted.contains(path.as_str()) {
            self.found.insert(path.clone(), self.pos);
        }
        if !self.prefixes.contains(path.as_str()) {
            self.skip();
            return;
        }
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => {
                            self.pos += 1;
                            return;
                        }
                        _ => return,
                    }
                    let key = self.string();
                    self.ws();
                    if self.peek() != Some(b':') {
                        return;
                    }
                    self.pos += 1;
                    self.ws();
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&key);
                    self.value(path);
                    path.truncate(len);
                    self.ws();
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut i = 0usize;
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            return;
                        }
                        None => return,
                        _ => {}
                    }
                    let len = path.len();
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                    self.value(path);
                    path.truncate(len);
                    i += 1;
                    self.ws();
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    }
                }
            }
            _ => self.skip(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "title": "x",
  "events": [
    { "id": "a", "tags": ["t\"1", {"n": [1, 2]}] },
    {
      "id": "b",
      "citations": [ { "source": "s", "quote": "q ]}" } ]
    }
  ]
}"#;

    fn at(path: &str) -> Option<(usize, usize)> {
        let found = locate(DOC.as_bytes(), &[path]);
        found.get(path).map(|&o| line_col(DOC.as_bytes(), o))
    }

    #[test]
    fn finds_nested_values() {
        assert_eq!(at("title"), Some((2, 12)));
        assert_eq!(at("events[0]"), Some((4, 5)));
        assert_eq!(at("events[0].tags[1]"), Some((4, 35)));
        assert_eq!(at("events[1].id"), Some((6, 13)));
        assert_eq!(at("events[1].citations[0].quote"), Some((7, 48)));
        assert_eq!(at(""), Some((1, 1)));
    }

    #[test]
    fn absent_paths_are_left_out() {
        assert_eq!(at("events[2]"), None);
        assert_eq!(at("nope"), None);
    }

    #[test]
    fn many_paths_in_one_pass() {
        let found = locate(DOC.as_bytes(), &["events[0].id", "events[1].id", "title"]);
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let doc = DOC.as_bytes();
        let idx = LineIndex::new(doc);
        for off in 0..=doc.len() {
            assert_eq!(idx.line_col(off), line_col(doc, off), "offset {off}");
        }
    }

    proptest::proptest! {
        /// Offsets located together, in any order and on any bytes (a cut character, an
        /// invalid sequence), are where each is alone.
        #[test]
        fn line_cols_of_many_offsets_agree_with_line_col(
            text in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(b"ab \n{}\"".to_vec()),
                proptest::sample::select(vec![0xC3u8, 0xA9, 0xE2, 0x80, 0x99, 0xFF]),
            ], 0..60),
            picks in proptest::collection::vec(0usize..70, 0..12),
        ) {
            let idx = LineIndex::new(&text);
            let got = idx.line_cols(&picks);
            for (&off, got) in picks.iter().zip(got) {
                proptest::prop_assert_eq!(got, line_col(&text, off), "offset {}", off);
            }
        }
    }

    #[test]
    fn columns_count_characters() {
        let doc = "{\"é\": \"ü\", \"k\": 1}";
        let found = locate(doc.as_bytes(), &["k"]);
        assert_eq!(line_col(doc.as_bytes(), found["k"]), (1, 17));
    }
}
