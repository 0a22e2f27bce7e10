//! Text folding for matching: accents stripped, curly quotes straightened, non-ASCII
//! letters lower-cased, with a map from folded characters back to the original ones.
//!
//! ASCII text folds to itself, so only non-ASCII strings ever get a folded copy
//! (most names and titles are ASCII; the copy is the exception, not the rule).
//! ASCII letter case is kept: the scorer applies smart case to ASCII letters itself.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded copy of a non-ASCII string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// How many chars `text` has.
    pub chars: u32,
    /// For each char of `text`, the index of the original char it came from.
    /// `None` when the fold is one char for one char (the usual case), so the map is the identity.
    map: Option<Box<[u32]>>,
}

impl Folded {
    /// The original char index of folded char `i`.
    pub fn original_char(&self, i: usize) -> usize {
        match &self.map {
            Some(m) => m.get(i).map_or(i, |&o| o as usize),
            None => i,
        }
    }
}

/// Appends the fold of one char to `out`; returns how many chars were appended.
fn fold_char(c: char, out: &mut String) -> usize {
    if c.is_ascii() {
        out.push(c);
        return 1;
    }
    let mut n = 0;
    let mut push = |d: char| {
        if is_combining_mark(d) {
            return;
        }
        let d = match d {
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            '“' | '”' | '„' | '‟' | '″' => '"',
            '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
            d if d.is_ascii() => d,
            d => {
                let mut lower = d.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => l,
                    _ => d,
                }
            }
        };
        out.push(d);
        n += 1;
    };
    decompose_canonical(c, &mut push);
    n
}

/// Folds `s`; `None` when `s` is ASCII (it is its own fold).
pub fn fold(s: &str) -> Option<Folded> {
    if s.is_ascii() {
        return None;
    }
    let mut text = String::with_capacity(s.len());
    let mut map: Vec<u32> = Vec::with_capacity(s.len());
    let mut identity = true;
    for (i, c) in s.chars().enumerate() {
        let n = fold_char(c, &mut text);
        identity &= n == 1;
        map.extend(std::iter::repeat_n(i as u32, n));
    }
    let chars = map.len() as u32;
    let map = (!identity).then(|| map.into_boxed_slice());
    Some(Folded { text, chars, map })
}

/// Folds a query term (no map needed: positions are never reported in the query).
pub fn fold_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Which kinds of byte a text holds, one bit per kind: ASCII letters (either case) and
/// digits have a bit each, other ASCII bytes share bits, every non-ASCII byte sets bit 63.
/// If a pattern's mask is not inside a text's, the pattern cannot match there.
pub fn char_mask(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |m, &b| m | byte_bit(b))
}

fn byte_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        0x80.. => 1 << 63,
        b' ' => 0,
        b => 1 << (36 + b % 27),
    }
}

/// A pattern prepared for the byte-level prefilter.
#[derive(Debug, Clone)]
pub struct Needle {
    /// Bytes of the folded pattern; lower-cased when matching ignores case.
    bytes: Box<[u8]>,
    case_sensitive: bool,
    /// [`char_mask`] of the pattern.
    pub mask: u64,
}

impl Needle {
    /// Prepares `folded` (already folded by [`fold_query`]).
    pub fn new(folded: &str, case_sensitive: bool) -> Needle {
        let bytes: Box<[u8]> = if case_sensitive {
            folded.as_bytes().into()
        } else {
            folded.to_ascii_lowercase().into_bytes().into()
        };
        Needle {
            mask: char_mask(&bytes),
            bytes,
            case_sensitive,
        }
    }

    /// Whether a text with this [`char_mask`] may hold the needle: when false, it
    /// cannot, so [`Needle::matches`] need not read it.
    pub fn may_match(&self, mask: u64) -> bool {
        self.mask & mask == self.mask
    }

    /// Whether the needle's chars occur in order in `hay` (the folded text), comparing
    /// ASCII letters without case unless the needle is case-sensitive: exactly when the
    /// scorer finds a match. ASCII needles are checked on bytes with `memchr` (a byte of
    /// a multi-byte char never equals an ASCII byte); others char by char.
    pub fn matches(&self, hay: &str) -> bool {
        if !self.bytes.is_ascii() {
            let mut rest = hay.chars();
            let same = |a: char, b: char| {
                if self.case_sensitive {
                    a == b
                } else {
                    a.eq_ignore_ascii_case(&b)
                }
            };
            // The needle was lowered for case-blind matching, so compare against its source chars.
            return std::str::from_utf8(&self.bytes)
                .expect("built from a str")
                .chars()
                .all(|p| rest.any(|c| same(c, p)));
        }
        let mut rest = hay.as_bytes();
        for &b in self.bytes.iter() {
            let found = if !self.case_sensitive && b.is_ascii_lowercase() {
                memchr::memchr2(b, b.to_ascii_uppercase(), rest)
            } else {
                memchr::memchr(b, rest)
            };
            match found {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_needs_no_copy() {
        assert_eq!(fold("Donald Trump Jr."), None);
    }

    #[test]
    fn accents_fold_and_map_back() {
        let f = fold("José Núñez").unwrap();
        assert_eq!(f.text, "Jose Nunez");
        assert_eq!(f.original_char(3), 3);
        assert_eq!(f.original_char(9), 9);
        let f = fold("ÉCOLE").unwrap();
        assert_eq!(
            f.text, "ECOLE",
            "ASCII case is left to the scorer's smart case"
        );
        assert_eq!(fold_query("josé"), "jose");
    }

    #[test]
    fn quotes_straighten_and_non_ascii_letters_lower() {
        assert_eq!(fold("Trump’s “dirt”").unwrap().text, "Trump's \"dirt\"");
        assert_eq!(
            fold("ŁÓDŹ").unwrap().text,
            "łODZ",
            "non-ASCII lowers, ASCII case stays"
        );
    }

    #[test]
    fn decomposed_input_maps_to_its_base_char() {
        // "e" + combining acute: two chars in, one out.
        let f = fold("Jose\u{301} x").unwrap();
        assert_eq!(f.text, "Jose x");
        assert_eq!(f.original_char(4), 5, "the space after the mark");
        assert_eq!(f.original_char(5), 6);
    }

    #[test]
    fn prefilter_is_an_in_order_byte_check() {
        let n = Needle::new("wkl", false);
        assert!(n.matches("WikiLeaks"));
        assert!(!n.matches("leaks wiki"));
        let n = Needle::new("Wk", true);
        assert!(n.matches("Wiki"));
        assert!(!n.matches("wiki"));
        assert!(Needle::new("", false).matches(""));
        let n = Needle::new(&fold_query("łódź"), false);
        assert!(n.matches(&fold("ŁÓDŹ").unwrap().text));
        assert!(
            !Needle::new("łx", false).matches("Łx ł"),
            "non-ASCII letters compare exactly"
        );
    }

    #[test]
    fn masks_are_case_blind_and_inclusive() {
        let text = char_mask("WikiLeaks, 2016 — ok".as_bytes());
        for pat in ["wkl", "WKL", "2016", ",", "—"] {
            let m = Needle::new(pat, false).mask;
            assert_eq!(m & text, m, "{pat}");
        }
        let q = Needle::new("q", false).mask;
        assert_ne!(q & text, q);
    }
}
