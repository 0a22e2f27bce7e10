//! The status line: position, active filter, a notice, and key hints from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use crate::action::{Action, Pane};
use crate::app::{App, Filter};
use crate::keymap::Context;

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let width = r.width as usize;
    let mut left: Vec<Span> = Vec::new();
    if let Some(n) = &app.message {
        left.push(Span::styled(
            // Messages can quote a case (ids, paths, errors): shown safe.
            crate::text::safe::show_inline(&n.text).into_owned(),
            if n.error { THEME.error } else { THEME.notice },
        ));
    } else {
        left.push(Span::styled(position(app), THEME.status));
        if let Some(s) = app.editing.session() {
            if s.read_only().is_some() {
                left.push(Span::styled("  read-only", THEME.error));
            } else if app.saving_case() || s.unsaved() > 0 {
                left.push(Span::styled("  saving…", THEME.notice));
            }
        }
        if let Some(l) = app.loading {
            left.push(Span::styled(
                format!("  loading… (first {} shown)", l.events),
                THEME.notice,
            ));
        }
        if app.filter != Filter::All {
            left.push(Span::styled("  filter: ", THEME.dim));
            left.push(Span::styled(filter_label(app), THEME.header));
            if let Some(k) = app.keymap.key_for(Context::Normal, &Action::Escape) {
                left.push(Span::styled(format!(" ({k} clears)"), THEME.dim));
            }
        }
    }
    let hints = hints(app);
    let left_w: usize = left.iter().map(|s| s.width()).sum();
    let mut spans = left;
    let mut right: Vec<Span> = Vec::new();
    let mut right_w = 0;
    for (key, what) in hints {
        let w = key.chars().count() + what.chars().count() + 3;
        if left_w + right_w + w + 1 > width {
            break;
        }
        right.push(Span::styled(key, THEME.status_key));
        right.push(Span::styled(format!(" {what}  "), THEME.dim));
        right_w += w;
    }
    if left_w + right_w < width {
        spans.push(Span::raw(" ".repeat(width - left_w - right_w)));
    }
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), r);
}

fn position(app: &App) -> String {
    // O(log n): the app keeps the event rows' indices, so this stays cheap at 1M events.
    format!(
        " {}  event {}/{}",
        app.focus.title(),
        app.timeline_event_position(),
        app.timeline_event_count()
    )
}

fn filter_label(app: &App) -> String {
    match &app.filter {
        Filter::All => String::new(),
        Filter::Entity(e) => format!("events of {}", app.case.entity(*e).name),
        Filter::Bookmarked => "bookmarked events".into(),
        Filter::Events(_, label) => label.clone(),
    }
}

/// Context hints for the focused pane, keys read from the keymap.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    // A form or a question shows its own keys.
    if matches!(
        app.modal,
        crate::app::Modal::Form(_) | crate::app::Modal::Confirm(_)
    ) {
        return Vec::new();
    }
    if app.selection.is_some() {
        let want = [
            (Action::Extend(crate::action::Extend::WordNext), "word"),
            (
                Action::Extend(crate::action::Extend::SentenceNext),
                "sentence",
            ),
            (Action::Capture, "capture"),
            (Action::Cite, "cite"),
            (Action::NewEntity, "entity"),
            (Action::Escape, "leave"),
        ];
        return want
            .into_iter()
            .filter_map(|(a, what)| app.keymap.key_for(Context::Select, &a).map(|k| (k, what)))
            .collect();
    }
    let follow = match app.focus {
        Pane::Timeline => "passage",
        Pane::Entities => "events",
        Pane::Source => "follow",
        Pane::Detail => "follow",
    };
    let mut want: Vec<(Action, &'static str)> = vec![(Action::Follow, follow)];
    if app.focus == Pane::Source {
        want.push((Action::Select, "select"));
        want.push((Action::NextAnchor, "next link"));
    }
    if let Some(s) = app.editing.session()
        && s.read_only().is_none()
    {
        if matches!(app.focus, Pane::Timeline | Pane::Detail) {
            want.push((Action::Link, "link"));
        }
        want.push((Action::EditRecord, "edit"));
        if s.can_undo() {
            want.push((Action::UndoEdit, "undo"));
        }
    }
    if app.history.can_go_back() {
        want.push((Action::Back, "back"));
    }
    // With no event to act on, the timeline offers neither following nor editing one.
    if matches!(app.focus, Pane::Timeline | Pane::Detail) && app.selected_event().is_none() {
        want.retain(|(a, _)| !matches!(a, Action::Follow | Action::Link | Action::EditRecord));
    }
    want.extend([
        (Action::OpenFinder, "find"),
        (Action::NextPane, "pane"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
    ]);
    want.into_iter()
        .filter_map(|(a, what)| app.keymap.key_for(Context::Normal, &a).map(|k| (k, what)))
        .collect()
}

/// A message too long for the status line is shown whole in a box above it (a refused
/// edit's reason names every event that uses a record).
pub fn overflow(app: &App, frame: &mut Frame, status: Rect) {
    use ratatui::widgets::{Block, Borders, Clear, Wrap};
    let Some(m) = &app.message else { return };
    let width = status.width as usize;
    if m.text.chars().count() <= width.saturating_sub(2) || width < 10 || status.y < 3 {
        return;
    }
    let inner_w = width - 2;
    let lines = crate::app::source::wrap(&m.text, inner_w).len().min(6) as u16;
    let h = (lines + 2).min(status.y);
    let r = Rect::new(status.x, status.y - h, status.width, h);
    let style = if m.error { THEME.error } else { THEME.notice };
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(m.text.clone())
            .style(style)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).border_style(style)),
        r,
    );
}
