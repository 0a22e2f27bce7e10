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
    let mut left: Vec<Span<'static>> = Vec::new();
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
    let mut left_w: usize = left.iter().map(|s| s.width()).sum();
    let hint_w = |key: &str, what: &str| key.chars().count() + what.chars().count() + 3;
    // Help and quit are never dropped: they take their room first, and the left part
    // (a long message) is cut to leave it.
    let keep = hints.len().saturating_sub(2);
    let kept_w: usize = hints[keep..].iter().map(|(k, w)| hint_w(k, w)).sum();
    if left_w + kept_w + 1 > width {
        let room = width.saturating_sub(kept_w + 1);
        let text: String = left.iter().map(|s| s.content.as_ref()).collect();
        let style = left.first().map(|s| s.style).unwrap_or_default();
        left = vec![Span::styled(shorten(&text, room), style)];
        left_w = left.iter().map(|s| s.width()).sum();
    }
    let mut spans = left;
    let mut right: Vec<Span> = Vec::new();
    let mut right_w = 0;
    let mut shown: Vec<&(String, &str)> = Vec::new();
    for (i, h) in hints.iter().enumerate() {
        let w = hint_w(&h.0, h.1);
        let rest: usize = if i < keep { kept_w } else { 0 };
        if i < keep && left_w + right_w + w + rest + 1 > width {
            continue;
        }
        shown.push(h);
        right_w += w;
    }
    for (key, what) in shown {
        right.push(Span::styled(key.clone(), THEME.status_key));
        right.push(Span::styled(format!(" {what}  "), THEME.dim));
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
        Filter::Set(set) => set.label(&app.case),
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
    // An overview shows the keys that move in it and act on it.
    let overview: Option<&[(Action, &'static str)]> = match app.modal {
        crate::app::Modal::Connections(_) => Some(&[
            (Action::Down, "next"),
            (Action::Follow, "their shared events"),
            (Action::Escape, "close"),
            (Action::Quit, "quit"),
        ]),
        crate::app::Modal::Claims(_) => Some(&[
            (Action::Down, "next source"),
            (Action::PaneRight, "next column"),
            (Action::Follow, "those events"),
            (Action::Escape, "close"),
            (Action::Quit, "quit"),
        ]),
        _ => None,
    };
    if let Some(want) = overview {
        return want
            .iter()
            .filter_map(|(a, what)| app.keymap.key_for(Context::Normal, a).map(|k| (k, *what)))
            .collect();
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
            (Action::Copy, "copy"),
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
        Pane::Sources => "read",
    };
    let mut want: Vec<(Action, &'static str)> = vec![(Action::Follow, follow)];
    if app.focus == Pane::Source {
        want.push((Action::Select, "select"));
        want.push((Action::NextAnchor, "next link"));
    }
    if matches!(app.focus, Pane::Sources | Pane::Source) {
        want.push((Action::OpenUrl, "URL"));
    }
    want.push((Action::Copy, "copy"));
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

/// A message cut to `width` columns. A file path in it (the export's) loses its middle
/// rather than its end, so the file's name still shows: `exported to /home/…/x-notes.md`.
fn shorten(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    if let Some(at) = text.find(" /").map(|i| i + 1) {
        let path_end = text[at..].find(' ').map_or(text.len(), |i| at + i);
        let (head, path, tail) = (&text[..at], &text[at..path_end], &text[path_end..]);
        let fixed = head.width() + tail.width() + 1;
        if fixed + 12 <= width {
            let keep = width - fixed;
            let chars: Vec<char> = path.chars().collect();
            let mut end = String::new();
            for c in chars.iter().rev() {
                if end.width() + 1 > keep.saturating_sub(1).max(1) {
                    break;
                }
                end.insert(0, *c);
            }
            let first = chars.first().copied().unwrap_or('/');
            return super::fit(&format!("{head}{first}…{end}{tail}"), width);
        }
    }
    super::fit(text, width)
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

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn a_long_path_keeps_its_file_name() {
        let m = "exported to /tmp/some/long/folder/case-notes.md (1 marked event)";
        let s = shorten(m, 50);
        assert_eq!(s, "exported to /…older/case-notes.md (1 marked event)");
        assert_eq!(unicode_width::UnicodeWidthStr::width(s.as_str()), 50);
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("no path here at all", 10), "no path h…");
    }
}
