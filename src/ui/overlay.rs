//! What the overlays share: a box centred over the board, and a list of events (date
//! and title) that ends in "… N more" when it has more than its rows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::THEME;
use crate::app::detail::short_date;
use crate::case::{Case, EventIx};

/// The box's rectangle: up to `w`x`h`, centred, inside `area`.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(2)).max(1);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// An overview over the board: the area's height less two rows, its width less four
/// (at most `max_w`), framed with `title` on top and `bottom` below. Returns the inside,
/// or `None` (nothing drawn) when that leaves less than `min_w`x`min_h`.
pub fn overview(
    frame: &mut Frame,
    area: Rect,
    (max_w, min_w, min_h): (u16, u16, u16),
    title: &str,
    bottom: Option<&str>,
) -> Option<Rect> {
    let w = area.width.saturating_sub(4).min(max_w);
    let h = area.height.saturating_sub(2);
    if w < min_w || h < min_h {
        return None;
    }
    let r = popup(area, w, h);
    let room = w as usize - 2;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .title(Span::styled(fit(title, room), THEME.title_focused));
    if let Some(b) = bottom {
        block = block.title_bottom(Line::styled(fit(b, room), THEME.dim));
    }
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    Some(inner)
}

/// `events` in rows `width` wide, at most `room` of them: the date, the title, and what
/// `also` adds after it (dimmed); the last row says how many more there are when they
/// do not all fit.
pub fn event_rows(
    case: &Case,
    events: &[EventIx],
    width: usize,
    room: usize,
    also: impl Fn(EventIx) -> String,
) -> Vec<Line<'static>> {
    let mut lines = Vec::with_capacity(room.min(events.len()));
    for (k, &ev) in events.iter().enumerate().take(room) {
        if k + 1 == room && events.len() > room {
            lines.push(Line::styled(
                format!("… {} more (Enter shows them all)", events.len() - k),
                THEME.dim,
            ));
            break;
        }
        let e = case.event(ev);
        let also = also(ev);
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12} ", short_date(&e.date)), THEME.date),
            Span::raw(fit(&e.title, width.saturating_sub(13 + also.width()))),
            Span::styled(also, THEME.dim),
        ]));
    }
    lines
}
