//! Selecting a passage in the source pane (`v`): a byte range of the source's text, so
//! a citation made from it is verbatim by construction. It has a fixed end (`anchor`)
//! and a moving one (`head`); the movement keys grow or shrink it by word (`w` `b`
//! `e`), sentence (`)` `(`) and line (`j` `k`), and a mouse drag makes one. Both ends
//! are always on character boundaries; whitespace at the ends is left out.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::{App, Effect, Modal};
use crate::action::{Action, Extend, Pane};

/// A selection in the source shown in the source pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The end that stays.
    pub anchor: usize,
    /// The end the keys move.
    pub head: usize,
    /// The column `j` / `k` keep to, across short lines.
    pub goal: Option<usize>,
}

impl Selection {
    /// The selected bytes of `text`, without whitespace at either end.
    pub fn range(&self, text: &str) -> Range<usize> {
        let (a, b) = (self.anchor.min(self.head), self.anchor.max(self.head));
        let b = b.min(text.len());
        let a = a.min(b);
        let part = &text[a..b];
        let start = a + (part.len() - part.trim_start().len());
        let end = a + part.trim_end().len();
        start..end.max(start)
    }
}

fn is_word(c: char) -> bool {
    !c.is_whitespace()
}

/// The end of the word after `at` (whitespace before it skipped).
pub fn word_next(text: &str, at: usize) -> usize {
    let mut it = text[at..].char_indices().peekable();
    while it.peek().is_some_and(|(_, c)| !is_word(*c)) {
        it.next();
    }
    while it.peek().is_some_and(|(_, c)| is_word(*c)) {
        it.next();
    }
    at + it.peek().map_or(text.len() - at, |(i, _)| *i)
}

/// The end of the word `at` is in (or of the next one, when `at` is at a word's end).
pub fn word_end(text: &str, at: usize) -> usize {
    let inside = text[at..].chars().next().is_some_and(is_word)
        && text[..at].chars().next_back().is_some_and(is_word);
    if inside {
        at + text[at..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - at)
    } else {
        word_next(text, at)
    }
}

/// The start of the word before `at` (whitespace before `at` skipped).
pub fn word_prev(text: &str, at: usize) -> usize {
    let head = text[..at].trim_end();
    head.char_indices()
        .rev()
        .find(|(_, c)| !is_word(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Whether a sentence ends just before byte `i` of `text`: a full stop, question or
/// exclamation mark (closing quotes and brackets after it included) followed by
/// whitespace, or a line break.
fn sentence_ends_at(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    let next = text[i..].chars().next();
    (before.ends_with(['.', '!', '?']) && next.is_none_or(char::is_whitespace))
        || next == Some('\n')
}

/// The end of the sentence `at` is in, or of the next one when `at` ends one.
pub fn sentence_next(text: &str, at: usize) -> usize {
    let start = text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i);
    let mut i = start;
    for (k, c) in text[start..].char_indices() {
        i = start + k + c.len_utf8();
        if sentence_ends_at(text, i) {
            return i;
        }
    }
    i.max(start)
}

/// The start of the sentence before `at` (or of the one `at` is in, when inside one).
pub fn sentence_prev(text: &str, at: usize) -> usize {
    let head = text[..at].trim_end();
    let mut i = head.len();
    // Step over the end of the sentence `at` follows, if it ends there.
    if let Some(c) = head.chars().next_back() {
        i -= c.len_utf8();
    }
    while i > 0 {
        if sentence_ends_at(text, i) && text.is_char_boundary(i) {
            break;
        }
        i -= text[..i].chars().next_back().map_or(1, char::len_utf8);
    }
    let rest = &text[i..];
    i + (rest.len() - rest.trim_start().len())
}

/// The paragraph (the text between line breaks) holding `range`.
pub fn paragraph(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    start..end
}

impl App {
    /// The selected range of the shown source, trimmed, if something is selected.
    pub fn selected_range(&self) -> Option<Range<usize>> {
        let sel = self.selection.as_ref()?;
        let text = &self.case.sources.get(self.source.source.get())?.text;
        let r = sel.range(text);
        (!r.is_empty()).then_some(r)
    }

    fn source_text(&self) -> Option<&str> {
        self.case
            .sources
            .get(self.source.source.get())
            .map(|s| s.text.as_str())
    }

    /// `v`: starts selecting at the first word of the source's cursor line (or stops).
    pub(super) fn start_selection(&mut self) {
        if self.selection.take().is_some() {
            return;
        }
        let Some(line) = self.source.lines.get(self.source.cursor).cloned() else {
            self.say("this case has no source to select in", true);
            return;
        };
        let text = self.source_text().unwrap_or_default();
        let lead = text[line.clone()].len() - text[line.clone()].trim_start().len();
        // On the passage shown highlighted (a finder hit, a citation), it is selected
        // whole; else the line's first word.
        let (anchor, head) = match &self.source.highlight {
            Some(h) if h.start <= line.end && h.end >= line.start && h.end <= text.len() => {
                (h.start, h.end)
            }
            _ => {
                let anchor = line.start + lead;
                (anchor, word_next(text, anchor))
            }
        };
        self.selection = Some(Selection {
            anchor,
            head,
            goal: None,
        });
        self.set_focus(Pane::Source);
        let keys = |a: Action| {
            self.keymap
                .key_for(crate::keymap::Context::Select, &a)
                .unwrap_or_default()
        };
        let hint = format!(
            "selecting: {} {} {} words · {} {} sentences · {} {} lines · {} capture · {} cite · {} leaves",
            keys(Action::Extend(Extend::WordNext)),
            keys(Action::Extend(Extend::WordPrev)),
            keys(Action::Extend(Extend::WordEnd)),
            keys(Action::Extend(Extend::SentenceNext)),
            keys(Action::Extend(Extend::SentencePrev)),
            keys(Action::Down),
            keys(Action::Up),
            keys(Action::Capture),
            keys(Action::Cite),
            keys(Action::Escape),
        );
        self.say(hint, false);
    }

    /// Keys in selection mode.
    pub(super) fn selection_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Escape | Action::Select => self.selection = None,
            Action::Extend(how) => self.extend(how),
            Action::Down => self.extend_line(1),
            Action::Up => self.extend_line(-1),
            Action::Capture => return self.open_capture(),
            Action::Cite => return self.cite(),
            Action::NewEntity => self.open_new_entity(),
            // As vim's `y` in visual mode: copied, and the selection ends.
            Action::Copy => {
                let copied = self.copy();
                if copied.is_some() {
                    self.selection = None;
                }
                return copied;
            }
            Action::Help => self.modal = Modal::Help(0),
            Action::Quit => return Some(Effect::Quit),
            Action::Resize(w, h) => self.resize(w, h),
            Action::Click(col, row) => {
                self.selection = None;
                self.note_press(col, row);
                self.click(col, row);
            }
            Action::Drag(col, row) => self.drag(col, row),
            Action::Scroll(..) => {
                let before = self.selection.take();
                let _ = self.update(action, chrono::Utc::now());
                self.selection = before;
            }
            _ => {}
        }
        None
    }

    fn extend(&mut self, how: Extend) {
        let Some(text) = self.source_text() else {
            return;
        };
        let Some(sel) = &self.selection else { return };
        let head = sel.head.min(text.len());
        let next = match how {
            Extend::WordNext => word_next(text, head),
            Extend::WordPrev => word_prev(text, head),
            Extend::WordEnd => word_end(text, head),
            Extend::SentenceNext => sentence_next(text, head),
            Extend::SentencePrev => sentence_prev(text, head),
        };
        self.move_head(next);
    }

    /// Moves the head to the same column of the next (or previous) wrapped line.
    fn extend_line(&mut self, delta: isize) {
        let Some(sel) = &self.selection else { return };
        let Some(text) = self.source_text() else {
            return;
        };
        let lines = &self.source.lines;
        let at = self.source.line_of(sel.head);
        let col = sel.goal.unwrap_or_else(|| {
            text[lines[at].start..sel.head.max(lines[at].start).min(lines[at].end)]
                .chars()
                .count()
        });
        let to = (at as isize + delta).clamp(0, lines.len() as isize - 1) as usize;
        let l = lines[to].clone();
        let head = if to == at && delta > 0 {
            l.end
        } else if to == at {
            l.start
        } else {
            text[l.clone()]
                .char_indices()
                .nth(col)
                .map_or(l.end, |(i, _)| l.start + i)
        };
        self.move_head(head);
        if let Some(sel) = &mut self.selection {
            sel.goal = Some(col);
        }
    }

    fn move_head(&mut self, head: usize) {
        if let Some(sel) = &mut self.selection {
            sel.head = head;
            sel.goal = None;
        }
        self.source.cursor = self.source.line_of(head);
        self.scroll_source_to_cursor(false);
    }

    /// The byte of the shown source under screen cell (`col`, `row`), if the source pane
    /// shows text there.
    pub fn source_byte_at(&self, col: u16, row: u16) -> Option<usize> {
        let r = self.layout.rect(Pane::Source)?;
        if col <= r.x || row <= r.y || col >= r.x + r.width - 1 || row >= r.y + r.height - 1 {
            return None;
        }
        let text = self.source_text()?;
        let line = self
            .source
            .lines
            .get(self.source.offset + (row - r.y - 1) as usize)?;
        let want = (col - r.x - 1) as usize;
        let mut used = 0;
        for (i, c) in text[line.clone()].char_indices() {
            let w = if c == '\t' { 4 } else { c.width().unwrap_or(0) };
            if used + w > want {
                return Some(line.start + i);
            }
            used += w;
        }
        Some(line.end)
    }

    /// Where the last click in the source pane was, for a drag to start from.
    pub(super) fn note_press(&mut self, col: u16, row: u16) {
        self.press = self.source_byte_at(col, row);
    }

    /// A drag with the left button: selects from where it was pressed to here.
    pub(super) fn drag(&mut self, col: u16, row: u16) {
        if self.press.is_none() {
            return;
        }
        if self.selection.is_none() {
            self.set_focus(Pane::Source);
        }
        // Past the top or bottom edge of the text, the source scrolls a line and the
        // selection runs to the edge.
        let Some(r) = self.layout.rect(Pane::Source) else {
            return;
        };
        let (top, bottom) = (r.y + 1, (r.y + r.height).saturating_sub(2));
        let row = if row < top {
            self.source.offset = self.source.offset.saturating_sub(1);
            top
        } else if row > bottom {
            let h = self.layout.inner_height(Pane::Source);
            let max = self.source.lines.len().saturating_sub(h);
            self.source.offset = (self.source.offset + 1).min(max);
            bottom
        } else {
            row
        };
        let col = col.clamp(r.x + 1, (r.x + r.width).saturating_sub(2));
        let (Some(from), Some(to)) = (self.press, self.source_byte_at(col, row)) else {
            return;
        };
        let Some(text) = self.source_text() else {
            return;
        };
        // Whole characters: the one under the pointer is included.
        let to = if to >= from {
            text[to..].chars().next().map_or(to, |c| to + c.len_utf8())
        } else {
            to
        };
        self.selection = Some(Selection {
            anchor: from,
            head: to,
            goal: None,
        });
        // The cursor follows the pointer, inside the lines shown.
        let h = self.layout.inner_height(Pane::Source).max(1);
        let line = self.source.line_of(to.saturating_sub(1).max(from.min(to)));
        self.source.cursor = line.clamp(self.source.offset, self.source.offset + h - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences() {
        let t = "Nix met them. Then he left!  The end";
        assert_eq!(&t[..word_next(t, 0)], "Nix");
        assert_eq!(&t[..word_next(t, 3)], "Nix met");
        assert_eq!(word_prev(t, 7), 4);
        assert_eq!(word_end(t, 5), 7);
        assert_eq!(&t[..sentence_next(t, 0)], "Nix met them.");
        assert_eq!(&t[..sentence_next(t, 13)], "Nix met them. Then he left!");
        assert_eq!(sentence_prev(t, 27), 14);
        assert_eq!(sentence_prev(t, 14), 0);
        assert_eq!(sentence_next(t, 28), t.len());
    }

    #[test]
    fn selections_are_trimmed_and_on_boundaries() {
        let t = "  José  Müller ";
        let s = Selection {
            anchor: 0,
            head: t.len(),
            goal: None,
        };
        assert_eq!(&t[s.range(t)], "José  Müller");
        let s = Selection {
            anchor: 9,
            head: 2,
            goal: None,
        };
        assert_eq!(&t[s.range(t)], "José");
        let s = Selection {
            anchor: 1,
            head: 1,
            goal: None,
        };
        assert!(s.range(t).is_empty());
    }

    #[test]
    fn paragraphs_are_lines() {
        let t = "one.\ntwo three.\nfour";
        assert_eq!(&t[paragraph(t, &(9..12))], "two three.");
    }
}
