//! Untrusted text made safe to show.
//!
//! A case folder is written by colleagues, sources and scrapers: its text may hold
//! terminal escape sequences (`ESC ] 0 ; … BEL` retitles a terminal, `ESC c` resets it),
//! other controls, or bidirectional overrides that make a line read differently from
//! what it holds. Every output that shows a case's text passes it through one of the
//! functions here, at the output's edge:
//!
//! | what | shown as |
//! |---|---|
//! | C0 controls but newline and tab (U+0000–U+001F), DEL (U+007F), C1 controls (U+0080–U+009F) | `<U+XXXX>` |
//! | bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) | `<U+XXXX>` |
//! | a carriage return before a newline (a Windows line end) | dropped: the newline ends the line |
//!
//! `<U+XXXX>` is the one notation: the character's code point in four upper-case hex
//! digits, in plain ASCII, so it reads the same in every terminal and font, keeps the
//! words around it apart (`Carriage\rreturn` shows as `Carriage<U+000D>return`), and is
//! inert in Markdown (`<U+` starts no HTML tag and no autolink).
//!
//! - [`show`]: text kept as lines (newline and tab pass);
//! - [`show_inline`]: text shown on one row (newline and tab become a space);
//! - [`markdown`]: a Markdown document: as [`show`], and a numeric character reference
//!   to one of these characters (`&#7;`, which the escaping writes for a control at the
//!   end of a line) in the notation too, so what a reader renders holds none either;
//! - [`json`]: JSON text as serialized: the same characters as `\uXXXX` escapes, so the
//!   data read back is unchanged;
//! - [`is_unsafe`], [`shown_width`]: for layouts that measure text before drawing it;
//! - [`SafeWriter`]: a writer that passes everything written through [`show`], for the
//!   commands' standard output and error (messages quote the case).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Columns the notation takes: `<U+XXXX>`.
pub const NOTATION_WIDTH: usize = 8;

/// Whether `c` is shown as its notation: C0 controls but newline and tab, DEL, C1
/// controls, bidirectional overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Columns `c` takes once shown (the notation's width for an unsafe character).
/// Newline and tab are the caller's to lay out: 0 here.
pub fn shown_width(c: char) -> usize {
    use unicode_width::UnicodeWidthChar;
    if is_unsafe(c) {
        NOTATION_WIDTH
    } else {
        c.width().unwrap_or(0)
    }
}

/// `text` safe to show, newlines and tabs kept. Borrowed when nothing needed changing.
pub fn show(text: &str) -> Cow<'_, str> {
    rewrite(text, false)
}

/// `text` safe to show on one row: newlines and tabs become a space (a Windows line
/// end one space), so words on either side stay apart.
pub fn show_inline(text: &str) -> Cow<'_, str> {
    rewrite(text, true)
}

fn rewrite(text: &str, inline: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) || (inline && matches!(c, '\n' | '\t'));
    let Some(first) = text.find(needs) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A Windows line end: the newline alone ends the line.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\t' if inline => out.push(' '),
            c if is_unsafe(c) => notation(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn notation(out: &mut String, c: char) {
    let _ = write!(out, "<U+{:04X}>", c as u32);
}

/// A Markdown document made safe to show and to render: [`show`], then every numeric
/// character reference (`&#7;`, `&#x1B;`) to an unsafe character in the notation too
/// (not one whose `&` is escaped, `\&#7;`, which a reader shows as it is).
pub fn markdown(doc: &str) -> Cow<'_, str> {
    let shown = show(doc);
    if !shown.contains("&#") {
        return shown;
    }
    let text = shown.as_ref();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        let escaped = rest[..at].ends_with('\\');
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (after, 10),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let code = (len > 0 && len <= 8 && digits[len..].starts_with(';'))
            .then(|| u32::from_str_radix(&digits[..len], radix).ok())
            .flatten()
            .and_then(char::from_u32);
        match code {
            Some(c) if is_unsafe(c) && !escaped => {
                notation(&mut out, c);
                rest = &digits[len + 1..];
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Serialized JSON made safe to show: every unsafe character that serde_json writes
/// as it is (DEL, C1 controls, bidirectional controls; it escapes C0 itself) becomes a
/// `\uXXXX` escape. Such characters appear only inside JSON strings, where the escape
/// reads back as the same character: the data is unchanged.
pub fn json(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(is_unsafe) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that shows everything written to it as [`show`] does, for a command's
/// standard output and error: whatever a message quotes from a case reaches the
/// terminal inert. UTF-8 cut between two writes is joined before it is shown; bytes that
/// are not UTF-8 are written as U+FFFD. Flushes what it holds when dropped.
pub struct SafeWriter<W: std::io::Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose end has not been written yet.
    pending: Vec<u8>,
}

impl<W: std::io::Write> SafeWriter<W> {
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str) -> std::io::Result<()> {
        self.inner.write_all(show(text).as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.emit(text)?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.emit(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // Cut short: the rest comes with the next write.
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                        Some(n) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.emit(&String::from_utf8_lossy(&rest))?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_the_notation() {
        assert_eq!(
            show("\u{1b}]0;pwned\u{7}\u{1b}c"),
            "<U+001B>]0;pwned<U+0007><U+001B>c"
        );
        assert_eq!(show("Carriage\rreturn"), "Carriage<U+000D>return");
        assert_eq!(show("a\u{7f}b\u{9b}c\u{85}"), "a<U+007F>b<U+009B>c<U+0085>");
        assert_eq!(show("\u{202e}txt.exe"), "<U+202E>txt.exe");
        assert_eq!(show("x\u{2066}y\u{2069}"), "x<U+2066>y<U+2069>");
        assert_eq!(show("\0"), "<U+0000>");
    }

    #[test]
    fn newlines_and_tabs_pass_and_windows_line_ends_end_lines() {
        assert!(matches!(show("a\tb\nc"), Cow::Borrowed(_)));
        assert_eq!(show("one\r\ntwo\r\n"), "one\ntwo\n");
        assert_eq!(show("cr\r\r\n"), "cr<U+000D>\n");
        assert_eq!(show_inline("one\r\ntwo\tthree\nfour"), "one two three four");
    }

    #[test]
    fn other_text_is_left_as_it_is() {
        for s in [
            "",
            "plain",
            "é ü 日本 😀",
            "zero\u{200b}width",
            "e\u{301}",
            "\u{a0}\u{ad}",
        ] {
            assert!(matches!(show(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn json_escapes_read_back_as_the_same_text() {
        let text = "a\u{7f}b\u{9b}c\u{202e}d\u{1b}";
        let ser = serde_json::to_string(text).unwrap();
        let safe = json(&ser);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), text);
    }

    #[test]
    fn the_writer_shows_what_passes_even_when_cut_mid_character() {
        use std::io::Write;
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::new(&mut out);
            let text = "é\u{1b}[2J\u{9b}x\u{202e}";
            for b in text.as_bytes() {
                w.write_all(&[*b]).unwrap();
            }
            w.write_all(b"\xff!").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "é<U+001B>[2J<U+009B>x<U+202E>\u{fffd}!"
        );
    }

    #[test]
    fn markdown_references_to_controls_show_too() {
        assert_eq!(markdown("a&#7;"), "a<U+0007>");
        assert_eq!(markdown("&#x1B;[2J&#X9b;"), "<U+001B>[2J<U+009B>");
        assert_eq!(markdown("&#8238;x"), "<U+202E>x");
        assert_eq!(
            markdown("\\&#7; &#32;&#9; &#;&#x; &#7 &#65;"),
            "\\&#7; &#32;&#9; &#;&#x; &#7 &#65;"
        );
        assert_eq!(markdown("\u{1b}&#27;"), "<U+001B><U+001B>");
    }

    #[test]
    fn widths() {
        assert_eq!(shown_width('\u{1b}'), NOTATION_WIDTH);
        assert_eq!(shown_width('a'), 1);
        assert_eq!(shown_width('日'), 2);
        assert_eq!(shown_width('\u{301}'), 0);
        assert_eq!(show("\u{1b}").len(), NOTATION_WIDTH);
    }
}
