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
use crate::case::date::{Bound, Date, Point, Precision, month_name};
use crate::case::{Case, EventIx, LinkKind};

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let case = &app.case;
    let events = app.timeline_event_count();
    let title = match &app.filter {
        Filter::All => format!(" 1 Timeline ({events}) "),
        Filter::Entity(e) => format!(" 1 Timeline › {} ({events}) ", case.entity(*e).name),
        Filter::Bookmarked => format!(" 1 Timeline › bookmarked ({events}) "),
        Filter::Events(_, label) => format!(" 1 Timeline › {label} "),
    };
    let block = pane_block(app, Pane::Timeline, title);
    let inner = block.inner(r);
    frame.render_widget(block, r);
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
            TimelineRow::OpenStart => {
                Line::styled(fit("Open start (on or before …)", width), THEME.header)
            }
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
    let contradiction = e.links.iter().any(|l| l.kind == LinkKind::Contradicts)
        || case.index.links_in[ev.get()]
            .iter()
            .any(|&(from, k)| case.event(from).links[k as usize].kind == LinkKind::Contradicts);
    let marks = app.marks(ev);
    let mut spans = vec![
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
        Span::styled(if contradiction { "≠" } else { " " }, THEME.contradiction),
        Span::raw(" "),
    ];
    let used = 13 + 5;
    spans.push(Span::raw(fit(&e.title, width.saturating_sub(used))));
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
    fn point(p: &Point) -> String {
        let mut s = match p.precision {
            Precision::Year => format!("{}", p.year),
            Precision::Month => format!("{}-{:02}", p.year, p.month.unwrap_or(1)),
            _ => format!(
                "{}-{:02}-{:02}",
                p.year,
                p.month.unwrap_or(1),
                p.day.unwrap_or(1)
            ),
        };
        s.push_str(p.qualifier.symbol());
        s
    }
    match d {
        Date::Single(p) => point(p),
        Date::Interval(Bound::Open, Bound::Point(p)) => format!("≤{}", point(p)),
        Date::Interval(Bound::Point(p), Bound::Open) => format!("≥{}", point(p)),
        Date::Interval(Bound::Point(p), Bound::Point(_)) => format!("{}…", point(p)),
        Date::Interval(Bound::Open, Bound::Open) => "?".into(),
    }
}
