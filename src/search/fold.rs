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
    let map = (!identity).then(|| map.into_boxed_slice());
    Some(Folded { text, map })
}

/// Folds a query term (no map needed: positions are never reported in the query).
pub fn fold_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A pattern prepared for the byte-level prefilter.
#[derive(Debug, Clone)]
pub struct Needle {
    /// Bytes of the folded pattern; lower-cased when matching ignores case.
    bytes: Box<[u8]>,
    case_sensitive: bool,
}

impl Needle {
    /// Prepares `folded` (already folded by [`fold_query`]).
    pub fn new(folded: &str, case_sensitive: bool) -> Needle {
        let bytes = if case_sensitive {
            folded.as_bytes().into()
        } else {
            folded.to_ascii_lowercase().into_bytes().into()
        };
        Needle {
            bytes,
            case_sensitive,
        }
    }

    /// Whether the needle's bytes occur in order in `hay` (the folded text).
    ///
    /// A char-level in-order match implies this byte-level one, so a `false`
    /// here safely rejects the text before the (much dearer) scorer runs.
    pub fn may_match(&self, hay: &[u8]) -> bool {
        let mut rest = hay;
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
        assert!(n.may_match(b"WikiLeaks"));
        assert!(!n.may_match(b"leaks wiki"));
        let n = Needle::new("Wk", true);
        assert!(n.may_match(b"Wiki"));
        assert!(!n.may_match(b"wiki"));
        assert!(Needle::new("", false).may_match(b""));
        let n = Needle::new(&fold_query("łódź"), false);
        assert!(n.may_match(fold("ŁÓDŹ").unwrap().text.as_bytes()));
    }
}
