//! Quote matching: a quote matches its source after folding whitespace runs and
//! curly/straight quote marks, and the match is mapped back to a byte range of the
//! original text so views can highlight exactly the passage.

use memchr::memmem;

/// A source text folded for quote matching, with enough bookkeeping to map positions
/// back. (Search folds differently, for accents and case: `search::fold::Folded`.)
#[derive(Debug, Clone)]
pub struct FoldedSource {
    /// The folded text: whitespace runs are one space, quote marks are `"` or `'`.
    pub text: String,
    /// `(folded, original)` byte positions at every place the two drift apart.
    /// Between checkpoints the texts are byte-identical.
    marks: Vec<(u32, u32)>,
}

/// What a run of original characters folds to, and how many bytes it consumed.
fn fold_at(s: &str, i: usize) -> Option<(char, usize)> {
    let rest = &s[i..];
    let mut chars = rest.chars();
    let c = chars.next()?;
    let n = c.len_utf8();
    let folded = match c {
        // Doubled single marks are used as double quotes ('' and ‘‘ ’’ in the Globe text).
        '‘' | '’' | '\'' if matches!(chars.next(), Some(d) if d == c) => {
            return Some(('"', 2 * n));
        }
        '“' | '”' | '„' | '‟' | '″' | '"' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | '\'' => '\'',
        c if c.is_whitespace() => {
            let len = rest
                .find(|ch: char| !ch.is_whitespace())
                .unwrap_or(rest.len());
            return Some((' ', len));
        }
        c => c,
    };
    Some((folded, n))
}

/// Whitespace as `char::is_whitespace` sees it, for ASCII bytes (includes vertical tab,
/// which `u8::is_ascii_whitespace` does not).
fn ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// True when the byte at `i` folds to itself on its own: ASCII other than whitespace
/// and `'` (which may pair up), or a single space followed by such a byte.
fn plain_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\'' => false,
        b' ' => bytes
            .get(i + 1)
            .is_none_or(|&n| n < 0x80 && !ascii_space(n)),
        b => b < 0x80 && !ascii_space(b),
    }
}

/// The end of the run of bytes from `i` that fold to themselves (see [`plain_at`]):
/// eight at a time while no byte of the eight could end it, then one at a time.
fn plain_run(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte below `n`. Every such byte is marked; a byte above one
    // may be marked too, which only sends it to the check byte by byte.
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    loop {
        // Eight bytes and the one after them (a space's fate depends on the next byte).
        while let Some(nine) = bytes.get(i..i + 9) {
            let w = u64::from_le_bytes(nine[..8].try_into().expect("eight bytes"));
            let next = u64::from_le_bytes(nine[1..].try_into().expect("eight bytes"));
            let space_before_bad = below(w ^ (ONES * 0x20), 1) & (below(next, 0x21) | next & HIGH);
            let may_end = w & HIGH
                | below(w ^ (ONES * u64::from(b'\'')), 1)
                | below(w, 0x20)
                | space_before_bad;
            if may_end != 0 {
                i += (may_end.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        if i < bytes.len() && plain_at(bytes, i) {
            i += 1;
        } else {
            return i;
        }
    }
}

impl FoldedSource {
    /// Folds `s`. Leading and trailing whitespace is kept (as one space) so positions stay total.
    pub fn new(s: &str) -> FoldedSource {
        let bytes = s.as_bytes();
        let mut text = String::with_capacity(s.len());
        let mut marks = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: copy the run of bytes that fold to themselves (plain ASCII,
            // single spaces) in one go; only the rest goes through `fold_at`.
            let run = i;
            i = plain_run(bytes, i);
            text.push_str(&s[run..i]);
            let Some((c, used)) = fold_at(s, i) else {
                break;
            };
            let same = c.len_utf8() == used && s[i..].starts_with(c);
            if !same {
                marks.push((text.len() as u32, i as u32));
            }
            text.push(c);
            i += used;
            if !same {
                marks.push((text.len() as u32, i as u32));
            }
        }
        FoldedSource { text, marks }
    }

    /// The original byte position of folded position `f` (a char boundary of `text`).
    pub fn to_original(&self, f: usize) -> usize {
        let f32 = f as u32;
        let k = self.marks.partition_point(|&(fp, _)| fp <= f32);
        match k.checked_sub(1).map(|k| self.marks[k]) {
            Some((fp, op)) => (op + (f32 - fp)) as usize,
            None => f,
        }
    }
}

/// Folds a quote for matching: like [`FoldedSource::new`] but trimmed.
pub fn fold_quote(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    fold_quote_into(q, &mut out);
    out
}

/// Appends the folded form of quote `q` (as [`fold_quote`] gives it) to `out`.
pub fn fold_quote_into(q: &str, out: &mut String) {
    let s = q.trim();
    // Most quotes fold to themselves, and checking that is cheaper than folding byte
    // by byte.
    if folds_to_itself(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = i;
        i = plain_run(bytes, i);
        out.push_str(&s[run..i]);
        let Some((c, used)) = fold_at(s, i) else {
            break;
        };
        out.push(c);
        i += used;
    }
}

/// True when `s` is printable ASCII with no space or `'` doubled (a doubled `'` folds to
/// `"`): it folds to itself. No early exits, so that it compiles to vector code (half
/// the time of checking byte by byte, on a generated case's quotes).
fn folds_to_itself(s: &[u8]) -> bool {
    let printable = s
        .iter()
        .fold(true, |ok, &b| ok & (b' '..=b'~').contains(&b));
    let next = s.get(1..).unwrap_or_default();
    let doubled = s.iter().zip(next).fold(false, |d, (&a, &b)| {
        d | ((a == b) & ((a == b' ') | (a == b'\'')))
    });
    printable & !doubled
}

/// Finds `quote` in the folded source; returns the byte range in the original text.
pub fn find_quote(source: &FoldedSource, folded_quote: &str) -> Option<std::ops::Range<usize>> {
    if folded_quote.is_empty() {
        return None;
    }
    let start = memmem::find(source.text.as_bytes(), folded_quote.as_bytes())?;
    let end = start + folded_quote.len();
    Some(source.to_original(start)..source.to_original(end))
}

/// Finds many quotes in one folded text faster than a scan per quote: every 8-byte
/// window of the text is filed once under a hash bucket, a quote looks up the window
/// in its middle, and only the places in that bucket are compared. Gives exactly what
/// `memmem::find` gives (the leftmost occurrence). It keeps about five bytes per text
/// byte, so one can live for every source while all events are checked.
pub struct QuoteSearcher<'a> {
    hay: &'a [u8],
    /// Bucket `b` holds window starts `order[starts[b]..starts[b + 1]]`, rising.
    starts: Vec<u32>,
    order: Vec<u32>,
    /// Right shift that turns a window's hash into its bucket.
    shift: u32,
}

const WINDOW: usize = 8;

impl<'a> QuoteSearcher<'a> {
    /// Indexes `hay` (a folded text).
    pub fn new(hay: &'a str) -> Self {
        let hay = hay.as_bytes();
        let n = hay.len().saturating_sub(WINDOW - 1);
        if hay.len() > u32::MAX as usize {
            return QuoteSearcher {
                hay,
                starts: Vec::new(),
                order: Vec::new(),
                shift: 0,
            };
        }
        // About four window starts per bucket.
        let bits = (usize::BITS - (n / 4).leading_zeros()).max(1);
        let shift = u64::BITS - bits;
        let bucket = |i: usize| (hash(window(&hay[i..])) >> shift) as usize;
        let mut starts = vec![0u32; (1 << bits) + 1];
        for i in 0..n {
            starts[bucket(i) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        // Filed in rising order, so each bucket lists its starts left to right.
        let mut fill = starts.clone();
        let mut order = vec![0u32; n];
        for i in 0..n {
            let b = bucket(i);
            order[fill[b] as usize] = i as u32;
            fill[b] += 1;
        }
        QuoteSearcher {
            hay,
            starts,
            order,
            shift,
        }
    }

    /// Byte offset of the leftmost occurrence of `needle`.
    pub fn find(&self, needle: &[u8]) -> Option<usize> {
        if needle.len() < WINDOW || self.starts.is_empty() {
            return memmem::find(self.hay, needle);
        }
        let o = (needle.len() - WINDOW) / 2;
        let b = (hash(window(&needle[o..])) >> self.shift) as usize;
        let (from, to) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        self.order[from..to]
            .iter()
            .map(|&p| p as usize)
            .find(|&at| at >= o && self.hay[at - o..].starts_with(needle))
            .map(|at| at - o)
    }
}

/// Spreads a window's bits over the whole word (one folded multiply).
fn hash(w: u64) -> u64 {
    let m = u128::from(w) * 0x9E37_79B9_7F4A_7C15_u128;
    (m >> 64) as u64 ^ m as u64
}

fn window(b: &[u8]) -> u64 {
    u64::from_be_bytes(b[..WINDOW].try_into().expect("eight bytes"))
}

/// Hashes a window key with one folded multiply (keys are text, not attacker-chosen
/// beyond slowing their own load).
#[derive(Clone, Copy, Default)]
pub(crate) struct BuildWindowHash;

#[derive(Default)]
pub(crate) struct WindowHash(u64);

impl std::hash::BuildHasher for BuildWindowHash {
    type Hasher = WindowHash;
    fn build_hasher(&self) -> WindowHash {
        WindowHash(0)
    }
}

impl std::hash::Hasher for WindowHash {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        let m = u128::from(self.0 ^ x) * 0x9E37_79B9_7F4A_7C15_u128;
        self.0 = (m >> 64) as u64 ^ m as u64;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Finds `quote` with a [`QuoteSearcher`] over `source.text`; like [`find_quote`].
pub fn find_quote_with(
    source: &FoldedSource,
    searcher: &QuoteSearcher,
    folded_quote: &str,
) -> Option<std::ops::Range<usize>> {
    if folded_quote.is_empty() {
        return None;
    }
    let start = searcher.find(folded_quote.as_bytes())?;
    let end = start + folded_quote.len();
    Some(source.to_original(start)..source.to_original(end))
}

/// The passage of the source that comes closest to a quote that was not found:
/// the longest prefix or suffix of the quote that does occur, widened to the
/// quote's length. Returns the original byte range.
pub fn closest_passage(
    source: &FoldedSource,
    folded_quote: &str,
) -> Option<std::ops::Range<usize>> {
    let hay = source.text.as_bytes();
    let q = folded_quote;
    let boundaries: Vec<usize> = q
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([q.len()])
        .collect();
    // Longest prefix: the predicate "prefix of length b occurs" is monotone in b.
    let longest = |occurs: &dyn Fn(usize) -> Option<usize>| -> Option<(usize, usize)> {
        let (mut lo, mut hi, mut best) = (0usize, boundaries.len(), None);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match occurs(boundaries[mid]) {
                Some(pos) => {
                    best = Some((boundaries[mid], pos));
                    lo = mid + 1;
                }
                None => hi = mid,
            }
        }
        best
    };
    let prefix = longest(&|len| memmem::find(hay, &q.as_bytes()[..len]));
    let suffix = longest(&|len| memmem::find(hay, &q.as_bytes()[q.len() - len..]));
    let floor_char = |mut i: usize| {
        while !source.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = match (prefix, suffix) {
        (Some((pl, pp)), Some((sl, _))) if pl >= sl => (pp, (pp + q.len()).min(hay.len())),
        (_, Some((sl, sp))) => ((sp + sl).saturating_sub(q.len()), sp + sl),
        (Some((_, pp)), None) => (pp, (pp + q.len()).min(hay.len())),
        (None, None) => return None,
    };
    let (start, end) = (floor_char(start), floor_char(end));
    if end <= start || (prefix.map_or(0, |p| p.0).max(suffix.map_or(0, |s| s.0)) < 4) {
        return None;
    }
    Some(source.to_original(start)..source.to_original(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(src: &str, q: &str) -> Option<String> {
        let f = FoldedSource::new(src);
        find_quote(&f, &fold_quote(q)).map(|r| src[r].to_string())
    }

    #[test]
    fn whitespace_runs_fold() {
        assert_eq!(find("a  b\n\n c", "a b c").as_deref(), Some("a  b\n\n c"));
        assert_eq!(find("one two", "  one   two "), Some("one two".into()));
    }

    #[test]
    fn quote_marks_fold_both_ways() {
        let src = "the approach was in ‘‘early June 2016’’ after";
        assert_eq!(
            find(src, "was in \"early June 2016\" after").as_deref(),
            Some("was in ‘‘early June 2016’’ after")
        );
        assert_eq!(
            find(src, "in “early June 2016” after").as_deref(),
            Some("in ‘‘early June 2016’’ after")
        );
        assert_eq!(
            find("Trump’s campaign", "Trump's campaign").as_deref(),
            Some("Trump’s campaign")
        );
        assert_eq!(
            find("said \"hi\"", "said “hi”").as_deref(),
            Some("said \"hi\"")
        );
    }

    #[test]
    fn ranges_are_exact_after_multibyte_folds() {
        let src = "x ‘‘a’’ y — “b” z";
        let f = FoldedSource::new(src);
        let r = find_quote(&f, &fold_quote("\"b\" z")).unwrap();
        assert_eq!(&src[r], "“b” z");
        let r = find_quote(&f, &fold_quote("x \"a\"")).unwrap();
        assert_eq!(&src[r], "x ‘‘a’’");
    }

    #[test]
    fn fast_fold_path_agrees_with_the_char_by_char_fold() {
        // Every mix of plain bytes, spaces, control whitespace, quote marks and
        // non-ASCII: the run-copying fast path must fold exactly as `fold_at` alone.
        let parts = [
            "a", " ", "  ", "\t", "\u{b}", "\n", "'", "''", "’", "‘‘", "“", "\"", "é", "\u{a0}",
            "x.", "\u{85}",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(parts[(seed >> 33) as usize % parts.len()]);
            }
            let (mut slow, mut i) = (String::new(), 0);
            while let Some((c, used)) = fold_at(&s, i) {
                slow.push(c);
                i += used;
            }
            let fast = FoldedSource::new(&s);
            assert_eq!(fast.text, slow, "{s:?}");
            assert_eq!(fold_quote(&s), FoldedSource::new(s.trim()).text, "{s:?}");
            for (f, _) in fast.text.char_indices() {
                assert!(s.is_char_boundary(fast.to_original(f)), "{s:?}");
            }
        }
        // Mostly plain ASCII, where a quote may fold to itself whole.
        let plain = ["a", " ", "  ", "'", "\"", "x.", "~", "\t"];
        let mut whole = 0;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..6 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(plain[(seed >> 33) as usize % plain.len()]);
            }
            let folded = fold_quote(&s);
            whole += usize::from(folded == s.trim());
            assert_eq!(folded, FoldedSource::new(s.trim()).text, "{s:?}");
        }
        assert!(whole > 100, "only {whole} quotes folded to themselves");
    }

    proptest::proptest! {
        /// Eight bytes at a time, a run ends where it ends byte by byte: on texts of
        /// the bytes that end runs or may seem to (spaces before them, controls,
        /// quote marks, the bytes of non-ASCII chars), from every start.
        #[test]
        fn plain_runs_end_where_byte_by_byte_they_do(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "b.", " ", "  ", "'", "\t", "\n", "\u{1}", "\u{b}", "\u{1f}", "!", "~", "\u{7f}", "é", "“", "’", "\u{a0}"]),
                0..40,
            )
        ) {
            let s = parts.concat();
            let b = s.as_bytes();
            for start in 0..=b.len() {
                let mut end = start;
                while end < b.len() && plain_at(b, end) {
                    end += 1;
                }
                proptest::prop_assert_eq!(plain_run(b, start), end, "{:?} from {}", s, start);
            }
        }
    }

    #[test]
    fn searcher_finds_what_memmem_finds() {
        let text = "The deal was signed. The deal was signed twice. Records show the deal was signed; \
                    the the the the the the deal. é‘x’ signed. The deal was signed twice. end";
        let s = QuoteSearcher::new(text);
        let b = text.as_bytes();
        for start in 0..b.len() {
            for len in [1, 5, 7, 8, 9, 12, 20, 33] {
                if start + len <= b.len() {
                    let needle = &b[start..start + len];
                    assert_eq!(
                        s.find(needle),
                        memmem::find(b, needle),
                        "{:?}",
                        String::from_utf8_lossy(needle)
                    );
                }
            }
        }
        assert_eq!(s.find(b"not in the text at all"), None);
        assert_eq!(s.find(b"The deal was signed thrice"), None);
    }

    #[test]
    fn case_and_words_must_match() {
        assert_eq!(find("Nix said", "nix said"), None);
        assert_eq!(find("Nix said", "Nix says"), None);
        assert_eq!(find("abc", ""), None);
    }

    #[test]
    fn closest_passage_points_at_the_near_miss() {
        let src = "Intro. Nix said the approach was in early June 2016 after the article. End.";
        let f = FoldedSource::new(src);
        let r = closest_passage(
            &f,
            &fold_quote("Nix said the approach was in late June 2016"),
        )
        .unwrap();
        assert!(
            src[r].starts_with("Nix said the approach was in "),
            "{}",
            &src[closest_passage(
                &f,
                &fold_quote("Nix said the approach was in late June 2016")
            )
            .unwrap()]
        );
        let r = closest_passage(
            &f,
            &fold_quote("He said: early June 2016 after the article."),
        )
        .unwrap();
        assert!(src[r].ends_with("early June 2016 after the article."));
        assert!(closest_passage(&f, &fold_quote("zzzz qqqq")).is_none());
    }
}
