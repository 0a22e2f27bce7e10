//! A reader for events written the plain way, quicker than serde's: the loader's first
//! try at each element of `events`.
//!
//! It reads exactly one shape: an object whose keys are the event's own, each once,
//! every value a string or an array of strings or of citation and link objects (with
//! their own keys only), whitespace only between tokens. Anything else at all (an
//! unknown key, a repeated key, a `null`, a number, an invalid escape) gives `None`, and
//! the element goes to serde, so this reader never decides what a file means: whatever
//! it accepts, serde reads to the same [`FastEvent`] (a property test checks this).

use std::borrow::Cow;

use super::raw::{FastCitation, FastEvent, FastLink, Object, Text};

/// `element` as a [`FastEvent`], if it has the one shape this reader knows.
pub(crate) fn event(element: &str) -> Option<FastEvent<'_>> {
    let mut r = Reader { s: element, i: 0 };
    let (mut id, mut date, mut title, mut summary) = (None, None, None, None);
    let (mut entities, mut citations, mut tags, mut links) = (None, None, None, None);
    r.object(|r, key| match key {
        "id" => set(&mut id, r.string()?.into_owned()),
        "date" => set(&mut date, Text(r.string()?)),
        "title" => set(&mut title, r.string()?.into_owned()),
        "summary" => set(&mut summary, r.string()?.into_owned()),
        "entities" => set(&mut entities, r.array(|r| r.string().map(Text))?),
        "citations" => set(&mut citations, r.array(Reader::citation)?),
        "tags" => set(&mut tags, r.array(|r| r.string().map(Cow::into_owned))?),
        "links" => set(&mut links, r.array(Reader::link)?),
        _ => None,
    })?;
    r.ws();
    if r.i != r.s.len() {
        return None;
    }
    Some(FastEvent {
        id: id?,
        date: date?,
        title: title?,
        summary: summary.unwrap_or_default(),
        entities: entities.unwrap_or_default(),
        citations: citations.unwrap_or_default(),
        tags: tags.unwrap_or_default(),
        links: links.unwrap_or_default(),
    })
}

/// Fills a field seen for the first time; `None` when it was seen before (serde's
/// derive turns a repeated field down).
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// The position of the first quote, backslash or control character in `bytes`: where
/// a string ends, or stops being one this reader takes. Eight bytes at a time, as most
/// strings here are a few dozen bytes, too short for a vector search to pay for itself.
fn first_special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte's high bit is set where it is zero; a false hit can only come above a true
    // one, so the lowest hit is exact (and so is the lowest of several such masks').
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let below_space = |w: u64| w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let mut words = bytes.chunks_exact(8);
    for (k, word) in words.by_ref().enumerate() {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let hits = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | below_space(w);
        if hits != 0 {
            return Some(k * 8 + (hits.trailing_zeros() / 8) as usize);
        }
    }
    let done = bytes.len() - words.remainder().len();
    words
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|k| done + k)
}

/// Four hex digits as a number.
fn hex4(digits: &[u8]) -> Option<u32> {
    digits
        .iter()
        .try_fold(0, |n, &d| Some(n << 4 | char::from(d).to_digit(16)?))
}

struct Reader<'a> {
    s: &'a str,
    /// The next byte to read.
    i: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    /// Skips JSON whitespace.
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.i) {
            self.i += 1;
        }
    }

    /// Skips whitespace, then takes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.ws();
        let next = self.bytes().get(self.i) == Some(&byte);
        self.i += usize::from(next);
        next
    }

    /// A string: borrowed from the text when it has no escapes, decoded when it has.
    /// `None` for a control character (JSON does not allow them unescaped) or an escape
    /// serde turns down.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        if !self.eat(b'"') {
            return None;
        }
        let mut owned: Option<String> = None;
        loop {
            let len = first_special(&self.bytes()[self.i..])?;
            // Both ends are next to ASCII bytes, so this is a slice of the text.
            let run = &self.s[self.i..self.i + len];
            self.i += len;
            match self.bytes()[self.i] {
                b'"' => {
                    self.i += 1;
                    return Some(match owned {
                        None => Cow::Borrowed(run),
                        Some(mut out) => {
                            out.push_str(run);
                            Cow::Owned(out)
                        }
                    });
                }
                b'\\' => {
                    let c = self.escape()?;
                    let out = owned.get_or_insert_with(|| String::with_capacity(len + 16));
                    out.push_str(run);
                    out.push(c);
                }
                _ => return None,
            }
        }
    }

    /// The char an escape stands for; the reader is at its backslash and moves past it.
    fn escape(&mut self) -> Option<char> {
        let b = self.bytes();
        let c = match *b.get(self.i + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = hex4(b.get(self.i + 2..self.i + 6)?)?;
                self.i += 6;
                let code = match high {
                    0xD800..=0xDBFF => {
                        // A surrogate pair: the low half must follow as its own escape.
                        let low = b.get(self.i..self.i + 6)?;
                        if &low[..2] != b"\\u" {
                            return None;
                        }
                        let low = hex4(&low[2..])?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        self.i += 6;
                        0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return None,
                    _ => high,
                };
                return char::from_u32(code);
            }
            _ => return None,
        };
        self.i += 2;
        Some(c)
    }

    /// An object: `field` reads the value of each key (the reader is after the colon).
    fn object(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        if !self.eat(b'{') {
            return None;
        }
        if self.eat(b'}') {
            return Some(());
        }
        loop {
            let key = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            field(self, &key)?;
            if self.eat(b'}') {
                return Some(());
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// An array: `item` reads each element.
    fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        if !self.eat(b'[') {
            return None;
        }
        let mut out = Vec::new();
        if self.eat(b']') {
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            if self.eat(b']') {
                return Some(out);
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// An object of two strings, keyed `a` and `b`.
    fn pair(&mut self, a: &str, b: &str) -> Option<(Text<'a>, Text<'a>)> {
        let (mut x, mut y) = (None, None);
        self.object(|r, key| match key {
            k if k == a => set(&mut x, Text(r.string()?)),
            k if k == b => set(&mut y, Text(r.string()?)),
            _ => None,
        })?;
        Some((x?, y?))
    }

    fn citation(&mut self) -> Option<Object<FastCitation<'a>>> {
        let (source, quote) = self.pair("source", "quote")?;
        Some(Object(FastCitation { source, quote }))
    }

    fn link(&mut self) -> Option<Object<FastLink<'a>>> {
        let (to, kind) = self.pair("to", "kind")?;
        Some(Object(FastLink { to, kind }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What serde makes of `text`, the reader's only reference.
    fn serde(text: &str) -> Option<String> {
        serde_json::from_str::<Object<FastEvent>>(text)
            .ok()
            .map(|Object(e)| format!("{e:?}"))
    }

    fn fast(text: &str) -> Option<String> {
        event(text).map(|e| format!("{e:?}"))
    }

    const PLAIN: &str = r#"{"id":"ev-1","date":"2016-06-09","title":"A meeting","summary":"They met.","entities":["a","b"],"citations":[{"source":"s","quote":"They met."}],"tags":["t"],"links":[{"to":"ev-0","kind":"follows"}]}"#;

    #[test]
    fn reads_the_plain_shape_borrowing_what_it_can() {
        let e = event(PLAIN).expect("plain shape");
        assert!(matches!(e.date.0, Cow::Borrowed("2016-06-09")));
        assert!(matches!(
            e.citations[0].0.quote.0,
            Cow::Borrowed("They met.")
        ));
        assert_eq!(fast(PLAIN), serde(PLAIN));
        let spaced = " {\n \"id\" : \"x\" ,\t\"date\":\"2016\",\r\n\"title\":\"T\", \"entities\" : [ ] , \"citations\":[ ] }\n";
        assert!(event(spaced).is_some());
        assert_eq!(fast(spaced), serde(spaced));
    }

    #[test]
    fn decodes_escapes_as_serde_does() {
        let text = r#"{"id":"a\"b","date":"\u0032016","title":"\\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00","citations":[{"source":"s","quote":"\"Yes\", she said."}]}"#;
        let e = event(text).expect("escapes are read");
        assert_eq!(e.id, "a\"b");
        assert_eq!(&*e.date, "2016");
        assert_eq!(e.title, "\\ / \u{8}\u{c}\n\r\t é 😀");
        assert_eq!(&*e.citations[0].0.quote, "\"Yes\", she said.");
        assert_eq!(fast(text), serde(text));
    }

    #[test]
    fn leaves_every_other_shape_to_serde() {
        for text in [
            r#"{"id":"a","date":"2016","title":"T","note":"mine"}"#,
            r#"{"id":"a","id":"b","date":"2016","title":"T"}"#,
            r#"{"id":"a","date":"2016","title":"T","summary":null}"#,
            r#"{"id":"a","date":2016,"title":"T"}"#,
            r#"{"id":"a","date":"2016","title":"T","tags":["x",]}"#,
            r#"{"id":"a","date":"2016","title":"T",}"#,
            r#"{"id":"a","date":"2016"}"#,
            r#"{"id":"a","date":"2016","title":"T"} x"#,
            r#"["a","2016","T"]"#,
            r#"{"id":"a\x","date":"2016","title":"T"}"#,
            r#"{"id":"\ud83d","date":"2016","title":"T"}"#,
            r#"{"id":"\ude00","date":"2016","title":"T"}"#,
            r#"{"id":"\ud83d\u0041","date":"2016","title":"T"}"#,
            r#"{"id":"\u12G4","date":"2016","title":"T"}"#,
            "{\"id\":\"a\u{1}\",\"date\":\"2016\",\"title\":\"T\"}",
            r#"{"id":"a","date":"2016","title":"T","citations":[{"source":"s"}]}"#,
            r#"{"id":"a","date":"2016","title":"T","links":[{"to":"b","kind":"k","why":"w"}]}"#,
        ] {
            assert_eq!(event(text).map(|_| ()), None, "{text}");
        }
    }

    /// The first special byte, one byte at a time.
    fn first_special_by_bytes(bytes: &[u8]) -> Option<usize> {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
    }

    #[test]
    fn first_special_finds_each_kind_in_every_lane() {
        for len in 0..24 {
            for at in 0..len {
                for special in [b'"', b'\\', 0, 0x1f, b'\n'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    // Bytes that the word tricks could mistake: just above a control
                    // character, the quote and the backslash, and non-ASCII.
                    for (k, b) in bytes.iter_mut().enumerate().skip(at + 1) {
                        *b = [0x20, b'#', b']', 0x80, 0xff, 0x21][k % 6];
                    }
                    assert_eq!(first_special(&bytes), Some(at), "{bytes:?}");
                }
            }
            assert_eq!(first_special(&vec![0xa2; len]), None);
        }
    }

    /// JSON source text of a string, from pieces that include every escape and, now and
    /// then, an invalid one or a raw character JSON does not allow.
    fn literal() -> impl Strategy<Value = String> {
        let good = prop::sample::select(vec![
            "a",
            "Z",
            " ",
            "é",
            "😀",
            r#"\""#,
            r"\\",
            r"\/",
            r"\n",
            r"\t",
            r"\b",
            r"\u00e9",
            r"\ud83d\ude00",
        ]);
        let bad = prop::sample::select(vec![
            r"\ud83d", r"\ude00", r"\x", r"\'", r"\U0041", r"\u12G4", "\u{1}", "\u{b}", "\u{c}",
        ]);
        let piece = prop_oneof![40 => good, 1 => bad];
        prop::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
    }

    /// Whitespace between tokens: now and then a kind JSON does not allow there.
    fn ws() -> impl Strategy<Value = &'static str> {
        let good = prop::sample::select(vec!["", "", "", " ", "\n", "\t ", "\r\n"]);
        let bad = prop::sample::select(vec!["\u{b}", "\u{c}", "\u{a0}", "\u{feff}"]);
        prop_oneof![60 => good, 1 => bad]
    }

    /// A value: mostly what the key wants, now and then not.
    fn value(key: &'static str) -> BoxedStrategy<String> {
        let strings = prop::collection::vec((literal(), ws()), 0..3).prop_map(|v| {
            let items: Vec<String> = v.into_iter().map(|(l, w)| format!("{w}{l}{w}")).collect();
            format!("[{}]", items.join(","))
        });
        let object = move |a: &'static str, b: &'static str| {
            (literal(), literal(), ws(), prop::bool::weighted(0.05)).prop_map(
                move |(x, y, w, extra)| {
                    let more = if extra { r#","more":1"# } else { "" };
                    format!(r#"{{{w}"{a}"{w}:{w}{x},"{b}":{y}{more}{w}}}"#)
                },
            )
        };
        let objects = move |a, b| {
            prop::collection::vec(object(a, b), 0..3).prop_map(|v| format!("[{}]", v.join(",")))
        };
        let wrong =
            prop::sample::select(vec!["null", "1", "true", "{}", "[1]"]).prop_map(String::from);
        let right = match key {
            "entities" | "tags" => strings.boxed(),
            "citations" => objects("source", "quote").boxed(),
            "links" => objects("to", "kind").boxed(),
            _ => literal().boxed(),
        };
        prop_oneof![30 => right, 1 => wrong].boxed()
    }

    /// An element: the required keys nearly always, others at random, in any order, and
    /// now and then a key repeated or one of the user's own.
    fn element() -> impl Strategy<Value = String> {
        let all = [
            ("id", 0.97),
            ("date", 0.97),
            ("title", 0.97),
            ("summary", 0.5),
            ("entities", 0.5),
            ("citations", 0.5),
            ("tags", 0.5),
            ("links", 0.5),
            ("note", 0.03),
            ("title", 0.03),
        ];
        let picks: Vec<_> = all
            .iter()
            .map(|&(k, p)| prop::bool::weighted(p).prop_map(move |on| on.then_some(k)))
            .collect();
        picks
            .prop_map(|keys| keys.into_iter().flatten().collect::<Vec<_>>())
            .prop_shuffle()
            .prop_flat_map(|keys| {
                let fields: Vec<_> = keys
                    .into_iter()
                    .map(|k| (Just(k), value(k), ws()))
                    .collect();
                (fields, ws())
            })
            .prop_map(|(fields, w)| {
                let body: Vec<String> = fields
                    .into_iter()
                    .map(|(k, v, w)| format!("{w}\"{k}\"{w}:{w}{v}{w}"))
                    .collect();
                format!("{w}{{{}}}{w}", body.join(","))
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the reader accepts, serde reads the same.
        #[test]
        fn accepts_only_what_serde_reads_the_same(text in element()) {
            if let Some(got) = fast(&text) {
                prop_assert_eq!(Some(got), serde(&text), "{}", text);
            }
        }

        /// The same, on the plain shape with one byte cut, doubled or put in.
        #[test]
        fn damaged_elements_are_left_to_serde(at in 0..PLAIN.len(), how in 0..3u8, b in prop::sample::select(b"{}[],:\" \\nu0".to_vec())) {
            let mut bytes = PLAIN.as_bytes().to_vec();
            match how {
                0 => { bytes.remove(at); }
                1 => bytes.insert(at, bytes[at]),
                _ => bytes.insert(at, b),
            }
            if let Ok(text) = std::str::from_utf8(&bytes)
                && let Some(got) = fast(text)
            {
                prop_assert_eq!(Some(got), serde(text), "{}", text);
            }
        }

        #[test]
        fn first_special_agrees_with_a_byte_walk(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(first_special(&bytes), first_special_by_bytes(&bytes));
        }
    }
}
