//! Splits a case file into its top-level members, and its `events` array into
//! elements, without parsing them, so events can be parsed on every core.
//!
//! Only the structure is read: strings are skipped and brackets counted; what is
//! inside a value is left to serde. Anything the splitter does not expect (a key with
//! an escape, a second `events`, `events` that is not an array, a missing comma, bytes
//! after the top-level object) makes it give up, and the loader parses the file in one
//! piece instead, whose messages say exactly where and what is wrong.

use std::ops::Range;

use memchr::memchr2;

/// A case file taken apart.
#[derive(Debug, PartialEq)]
pub(crate) struct Split {
    /// The top-level object without its `events` member, ready for serde.
    pub(crate) head: Vec<u8>,
    /// The byte range of each element of `events`, in order; `None` without `events`.
    pub(crate) events: Option<Vec<Range<usize>>>,
}

/// Takes `json` apart, or `None` when it is not shaped as the splitter expects.
pub(crate) fn split(json: &[u8]) -> Option<Split> {
    let mut c = Cursor { b: json, i: 0 };
    let mut head = vec![b'{'];
    let mut events = None;
    c.ws();
    c.eat(b'{')?;
    c.ws();
    if c.peek() == Some(b'}') {
        c.i += 1;
    } else {
        loop {
            c.ws();
            let member = c.i;
            let key = c.key()?;
            if key == b"events" {
                if events.is_some() {
                    return None;
                }
                c.eat(b'[')?;
                events = Some(c.elements()?);
            } else {
                let value = c.value()?;
                if head.len() > 1 {
                    head.push(b',');
                }
                head.extend_from_slice(&json[member..value.end]);
            }
            c.ws();
            match c.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    c.ws();
    if c.i != json.len() {
        return None;
    }
    head.push(b'}');
    Some(Split { head, events })
}

/// The members before `events` and the first `limit` elements of `events`, from the
/// first bytes of a file, for a preview while the whole file loads. `None` unless
/// `sources` and `entities` both come before `events`.
pub(crate) fn split_prefix(json: &[u8], limit: usize) -> Option<Split> {
    let mut c = Cursor { b: json, i: 0 };
    let mut head = vec![b'{'];
    let (mut sources, mut entities) = (false, false);
    c.ws();
    c.eat(b'{')?;
    loop {
        c.ws();
        let member = c.i;
        let key = c.key()?;
        if key == b"events" {
            if !(sources && entities) {
                return None;
            }
            c.eat(b'[')?;
            head.push(b'}');
            let events = Some(c.first_elements(limit));
            return Some(Split { head, events });
        }
        sources |= key == b"sources";
        entities |= key == b"entities";
        let value = c.value()?;
        if head.len() > 1 {
            head.push(b',');
        }
        head.extend_from_slice(&json[member..value.end]);
        c.ws();
        c.eat(b',')?;
    }
}

/// A top-level member of a case file, taken apart for editing.
#[derive(Debug, PartialEq)]
pub(crate) struct Member {
    /// The key (written without escapes, so its bytes are its text).
    pub(crate) key: String,
    /// The value's byte range.
    pub(crate) value: Range<usize>,
    /// For a member named in `lists` whose value is an array, each element's range.
    pub(crate) elements: Option<Vec<Range<usize>>>,
}

/// Every top-level member of `json` in order, the arrays named in `lists` split into
/// elements; `None` when the file is not shaped as the splitter expects (as [`split`]).
pub(crate) fn members(json: &[u8], lists: &[&str]) -> Option<Vec<Member>> {
    let mut c = Cursor { b: json, i: 0 };
    let mut out: Vec<Member> = Vec::new();
    c.ws();
    c.eat(b'{')?;
    c.ws();
    if c.peek() == Some(b'}') {
        c.i += 1;
    } else {
        loop {
            c.ws();
            let key = std::str::from_utf8(c.key()?).ok()?.to_string();
            if out.iter().any(|m| m.key == key) {
                return None;
            }
            let start = c.i;
            let (value, elements) = if lists.contains(&key.as_str()) && c.peek() == Some(b'[') {
                c.i += 1;
                let elements = c.elements()?;
                (start..c.i, Some(elements))
            } else {
                (c.value()?, None)
            };
            out.push(Member {
                key,
                value,
                elements,
            });
            c.ws();
            match c.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    c.ws();
    (c.i == json.len()).then_some(out)
}

/// A position in JSON text, read structurally.
pub(crate) struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    pub(crate) fn eat(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    pub(crate) fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// An object's key and its colon, up to the value; `None` for a key with an escape
    /// (left to serde, which reads escapes).
    fn key(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        self.eat(b'"')?;
        self.string()?;
        let key = &self.b[start + 1..self.i - 1];
        if key.contains(&b'\\') {
            return None;
        }
        self.ws();
        self.eat(b':')?;
        self.ws();
        Some(key)
    }

    /// Moves past the closing quote of a string whose opening quote was just read.
    fn string(&mut self) -> Option<()> {
        loop {
            let at = self.i + memchr2(b'"', b'\\', &self.b[self.i..])?;
            if self.b[at] == b'"' {
                self.i = at + 1;
                return Some(());
            }
            // An escape: whatever follows the backslash cannot close the string.
            self.i = at + 2;
            if self.i > self.b.len() {
                return None;
            }
        }
    }

    /// The range of the value starting here (at a non-blank byte).
    pub(crate) fn value(&mut self) -> Option<Range<usize>> {
        let start = self.i;
        match self.next()? {
            b'"' => self.string()?,
            b'{' | b'[' => {
                let mut depth = 1usize;
                while depth > 0 {
                    match self.next()? {
                        b'"' => self.string()?,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                }
            }
            b',' | b']' | b'}' | b':' => return None,
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t')
                ) {
                    self.i += 1;
                }
            }
        }
        Some(start..self.i)
    }

    /// Up to `limit` elements of an array whose `[` was just read, as far as the bytes go.
    fn first_elements(&mut self, limit: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        while out.len() < limit {
            self.ws();
            if self.peek() == Some(b']') {
                break;
            }
            match self.value() {
                Some(r) => out.push(r),
                None => break,
            }
            self.ws();
            if self.next() != Some(b',') {
                break;
            }
        }
        out
    }

    /// The elements of an array whose `[` was just read, through its `]`.
    fn elements(&mut self) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Some(out);
        }
        loop {
            self.ws();
            out.push(self.value()?);
            self.ws();
            match self.next()? {
                b',' => {}
                b']' => return Some(out),
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(json: &str) -> Option<(String, Option<Vec<&str>>)> {
        let s = split(json.as_bytes())?;
        let head = String::from_utf8(s.head).unwrap();
        let events = s
            .events
            .map(|v| v.into_iter().map(|r| &json[r]).collect::<Vec<_>>());
        Some((head, events))
    }

    #[test]
    fn events_are_taken_out_and_split() {
        let json = r#" {"format": 1, "events": [ {"id": "a", "t": "x]}\"y"} ,[1,{}], "s" , 3 ], "title":"T" } "#;
        let (head, events) = pieces(json).unwrap();
        assert_eq!(head, r#"{"format": 1,"title":"T"}"#);
        assert_eq!(
            events.unwrap(),
            vec![r#"{"id": "a", "t": "x]}\"y"}"#, "[1,{}]", r#""s""#, "3"]
        );
        serde_json::from_str::<serde_json::Value>(&head).unwrap();
    }

    #[test]
    fn empty_shapes() {
        assert_eq!(pieces("{}").unwrap(), ("{}".into(), None));
        assert_eq!(
            pieces(r#"{"events":[]}"#).unwrap(),
            ("{}".into(), Some(vec![]))
        );
    }

    #[test]
    fn unexpected_shapes_give_up() {
        for bad in [
            "",
            "[]",
            r#"{"events": {}}"#,
            r#"{"events": null}"#,
            r#"{"events": [], "events": []}"#,
            r#"{"ev\u0065nts": []}"#,
            r#"{"events": [{} {}]}"#,
            r#"{"events": [{}, ]}"#,
            r#"{"events": [{"a": "unterminated}]}"#,
            r#"{"events": [{"a": [}]"#,
            r#"{"a": 1} x"#,
            r#"{"a" 1}"#,
            r#"{"a": 1,}"#,
            r#"{"a": }"#,
        ] {
            assert_eq!(split(bad.as_bytes()), None, "{bad}");
        }
    }

    proptest::proptest! {
        /// On any input the splitter either gives up or returns ranges inside the input.
        #[test]
        fn never_panics_and_ranges_are_in_bounds(bytes in proptest::collection::vec(
            proptest::sample::select(b"{}[]\",:\\ ae1".to_vec()), 0..64)) {
            if let Some(s) = split(&bytes) {
                for r in s.events.unwrap_or_default() {
                    proptest::prop_assert!(r.start <= r.end && r.end <= bytes.len());
                }
            }
        }
    }
}
