//! The timeline pane: events in date order under year and month headings, with
//! markers for vague dates, sources, bookmarks, notes and contradictions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use super::{fit, pane_block};
use crate::action::Pane;
use crate::app::{App, Filter, TimelineRow};
use crate::case::date::{Date, month_name};
use crate::case::{Case, EventIx};
use crate::views::claims::contradiction;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let case = &app.case;
    let events = app.timeline_event_count();
    let title = match &app.filter {
        Filter::All => format!(" 1 Timeline ({events}) "),
        Filter::Events(_, label) => format!(" 1 Timeline › {label} "),
        f => format!(" 1 Timeline › {} ({events}) ", f.label(case)),
    };
    // What the marks mean, in the bottom border.
    let room = r.width.saturating_sub(2) as usize;
    // Rows that put the title first show no source count: neither does their legend.
    let legends: &[&str] = if compact(app, room) {
        &[
            " ★ bookmark · ✎ note · ≠→ contradicts · ←≠ contradicted ",
            " ★ bookmark ✎ note ≠ contradiction ",
        ]
    } else {
        &[
            " n sources · ★ bookmark · ✎ note · ≠→ contradicts · ←≠ contradicted ",
            " n sources ★ bookmark ✎ note ≠→ ←≠ contradiction ",
            " ★ bookmark ✎ note ≠ contradiction ",
        ]
    };
    let legend = legends
        .iter()
        .copied()
        .find(|l| l.width() <= room)
        .unwrap_or("");
    let block =
        pane_block(app, Pane::Timeline, title).title_bottom(Line::styled(legend, THEME.dim));
    let mut inner = block.inner(r);
    frame.render_widget(block, r);
    if let Some(s) = app.layout.strip.filter(|s| inner.contains(s.as_position())) {
        super::strip::render(app, frame, s);
        inner.y += s.height;
        inner.height = inner.height.saturating_sub(s.height);
    }
    let width = inner.width as usize;
    let height = inner.height as usize;
    let focused = app.focus == Pane::Timeline;
    let mut lines = Vec::with_capacity(height);
    if app.timeline_rows.is_empty() {
        lines.push(Line::styled("no events", THEME.dim));
    }
    for (i, row) in app
        .timeline_rows
        .iter()
        .enumerate()
        .skip(app.timeline.offset)
        .take(height)
    {
        let line = match *row {
            TimelineRow::Year(y) => Line::styled(fit(&format!("{y}"), width), THEME.header),
            TimelineRow::Month(y, m) => Line::styled(
                fit(&format!("  {} {y}", month_name(m)), width),
                THEME.header,
            ),
            TimelineRow::Event(ev) => {
                let selected = i == app.timeline.row;
                event_line(app, case, ev, width, selected, focused)
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Widths from which the timeline shows more: the sources' ids, then the tags.
const WIDE_ROWS: usize = 90;
/// Widths below which the title comes before the marks (and, zoomed, below [`WIDE_ROWS`]).
const NARROW_ROWS: usize = 44;

/// Whether rows put the title first (date, title, then the marks that are set): narrow
/// panes, and zoomed below the width that fits the extra columns.
fn compact(app: &App, width: usize) -> bool {
    width < NARROW_ROWS || (app.zoom && width < WIDE_ROWS)
}

fn event_line(
    app: &App,
    case: &Case,
    ev: EventIx,
    width: usize,
    selected: bool,
    focused: bool,
) -> Line<'static> {
    let e = case.event(ev);
    let date = short_date(&e.date);
    let sources = case.source_count(ev);
    let (contradicts, contradicted) = contradiction(case, ev);
    let marks = app.marks(ev);
    let conflict = match (contradicts, contradicted) {
        (true, true) => "≠↔",
        (true, false) => "≠→",
        (false, true) => "←≠",
        (false, false) => "  ",
    };
    let mut spans;
    if compact(app, width) {
        // Narrow: the title first; the marks that are set follow it if there is room.
        let mut set = String::new();
        if marks.bookmarked {
            set.push('★');
        }
        if marks.note {
            set.push('✎');
        }
        if conflict != "  " {
            set.push_str(conflict);
        }
        let date_w = date.width() + 1;
        let room = width.saturating_sub(date_w);
        let title = fit(&e.title, room);
        spans = vec![
            Span::styled(format!("{date} "), THEME.date),
            Span::raw(title.clone()),
        ];
        if !set.is_empty() && title.width() + 1 + set.width() <= room {
            spans.push(Span::styled(format!(" {set}"), THEME.contradiction));
        }
    } else {
        spans = vec![
            Span::styled(format!("{date:<12} "), THEME.date),
            Span::styled(
                if sources > 0 {
                    format!("{sources}")
                } else {
                    "·".into()
                },
                THEME.dim,
            ),
            Span::styled(if marks.bookmarked { "★" } else { " " }, THEME.bookmark),
            Span::styled(if marks.note { "✎" } else { " " }, THEME.note),
            Span::styled(conflict, THEME.contradiction),
            Span::raw(" "),
        ];
        let mut used = 13 + 6;
        if width >= WIDE_ROWS {
            // Zoomed (or a wide pane): which sources, and the tags after the title.
            let mut ids: Vec<&str> = e
                .citations
                .iter()
                .map(|c| case.source(c.source).id.as_str())
                .collect();
            ids.dedup();
            let mut seen = Vec::new();
            ids.retain(|id| {
                let first = !seen.contains(id);
                seen.push(id);
                first
            });
            let col = fit(&ids.join(" "), 17);
            used += 18;
            spans.push(Span::styled(format!("{col:<17} "), THEME.dim));
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                format!("  #{}", e.tags.join(" #"))
            };
            let room = width.saturating_sub(used);
            let title = fit(&e.title, room);
            let left = room.saturating_sub(title.width());
            spans.push(Span::raw(title));
            if left > 3 && !tags.is_empty() {
                spans.push(Span::styled(fit(&tags, left), THEME.dim));
            }
        } else {
            spans.push(Span::raw(fit(&e.title, width.saturating_sub(used))));
        }
    }
    let mut line = Line::from(spans);
    if selected {
        line = line.style(if focused {
            THEME.selected
        } else {
            THEME.selected_unfocused
        });
        // Pad so the selection bar spans the pane.
        let shown: usize = line.width();
        if shown < width {
            line.spans
                .push(Span::styled(" ".repeat(width - shown), Style::default()));
        }
    }
    line
}

/// A compact date for the 12-column date field: `2016-06-12`, `2016-06~`, `≤2016-11`, `2016-06-01…`.
pub fn short_date(d: &Date) -> String {
    crate::app::detail::short_date(d)
}
