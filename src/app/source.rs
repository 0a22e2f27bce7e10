//! The source pane's state: which source, its text wrapped to the pane width, the
//! line cursor, the highlighted passage, and the anchors (cited passages and entity
//! mentions) that Enter can follow.

use std::ops::Range;

use crate::case::{Case, EntityIx, EventIx, SourceIx};

/// Something in the source text that can be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// A cited passage and the events that cite it.
    Passage {
        range: Range<usize>,
        events: Vec<EventIx>,
    },
    /// A mention of an entity.
    Mention {
        range: Range<usize>,
        entity: EntityIx,
    },
}

impl Anchor {
    pub fn range(&self) -> &Range<usize> {
        match self {
            Anchor::Passage { range, .. } | Anchor::Mention { range, .. } => range,
        }
    }
}

/// State of the source pane.
#[derive(Debug, Clone)]
pub struct SourceView {
    pub source: SourceIx,
    /// Width the lines were wrapped to.
    pub width: usize,
    /// Wrapped lines as byte ranges of the source text (without the newline).
    pub lines: Vec<Range<usize>>,
    /// Line cursor and first visible line.
    pub cursor: usize,
    pub offset: usize,
    /// The passage shown as "the selected citation".
    pub highlight: Option<Range<usize>>,
    /// All anchors of this source, by start byte.
    pub anchors: Vec<Anchor>,
    /// The selected anchor (index into `anchors`).
    pub anchor: Option<usize>,
}

impl SourceView {
    /// The view of `source` wrapped to `width`; a case without sources gets an empty view.
    pub fn new(case: &Case, source: SourceIx, width: usize) -> SourceView {
        let Some(src) = case.sources.get(source.get()) else {
            return SourceView {
                source,
                width,
                lines: Vec::new(),
                cursor: 0,
                offset: 0,
                highlight: None,
                anchors: Vec::new(),
                anchor: None,
            };
        };
        let text = &src.text;
        let mut anchors: Vec<Anchor> = Vec::new();
        for c in &case.index.source_citations[source.get()] {
            match anchors.last_mut() {
                Some(Anchor::Passage { range, events }) if *range == c.range => {
                    if !events.contains(&c.event) {
                        events.push(c.event);
                    }
                }
                _ => anchors.push(Anchor::Passage {
                    range: c.range.clone(),
                    events: vec![c.event],
                }),
            }
        }
        for m in &case.index.mentions[source.get()] {
            anchors.push(Anchor::Mention {
                range: m.range.clone(),
                entity: m.entity,
            });
        }
        // Passages before the mentions they contain, so "next anchor" reads in order.
        anchors.sort_by_key(|a| {
            (
                a.range().start,
                matches!(a, Anchor::Mention { .. }),
                a.range().end,
            )
        });
        SourceView {
            source,
            width,
            lines: wrap(text, width),
            cursor: 0,
            offset: 0,
            highlight: None,
            anchors,
            anchor: None,
        }
    }

    /// Re-wraps for a new width, keeping the cursor on the same text.
    pub fn rewrap(&mut self, case: &Case, width: usize) {
        if width == self.width {
            return;
        }
        let at = self.lines.get(self.cursor).map_or(0, |r| r.start);
        let top = self.lines.get(self.offset).map_or(0, |r| r.start);
        self.width = width;
        self.lines = case
            .sources
            .get(self.source.get())
            .map_or_else(Vec::new, |s| wrap(&s.text, width));
        self.cursor = self.line_of(at);
        self.offset = self.line_of(top);
    }

    /// The wrapped line holding byte `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.lines
            .partition_point(|r| r.start <= at)
            .saturating_sub(1)
    }

    /// The first wrapped line of the paragraph holding line `line` (`text` is the
    /// source's text): a paragraph starts at the start of the text or after a newline.
    pub fn paragraph_start(&self, text: &str, line: usize) -> usize {
        let mut l = line.min(self.lines.len().saturating_sub(1));
        while l > 0 {
            let start = self.lines[l].start;
            if start == 0 || text.as_bytes().get(start - 1) == Some(&b'\n') {
                break;
            }
            l -= 1;
        }
        l
    }

    /// Selects the first anchor that overlaps the cursor line (mentions on the line first).
    pub fn anchor_from_cursor(&mut self) {
        let Some(line) = self.lines.get(self.cursor).cloned() else {
            self.anchor = None;
            return;
        };
        let on_line = |a: &Anchor| {
            a.range().start < line.end.max(line.start + 1) && a.range().end > line.start
        };
        self.anchor = self
            .anchors
            .iter()
            .position(|a| {
                matches!(a, Anchor::Mention { .. }) && on_line(a) && a.range().start >= line.start
            })
            .or_else(|| {
                self.anchors
                    .iter()
                    .position(|a| matches!(a, Anchor::Passage { .. }) && on_line(a))
            });
    }

    /// Shows `range` as the highlighted passage, cursor on its first line.
    pub fn show(&mut self, range: Range<usize>) {
        self.cursor = self.line_of(range.start);
        self.highlight = Some(range.clone());
        self.anchor = self
            .anchors
            .iter()
            .position(|a| matches!(a, Anchor::Passage { .. }) && *a.range() == range);
    }
}

/// Columns a character takes in the source pane, which draws a tab as four spaces
/// and a control as its notation (`crate::text::safe`).
fn drawn_width(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        crate::text::safe::shown_width(c)
    }
}

/// Wraps text into lines of at most `width` columns, breaking at spaces where possible.
/// Returns byte ranges (newlines excluded); an empty source line gives an empty range.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut para_start = 0;
    for para in text.split('\n') {
        let base = para_start;
        para_start += para.len() + 1;
        let para = para.strip_suffix('\r').unwrap_or(para);
        if para.is_empty() {
            out.push(base..base);
            continue;
        }
        let mut line_start = 0;
        let mut cols = 0;
        let mut last_space: Option<usize> = None;
        for (i, c) in para.char_indices() {
            let w = drawn_width(c);
            if cols + w > width && i > line_start {
                let brk = match last_space {
                    Some(sp) if sp > line_start => sp,
                    _ => i,
                };
                out.push(base + line_start..base + brk);
                if brk == i && c == ' ' {
                    // The overflowing character is itself a space (a word filled the
                    // line exactly): drop it and start the next line after it.
                    line_start = i + 1;
                    cols = 0;
                    last_space = None;
                    continue;
                }
                // Skip the space we broke at.
                line_start = if para[brk..].starts_with(' ') {
                    brk + 1
                } else {
                    brk
                };
                cols = para[line_start..i].chars().map(drawn_width).sum();
                last_space = None;
                if cols + w > width && i > line_start {
                    // The carried-over word and this wide character (or tab) still do
                    // not fit: break before the character too.
                    out.push(base + line_start..base + i);
                    line_start = i;
                    cols = 0;
                }
            }
            if c == ' ' {
                last_space = Some(i);
            }
            cols += w;
        }
        out.push(base + line_start..base + para.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(lines("日本語テキスト", 6), ["日本語", "テキス", "ト"]);
        assert_eq!(lines("José Müller", 5), ["José", "Mülle", "r"]);
    }

    #[test]
    fn every_byte_is_covered_in_order() {
        let text =
            "Nix said the approach was in ‘‘early June 2016’’ after\nWikiLeaks  had claimed.";
        for w in 1..30 {
            let ls = wrap(text, w);
            for pair in ls.windows(2) {
                assert!(pair[0].end <= pair[1].start, "w={w}");
            }
            for r in &ls {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }
}
