//! The `?` overlay: every binding, generated from the same keymap table the dispatcher uses.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme::THEME;
use crate::app::App;
use crate::app::help::{HelpLine, help_lines};

/// The help overlay's lines ([`help_lines`]), styled.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    help_lines(&app.keymap)
        .into_iter()
        .map(|l| match l {
            HelpLine::Heading(title) => Line::styled(title, THEME.header),
            HelpLine::Row { keys, desc } => Line::from(vec![
                Span::styled(format!("  {keys:<25} "), THEME.status_key),
                Span::raw(desc),
            ]),
            HelpLine::Blank => Line::raw(""),
            HelpLine::Note(text) => Line::styled(text, THEME.dim),
        })
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    if w < 4 || h < 3 {
        return;
    }
    let r = super::overlay::popup(area, w, h);
    let all = lines(app);
    let inner_h = h.saturating_sub(2) as usize;
    let scroll = scroll.min(all.len().saturating_sub(inner_h));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .title(Span::styled(
            " Keys — any key closes; j/k g/G scroll ",
            THEME.title_focused,
        ));
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(
            all.into_iter()
                .skip(scroll)
                .take(inner_h)
                .collect::<Vec<_>>(),
        )
        .block(block),
        r,
    );
}
