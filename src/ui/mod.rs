//! The view: a pure function of [`App`] state drawn into a ratatui frame.
//! Every pane draws only its visible rows.
//!
//! One file per pane (`timeline`, `entities`, `source`, `detail`), per overlay
//! (`finder`, `editor`, `help`) and for the status line (`status`); `theme` holds every
//! style. Where things go and what each line shows is the app's (`app::layout`,
//! `app::detail`, `app::help`); this only draws.

pub mod detail;
mod editor;
mod entities;
mod finder;
mod form;
pub mod help;
mod source;
mod status;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::action::Pane;
use crate::app::{App, Modal};
use theme::THEME;

/// Draws the whole board for the current state.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let l = &app.layout;
    if l.tabs.is_some() {
        tabs(app, frame);
    }
    if let Some(r) = l.timeline {
        timeline::render(app, frame, r);
    }
    if let Some(r) = l.entities {
        entities::render(app, frame, r);
    }
    if let Some(r) = l.source {
        source::render(app, frame, r);
    }
    if let Some(r) = l.detail {
        detail::render(app, frame, r);
    }
    if let Some(r) = l.status {
        status::render(app, frame, r);
        if matches!(app.modal, Modal::None) {
            status::overflow(app, frame, r);
        }
    }
    match &app.modal {
        Modal::Help(scroll) => help::render(app, frame, area, *scroll),
        Modal::Editor(ed) => editor::render(app, ed, frame, area),
        Modal::Finder(f) => finder::render(app, f, frame, area),
        Modal::Form(f) => form::render(app, f, frame, area),
        Modal::Confirm(c) => form::render_confirm(app, c, frame, area),
        Modal::None => {}
    }
}

/// A pane's bordered block, its title styled by focus.
pub fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let focused = app.focus == pane;
    let (b, t) = if focused {
        (THEME.border_focused, THEME.title_focused)
    } else {
        (THEME.border, THEME.title)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(b)
        .title(Span::styled(
            crate::text::safe::show_inline(&title).into_owned(),
            t,
        ))
}

/// The tabs, each where the layout puts it (the mouse finds them there too).
fn tabs(app: &App, frame: &mut Frame) {
    for p in Pane::ALL {
        let Some(r) = app.layout.tab(p) else { continue };
        let style = if app.focus == p {
            THEME.tab_active
        } else {
            THEME.tab
        };
        frame.render_widget(Paragraph::new(Span::styled(p.tab_label(), style)), r);
    }
}

/// `s` (a case's text) shown safe on one row, cut to at most `width` display columns,
/// ending with "…" when cut. Controls show as `<U+XXXX>` (see [`crate::text::safe`]), so
/// a removed control never glues words; widths are measured as ratatui draws them
/// (whole strings, so zero-width joiners, variation selectors and combining marks
/// count as drawn), so what follows on the row stays in its column.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let s = crate::text::safe::show_inline(s);
    if s.width() <= width {
        return s.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut end = 0;
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        end = i + c.len_utf8();
        used += w;
    }
    // A sequence can draw wider than its characters add up to (an emoji and its
    // variation selector): drop characters until the string itself fits.
    let mut out = s[..end].to_string();
    while out.width() + 1 > width {
        out.pop();
    }
    out.push('…');
    out
}
