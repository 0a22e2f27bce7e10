//! The connections overlay (`r`): the entities sharing events with the selected entity,
//! most first, and below them the events the selected one shares. No drawing of the
//! neighbourhood: the ranked list is what is navigated.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::THEME;
use crate::app::detail::short_date;
use crate::app::{App, Connections};

pub fn render(app: &App, c: &Connections, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    if w < 10 || h < 6 {
        return;
    }
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let case = &app.case;
    let title = format!(
        " Connections of {} ({}) — Enter: their shared events · Esc closes ",
        case.entity(c.entity).name,
        c.list.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .title(Span::styled(
            fit(&title, w as usize - 2),
            THEME.title_focused,
        ));
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    let width = inner.width as usize;
    let height = inner.height as usize;
    // The list takes the upper part, leaving the selected pair's events their rows (or
    // half the overlay when they are more).
    let pair_rows = c.list[c.row].events.len().min(height.saturating_sub(2) / 2);
    let list_h = c
        .list
        .len()
        .min(height.saturating_sub(2 + pair_rows))
        .max(1);
    let offset = (c.row + 1).saturating_sub(list_h);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
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
    for (k, &ev) in pair.events.iter().enumerate().take(room) {
        if k + 1 == room && pair.events.len() > room {
            lines.push(Line::styled(
                format!("… {} more (Enter shows them all)", pair.events.len() - k),
                THEME.dim,
            ));
            break;
        }
        let e = case.event(ev);
        let date = short_date(&e.date);
        lines.push(Line::from(vec![
            Span::styled(format!("{date:<12} "), THEME.date),
            Span::raw(fit(&e.title, width.saturating_sub(13))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
