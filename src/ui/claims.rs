//! Where each claim stands (`S`): a table of sources — cited passages, events, a bar of
//! the events only the source states (`█`) against those another source states too
//! (`▒`), and the three columns the cursor moves across — and below it the events of
//! the cursor's cell, in time order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::overlay;
use super::theme::THEME;
use crate::app::App;
use crate::app::Claims;
use crate::app::sources::stated;
use crate::views::ClaimSet;

/// Width of each of the three columns, and of the bar.
const CELL: usize = 14;
const BAR: usize = 12;

pub fn render(app: &App, c: &Claims, frame: &mut Frame, area: Rect) {
    let case = &app.case;
    let title = format!(
        " Where each claim stands: {} ",
        crate::text::count(c.list.len(), "source", "sources")
    );
    let keys = " j/k source · h/l column · Enter: those events in the timeline · Esc closes ";
    let Some(inner) = overlay::overview(frame, area, (110, 40, 8), &title, Some(keys)) else {
        return;
    };
    let width = inner.width as usize;
    let height = inner.height as usize;

    // Columns: name, cited, events, [bar], then the three cells.
    let numbers = 7 + 7;
    let cells = CELL * 3;
    let bar = width >= numbers + cells + BAR + 2 + 24;
    let name_w = width.saturating_sub(numbers + cells + if bar { BAR + 2 } else { 0 });
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let mut head = vec![
        Span::styled(pad(&fit("source", name_w), name_w), THEME.dim),
        Span::styled(format!("{:>7}{:>7}", "cited", "events"), THEME.dim),
    ];
    if bar {
        head.push(Span::styled(
            format!("  {:<BAR$}", "█ alone ▒ 2+"),
            THEME.dim,
        ));
    }
    for set in ClaimSet::ALL {
        let style = if set == c.column {
            THEME.header
        } else {
            THEME.dim
        };
        head.push(Span::styled(format!("{:>CELL$}", set.heading()), style));
    }
    lines.push(Line::from(head));

    // The table takes up to half the room; the cell's events the rest.
    let list_h = c.list.len().min((height.saturating_sub(4)) / 2).max(1);
    let offset = (c.row + 1).saturating_sub(list_h);
    for (i, st) in c.list.iter().enumerate().skip(offset).take(list_h) {
        let here = i == c.row;
        let row_style = if here {
            THEME.selected_unfocused
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(pad(&fit(&name(case, st.source), name_w), name_w), row_style),
            Span::styled(
                format!("{:>7}{:>7}", st.citations, st.events.len()),
                row_style,
            ),
        ];
        if bar {
            let n = st.events.len().max(1);
            let alone = (st.only.len() * BAR).div_ceil(n).min(BAR);
            let alone = if st.only.is_empty() { 0 } else { alone.max(1) };
            let not = if st.corroborated.is_empty() {
                0
            } else {
                (BAR - alone).max(1)
            };
            let alone = alone.min(BAR - not);
            spans.push(Span::raw("  "));
            spans.push(Span::styled("█".repeat(alone), THEME.date));
            spans.push(Span::styled("▒".repeat(not), THEME.cited));
            spans.push(Span::raw(" ".repeat(BAR - alone - not)));
        }
        for set in ClaimSet::ALL {
            let n = st.set(set).len();
            let style = if here && set == c.column {
                THEME.selected
            } else if set == ClaimSet::Contradicted && n > 0 {
                THEME.contradiction
            } else {
                row_style
            };
            spans.push(Span::styled(format!("{n:>CELL$}"), style));
        }
        lines.push(Line::from(spans));
    }

    // The cursor's cell, spelled out.
    let st = &c.list[c.row];
    let events = c.events();
    let title = &case.source(st.source).title;
    let n = crate::text::count(events.len(), "event", "events");
    let head = match c.column {
        ClaimSet::Only => format!("{n} only in “{title}”"),
        ClaimSet::Corroborated => format!("{n} in “{title}” and another source"),
        ClaimSet::Contradicted => format!("{n} in a contradiction, in “{title}”"),
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(fit(&head, width), THEME.header));
    let room = height.saturating_sub(lines.len());
    // Each with how many other sources state it.
    lines.extend(overlay::event_rows(
        case,
        events,
        width,
        room,
        |ev| match case.source_count(ev).saturating_sub(1) {
            0 => String::new(),
            others => format!(" (+{})", crate::text::count(others, "source", "sources")),
        },
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A source as the table names it: who (publisher, else byline) and its title.
fn name(case: &crate::case::Case, s: crate::case::SourceIx) -> String {
    let src = case.source(s);
    let who = stated(&src.publisher).or_else(|| src.byline.as_deref().and_then(stated));
    match who {
        Some(who) => format!("{who}: {}", src.title),
        None => src.title.clone(),
    }
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
