//! Ids made from titles and names: readable slugs ("trump-jr-asks-wikileaks-about-a-leak"),
//! accents folded, lower case, words joined by hyphens, cut at a word boundary, and made
//! unique within their list with `-2`, `-3`, … They are made once, when a record is
//! added, and never change (bookmarks and notes refer to them).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest slug made, in bytes (a word longer than this is cut).
pub const MAX_LEN: usize = 48;

/// What a text with no letters or digits becomes.
const FALLBACK: &str = "item";

/// Letters that do not decompose into a base letter and an accent.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// A slug of `text`: accents folded, letters and digits kept (lower case), every run
/// of anything else one hyphen, at most [`MAX_LEN`] bytes, cut where a word ends.
/// Apostrophes join ("Trump's" → "trumps").
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_LEN + 8));
    let mut gap = false;
    for c in text.nfkd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | 'ʼ') {
            continue;
        }
        if let Some(s) = fold_letter(c) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push_str(s);
        } else if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    if out.len() > MAX_LEN {
        // Cut at the last hyphen that keeps it short enough; a single long word is cut
        // at a character boundary.
        let mut end = MAX_LEN;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        let cut = if out.as_bytes()[end] == b'-' {
            end
        } else {
            out[..end].rfind('-').filter(|&h| h > 0).unwrap_or(end)
        };
        out.truncate(cut);
    }
    if out.is_empty() {
        FALLBACK.to_string()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`, … whichever `taken` says is free first.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_well() {
        for (text, want) in [
            (
                "Trump Jr. asks WikiLeaks about a \"Wednesday leak\"",
                "trump-jr-asks-wikileaks-about-a-wednesday-leak",
            ),
            ("Patricia de Melo Moreira", "patricia-de-melo-moreira"),
            ("Crème brûlée à São Paulo", "creme-brulee-a-sao-paulo"),
            ("Straße in Łódź, Øresund", "strasse-in-lodz-oresund"),
            ("Trump's campaign", "trumps-campaign"),
            ("  --Hello,   World!--  ", "hello-world"),
            ("Путин и Ельцин", "путин-и-ельцин"),
            ("2016-06-12: The Guardian", "2016-06-12-the-guardian"),
            ("!!!", "item"),
            ("", "item"),
            ("ﬁre ＡＢＣ", "fire-abc"),
        ] {
            assert_eq!(slug(text), want, "{text}");
        }
    }

    #[test]
    fn long_titles_are_cut_where_a_word_ends() {
        let s = slug(
            "Cambridge Analytica asks a speaking agency representing Julian Assange whether WikiLeaks might share",
        );
        assert_eq!(s, "cambridge-analytica-asks-a-speaking-agency");
        assert!(s.len() <= MAX_LEN);
        let one = slug(&"a".repeat(100));
        assert_eq!(one.len(), MAX_LEN);
        let wide = slug(&"é".repeat(10).replace('é', "ж").repeat(5));
        assert!(wide.len() <= MAX_LEN && wide.chars().all(|c| c == 'ж'));
    }

    #[test]
    fn ids_are_made_unique() {
        let taken = ["a", "a-2", "b"];
        assert_eq!(unique("a", |id| taken.contains(&id)), "a-3");
        assert_eq!(unique("c", |id| taken.contains(&id)), "c");
        assert_eq!(unique("b", |id| taken.contains(&id)), "b-2");
    }
}
