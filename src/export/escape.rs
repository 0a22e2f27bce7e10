//! CommonMark escaping for user text, so that what a reader wrote renders as exactly
//! that text: no headings, lists, quotes, code, emphasis, links, HTML or footnotes appear
//! out of a note, whatever it contains — and no backslash appears where nothing needed
//! one, so the Markdown reads as plain text too (`$6 million`, `# TODO` mid-line,
//! `snake_case`, `AT&T`, `a < b` stay as they are).
//!
//! The rules (all valid CommonMark; `tests/export_props.rs` checks them with pulldown-cmark,
//! plain and with every extension it has):
//!
//! - At the start of a line: `# - + = : > * _ |` and the `.` or `)` after leading
//!   digits (headings, lists, quotes, setext underlines, thematic breaks, definition
//!   lists, tables), and `[` when the line has `]:` (a link definition) or starts `[ ]`
//!   (a task). Fences need three `` ` `` or `~`, which the pair rule below escapes.
//! - `*` only where it could open emphasis (a left-flanking run, read conservatively);
//!   `_` likewise, except inside a word (`snake_case`), where it cannot.
//! - `[` where a link, image, footnote or wiki link could form: before `^` or `[`, or
//!   anywhere when the text has `](` or `][` somewhere.
//! - `<` before a letter, `/`, `!` or `?` (HTML, autolinks); `&` that starts a character
//!   reference (`&amp;`, `&#32;`); `\` before ASCII punctuation or at the end of a line.
//! - What only pairs make: `` ` `` (code), `$` (math), `~` (strikethrough) and `^`
//!   (superscript) when the text has two or more of it; `|` when two or more of its
//!   lines have one (a table needs a header and a delimiter row).
//! - Leading and trailing spaces, tabs and other whitespace or control characters of each
//!   line are written as numeric character references (`&#32;`), so indentation neither
//!   makes indented code nor disappears.
//! - Line breaks inside a paragraph become hard breaks (`\` at the end of the line); a blank
//!   line (empty or only spaces and tabs) separates paragraphs.
//!
//! What does not survive exactly is spelled out by [`normalized`]: `\r\n` and `\r` become
//! `\n`, runs of blank lines become one empty line, blank lines at the start and end go,
//! and U+0000 becomes U+FFFD (CommonMark's rule).
//! Renderers with "smart punctuation" turned on will still curl quotes and dashes.

/// Backslash-escaped as the first character of a line.
const LINE_START: &[char] = &['#', '-', '+', '=', ':', '>', '*', '_', '|'];
/// Also escaped in [`inline`]: heading closing sequences and heading attributes.
const INLINE_EXTRA: &[char] = &['#', '{', '}'];

/// What in the whole text decides escapes that need a partner somewhere else in it.
#[derive(Clone, Copy, Debug, Default)]
struct Partners {
    /// Two or more of `` ` ``, `$`, `~`, `^`.
    backtick: bool,
    dollar: bool,
    tilde: bool,
    caret: bool,
    /// `](` or `][` somewhere: a `[` could open a link.
    link: bool,
    /// Two or more lines with a `|`.
    table: bool,
}

impl Partners {
    fn of(text: &str) -> Partners {
        let count = |c: char| text.matches(c).count() >= 2;
        Partners {
            backtick: count('`'),
            dollar: count('$'),
            tilde: count('~'),
            caret: count('^'),
            link: text.contains("](") || text.contains("]["),
            table: text.split(['\n', '\r']).filter(|l| l.contains('|')).count() >= 2,
        }
    }
}

/// Whether `c` is written as a character reference at the edges of a line.
fn edge_char(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn push_ref(out: &mut String, c: char) {
    out.push_str(&format!("&#{};", u32::from(c)));
}

/// Whether the `*` or `_` run of `run` chars at `i` in `chars` could open emphasis. The
/// characters around a run are read as the Markdown has them: the line's edges are
/// written as `&#..;` or followed by a hard break's `\`, so they count as punctuation.
/// Read conservatively: `None` neighbours and characters that are neither letters,
/// digits nor whitespace may be punctuation, so a run is let be only when it surely
/// cannot open.
fn may_open(chars: &[char], i: usize, run: usize, c: char) -> bool {
    let prev = i.checked_sub(1).map(|k| chars[k]);
    let next = chars.get(i + run).copied();
    let prev_alnum = prev.is_some_and(char::is_alphanumeric);
    // Surely not left-flanking: followed by whitespace, or by ASCII punctuation with a
    // letter or digit before.
    let not_left = next.is_some_and(char::is_whitespace)
        || (prev_alnum && next.is_none_or(|n| n.is_ascii_punctuation()));
    if not_left {
        return false;
    }
    // `_` after a letter or digit is right-flanking too and not after punctuation: it
    // cannot open (`snake_case`).
    !(c == '_' && prev_alnum)
}

/// Whether `&` at `i` starts a character reference: `&name;`, `&#123;`, `&#x1F;`.
fn starts_reference(chars: &[char], i: usize) -> bool {
    let mut k = i + 1;
    if chars.get(k) == Some(&'#') {
        k += 1;
        if matches!(chars.get(k), Some('x' | 'X')) {
            k += 1;
        }
    }
    let start = k;
    while chars.get(k).is_some_and(char::is_ascii_alphanumeric) {
        k += 1;
    }
    k > start && chars.get(k) == Some(&';')
}

/// Escapes one line (no line breaks in it). `extra` chars are escaped everywhere too.
fn line(text: &str, extra: &[char], partners: Partners, out: &mut String) {
    let body_start = text.find(|c: char| !edge_char(c)).unwrap_or(text.len());
    let body_end = text.rfind(|c: char| !edge_char(c)).map_or(body_start, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    for c in text[..body_start].chars() {
        push_ref(out, c);
    }
    let body: Vec<char> = text[body_start..body_end].chars().collect();
    // A run of digits followed by `.` or `)` starts an ordered list.
    let digits = body.iter().take_while(|c| c.is_ascii_digit()).count();
    // Characters of emphasis runs that could open, found run by run.
    let mut escape_run = vec![false; body.len()];
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c == '*' || c == '_' {
            let run = body[i..].iter().take_while(|&&x| x == c).count();
            if may_open(&body, i, run, c) {
                escape_run[i..i + run].fill(true);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    for (i, &c) in body.iter().enumerate() {
        let next = body.get(i + 1).copied();
        let escape = escape_run[i]
            || extra.contains(&c)
            || (i == 0 && LINE_START.contains(&c))
            || (digits > 0 && i == digits && (c == '.' || c == ')'))
            || match c {
                '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
                // (A line that starts `[label]:` would define a link.)
                '[' => {
                    partners.link
                        || matches!(next, Some('^' | '['))
                        || (i == 0 && body.windows(2).any(|w| w == [']', ':']))
                        // (`[ ]` first in a list item is a task.)
                        || (i == 0
                            && matches!(next, Some(' ' | 'x' | 'X'))
                            && body.get(2) == Some(&']'))
                }
                '<' => {
                    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                }
                '&' => starts_reference(&body, i),
                '`' => partners.backtick,
                '$' => partners.dollar,
                '~' => partners.tilde,
                '^' => partners.caret,
                '|' => partners.table,
                _ => false,
            };
        if escape {
            out.push('\\');
            out.push(c);
        } else if c == '\0' {
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    for c in text[body_end..].chars() {
        push_ref(out, c);
    }
}

/// The lines of `text` grouped into paragraphs, as [`block`] writes them.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut paras: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for l in text.split('\n') {
        let l = l.strip_suffix('\r').unwrap_or(l);
        for part in l.split('\r') {
            if part.trim_matches([' ', '\t']).is_empty() {
                if !current.is_empty() {
                    paras.push(std::mem::take(&mut current));
                }
            } else {
                current.push(part);
            }
        }
    }
    if !current.is_empty() {
        paras.push(current);
    }
    paras
}

/// Multi-line user text as Markdown paragraphs, rendering as [`normalized`]`(text)`.
/// Empty for blank text. No trailing newline.
pub fn block(text: &str) -> String {
    let partners = Partners::of(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (p, para) in paragraphs(text).iter().enumerate() {
        if p > 0 {
            out.push_str("\n\n");
        }
        for (i, l) in para.iter().enumerate() {
            if i > 0 {
                out.push_str("\\\n");
            }
            line(l, &[], partners, &mut out);
        }
    }
    out
}

/// Multi-line text as a block quote (`> ` on every line); `suffix` (e.g. a footnote
/// reference) is appended to the last line unescaped.
pub fn quote(text: &str, suffix: &str) -> String {
    let body = block(text);
    let mut out = String::with_capacity(body.len() + 16);
    for (i, l) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if l.is_empty() {
            out.push('>');
        } else {
            out.push_str("> ");
            out.push_str(l);
        }
    }
    if out.is_empty() {
        out.push('>');
    }
    if !suffix.is_empty() {
        if !out.ends_with('>') {
            out.push(' ');
        }
        out.push_str(suffix);
    }
    out
}

/// A fragment for one line (a heading, list item, footnote or after a label): line breaks
/// become spaces, outer whitespace is trimmed, and it is escaped as if at a line start.
pub fn inline(text: &str) -> String {
    let one: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(one.len() + 8);
    line(one.trim(), INLINE_EXTRA, Partners::of(&one), &mut out);
    out
}

/// What [`block`]`(text)` renders as: line endings are `\n`; lines that are empty or only
/// spaces and tabs separate paragraphs, whose runs collapse to one empty line; blank lines
/// at either end are dropped; U+0000 becomes U+FFFD.
pub fn normalized(text: &str) -> String {
    paragraphs(text)
        .iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
        .replace('\0', "\u{FFFD}")
}

/// A YAML double-quoted scalar holding exactly `s` (anything outside YAML's printable set,
/// and line separators, as `\u` escapes).
pub fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0xA0
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(block("# not a heading"), "\\# not a heading");
        assert_eq!(block("> not a quote"), "\\> not a quote");
        assert_eq!(block("- not a list"), "\\- not a list");
        assert_eq!(block("12. not a list"), "12\\. not a list");
        assert_eq!(block("1) not a list"), "1\\) not a list");
        assert_eq!(block("2016 was a year. Yes"), "2016 was a year. Yes");
        assert_eq!(block("a\n==="), "a\\\n\\===");
    }

    #[test]
    fn inline_syntax_is_escaped() {
        assert_eq!(
            block("x *a* _b_ `c` [d](e) <f> [^1] &amp;"),
            "x \\*a* \\_b_ \\`c\\` \\[d](e) \\<f> \\[^1] \\&amp;"
        );
    }

    #[test]
    fn what_would_define_a_link_or_make_a_table_is_escaped() {
        // `[label]: url` first on a line defines a link and shows nothing.
        assert_eq!(
            block("[label]: https://example.com"),
            "\\[label]: https://example.com"
        );
        assert_eq!(block("see [label]: here"), "see [label]: here", "not first");
        // Pipes on two lines could be a table (a header and a delimiter row).
        let table = block("a | b\n- | -");
        assert!(
            table.starts_with("a \\| b") && table.ends_with("\\| -"),
            "{table}"
        );
    }

    #[test]
    fn plain_text_stays_plain() {
        for text in [
            "$6 million",
            "a specific* word",
            "snake_case and a_b_c",
            "AT&T & co",
            "a < b > c",
            "[Monday]",
            "2+2=4 # not a heading",
            "~approximately",
            "x^2",
            "a | b",
            "C:\\path",
            "https://example.com/a_b",
            // Not character references: no name or number before the `;`.
            "&; &#; &#x; &#X;",
            // `.` and `)` open a list only after digits.
            ". not a list",
            ") nor this",
        ] {
            assert_eq!(block(text), text, "{text}");
        }
        // Character references of every form are kept as typed, not read.
        assert_eq!(
            block("&#x41; &#X41; &#65; &amp; x"),
            "\\&#x41; \\&#X41; \\&#65; \\&amp; x"
        );
        assert_eq!(block("*specific*"), "\\*specific*", "only the opener");
        assert_eq!(block("$5 or $6"), "\\$5 or \\$6", "a pair could be math");
    }

    #[test]
    fn whitespace_at_line_edges_is_kept() {
        assert_eq!(block("    code?"), "&#32;&#32;&#32;&#32;code?");
        assert_eq!(block("\tx \t"), "&#9;x&#32;&#9;");
    }

    #[test]
    fn lines_and_paragraphs() {
        assert_eq!(block("one\ntwo\n\n\n  \nthree\n"), "one\\\ntwo\n\nthree");
        assert_eq!(
            normalized("\r\none\r\ntwo\n\n\n  \nthree\n"),
            "one\ntwo\n\nthree"
        );
        assert_eq!(quote("a\n\nb", "[^1]"), "> a\n>\n> b [^1]");
    }

    #[test]
    fn inline_is_one_line() {
        assert_eq!(inline("  Title #\nnext  "), "Title \\# next");
        assert_eq!(inline("1. First"), "1\\. First");
    }

    #[test]
    fn yaml_strings() {
        assert_eq!(yaml_str("a \"b\" \\ c\nd"), r#""a \"b\" \\ c\nd""#);
        assert_eq!(yaml_str("é\u{7f}\u{85}"), "\"é\\u007F\\u0085\"");
        // From U+00A0 on, printable: kept as it is.
        assert_eq!(yaml_str("a\u{a0}b"), "\"a\u{a0}b\"");
    }
}
