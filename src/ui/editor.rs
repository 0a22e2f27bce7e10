//! The note editor popup (ratatui-textarea) over the board.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::fit;
use super::theme::THEME;
use crate::app::{App, Editor, NoteTarget};

pub fn render(app: &App, ed: &Editor, frame: &mut Frame, area: Rect) {
    let w = (area.width.saturating_sub(4)).clamp(1, 100);
    let h = (area.height.saturating_sub(4)).clamp(1, 20);
    if w < 10 || h < 4 {
        return;
    }
    let r = super::overlay::popup(area, w, h);
    let what = match ed.target {
        NoteTarget::Event(ev) => format!("Note · {}", app.case.event(ev).title),
        NoteTarget::Case => format!("Working notes · {}", app.case.title),
    };
    let changed = if ed.changed() { " [modified]" } else { "" };
    let title = fit(&format!(" {what}{changed} "), w.saturating_sub(4) as usize);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .title(Span::styled(title, THEME.title_focused));
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    if inner.height < 2 {
        return;
    }
    let text_area = Rect {
        height: inner.height - 1,
        ..inner
    };
    frame.render_widget(&ed.textarea, text_area);
    let help = Line::from(vec![
        Span::styled("Esc", THEME.status_key),
        Span::styled(" save & close  ", THEME.dim),
        Span::styled("Ctrl-s", THEME.status_key),
        Span::styled(" save  ", THEME.dim),
        Span::styled("Ctrl-z", THEME.status_key),
        Span::styled(" undo  ", THEME.dim),
        Span::styled("Ctrl-r", THEME.status_key),
        Span::styled(" redo", THEME.dim),
    ]);
    let footer = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    frame.render_widget(Paragraph::new(help), footer);
}
