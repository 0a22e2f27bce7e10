//! The canonical layout of case.json: exactly `serde_json::to_string_pretty` of the
//! document (two-space indent, fields in the order they are held) followed by one `\n`.
//!
//! A record is written at its depth in the document (a source, entity or event sits at
//! depth 2: inside the top-level object and its list), so that the file reads as one
//! pretty-printed whole. [`is_canonical`] says whether some JSON text already is what the
//! writer would write for its value, without building the value: how a file is known to
//! round-trip byte for byte.

use memchr::memchr2;
use serde::Serialize;

/// A whole case file in the canonical layout: for writers of new case folders.
pub fn canonical(document: &impl Serialize) -> String {
    pretty_at(document, 0) + "\n"
}

/// `value` as the canonical layout writes it at `depth`: pretty-printed, every line after
/// the first indented by two spaces per level.
pub fn pretty_at(value: &impl Serialize, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    if depth == 0 || !text.contains('\n') {
        return text;
    }
    // serde_json escapes newlines inside strings, so every raw `\n` starts a line.
    let pad = "  ".repeat(depth);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}

/// Whether `json` (one JSON value) is exactly [`pretty_at`] of its value at `depth`.
pub fn is_canonical(json: &[u8], depth: usize) -> bool {
    let mut s = Scan { b: json, i: 0 };
    s.value(depth).is_some() && s.i == json.len()
}

/// A reader of JSON text that accepts only the canonical layout.
struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    fn eat(&mut self, want: &[u8]) -> Option<()> {
        let end = self.i + want.len();
        (self.b.get(self.i..end)? == want).then(|| self.i = end)
    }

    /// A line break and the indent of `depth`, and nothing more.
    fn newline(&mut self, depth: usize) -> Option<()> {
        self.eat(b"\n")?;
        for _ in 0..depth {
            self.eat(b"  ")?;
        }
        (self.b.get(self.i) != Some(&b' ')).then_some(())
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        match *self.b.get(self.i)? {
            b'{' => self.container(depth, b'}', true),
            b'[' => self.container(depth, b']', false),
            b'"' => self.string(),
            b't' => self.eat(b"true"),
            b'f' => self.eat(b"false"),
            b'n' => self.eat(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// An object or array: `{}` when empty, else each member on its own line.
    fn container(&mut self, depth: usize, close: u8, keys: bool) -> Option<()> {
        self.i += 1;
        if self.eat(&[close]).is_some() {
            return Some(());
        }
        // A repeated key would be read as one: the writer would not write it back.
        let mut seen: Vec<&[u8]> = Vec::new();
        loop {
            self.newline(depth + 1)?;
            if keys {
                let start = self.i;
                self.string()?;
                let b: &'a [u8] = self.b;
                let key = &b[start..self.i];
                if seen.contains(&key) {
                    return None;
                }
                seen.push(key);
                self.eat(b": ")?;
            }
            self.value(depth + 1)?;
            if self.eat(b",").is_none() {
                break;
            }
        }
        self.newline(depth)?;
        self.eat(&[close])
    }

    /// A string escaped as serde_json escapes: only `"`, `\` and control characters,
    /// with the short forms where JSON has them and `\u00xx` (lower case) otherwise.
    fn string(&mut self) -> Option<()> {
        self.eat(b"\"")?;
        loop {
            let at = self.i + memchr2(b'"', b'\\', &self.b[self.i..])?;
            if self.b[self.i..at].iter().any(|&c| c < 0x20) {
                return None;
            }
            self.i = at + 1;
            if self.b[at] == b'"' {
                return Some(());
            }
            match *self.b.get(self.i)? {
                b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 1,
                b'u' => {
                    let hex = self.b.get(self.i + 1..self.i + 5)?;
                    let lower = |c: &u8| c.is_ascii_digit() || (b'a'..=b'f').contains(c);
                    if !hex.iter().all(lower) || &hex[..2] != b"00" {
                        return None;
                    }
                    let v = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                    // Control characters without a short form only.
                    if v >= 0x20 || matches!(v, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) {
                        return None;
                    }
                    self.i += 5;
                }
                _ => return None,
            }
        }
    }

    /// A number written as serde_json writes the number it reads.
    fn number(&mut self) -> Option<()> {
        let start = self.i;
        while matches!(
            self.b.get(self.i),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.i += 1;
        }
        let text = &self.b[start..self.i];
        let n: serde_json::Number = serde_json::from_slice(text).ok()?;
        (n.to_string().as_bytes() == text).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn pretty_at_indents_every_line_after_the_first() {
        let v = json!({"id": "a", "tags": ["x"], "e": {}});
        assert_eq!(
            pretty_at(&v, 2),
            "{\n      \"id\": \"a\",\n      \"tags\": [\n        \"x\"\n      ],\n      \"e\": {}\n    }"
        );
        assert_eq!(pretty_at(&json!("a\nb"), 3), "\"a\\nb\"");
    }

    #[test]
    fn what_the_writer_writes_is_canonical() {
        for v in [
            json!({"a": [1, 2.5, -3, true, false, null, "x\u{1}\"\\\n\t\u{7f}é"], "b": {"c": []}}),
            json!([]),
            json!({}),
            json!("plain"),
            json!(1e300),
        ] {
            for depth in 0..4 {
                let text = pretty_at(&v, depth);
                assert!(is_canonical(text.as_bytes(), depth), "{text}");
            }
        }
    }

    #[test]
    fn other_layouts_are_not() {
        for (text, depth) in [
            ("{\"a\":1}", 0),
            ("{\n  \"a\": 1\n}", 1),
            ("{\n    \"a\": 1\n  }\n", 1),
            ("{\n  \"a\" : 1\n}", 0),
            ("[ ]", 0),
            ("{\n  \"a\": \"\\u00e9\"\n}", 0),
            ("\"\\/\"", 0),
            ("\"\\u000A\"", 0),
            ("\"\\u000a\"", 0),
            ("\"\\u001F\"", 0),
            ("1.0e2", 0),
            ("01", 0),
            ("{\n   \"a\": 1\n}", 0),
        ] {
            assert!(!is_canonical(text.as_bytes(), depth), "{text}");
        }
        let v: Value = serde_json::from_str("{\"a\":1}").unwrap();
        assert!(is_canonical(pretty_at(&v, 0).as_bytes(), 0));
    }

    proptest::proptest! {
        /// Any JSON text that passes is exactly what the writer makes of its value.
        #[test]
        fn passing_means_identical(bytes in proptest::collection::vec(
            proptest::sample::select(b"{}[]\",: \n\\u0a1e.-tnx".to_vec()), 0..40), depth in 0usize..3) {
            if is_canonical(&bytes, depth) {
                let v: Value = serde_json::from_slice(&bytes).expect("canonical text is JSON");
                let text = pretty_at(&v, depth);
                proptest::prop_assert_eq!(text.as_bytes(), &bytes[..]);
            }
        }
    }
}
