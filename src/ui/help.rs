//! The `?` overlay: every binding, generated from the same keymap table the dispatcher uses.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme::THEME;
use crate::app::App;
use crate::keymap::Context;

/// Lines of the help text (also used by tests and the README).
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut last = None;
    for (ctx, keys, desc) in app.keymap.help_rows() {
        if last != Some(ctx) {
            if last.is_some() {
                out.push(Line::raw(""));
            }
            let title = match ctx {
                Context::Normal => "Board",
                Context::Finder => "Finder (typing edits the query)",
                Context::Editor => "Note editor (typing edits the note)",
            };
            out.push(Line::styled(title, THEME.header));
            last = Some(ctx);
        }
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<25} "), THEME.status_key),
            Span::raw(desc),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Enter follows: event → its passage · entity → its events · detail item → it",
        THEME.dim,
    ));
    out.push(Line::styled(
        "               passage in source → events citing it · name in source → entity",
        THEME.dim,
    ));
    out.push(Line::styled(
        "Finder query: @entity  #tag  \"source text  2016-10  2016-06..2016-11",
        THEME.dim,
    ));
    out.push(Line::styled(
        "Timeline marks: ~ approximate  ? uncertain  % both  ≤ ≥ open  … interval",
        THEME.dim,
    ));
    out.push(Line::styled(
        "                digit = sources  ★ bookmark  ✎ note  ≠ contradiction",
        THEME.dim,
    ));
    out
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    if w < 4 || h < 3 {
        return;
    }
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let all = lines(app);
    let inner_h = h.saturating_sub(2) as usize;
    let scroll = scroll.min(all.len().saturating_sub(inner_h));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .title(Span::styled(
            " Keys — any key closes, j/k scroll ",
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
