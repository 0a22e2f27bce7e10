//! Text helpers shared by the formats: HTML to plain text (with a real HTML tokenizer),
//! HTML escaping, ids from titles, titles from text, and one-line clean text for reports.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use unicode_normalization::UnicodeNormalization;

/// Elements that end a line of text (their start and end both break).
const BLOCK: &[&[u8]] = &[
    b"p",
    b"div",
    b"blockquote",
    b"li",
    b"ul",
    b"ol",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"tr",
    b"table",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"figure",
    b"figcaption",
    b"pre",
    b"hr",
    b"dd",
    b"dt",
];

/// Elements whose content is not text.
const HIDDEN: &[&[u8]] = &[
    b"script",
    b"style",
    b"template",
    b"noscript",
    b"head",
    b"title",
];

/// HTML (a fragment, as TimelineJS and FtM hold it) to plain text: tags dropped, character
/// references decoded, `<br>` a line break, block elements (`<p>`, `<blockquote>`, …)
/// separate lines, scripts and styles dropped. Runs of spaces within a line become one;
/// lines are trimmed and runs of blank lines become one. Plain text comes back as it was,
/// apart from that whitespace.
pub fn html_to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return tidy(html);
    }
    let mut emitter = DefaultEmitter::default();
    // Script and style content is raw text, not markup.
    emitter.naively_switch_states(true);
    let mut out = String::with_capacity(html.len());
    let mut hidden = 0usize;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(t) => {
                let name: &[u8] = &t.name;
                if HIDDEN.contains(&name) && !t.self_closing {
                    hidden += 1;
                } else if name == b"br" {
                    out.push('\n');
                } else if BLOCK.contains(&name) {
                    out.push_str("\n\n");
                } else if name == b"td" || name == b"th" {
                    out.push(' ');
                }
            }
            Token::EndTag(t) => {
                let name: &[u8] = &t.name;
                if HIDDEN.contains(&name) {
                    hidden = hidden.saturating_sub(1);
                } else if BLOCK.contains(&name) {
                    out.push_str("\n\n");
                }
            }
            Token::String(s) if hidden == 0 => {
                out.push_str(&String::from_utf8_lossy(&s.value));
            }
            _ => {}
        }
    }
    tidy(&out)
}

/// Trims lines, folds runs of spaces and tabs to one, keeps at most one blank line.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let words: Vec<&str> = line
            .split([' ', '\t', '\u{a0}', '\r', '\u{c}'])
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&words.join(" "));
    }
    out
}

/// Escapes text for HTML element content and attribute values: `& < > " '`.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain text as HTML paragraphs: escaped, blank lines between paragraphs, single line
/// breaks as `<br>`. Empty text gives an empty string.
pub fn text_to_html(s: &str) -> String {
    let mut out = String::new();
    for para in s.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        let lines: Vec<String> = para.lines().map(|l| escape_html(l.trim())).collect();
        out.push_str(&lines.join("<br>"));
        out.push_str("</p>");
    }
    out
}

/// `s` folded to ASCII letters and digits: accents removed (`Spärck` → `sparck`), lower
/// case, anything else a single `-`, no `-` at either end, at most `max` bytes.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max));
    let mut dash = false;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ß' => 's',
            'ø' | 'Ø' => 'o',
            'æ' | 'Æ' => 'a',
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if out.len() >= max {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    while out.len() > max || out.ends_with('-') {
        out.pop();
    }
    out
}

/// Hands out ids unique within one case: `base`, then `base-2`, `base-3`, … in the order
/// asked (so the same file gives the same ids every time).
///
/// Ids are remembered by a 64-bit hash (SipHash with fixed keys), 8 bytes each, so a
/// million-row import stays small. Two different ids with the same hash would only give
/// the second an unneeded `-2`.
#[derive(Default, Debug)]
pub struct UniqueIds {
    used: std::collections::HashSet<u64>,
}

fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl UniqueIds {
    /// Marks `id` as taken; returns false if it already was.
    pub fn take(&mut self, id: &str) -> bool {
        self.used.insert(id_hash(id))
    }

    /// Whether `id` is taken.
    pub fn contains(&self, id: &str) -> bool {
        self.used.contains(&id_hash(id))
    }

    /// `base` if free, else the first free `base-N` (N from 2); marked as taken.
    pub fn unique(&mut self, base: &str) -> String {
        if self.take(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.take(id))
            .expect("some suffix is free")
    }
}

/// A title from free text: its first non-empty line, cut at a word boundary to about
/// `max` characters with `…`. `None` when the text is blank.
pub fn title_from(text: &str, max: usize) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return Some(line);
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    Some(format!("{}…", cut.trim_end()))
}

/// One line of text that is safe to print on a terminal, cut at `max` characters with
/// `…`: shown as every output shows a case's text ([`crate::text::safe::show_inline`]:
/// controls and bidirectional overrides as `<U+XXXX>`, line breaks and tabs as spaces).
pub fn clean_line(s: &str, max: usize) -> String {
    let cut = match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    };
    let mut out = crate::text::safe::show_inline(cut).into_owned();
    if cut.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        for (html, text) in [
            ("plain &amp; simple", "plain & simple"),
            ("<p>One</p><p>Two<br/>lines</p>", "One\n\nTwo\nlines"),
            ("Whitney<br/>Houston", "Whitney\nHouston"),
            (
                "<p>Take <a href=\"x\">Ada</a>: she&#39;s <i>first</i>.</p><span class=\"tl-note\">Note</span>",
                "Take Ada: she's first.\n\nNote",
            ),
            (
                "<blockquote>Quote<cite>Someone</cite></blockquote>after",
                "QuoteSomeone\n\nafter",
            ),
            ("a<script>alert('<p>x</p>')</script>b", "ab"),
            ("&lt;b&gt; is not a tag", "<b> is not a tag"),
            ("  spaced   out \n\n\n\n next ", "spaced out\n\nnext"),
            ("R&oacute;zsa P&eacute;ter", "Rózsa Péter"),
            ("unclosed <b>bold", "unclosed bold"),
        ] {
            assert_eq!(html_to_text(html), text, "{html:?}");
        }
    }

    #[test]
    fn escaped_text_reads_back_as_itself() {
        for s in [
            "<script>alert(1)</script>",
            "Tom & Jerry's \"show\"",
            "a < b > c",
            "&amp; stays &amp;",
            "Zoë — naïve",
        ] {
            assert_eq!(html_to_text(&escape_html(s)), s);
            assert_eq!(html_to_text(&text_to_html(s)), s);
        }
        assert_eq!(
            html_to_text(&text_to_html("one\ntwo\n\nthree")),
            "one\ntwo\n\nthree"
        );
    }

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("Karen Spärck Jones", 60), "karen-sparck-jones");
        assert_eq!(slug("  Rózsa Péter!  ", 60), "rozsa-peter");
        assert_eq!(slug("1815: Ada's notes", 60), "1815-ada-s-notes");
        assert_eq!(slug("Schillerstraße 4", 60), "schillerstrase-4");
        assert_eq!(slug("中文", 60), "");
        assert_eq!(slug("abc def ghi", 5), "abc-d");
        assert_eq!(slug("abcd efgh", 5), "abcd");
    }

    #[test]
    fn unique_ids_count_up_in_order() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a-2");
        assert!(ids.take("a-3"));
        assert_eq!(ids.unique("a"), "a-4");
    }

    #[test]
    fn titles_are_cut_at_words() {
        assert_eq!(
            title_from("\n  first line\nsecond", 80).as_deref(),
            Some("first line")
        );
        assert_eq!(
            title_from("a fairly long line of words", 12).as_deref(),
            Some("a fairly…")
        );
        assert_eq!(title_from("   \n ", 10), None);
    }

    #[test]
    fn clean_lines_escape_controls() {
        assert_eq!(clean_line("a\nb\u{1b}[0m", 50), "a b<U+001B>[0m");
        assert_eq!(clean_line("abcdef", 3), "abc…");
    }
}
