//! The detail area: the selected event in full — date with its precision, title,
//! summary, entities, citations with source names, links by kind — as rows the
//! cursor can move over when the pane has focus.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use super::{fit, pane_block};
use crate::action::Pane;
use crate::app::source::wrap;
use crate::app::{App, DetailItem};
use crate::case::date::Qualifier;
use unicode_width::UnicodeWidthStr;

/// The detail area's lines for a content width, and which item (if any) each line shows.
pub fn content(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<Option<usize>>) {
    let mut lines = Vec::new();
    let mut owners = Vec::new();
    let Some(ev) = app.selected_event() else {
        return (
            vec![Line::styled("no event selected", THEME.dim)],
            vec![None],
        );
    };
    let case = &app.case;
    let e = case.event(ev);
    let mut push = |line: Line<'static>, owner: Option<usize>| {
        lines.push(line);
        owners.push(owner);
    };
    let precision = match e.date {
        crate::case::Date::Single(p) if p.qualifier != Qualifier::None => {
            format!("{} precision", p.precision.as_str())
        }
        crate::case::Date::Interval(..) => "interval".to_string(),
        _ => format!("{} precision", e.date.precision().as_str()),
    };
    let marks = app.marks(ev);
    let mut first = Vec::new();
    if marks.bookmarked {
        first.push(Span::styled("★ ", THEME.bookmark));
    }
    if marks.note {
        first.push(Span::styled("✎ ", THEME.note));
    }
    // The date in words always shows (cut with "…" if it must be); precision and the
    // EDTF form follow when there is room.
    let used: usize = first.iter().map(|s| s.width()).sum();
    let described = fit(&e.date.describe(), width.saturating_sub(used));
    let room = width.saturating_sub(used + described.width());
    first.push(Span::styled(described, THEME.date));
    if room >= 6 {
        let extra = format!("  ({precision}, {})", e.date);
        first.push(Span::styled(fit(&extra, room), THEME.dim));
    }
    push(Line::from(first), None);
    push(
        Line::styled(
            fit(&e.title, width),
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        ),
        None,
    );
    if let Some(note) = app.note_text(ev) {
        push(Line::styled("✎ your note:", THEME.note), None);
        for l in note.lines() {
            for r in wrap(l, width.saturating_sub(2).max(1)) {
                push(Line::styled(format!("  {}", &l[r]), THEME.note), None);
            }
        }
    }
    for r in wrap(&e.summary, width.max(1)) {
        push(Line::raw(e.summary[r].to_string()), None);
    }
    if !e.tags.is_empty() {
        push(
            Line::styled(
                fit(&format!("tags: {}", e.tags.join(", ")), width),
                THEME.dim,
            ),
            None,
        );
    }
    for (k, item) in app.detail_items().into_iter().enumerate() {
        let (label, text) = match &item {
            DetailItem::Entity(x) => {
                let ent = case.entity(*x);
                ("entity", format!("{} ({})", ent.name, ent.kind))
            }
            DetailItem::Citation(c) => {
                let cit = &e.citations[*c];
                let src = case.source(cit.source);
                (
                    "cites",
                    format!("[{}] {}: “{}”", c + 1, src.id, one_line(case.passage(cit))),
                )
            }
            DetailItem::Link { to, kind, outgoing } => {
                let other = case.event(*to);
                let rel = if *outgoing {
                    kind.as_str().to_string()
                } else {
                    kind.inverse_label()
                };
                let arrow = if *outgoing { "→" } else { "←" };
                (
                    "link",
                    format!(
                        "{arrow} {rel}: {} ({})",
                        other.title,
                        super::timeline::short_date(&other.date)
                    ),
                )
            }
        };
        let style = match &item {
            DetailItem::Link {
                kind: crate::case::LinkKind::Contradicts,
                ..
            } => THEME.contradiction,
            _ => Style::default(),
        };
        let mut line = Line::from(vec![
            Span::styled(format!("{label:>6} "), THEME.dim),
            Span::styled(fit(&text, width.saturating_sub(7)), style),
        ]);
        if k == app.detail.row && app.focus == Pane::Detail {
            line = line.style(THEME.selected);
        }
        push(line, Some(k));
    }
    (lines, owners)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The scroll offset that keeps the selected item visible.
pub fn offset(app: &App, owners: &[Option<usize>], height: usize) -> usize {
    if app.focus != Pane::Detail || height == 0 {
        return 0;
    }
    let row = owners
        .iter()
        .position(|o| *o == Some(app.detail.row))
        .unwrap_or(0);
    (row + 2).saturating_sub(height)
}

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let block = pane_block(app, Pane::Detail, " 4 Detail ".into());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let (lines, owners) = content(app, inner.width as usize);
    let off = offset(app, &owners, inner.height as usize);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(off)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// The item drawn on content row `row` (0 = first row inside the border), if any.
pub fn item_at(app: &App, row: usize) -> Option<usize> {
    let width = app.layout.inner_width(Pane::Detail);
    let height = app.layout.inner_height(Pane::Detail);
    let (_, owners) = content(app, width);
    let off = offset(app, &owners, height);
    owners.get(off + row).copied().flatten()
}
