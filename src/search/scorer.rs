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
/// Every call uses a fresh `SkimMatcherV2`. fuzzy-matcher 0.3.7 keeps its score matrix
/// in a per-thread cache and reuses it without clearing: a matched cell's `bonus` is
/// never written, so the next call on that thread reads whatever an earlier text left
/// there, and the same text scores differently depending on what was scored before
/// (and on which rayon thread). Its `use_cache(false)` mode, meant to avoid that,
/// panics on a `RefCell` double borrow. A fresh matcher starts from a clean matrix; it
/// costs an allocation per call (about a third more time per call, measured).
#[derive(Debug, Default)]
pub struct Scorer;

impl Scorer {
    fn matcher(case_sensitive: bool) -> SkimMatcherV2 {
        let m = SkimMatcherV2::default();
        if case_sensitive {
            m.respect_case()
        } else {
            m.ignore_case()
        }
    }

    /// The score of `pattern` in `text`, or `None` when the pattern's chars do not occur in order.
    ///
    /// This runs the same full-matrix algorithm as [`Scorer::indices`]: fuzzy-matcher
    /// 0.3.7's score-only path (`fuzzy_match`, a two-row matrix) resets the wrong row, so
    /// its scores differ from `fuzzy_indices`' for the same text. The score shown with a
    /// hit's highlights must be the score it was ranked by.
    pub fn score(&self, text: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        Self::matcher(case_sensitive)
            .fuzzy_indices(text, pattern)
            .map(|(s, _)| s)
    }

    /// Like [`Scorer::score`], with the char indices of `text` that matched.
    /// The score is the same one [`Scorer::score`] gives.
    pub fn indices(
        &self,
        text: &str,
        pattern: &str,
        case_sensitive: bool,
    ) -> Option<(i64, Vec<usize>)> {
        Self::matcher(case_sensitive).fuzzy_indices(text, pattern)
    }

    /// An upper bound on [`Scorer::score`] for a pattern of `chars` chars, in any text.
    ///
    /// Skim gives each matched char 16 plus a bonus of at most 16 (the doubled
    /// word-start bonus of the first char, carried along a consecutive run).
    /// Lets the matcher skip lower-weighted fields that cannot beat a match already found.
    pub fn max_score(chars: usize) -> i64 {
        32 * chars as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_holds_for_the_best_possible_match() {
        let s = Scorer;
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

    #[test]
    fn case_modes() {
        let s = Scorer;
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
        let shared = Scorer;
        for (i, t) in texts.iter().enumerate() {
            shared.score(&texts[(i * 7919) % texts.len()], "een", false);
            assert_eq!(
                shared.score(t, "een", false),
                Scorer.score(t, "een", false),
                "{t}"
            );
        }
    }

    #[test]
    fn indices_and_score_agree() {
        let s = Scorer;
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
