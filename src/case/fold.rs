//! Quote matching: a quote matches its source after folding whitespace runs and
//! curly/straight quote marks, and the match is mapped back to a byte range of the
//! original text so views can highlight exactly the passage.

use memchr::memmem;

/// A folded copy of a text, with enough bookkeeping to map positions back.
#[derive(Debug, Clone)]
pub struct Folded {
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

impl Folded {
    /// Folds `s`. Leading and trailing whitespace is kept (as one space) so positions stay total.
    pub fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut marks = Vec::new();
        let mut i = 0;
        while let Some((c, used)) = fold_at(s, i) {
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
        Folded { text, marks }
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

/// Folds a quote for matching: like [`Folded::new`] but trimmed.
pub fn fold_quote(q: &str) -> String {
    Folded::new(q.trim()).text
}

/// Finds `quote` in the folded source; returns the byte range in the original text.
pub fn find_quote(source: &Folded, folded_quote: &str) -> Option<std::ops::Range<usize>> {
    if folded_quote.is_empty() {
        return None;
    }
    let start = memmem::find(source.text.as_bytes(), folded_quote.as_bytes())?;
    let end = start + folded_quote.len();
    Some(source.to_original(start)..source.to_original(end))
}

/// The passage of the source that comes closest to a quote that was not found:
/// the longest prefix or suffix of the quote that does occur, widened to the
/// quote's length. Returns the original byte range.
pub fn closest_passage(source: &Folded, folded_quote: &str) -> Option<std::ops::Range<usize>> {
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
        let f = Folded::new(src);
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
        let f = Folded::new(src);
        let r = find_quote(&f, &fold_quote("\"b\" z")).unwrap();
        assert_eq!(&src[r], "“b” z");
        let r = find_quote(&f, &fold_quote("x \"a\"")).unwrap();
        assert_eq!(&src[r], "x ‘‘a’’");
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
        let f = Folded::new(src);
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
