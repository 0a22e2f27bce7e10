//! The connections overlay (`r`): a drawing of the entity's neighbourhood (its six
//! closest connections around it, to orient by), the entities sharing events with it,
//! most first (the list is what is navigated), and below them the events the selected
//! one shares.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::overlay;
use super::theme::THEME;
use crate::app::{App, Connections};

pub fn render(app: &App, c: &Connections, frame: &mut Frame, area: Rect) {
    let case = &app.case;
    let title = format!(
        " Connections of {} ({}) — Enter: their shared events · Esc closes ",
        case.entity(c.entity).name,
        c.list.len()
    );
    let Some(inner) = overlay::overview(frame, area, (90, 10, 6), &title, None) else {
        return;
    };
    let width = inner.width as usize;
    let height = inner.height as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    // The drawing, when there is room for it and still for the list and the events.
    if height >= 16 && width >= 40 {
        let around: Vec<(&str, usize, bool)> = c
            .list
            .iter()
            .enumerate()
            .take(6)
            .map(|(i, conn)| {
                (
                    case.entity(conn.entity).name.as_str(),
                    conn.events.len(),
                    i == c.row,
                )
            })
            .collect();
        lines.extend(star(&case.entity(c.entity).name, &around, width));
        lines.push(Line::raw(""));
    }
    let height_left = height - lines.len();
    // The list takes the upper part, leaving the selected pair's events their rows (or
    // half the overlay when they are more).
    let pair_rows = c.list[c.row]
        .events
        .len()
        .min(height_left.saturating_sub(2) / 2);
    let list_h = c
        .list
        .len()
        .min(height_left.saturating_sub(2 + pair_rows))
        .max(1);
    let offset = (c.row + 1).saturating_sub(list_h);
    for (i, conn) in c.list.iter().enumerate().skip(offset).take(list_h) {
        let ent = case.entity(conn.entity);
        let n = conn.events.len();
        let text = fit(&format!("{n:>4}  {} ({})", ent.name, ent.kind), width);
        let pad = width.saturating_sub(text.width());
        let style = if i == c.row {
            THEME.selected
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
    }
    let pair = &c.list[c.row];
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(
            &format!(
                "{} and {}: {} shared event{}",
                case.entity(c.entity).name,
                case.entity(pair.entity).name,
                pair.events.len(),
                if pair.events.len() == 1 { "" } else { "s" }
            ),
            width,
        ),
        THEME.header,
    ));
    let room = height.saturating_sub(lines.len());
    lines.extend(overlay::event_rows(case, &pair.events, width, room, |_| {
        String::new()
    }));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The neighbourhood as a star of box-drawing lines: the entity in the middle, up to six
/// connections around it (the first two beside it, then above and below), the one the
/// cursor is on in bold. Five rows.
///
/// ```text
///      Julian Assange (6)        WikiLeaks (5)
///                       ╲       ╱
///   Alan Futerfas (4) ── Donald Trump Jr. ── Donald Trump (9)
///                       ╱       ╲
///        Mike Pence (2)          Adam Schiff (1)
/// ```
fn star(center: &str, around: &[(&str, usize, bool)], width: usize) -> Vec<Line<'static>> {
    let center = fit(center, width.saturating_sub(8).min(30));
    let cw = center.width();
    let x0 = width.saturating_sub(cw) / 2;
    let left_room = x0.saturating_sub(4);
    let right_at = x0 + cw + 4;
    let right_room = width.saturating_sub(right_at);
    // A name cut to the room, never its count.
    let label = |k: usize, room: usize| -> Option<(String, ratatui::style::Style)> {
        let &(name, n, here) = around.get(k)?;
        let style = if here { THEME.header } else { THEME.date };
        let count = format!(" ({n})");
        let name = fit(name, room.saturating_sub(count.width()).max(1));
        Some((format!("{name}{count}"), style))
    };
    // Each row as (column, text, style) pieces, left to right.
    type Piece = (usize, String, ratatui::style::Style);
    let mut rows: Vec<Vec<Piece>> = vec![Vec::new(); 5];
    let diag_room_left = x0.saturating_sub(2);
    let diag_room_right = width.saturating_sub(x0 + cw + 2);
    // Above and below: ranks 3 and 4, then 5 and 6; their strokes meet the middle row.
    for (row, stroke_row, (k_left, k_right), (s_left, s_right)) in
        [(0, 1, (3, 2), ("╲", "╱")), (4, 3, (5, 4), ("╱", "╲"))]
    {
        if let Some((t, st)) = label(k_left, diag_room_left) {
            rows[row].push((x0.saturating_sub(2 + t.width()), t, st));
            rows[stroke_row].push((x0.saturating_sub(1), s_left.into(), THEME.dim));
        }
        if let Some((t, st)) = label(k_right, diag_room_right) {
            rows[row].push((x0 + cw + 2, t, st));
            rows[stroke_row].push((x0 + cw, s_right.into(), THEME.dim));
        }
    }
    if let Some((t, st)) = label(1, left_room) {
        rows[2].push((x0.saturating_sub(4 + t.width()), t, st));
        rows[2].push((x0.saturating_sub(4), " ── ".into(), THEME.dim));
    }
    rows[2].push((x0, center, THEME.title_focused));
    if let Some((t, st)) = label(0, right_room) {
        rows[2].push((x0 + cw, " ── ".into(), THEME.dim));
        rows[2].push((right_at, t, st));
    }
    rows.into_iter()
        .map(|mut pieces| {
            pieces.sort_by_key(|p| p.0);
            let mut spans = Vec::new();
            let mut at = 0;
            for (col, text, style) in pieces {
                if col < at {
                    continue;
                }
                spans.push(Span::raw(" ".repeat(col - at)));
                at = col + text.width();
                spans.push(Span::styled(text, style));
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_star_fits_its_width_and_keeps_every_count() {
        let long = "Congressional committees investigating the campaign";
        let around = [
            ("WikiLeaks", 12, false),
            (long, 10, true),
            ("The Atlantic", 4, false),
            ("Alan Futerfas", 4, false),
            (long, 3, false),
            ("Twitter", 2, false),
        ];
        for width in 40..=110 {
            let lines = star("Donald Trump Jr.", &around, width);
            assert_eq!(lines.len(), 5);
            let all: Vec<String> = lines.iter().map(text).collect();
            for l in &all {
                assert!(l.width() <= width, "{width}: {l:?}");
            }
            let joined = all.join("\n");
            for n in ["(12)", "(10)", "(4)", "(3)", "(2)"] {
                assert!(joined.contains(n), "{width}: {n} in\n{joined}");
            }
            assert!(all[2].contains("── Donald Trump Jr. ── "), "{joined}");
            if width >= 60 {
                assert!(all[2].contains(" ── WikiLeaks (12)"), "{joined}");
            }
        }
        // Fewer connections: only their places are drawn.
        let lines = star("Ann", &around[..1], 60);
        let all: Vec<String> = lines.iter().map(text).collect();
        assert!(all[2].contains("Ann ── WikiLeaks (12)"));
        assert!(!all[2].contains("── Ann"), "nothing on the left");
        assert!(all[0].trim().is_empty() && all[4].trim().is_empty());
    }
}
