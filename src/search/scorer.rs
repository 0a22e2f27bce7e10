//! The fuzzy scorer: the one file to change to replace how text is scored.
//!
//! It wraps fuzzy-matcher's `SkimMatcherV2`. Callers hand it folded text (see
//! [`super::fold`]) and a folded pattern; it answers with a score and, when asked,
//! the matched char indices of the text it was given. Smart case is decided per
//! term by the query parser and passed in as `case_sensitive`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Scores a folded pattern against a folded text.
pub struct Scorer {
    ignore: SkimMatcherV2,
    respect: SkimMatcherV2,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer {
            ignore: SkimMatcherV2::default().ignore_case(),
            respect: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl std::fmt::Debug for Scorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scorer(SkimMatcherV2)")
    }
}

impl Scorer {
    fn matcher(&self, case_sensitive: bool) -> &SkimMatcherV2 {
        if case_sensitive {
            &self.respect
        } else {
            &self.ignore
        }
    }

    /// The score of `pattern` in `text`, or `None` when the pattern's chars do not occur in order.
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
