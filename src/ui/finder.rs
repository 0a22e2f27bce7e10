//! The finder popup: the query line, a count, and the ranked hits with their matched
//! characters highlighted. Only the visible hits are drawn.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::THEME;
use crate::app::{App, Finder};
use crate::search::{Hit, Kind, Target};

/// Rows of hits the popup shows at most.
pub const HIT_ROWS: u16 = 16;

pub fn render(app: &App, f: &Finder, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(110);
    // Below the header row when there is one, so the panes' titles (the timeline's
    // filter, previewed) stay in sight.
    let top = 1 + u16::from(app.layout.header.is_some());
    let h = (HIT_ROWS + 5).min(area.height.saturating_sub(top + 1));
    if w < 12 || h < 5 {
        return;
    }
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + top, w, h);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .title(Span::styled(
            if f.link_from.is_some() {
                " Link to which event? "
            } else {
                " Find "
            },
            THEME.title_focused,
        ));
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    let width = inner.width as usize;

    let prompt = "/ ";
    let query_style = if f.fresh {
        THEME.selected
    } else {
        Style::default()
    };
    let query_line = Line::from(vec![
        Span::styled(prompt, THEME.status_key),
        Span::styled(f.query.clone(), query_style),
    ]);
    frame.render_widget(Paragraph::new(query_line), Rect { height: 1, ..inner });
    let before: String = f.query.chars().take(f.cursor).collect();
    let cx = inner.x + (prompt.len() + before.width()).min(width.saturating_sub(1)) as u16;
    frame.set_cursor_position(Position::new(cx, inner.y));

    let status = if f.shown_query.is_none() {
        "searching…".to_string()
    } else if f.hits.is_empty() {
        format!(
            "no matches{}",
            if f.searching() {
                " · searching…"
            } else {
                ""
            }
        )
    } else {
        let shown = if f.total > f.hits.len() {
            format!(" (best {})", f.hits.len())
        } else {
            String::new()
        };
        let busy = if f.searching() {
            " · searching…"
        } else {
            ""
        };
        format!(
            "{}{shown} · {:.1} ms{busy}",
            crate::text::count(f.total, "match", "matches"),
            f.elapsed_ms
        )
    };
    let hint = if f.link_from.is_some() {
        "events only · Enter picks · Esc back · ↑↓ select · @entity #tag 2016-06..2016-11"
    } else {
        "Enter jump · Esc back · ↑↓ select · @entity #tag \"text 2016-06..2016-11"
    };
    let status_line = Line::from(vec![
        Span::styled(status.clone(), THEME.dim),
        Span::raw("  "),
        Span::styled(
            super::fit(hint, width.saturating_sub(status.width() + 2)),
            THEME.dim,
        ),
    ]);
    if inner.height > 1 {
        frame.render_widget(
            Paragraph::new(status_line),
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
    }
    let rows = inner.height.saturating_sub(2) as usize;
    let offset = f
        .offset
        .min(f.selected)
        .max((f.selected + 1).saturating_sub(rows));
    let lines: Vec<Line> = f
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, hit)| hit_line(app, hit, width, i == f.selected))
        .collect();
    let list = Rect {
        y: inner.y + 2,
        height: rows as u16,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), list);
}

fn hit_line(app: &App, hit: &Hit, width: usize, selected: bool) -> Line<'static> {
    let (label, style) = match hit.kind() {
        Kind::Entity => ("entity ", THEME.marked),
        Kind::Event => ("event  ", THEME.date),
        Kind::Passage => ("passage", THEME.note),
    };
    let mut spans = vec![Span::styled(label, style), Span::raw(" ")];
    let mut used = 8;
    if let Target::Passage { source, .. } = &hit.target {
        let tag = format!("[{}] ", app.case.source(*source).id);
        used += tag.width();
        spans.push(Span::styled(tag, THEME.dim));
    }
    // An event's date before its title (the finder matches the title, or the date).
    if let Target::Event(ev) = &hit.target {
        let date = format!(
            "{:<12} ",
            super::timeline::short_date(&app.case.event(*ev).date)
        );
        used += date.width();
        spans.push(Span::styled(date, THEME.date));
    }
    // Text with matched characters highlighted, cut to the width.
    let mut run = String::new();
    let mut run_hit = false;
    let mut pos = hit.positions.iter().peekable();
    for (i, c) in hit.text.chars().enumerate() {
        // The case's text shown safe: a control as its notation, a line break as a space.
        let shown = match c {
            '\n' | '\t' => std::borrow::Cow::Borrowed(" "),
            c => crate::text::safe::show_inline(c.encode_utf8(&mut [0; 4]))
                .into_owned()
                .into(),
        };
        let cw = shown.width();
        if used + cw > width {
            break;
        }
        used += cw;
        let is_hit = pos.peek() == Some(&&i);
        if is_hit {
            pos.next();
        }
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { THEME.hit } else { Style::default() },
            ));
        }
        run_hit = is_hit;
        run.push_str(&shown);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hit { THEME.hit } else { Style::default() },
        ));
    }
    let mut line = Line::from(spans);
    if selected {
        line = line.style(THEME.selected);
        if used < width {
            line.spans.push(Span::raw(" ".repeat(width - used)));
        }
    }
    line
}
