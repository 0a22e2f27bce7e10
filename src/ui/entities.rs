//! The entity pane: entities grouped by kind with their event counts; the selected
//! event's entities are marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use super::{fit, pane_block};
use crate::action::Pane;
use crate::app::{App, EntityRow};

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let case = &app.case;
    let room = r.width.saturating_sub(2) as usize;
    let legend = [" ● in the event · n events ", " ● in event · n ", ""]
        .into_iter()
        .find(|l| unicode_width::UnicodeWidthStr::width(*l) <= room)
        .unwrap_or("");
    let block = pane_block(
        app,
        Pane::Entities,
        format!(" 2 Entities ({}) ", case.entities.len()),
    )
    .title_bottom(Line::styled(legend, THEME.dim));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let width = inner.width as usize;
    let focused = app.focus == Pane::Entities;
    let in_event = app
        .selected_event()
        .map(|ev| case.event(ev).entities.clone())
        .unwrap_or_default();
    let mut lines = Vec::new();
    for (i, row) in app
        .entity_rows
        .iter()
        .enumerate()
        .skip(app.entities.offset)
        .take(inner.height as usize)
    {
        let line = match *row {
            EntityRow::Kind(kind, n) => Line::styled(
                fit(&format!("{} ({n})", kind.plural()), width),
                THEME.header,
            ),
            EntityRow::Entity(ent) => {
                let e = case.entity(ent);
                let count = case.index.entity_events[ent.get()].len();
                let marked = in_event.contains(&ent);
                let count_s = format!("{count:>3}");
                let name_w = width.saturating_sub(2 + count_s.len() + 1);
                let name = fit(&e.name, name_w);
                let pad =
                    name_w.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
                let mut line = Line::from(vec![
                    Span::styled(if marked { "● " } else { "  " }, THEME.marked),
                    Span::styled(
                        name,
                        if marked {
                            THEME.marked
                        } else {
                            ratatui::style::Style::default()
                        },
                    ),
                    Span::raw(" ".repeat(pad + 1)),
                    Span::styled(count_s, THEME.dim),
                ]);
                if i == app.entities.row {
                    line = line.style(if focused {
                        THEME.selected
                    } else {
                        THEME.selected_unfocused
                    });
                }
                line
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
