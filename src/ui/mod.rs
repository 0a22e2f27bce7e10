//! The view: a pure function of [`App`] state drawn into a ratatui frame.
//! Every pane draws only its visible rows.
//!
//! One file per pane (`timeline`, `entities`, `source`, `detail`), per overlay
//! (`finder`, `editor`, `help`) and for the status line (`status`); `theme` holds every
//! style. Where things go and what each line shows is the app's (`app::layout`,
//! `app::detail`, `app::help`); this only draws.

mod claims;
mod connections;
pub mod detail;
mod editor;
mod entities;
mod finder;
mod form;
pub mod help;
mod overlay;
mod source;
pub mod sources;
mod status;
mod strip;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::layout::Rect;
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
    if let Some(r) = l.header {
        header(app, frame, r);
    }
    if l.tabs.is_some() {
        tabs(app, frame);
    }
    if let Some(r) = l.timeline {
        timeline::render(app, frame, r);
    }
    if let Some(r) = l.entities {
        entities::render(app, frame, r);
    }
    if let Some(r) = l.sources {
        sources::render(app, frame, r);
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
        Modal::Command(c) => command_line(app, c, frame, l.status.unwrap_or(area)),
        Modal::Form(f) => form::render(app, f, frame, area),
        Modal::Confirm(c) => form::render_confirm(app, c, frame, area),
        Modal::Connections(c) => connections::render(app, c, frame, area),
        Modal::Claims(c) => claims::render(app, c, frame, area),
        Modal::None => {}
    }
}

/// The top row: the case's title and its counts, the title cut first when narrow.
fn header(app: &App, frame: &mut Frame, r: Rect) {
    use unicode_width::UnicodeWidthStr;
    let case = &app.case;
    let c = app.counts;
    // "1 source", "3 sources".
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let e = count(case.events.len(), "event", "events");
    let n = count(case.entities.len(), "entity", "entities");
    let s = count(case.sources.len(), "source", "sources");
    let cites = count(c.citations, "citation", "citations");
    let two = format!("{} with 2+ sources", c.corroborated);
    let tiers = [
        format!("  {e} · {n} · {s} · {cites} · {two}"),
        format!("  {e} · {n} · {s} · {two}"),
        format!("  {e} · {s} · {two}"),
        format!("  {e} · {s}"),
        format!("  {e}"),
    ];
    let width = r.width as usize;
    let title_w = case.title.width() + 1;
    // The whole title with as many counts as fit; when even the fewest do not, the title
    // is cut (to no less than half the row).
    let counts = tiers
        .iter()
        .find(|t| title_w + t.width() <= width)
        .unwrap_or(&tiers[tiers.len() - 1])
        .clone();
    let title_w = width.saturating_sub(counts.width()).max(width / 2);
    let title = fit(&format!(" {}", case.title), title_w);
    let rest = width.saturating_sub(title.width());
    let line = ratatui::text::Line::from(vec![
        Span::styled(title, THEME.case_title),
        Span::styled(fit(&counts, rest), THEME.dim),
    ]);
    frame.render_widget(Paragraph::new(line), r);
}

/// The command line, over the status line: `:` and what is typed, the cursor shown, and
/// what Tab found (or an error) after it, dimmed.
fn command_line(app: &App, c: &crate::app::CommandLine, frame: &mut Frame, r: Rect) {
    use unicode_width::UnicodeWidthStr;
    let width = r.width as usize;
    let text = fit(&format!(":{}", c.text), width);
    let mut spans = vec![Span::styled(text.clone(), THEME.status)];
    if let Some(m) = &app.message {
        let room = width.saturating_sub(text.width() + 3);
        if room > 3 {
            spans.push(Span::raw("   "));
            spans.push(Span::styled(
                fit(&m.text, room), // (fit shows it safe)
                if m.error { THEME.error } else { THEME.dim },
            ));
        }
    }
    frame.render_widget(ratatui::widgets::Clear, r);
    frame.render_widget(Paragraph::new(ratatui::text::Line::from(spans)), r);
    let col: u16 = c
        .text
        .chars()
        .take(c.cursor)
        .map(|ch| {
            use unicode_width::UnicodeWidthChar;
            ch.width().unwrap_or(0) as u16
        })
        .sum();
    frame.set_cursor_position((r.x + (1 + col).min(r.width.saturating_sub(1)), r.y));
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
