//! Forms over the board (capture, edit, link kind, new entity, copy the case) and the
//! delete question: the fields with the cursor in the focused one, what the focused
//! field says as it is typed (a date spelled out), the date suggestions with their
//! reasoning, the entities chosen and offered, the reason a save was refused, and the
//! form's keys from the keymap.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::overlay::popup;
use super::theme::THEME;
use crate::action::Action;
use crate::app::{App, Confirm, FieldKind, Form, Purpose};
use crate::keymap::Context;

fn key(app: &App, ctx: Context, a: &Action) -> String {
    app.keymap.key_for(ctx, a).unwrap_or_default()
}

pub fn render(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let outer_w = 100.min(area.width.saturating_sub(2));
    if outer_w < 20 || area.height < 8 {
        return;
    }
    let width = outer_w as usize - 2;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(c) = &form.context {
        let quoted = matches!(
            form.purpose,
            Purpose::Capture { .. } | Purpose::EditEvent { .. }
        );
        let text = if quoted {
            format!("“{c}”")
        } else {
            c.clone()
        };
        lines.push(Line::styled(fit(&text, width), THEME.dim));
    }
    let label_w = form.fields.iter().map(|f| f.label.len()).max().unwrap_or(0) + 2;
    let mut cursor: Option<(usize, usize)> = None;
    let mut below: Vec<Line> = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { THEME.status_key } else { THEME.dim };
        let mut spans = vec![Span::styled(
            format!("{:>w$}: ", f.label, w = label_w - 2),
            label_style,
        )];
        let mut col = label_w;
        if f.kind == FieldKind::Entities {
            for id in &form.entities {
                let name = app
                    .case
                    .entity_by_id(id)
                    .map_or(id.clone(), |e| app.case.entity(e).name.clone());
                let chip = format!("[{name}] ");
                col += chip.width();
                spans.push(Span::styled(chip, THEME.mention));
            }
        }
        // A long text scrolls sideways so the cursor stays in view.
        let room = width.saturating_sub(col + 1).max(1);
        let mut skip = 0;
        let chars: Vec<char> = f.text.chars().collect();
        if focused {
            while chars[skip..f.cursor.min(chars.len())]
                .iter()
                .collect::<String>()
                .width()
                > room.saturating_sub(1)
            {
                skip += 1;
            }
        }
        let shown: String = chars[skip..].iter().collect();
        if skip > 0 {
            spans.push(Span::styled("…", THEME.dim));
            col += 1;
        }
        spans.push(if f.fresh && focused {
            Span::styled(shown, THEME.selected)
        } else {
            Span::raw(shown)
        });
        if focused {
            let before: String = chars[skip..f.cursor.min(chars.len())].iter().collect();
            cursor = Some((lines.len(), col + before.width()));
        }
        if let Some(check) = Form::check(f)
            && !f.text.trim().is_empty()
        {
            let (t, s) = match check {
                Ok(t) => (format!("  = {t}"), THEME.notice),
                Err(t) => (format!("  ✗ {t}"), THEME.error),
            };
            spans.push(Span::styled(t, s));
        }
        lines.push(Line::from(spans));
        if focused {
            below = focused_help(app, form, f.kind, width);
        }
    }
    lines.push(Line::raw(""));
    lines.extend(below);
    // The reason a save was refused, wrapped, above the keys.
    let error_h = form
        .error
        .as_ref()
        .map_or(0, |e| (e.width() / width.max(1) + 1).min(4) as u16);
    let r = popup(area, outer_w, lines.len() as u16 + error_h + 4);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.border_focused)
        .title(Span::styled(
            fit(
                &format!(" {} ", form.title),
                r.width.saturating_sub(4) as usize,
            ),
            THEME.title_focused,
        ));
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    let error_h = error_h.min(inner.height.saturating_sub(2) / 2);
    let footer_h = 1;
    let body = Rect {
        height: inner.height.saturating_sub(footer_h + error_h),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), body);
    if let Some(e) = &form.error {
        let r = Rect {
            y: body.y + body.height,
            height: error_h,
            ..inner
        };
        frame.render_widget(
            Paragraph::new(Line::styled(format!("✗ {e}"), THEME.error)).wrap(Wrap { trim: false }),
            r,
        );
    }
    if let Some((row, col)) = cursor
        && (row as u16) < body.height
    {
        frame.set_cursor_position(Position::new(
            inner.x + (col as u16).min(inner.width.saturating_sub(1)),
            inner.y + row as u16,
        ));
    }
    let k = |a: Action| key(app, Context::Form, &a);
    let hints = Line::from(vec![
        Span::styled(k(Action::Pick), THEME.status_key),
        Span::styled("/", THEME.dim),
        Span::styled(k(Action::Submit), THEME.status_key),
        Span::styled(" save  ", THEME.dim),
        Span::styled(k(Action::NextField), THEME.status_key),
        Span::styled(" next field  ", THEME.dim),
        Span::styled(k(Action::Escape), THEME.status_key),
        Span::styled(" cancel", THEME.dim),
    ]);
    let footer = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(Paragraph::new(hints), footer);
}

/// Lines under the fields for the focused one: date suggestions, entity candidates,
/// kinds.
fn focused_help(app: &App, form: &Form, kind: FieldKind, width: usize) -> Vec<Line<'static>> {
    let k = |a: Action| key(app, Context::Form, &a);
    let mut out = Vec::new();
    match kind {
        FieldKind::Entities => {
            if form.candidates.is_empty() {
                out.push(Line::styled(
                    format!(
                        "type a name to find it · {} on a name no entity has makes one · backspace takes the last off",
                        k(Action::Pick)
                    ),
                    THEME.dim,
                ));
            } else {
                out.push(Line::styled(
                    format!(
                        "entities: {}/{} choose · {} or {} takes · {} new entity",
                        k(Action::NextSuggestion),
                        k(Action::PrevSuggestion),
                        k(Action::TakeSuggestion),
                        k(Action::Pick),
                        k(Action::NewEntity)
                    ),
                    THEME.dim,
                ));
                for (i, (_, label)) in form.candidates.iter().enumerate() {
                    let style = if i == form.candidate {
                        THEME.selected
                    } else {
                        THEME.mention
                    };
                    out.push(Line::styled(fit(&format!("  {label}"), width), style));
                }
            }
        }
        FieldKind::LinkKind | FieldKind::EntityKind => out.push(Line::styled(
            format!(
                "{}/{} cycle the kinds · or type one",
                k(Action::NextSuggestion),
                k(Action::PrevSuggestion)
            ),
            THEME.dim,
        )),
        _ if !form.suggestions.is_empty() => {
            out.push(Line::styled(
                format!(
                    "suggested: {}/{} choose · {} take · {} reasoning → summary",
                    k(Action::NextSuggestion),
                    k(Action::PrevSuggestion),
                    k(Action::TakeSuggestion),
                    k(Action::ReasonToSummary)
                ),
                THEME.dim,
            ));
            for (i, s) in form.suggestions.iter().enumerate().take(6) {
                let mark = if i == form.suggestion { "▸" } else { " " };
                let style = if i == form.suggestion {
                    THEME.header
                } else {
                    THEME.date
                };
                out.push(Line::from(vec![
                    Span::styled(format!("{mark} {:<14}", s.date), style),
                    Span::styled(fit(&s.phrase, width.saturating_sub(16)), THEME.dim),
                ]));
            }
            // The selected suggestion's reasoning in full.
            if let Some(s) = form.suggestions.get(form.suggestion) {
                let text = format!("why: {}", s.reasoning);
                for r in crate::app::source::wrap(&text, width.max(1))
                    .into_iter()
                    .take(4)
                {
                    out.push(Line::styled(text[r].to_string(), THEME.notice));
                }
            }
            if let Some(f) = &form.follows {
                out.push(Line::styled(
                    fit(
                        &format!("\"later\" counts from the event selected: {f}"),
                        width,
                    ),
                    THEME.dim,
                ));
            }
        }
        _ if matches!(form.purpose, Purpose::Capture { .. }) => out.push(Line::styled(
            "no date in the passage or its paragraph: type one (2016-10-12, 2016-06~, 2016?)",
            THEME.dim,
        )),
        _ => {}
    }
    out
}

/// The delete question.
pub fn render_confirm(app: &App, c: &Confirm, frame: &mut Frame, area: Rect) {
    let w = (c.question.width() as u16 + 4).clamp(30, 90);
    let r = popup(area, w, 6);
    if r.width < 10 || r.height < 3 {
        return;
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(THEME.error)
        .title(Span::styled(" Delete ", THEME.error));
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    let k = |a: Action| key(app, Context::Confirm, &a);
    let lines = vec![
        Line::raw(c.question.clone()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(k(Action::Confirm), THEME.status_key),
            Span::styled(" delete  ", THEME.dim),
            Span::styled(k(Action::Escape), THEME.status_key),
            Span::styled(" keep it", THEME.dim),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
