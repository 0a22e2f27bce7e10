//! The Sources pane: one row per source (its title and how often it is cited), and,
//! when the pane has room below the list (a narrow terminal shows it alone), the
//! selected source's particulars. Wider layouts show those in the detail area.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme::THEME;
use super::{fit, pane_block};
use crate::action::Pane;
use crate::app::App;
use crate::app::source::wrap;
use crate::app::sources::{citation_counts, particulars};
use crate::case::SourceIx;

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    let case = &app.case;
    let block = pane_block(
        app,
        Pane::Sources,
        format!(" 5 Sources ({}) ", case.sources.len()),
    )
    .title_bottom(Line::styled(
        fit(" n = citations ", r.width.saturating_sub(2) as usize),
        THEME.dim,
    ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let focused = app.focus == Pane::Sources;
    let mut lines = Vec::new();
    if case.sources.is_empty() {
        lines.push(Line::styled("this case has no sources", THEME.dim));
    }
    for i in (app.sources.offset..case.sources.len()).take(height) {
        let s = SourceIx(i as u32);
        let (cites, _) = citation_counts(case, s);
        let count = format!("{cites:>3}");
        let name_w = width.saturating_sub(count.len() + 1);
        let name = fit(&case.source(s).title, name_w);
        let pad = name_w.saturating_sub(name.width());
        let shown = app.source.source == s;
        let mut line = Line::from(vec![
            Span::styled(
                name,
                if shown {
                    THEME.marked
                } else {
                    Style::default()
                },
            ),
            Span::raw(" ".repeat(pad + 1)),
            Span::styled(count, THEME.dim),
        ]);
        if i == app.sources.row {
            line = line.style(if focused {
                THEME.selected
            } else {
                THEME.selected_unfocused
            });
        }
        lines.push(line);
    }
    // Without a detail area beside it (a narrow terminal shows the pane alone), the
    // particulars go below the list when there is room.
    let used = lines.len();
    if let Some(s) = app.selected_source()
        && app.layout.detail.is_none()
        && height > used + 4
    {
        lines.push(Line::raw(""));
        lines.extend(particulars_lines(app, s, width));
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The source's particulars, labelled and wrapped to `width`.
pub fn particulars_lines(app: &App, s: SourceIx, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    const LABEL: usize = 10;
    for (label, text) in particulars(&app.case, s) {
        let wide = width > LABEL + 20;
        let text_w = if wide { width - LABEL } else { width };
        let style = match label {
            "title" => Style::new().add_modifier(Modifier::BOLD),
            "url" => THEME.mention,
            _ => Style::default(),
        };
        let style = if text == "not stated" || text == "none" {
            THEME.dim
        } else {
            style
        };
        if !wide {
            out.push(Line::styled(label.to_string(), THEME.dim));
        }
        for (k, range) in wrap(&text, text_w.max(1)).into_iter().enumerate() {
            let head = match (wide, k) {
                (true, 0) => format!("{label:>w$} ", w = LABEL - 1),
                (true, _) => " ".repeat(LABEL),
                (false, _) => String::new(),
            };
            out.push(Line::from(vec![
                Span::styled(head, THEME.dim),
                Span::styled(crate::text::safe::show(&text[range]).into_owned(), style),
            ]));
        }
    }
    out
}
