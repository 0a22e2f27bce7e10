//! The source pane: one source's full text, wrapped; the selected citation's passage
//! highlighted, other cited passages underlined, entity mentions coloured, and the
//! selected anchor shown reversed. Only visible lines are styled.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use super::{fit, pane_block};
use crate::action::Pane;
use crate::app::App;
use crate::app::detail::short_date;
use crate::app::sources::stated;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let case = &app.case;
    let view = &app.source;
    let Some(src) = case.sources.get(view.source.get()) else {
        let block = pane_block(app, Pane::Source, " 3 Source ".into());
        frame.render_widget(Paragraph::new("this case has no sources").block(block), r);
        return;
    };
    // The source's header: its title, cut first, then publisher and date when stated
    // (the Sources list, 5, shows everything the case says of it).
    let mut tail = String::new();
    if let Some(p) = stated(&src.publisher) {
        tail.push_str(&format!(" · {p}"));
    }
    if let Some(d) = &src.published {
        tail.push_str(&format!(" · {}", short_date(d)));
    }
    tail.push(' ');
    // Between the corners: " 3 ", the title, the tail; a pane too narrow for the title
    // and the tail drops the tail.
    let room = r.width.saturating_sub(3) as usize;
    let head = if room >= 3 + 12 + tail.width() {
        format!(" 3 {}{tail}", fit(&src.title, room - 3 - tail.width()))
    } else {
        format!(" 3 {} ", fit(&src.title, room.saturating_sub(4)))
    };
    let block = pane_block(app, Pane::Source, fit(&head, room));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let text = src.text.as_str();
    let focused = app.focus == Pane::Source;
    let citations = &case.index.source_citations[view.source.get()];
    let mentions = &case.index.mentions[view.source.get()];
    let anchor = view
        .anchor
        .and_then(|a| view.anchors.get(a))
        .map(|a| a.range().clone());
    let selected = app.selected_range();
    let mut lines = Vec::with_capacity(inner.height as usize);
    for (i, range) in view
        .lines
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(inner.height as usize)
    {
        // Styles as (range, style, priority); later layers win.
        let mut layers: Vec<(Range<usize>, Style)> = Vec::new();
        for c in citations
            .iter()
            .filter(|c| c.range.start < range.end && c.range.end > range.start)
        {
            layers.push((c.range.clone(), THEME.cited));
        }
        if let Some(h) = &view.highlight {
            layers.push((h.clone(), THEME.passage));
        }
        let first = mentions.partition_point(|m| m.range.end <= range.start);
        for m in mentions[first..]
            .iter()
            .take_while(|m| m.range.start < range.end)
        {
            layers.push((m.range.clone(), THEME.mention));
        }
        if let Some(a) = &anchor {
            layers.push((a.clone(), THEME.anchor));
        }
        if let Some(sel) = &selected {
            layers.push((sel.clone(), THEME.selection));
        }
        let mut line = styled_line(text, range.clone(), &layers);
        if focused && i == view.cursor {
            line = line.style(THEME.cursor_line);
            let w = line.width();
            if w < inner.width as usize {
                line.spans
                    .push(Span::raw(" ".repeat(inner.width as usize - w)));
            }
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Splits `text[range]` into spans at every layer boundary and patches the styles in order.
fn styled_line(text: &str, range: Range<usize>, layers: &[(Range<usize>, Style)]) -> Line<'static> {
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (r, _) in layers {
        for p in [r.start, r.end] {
            if p > range.start && p < range.end && text.is_char_boundary(p) {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .map(|w| {
            let style = layers
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(Style::default(), |s, (_, l)| s.patch(*l));
            // Shown safe, piece by piece, so the styles stay on their text.
            let shown = crate::text::safe::show(&text[w[0]..w[1]]);
            Span::styled(shown.replace('\t', "    "), style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}
