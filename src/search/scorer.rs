//! The fuzzy scorer: the one file to change to replace how text is scored.
//!
//! It wraps fuzzy-matcher's `SkimMatcherV2`. Callers hand it folded text (see
//! [`super::fold`]) and a folded pattern; it answers with a score and, when asked,
//! the matched char indices of the text it was given. Smart case is decided per
//! term by the query parser and passed in as `case_sensitive`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Scores a folded pattern against a folded text.
///
/// Holds one `SkimMatcherV2` per case mode, reused by every call: fuzzy-matcher keeps its
/// score matrix in a per-thread cache, so a scan allocates nothing per text. This relies
/// on the vendored fuzzy-matcher (see `vendor/README.md`), where a reused matrix and the
/// score-only path give exactly the scores a fresh matcher's `fuzzy_indices` gives.
pub struct Scorer {
    sensitive: SkimMatcherV2,
    blind: SkimMatcherV2,
}

impl Default for Scorer {
    fn default() -> Scorer {
        Scorer {
            sensitive: SkimMatcherV2::default().respect_case(),
            blind: SkimMatcherV2::default().ignore_case(),
        }
    }
}

impl std::fmt::Debug for Scorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scorer")
    }
}

impl Scorer {
    fn matcher(&self, case_sensitive: bool) -> &SkimMatcherV2 {
        if case_sensitive {
            &self.sensitive
        } else {
            &self.blind
        }
    }

    /// The score of `pattern` in `text`, or `None` when the pattern's chars do not occur in order.
    /// Equal to the score [`Scorer::indices`] gives, without tracking where chars matched.
    pub fn score(&self, text: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        self.matcher(case_sensitive).fuzzy_match(text, pattern)
    }

    /// Like [`Scorer::score`], with the char indices of `text` that matched.
    /// The score is the same one [`Scorer::score`] gives.
    pub fn indices(
        &self,
        text: &str,
        pattern: &str,
        case_sensitive: bool,
    ) -> Option<(i64, Vec<usize>)> {
        self.matcher(case_sensitive).fuzzy_indices(text, pattern)
    }

    /// An upper bound on [`Scorer::score`] for a pattern of `chars` chars, in any text
    /// (see [`Scorer::bound`]: the first char at the text's start, every other at a word start).
    pub fn max_score(chars: usize) -> i64 {
        if chars == 0 { 0 } else { 24 * chars as i64 + 7 }
    }

    /// `None` exactly when [`Scorer::score`] is `None` (the pattern's chars do not occur
    /// in order in `text`); otherwise an upper bound on that score. One pass over the text
    /// without scoring it, so most hits of a big scan are never scored.
    ///
    /// From SkimMatcherV2's recurrence (with a clean matrix): a pattern char matched at
    /// text position `j` adds `s + max(b, 4)` when the previous pattern char matched at
    /// `j - 1`, and at most `s + b - 3 - g` after a gap of `g ≥ 1` chars; the first
    /// pattern char adds `s - 1 + b`. Here `s` is 16, or 14 for a case-blind match of a
    /// different case, and `b` is the in-place bonus of position `j` (16 at the text's
    /// start, 8 after a hard separator, 7 after a soft one, 6 at a camel-case hump, else
    /// 0). The bound takes, for every pattern char, the most it could add at any position
    /// given the nearest earlier occurrence of the char before it, and sums those; the best
    /// alignment adds no more at each of its own positions.
    pub fn bound(&self, text: &str, pattern: &Pattern) -> Option<i64> {
        let m = pattern.chars.len();
        if m == 0 {
            return Some(0);
        }
        if m > MAX_BOUND_CHARS {
            // Too long for the masks: no cheap bound, only the in-order check.
            return in_order(text, &pattern.chars, pattern.case_sensitive)
                .then(|| Self::max_score(m));
        }
        let mut walk = Walk::new(m);
        match &pattern.table {
            Some(table) => {
                let bytes = text.as_bytes();
                // Continuation bytes so far: a multi-byte char is one position, of the
                // "lower" class, and matches no ASCII pattern char.
                let mut cont = 0u32;
                for (i, &c) in bytes.iter().enumerate() {
                    let any = table.any[usize::from(c)];
                    if any == 0 {
                        cont += u32::from(c & 0xC0 == 0x80);
                        continue;
                    }
                    let bonus = match i.checked_sub(1) {
                        None => 16,
                        Some(p) => {
                            BONUS[usize::from(CLASS[usize::from(bytes[p])])]
                                [usize::from(CLASS[usize::from(c)])]
                        }
                    };
                    walk.hit(i as u32 - cont, bonus, any, table.exact[usize::from(c)]);
                }
            }
            None => {
                let mut prev = None;
                for (j, c) in text.chars().enumerate() {
                    let (mut any, mut exact) = (0u64, 0u64);
                    for (k, &p) in pattern.chars.iter().enumerate() {
                        if c == p {
                            exact |= 1 << k;
                        }
                        if c == p || (!pattern.case_sensitive && c.eq_ignore_ascii_case(&p)) {
                            any |= 1 << k;
                        }
                    }
                    let class = if c.is_ascii() {
                        CLASS[c as usize]
                    } else {
                        LOWER
                    };
                    if any != 0 {
                        let bonus =
                            prev.map_or(16, |p: u8| BONUS[usize::from(p)][usize::from(class)]);
                        walk.hit(j as u32, bonus, any, exact);
                    }
                    prev = Some(class);
                }
            }
        }
        walk.finish()
    }

    /// Which chars of `text` are at word starts (positions after the first that get an
    /// in-place bonus), as a mask of char bits. Depends only on the text, so the index keeps it;
    /// a superset (say, the union over an item's texts) still gives a valid [`Scorer::bound_with`].
    pub fn heads(text: &str) -> u64 {
        let Some((&first, rest)) = text.as_bytes().split_first() else {
            return 0;
        };
        // Bytes, not chars: every byte of a non-ASCII char is in skim's "lower" class, so
        // only a char's first byte can follow a separator, and it sets the shared bit.
        let mut heads = 0u64;
        let mut prev = CLASS[usize::from(first)];
        for &b in rest {
            let cur = CLASS[usize::from(b)];
            if WORD_START[usize::from(prev)][usize::from(cur)] {
                heads |= BIT[usize::from(b)];
            }
            prev = cur;
        }
        heads
    }

    /// A coarser upper bound on [`Scorer::score`] than [`Scorer::bound`], without a pass
    /// over the text: given (a superset of) the text's [`Scorer::heads`], the first char
    /// adds at most `15 + b` (`b` 16 at the text's start, 8 at a word start) and every
    /// later one at most 24 if it occurs at a word start, else 20. Only valid when the
    /// pattern matches at all.
    pub fn bound_with(&self, text: &str, heads: u64, pattern: &Pattern) -> i64 {
        let Some(&p0) = pattern.chars.first() else {
            return 0;
        };
        let Some(first) = text.chars().next() else {
            return 0;
        };
        let b0 = if first.eq_ignore_ascii_case(&p0) {
            16
        } else if heads & bit(p0) != 0 {
            8
        } else {
            0
        };
        let at_heads: i64 = pattern
            .rest_bits
            .iter()
            .map(|&b| i64::from(heads & b != 0))
            .sum();
        15 + b0 + 20 * (pattern.rest_bits.len() as i64) + 4 * at_heads
    }
}

/// Longest pattern [`Scorer::bound`] bounds (one bit per pattern char).
const MAX_BOUND_CHARS: usize = 64;

/// A pattern prepared for [`Scorer::bound`]: for an ASCII pattern, which pattern chars
/// each byte matches (and matches in the same case), so the pass over a text is one
/// table look-up per byte.
#[derive(Clone)]
pub struct Pattern {
    chars: Vec<char>,
    /// [`bit`] of every char after the first, for [`Scorer::bound_with`].
    rest_bits: Vec<u64>,
    case_sensitive: bool,
    table: Option<Box<Table>>,
}

/// Per byte, bit `k` set when the byte matches pattern char `k` (`any`), and when it
/// matches it in the same case (`exact`).
#[derive(Clone)]
struct Table {
    any: [u64; 256],
    exact: [u64; 256],
}

impl Pattern {
    /// Prepares a folded pattern, matched with or without case like [`Scorer::score`].
    pub fn new(folded: &str, case_sensitive: bool) -> Pattern {
        let chars: Vec<char> = folded.chars().collect();
        let table = (folded.is_ascii() && chars.len() <= MAX_BOUND_CHARS).then(|| {
            let mut t = Box::new(Table {
                any: [0; 256],
                exact: [0; 256],
            });
            for (k, &p) in chars.iter().enumerate() {
                let p = p as u8;
                t.any[usize::from(p)] |= 1 << k;
                t.exact[usize::from(p)] |= 1 << k;
                if !case_sensitive && p.is_ascii_alphabetic() {
                    t.any[usize::from(p ^ 0x20)] |= 1 << k;
                }
            }
            t
        });
        Pattern {
            rest_bits: chars.iter().skip(1).map(|&c| bit(c)).collect(),
            chars,
            case_sensitive,
            table,
        }
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern")
            .field("chars", &self.chars)
            .field("case_sensitive", &self.case_sensitive)
            .finish_non_exhaustive()
    }
}

/// Whether `pattern`'s chars occur in order in `text`, compared like the scorer does.
fn in_order(text: &str, pattern: &[char], case_sensitive: bool) -> bool {
    let mut rest = text.chars();
    pattern.iter().all(|&p| {
        rest.any(|c| {
            if case_sensitive {
                c == p
            } else {
                c.eq_ignore_ascii_case(&p)
            }
        })
    })
}

/// The state of [`Scorer::bound`]'s pass over a text: fed only the positions that match
/// some pattern char, in order.
struct Walk {
    m: usize,
    /// The last position fed, and the pattern chars that can be there (matched there,
    /// after an occurrence of the pattern char before them).
    prev: Option<(u32, u64)>,
    /// For each pattern char, 1 + the last position where it can be (0: none yet).
    last: [u32; MAX_BOUND_CHARS],
    /// For each pattern char, the most it can add to the score.
    most: [i32; MAX_BOUND_CHARS],
    /// How many pattern chars a greedy left-to-right match has found.
    found: usize,
}

impl Walk {
    fn new(m: usize) -> Walk {
        Walk {
            m,
            prev: None,
            last: [0; MAX_BOUND_CHARS],
            most: [i32::MIN; MAX_BOUND_CHARS],
            found: 0,
        }
    }

    /// Text position `j`, with in-place bonus `bonus`, matches the pattern chars in
    /// `any` (those in `exact` in the same case).
    #[inline]
    fn hit(&mut self, j: u32, bonus: i32, any: u64, exact: u64) {
        let prev_reach = match self.prev {
            Some((p, reach)) if p + 1 == j => reach,
            _ => 0,
        };
        let mut reach = 0;
        // Highest pattern char first, so `last[k - 1]` is still from before this position.
        let mut bits = any;
        while bits != 0 {
            let k = 63 - bits.leading_zeros() as usize;
            bits &= !(1 << k);
            let s = if exact >> k & 1 != 0 { 16 } else { 14 };
            let add = if k == 0 {
                s - 1 + bonus
            } else if prev_reach >> (k - 1) & 1 != 0 {
                s + bonus.max(4)
            } else if self.last[k - 1] != 0 {
                // After a gap of `j - last[k - 1]` chars.
                s + bonus - 3 - (j - self.last[k - 1]) as i32
            } else {
                continue;
            };
            self.most[k] = self.most[k].max(add);
            self.last[k] = j + 1;
            reach |= 1 << k;
        }
        if self.found < self.m && any >> self.found & 1 != 0 {
            self.found += 1;
        }
        self.prev = Some((j, reach));
    }

    fn finish(&self) -> Option<i64> {
        (self.found == self.m).then(|| self.most[..self.m].iter().map(|&x| i64::from(x)).sum())
    }
}

// Skim's char classes (fuzzy-matcher 0.3.7, `skim::CharType`; non-ASCII is "lower").
const HARD: u8 = 0;
const SOFT: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 3;
const NUMBER: u8 = 4;

/// Class of each byte.
const CLASS: [u8; 256] = {
    let mut t = [LOWER; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => HARD,
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => SOFT,
            b'0'..=b'9' => NUMBER,
            b'A'..=b'Z' => UPPER,
            _ => LOWER,
        };
        b += 1;
    }
    t
};

/// Whether a char of class `cur` after one of class `prev` gets an in-place bonus
/// (skim's head, break and camel roles).
const WORD_START: [[bool; 5]; 5] = {
    let mut t = [[false; 5]; 5];
    let mut p = 0;
    while p < 5 {
        let mut c = 0;
        while c < 5 {
            t[p][c] = p == HARD as usize
                || p == SOFT as usize
                || (c == UPPER as usize && (p == LOWER as usize || p == NUMBER as usize));
            c += 1;
        }
        p += 1;
    }
    t
};

/// [`bit`] of each byte: a non-ASCII char's first byte sets the shared non-ASCII bit.
const BIT: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' => 1 << (b as u8 - b'a'),
            b'A'..=b'Z' => 1 << (b as u8 - b'A'),
            b'0'..=b'9' => 1 << (26 + b as u8 - b'0'),
            0x80..=0xBF => 0,
            0xC0.. => 1 << 63,
            x => 1 << (36 + x % 27),
        };
        b += 1;
    }
    t
};

/// One bit per ASCII letter (either case) or digit; other ASCII chars share bits, and
/// all non-ASCII chars share one.
fn bit(c: char) -> u64 {
    if c.is_ascii() {
        BIT[c as usize]
    } else {
        1 << 63
    }
}

/// Skim's in-place bonus of a char of class `cur` after one of class `prev` (head 8,
/// break 7, camel 6; the text's first char gets twice the head bonus, see [`Walk::step`]).
const BONUS: [[i32; 5]; 5] = {
    let mut t = [[0; 5]; 5];
    let mut c = 0;
    while c < 5 {
        t[HARD as usize][c] = 8;
        t[SOFT as usize][c] = 7;
        c += 1;
    }
    t[LOWER as usize][UPPER as usize] = 6;
    t[NUMBER as usize][UPPER as usize] = 6;
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_score_holds_for_the_best_possible_match() {
        let s = Scorer::default();
        for (text, pat) in [
            ("WikiLeaks", "WikiLeaks"),
            ("wikileaks", "wikileaks"),
            ("a", "a"),
            ("ab cd", "ab cd"),
            ("x/ab", "ab"),
        ] {
            let got = s.score(text, pat, true).unwrap();
            assert!(
                got <= Scorer::max_score(pat.chars().count()),
                "{text} {pat} {got}"
            );
        }
    }

    /// Both bounds, checked against the score: `bound` is `None` exactly when the score is,
    /// and neither bound is below it.
    fn check_bounds(text: &str, pattern: &str, sensitive: bool) -> Result<(), String> {
        let s = Scorer::default();
        let score = s.score(text, pattern, sensitive);
        let tight = s.bound(text, &Pattern::new(pattern, sensitive));
        if score.is_some() != tight.is_some() {
            return Err(format!("score {score:?}, bound {tight:?}"));
        }
        if let (Some(score), Some(tight)) = (score, tight) {
            let coarse = s.bound_with(text, Scorer::heads(text), &Pattern::new(pattern, sensitive));
            let most = Scorer::max_score(pattern.chars().count());
            if !(score <= tight && score <= coarse && coarse <= most) {
                return Err(format!(
                    "score {score}, bound {tight}, coarse {coarse}, most {most}"
                ));
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn bounds_are_upper_bounds(
            text in "[a-cA-C é/._(-]{0,40}",
            pattern in "[a-cA-C é._-]{1,6}",
            sensitive in proptest::bool::ANY,
        ) {
            check_bounds(&text, &pattern, sensitive).map_err(proptest::test_runner::TestCaseError::fail)?;
        }

        #[test]
        fn bounds_are_upper_bounds_on_words(
            text in "([A-Za-z]{1,7}[ .,/-]{1,2}){0,12}",
            pattern in "[a-eA-E]{1,3}[a-eA-E ]{0,5}",
            sensitive in proptest::bool::ANY,
        ) {
            check_bounds(&text, &pattern, sensitive).map_err(proptest::test_runner::TestCaseError::fail)?;
        }

        #[test]
        fn bounds_are_upper_bounds_on_non_ascii(
            text in "[aAéÉłŁ 1.(]{0,30}",
            pattern in "[aAéłŁ1.]{1,5}",
            sensitive in proptest::bool::ANY,
        ) {
            check_bounds(&text, &pattern, sensitive).map_err(proptest::test_runner::TestCaseError::fail)?;
        }
    }

    #[test]
    fn bound_handles_repeats_long_patterns_and_empty_texts() {
        for (text, pattern) in [
            ("een been seen", "een"),
            ("aaaa", "aa"),
            ("", "a"),
            ("a", ""),
            ("x", "xx"),
        ] {
            check_bounds(text, pattern, false).unwrap();
        }
        let long = "ab".repeat(40);
        check_bounds(&long, &long, false).unwrap();
        check_bounds(&format!("x{long}"), &long[..70], true).unwrap();
    }

    #[test]
    fn bound_is_tight_for_word_starts() {
        let s = Scorer::default();
        let text = "WikiLeaks tells Trump Jr. to concede";
        for pat in ["concede", "trump", "wikileaks", "jr"] {
            let score = s.score(text, pat, false).unwrap();
            let bound = s.bound(text, &Pattern::new(pat, false)).unwrap();
            assert!(
                score <= bound && bound - score <= 2 * pat.len() as i64,
                "{pat}: {score} {bound}"
            );
        }
    }

    #[test]
    fn bound_sees_gaps() {
        // Scattered chars: the gaps cost, so the bound stays well below the coarse one.
        let s = Scorer::default();
        let text = "an unusual loan came to light with a disputed memorandum";
        let pat = "petrov";
        let tight = s.bound(text, &Pattern::new(pat, false));
        assert_eq!(tight, None, "no v after the r");
        let pat = "pteo";
        let score = s.score(text, pat, false).unwrap();
        let tight = s.bound(text, &Pattern::new(pat, false)).unwrap();
        let coarse = s.bound_with(text, Scorer::heads(text), &Pattern::new(pat, false));
        assert!(score <= tight && tight < coarse, "{score} {tight} {coarse}");
    }

    #[test]
    fn case_modes() {
        let s = Scorer::default();
        assert!(s.score("WikiLeaks", "wikileaks", false).is_some());
        assert!(s.score("WikiLeaks", "wikileaks", true).is_none());
        assert!(s.score("WikiLeaks", "WL", true).is_some());
        let (_, ix) = s.indices("WikiLeaks", "wl", false).unwrap();
        assert_eq!(ix, [0, 4]);
    }

    #[test]
    fn scores_do_not_depend_on_earlier_calls() {
        let words = [
            "leak", "naive", "resume", "een", "ene", "nee", "ne e", "e e n", "elen", "been",
            "seen", "neon", "green",
        ];
        let mut texts = Vec::new();
        for a in words {
            for b in words {
                for c in words {
                    texts.push(format!("{a} {b} {c}"));
                }
            }
        }
        let shared = Scorer::default();
        for (i, t) in texts.iter().enumerate() {
            shared.score(&texts[(i * 7919) % texts.len()], "een", false);
            let fresh = Scorer::default().indices(t, "een", false);
            assert_eq!(
                shared.score(t, "een", false),
                fresh.as_ref().map(|x| x.0),
                "{t}"
            );
            assert_eq!(shared.indices(t, "een", false), fresh, "{t}");
        }
    }

    #[test]
    fn indices_and_score_agree() {
        let s = Scorer::default();
        for (text, pat) in [
            ("Donald Trump Jr.", "trmp jr"),
            ("the election-day message", "concede"),
            ("abcabc", "ac"),
        ] {
            assert_eq!(
                s.score(text, pat, false),
                s.indices(text, pat, false).map(|x| x.0),
                "{text}"
            );
        }
    }
}
