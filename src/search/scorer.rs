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

    /// An upper bound on [`Scorer::score`] of `pattern` in `text`, found in one pass over
    /// the text without scoring it, so most candidates of a big scan are never scored.
    ///
    /// From SkimMatcherV2's recurrence (with a clean matrix): the first matched char
    /// scores at most `15 + b`, every later one at most `16 + max(b, 4)`, where `b` is the
    /// in-place bonus of the text position it lands on: 16 at position 0, at most 8 at a
    /// word start, after punctuation or at a camel-case hump, 0 elsewhere. Gaps only
    /// subtract. So a pattern char that occurs at no such position adds at most 20.
    pub fn bound(&self, text: &str, pattern: &str) -> i64 {
        self.bound_with(text, Self::heads(text), pattern)
    }

    /// Which chars of `text` are at word starts (positions after the first that get an
    /// in-place bonus), as a mask of char bits. Depends only on the text, so the index keeps it;
    /// a superset (say, the union over an item's texts) still gives a valid bound.
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

    /// [`Scorer::bound`] given (a superset of) the text's [`Scorer::heads`].
    pub fn bound_with(&self, text: &str, heads: u64, pattern: &str) -> i64 {
        let mut pat = pattern.chars();
        let Some(p0) = pat.next() else { return 0 };
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
        15 + b0
            + pat
                .map(|p| if heads & bit(p) != 0 { 24 } else { 20 })
                .sum::<i64>()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_holds_for_the_best_possible_match() {
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

    proptest::proptest! {
        #[test]
        fn bound_is_an_upper_bound(
            text in "[a-cA-C é/._(-]{0,40}",
            pattern in "[a-cA-C é._-]{1,6}",
            sensitive in proptest::bool::ANY,
        ) {
            let s = Scorer::default();
            if let Some(score) = s.score(&text, &pattern, sensitive) {
                proptest::prop_assert!(score <= s.bound(&text, &pattern), "{} > {}", score, s.bound(&text, &pattern));
                proptest::prop_assert!(s.bound(&text, &pattern) <= Scorer::max_score(pattern.chars().count()));
            }
        }
    }

    #[test]
    fn bound_is_tight_for_word_starts() {
        let s = Scorer::default();
        let text = "WikiLeaks tells Trump Jr. to concede";
        for pat in ["concede", "trump", "wikileaks", "jr"] {
            let score = s.score(text, pat, false).unwrap();
            let bound = s.bound(text, pat);
            assert!(
                score <= bound && bound - score <= 4 * pat.len() as i64,
                "{pat}: {score} {bound}"
            );
        }
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
