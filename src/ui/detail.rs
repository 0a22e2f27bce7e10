//! The detail area: the selected event in full — date with its precision, title,
//! summary, entities, citations with source names, links by kind — as rows the
//! cursor can move over when the pane has focus. Which line shows what is the app's
//! ([`detail::lines`]); this draws them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::THEME;
use super::{fit, pane_block};
use crate::action::Pane;
use crate::app::detail::{self, DetailLine};
use crate::app::{App, DetailItem};
use crate::case::EventIx;
use crate::case::date::Qualifier;
use unicode_width::UnicodeWidthStr;

/// The detail area's lines for a content width, as the app lays them out
/// ([`detail::lines`]).
pub fn content(app: &App, width: usize, layout: &[DetailLine]) -> Vec<Line<'static>> {
    let Some(ev) = app.selected_event() else {
        return vec![Line::styled("no event selected", THEME.dim)];
    };
    let case = &app.case;
    let e = case.event(ev);
    let items = app.detail_items();
    let note = app.note_text(ev).unwrap_or_default();
    layout
        .iter()
        .map(|l| match l {
            DetailLine::Nothing => Line::styled("no event selected", THEME.dim),
            DetailLine::Date => date_line(app, ev, width),
            DetailLine::Title(r) => Line::styled(
                shown(&e.title[r.clone()]),
                Style::new().add_modifier(ratatui::style::Modifier::BOLD),
            ),
            DetailLine::NoteHeading => Line::styled("✎ your note:", THEME.note),
            DetailLine::Note(r) => {
                Line::styled(format!("  {}", shown(&note[r.clone()])), THEME.note)
            }
            DetailLine::Summary(r) => Line::raw(shown(&e.summary[r.clone()])),
            DetailLine::Tags => Line::styled(
                fit(&format!("tags: {}", e.tags.join(", ")), width),
                THEME.dim,
            ),
            DetailLine::Item(k) => item_line(app, ev, &items[*k], *k, width, None),
            DetailLine::ItemMore(k, r) => {
                item_line(app, ev, &items[*k], *k, width, Some(r.clone()))
            }
        })
        .collect()
}

/// The first line: the date in words, its precision and EDTF form when there is room.
fn date_line(app: &App, ev: EventIx, width: usize) -> Line<'static> {
    let e = app.case.event(ev);
    let precision = match e.date {
        crate::case::Date::Single(p) if p.qualifier != Qualifier::None => {
            format!("{} precision", p.precision.as_str())
        }
        crate::case::Date::Interval(..) => "interval".to_string(),
        _ => format!("{} precision", e.date.precision().as_str()),
    };
    let marks = app.marks(ev);
    let mut first = Vec::new();
    if marks.bookmarked {
        first.push(Span::styled("★ ", THEME.bookmark));
    }
    if marks.note {
        first.push(Span::styled("✎ ", THEME.note));
    }
    // The date in words always shows (cut with "…" if it must be); precision and the
    // EDTF form follow when there is room.
    let used: usize = first.iter().map(|s| s.width()).sum();
    let described = fit(&e.date.describe(), width.saturating_sub(used));
    let room = width.saturating_sub(used + described.width());
    first.push(Span::styled(described, THEME.date));
    if room >= 6 {
        let extra = format!("  ({precision}, {})", e.date);
        first.push(Span::styled(fit(&extra, room), THEME.dim));
    }
    Line::from(first)
}

/// A line of a followable item (entity, citation or link): its first line (`part`
/// `None`), with the label, or a further line of its text; selected when the cursor is
/// on the item.
fn item_line(
    app: &App,
    ev: EventIx,
    item: &DetailItem,
    k: usize,
    width: usize,
    part: Option<std::ops::Range<usize>>,
) -> Line<'static> {
    let (label, text) = detail::item_text(app, ev, item);
    let first = part.is_none();
    let range = part.unwrap_or_else(|| {
        detail::item_lines(&text, width, item)
            .first()
            .cloned()
            .unwrap_or(0..0)
    });
    // A passage cut at two lines ends with "…".
    let lines = detail::item_lines(&text, width, item);
    let cut = lines.last() == Some(&range) && range.end < text.len();
    let mut part = shown(&text[range]);
    if cut {
        part = fit(
            &format!("{part}…"),
            width.saturating_sub(detail::ITEM_LABEL),
        );
    }
    let style = match item {
        DetailItem::Mention(_) => THEME.dim,
        DetailItem::Link {
            kind: crate::case::LinkKind::Contradicts,
            ..
        } => THEME.contradiction,
        _ => Style::default(),
    };
    let head = if first {
        format!("{label:>6} ")
    } else {
        " ".repeat(detail::ITEM_LABEL)
    };
    let line = Line::from(vec![
        Span::styled(head, THEME.dim),
        Span::styled(part, style),
    ]);
    if k == app.detail.row && app.focus == Pane::Detail {
        line.style(THEME.selected)
    } else {
        line
    }
}

/// A wrapped line of a case's text, shown safe (the wrap measured it so).
fn shown(s: &str) -> String {
    crate::text::safe::show(s).replace('\t', "    ")
}

pub fn render(app: &App, frame: &mut Frame, r: Rect) {
    // With the Sources list focused, the detail area shows the selected source.
    if app.focus == Pane::Sources
        && let Some(s) = app.selected_source()
    {
        let block = pane_block(
            app,
            Pane::Detail,
            format!(" 4 Source {} ", app.case.source(s).id),
        );
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let lines = super::sources::particulars_lines(app, s, inner.width as usize);
        let visible: Vec<Line> = lines.into_iter().take(inner.height as usize).collect();
        frame.render_widget(Paragraph::new(visible), inner);
        return;
    }
    let block = pane_block(app, Pane::Detail, " 4 Detail ".into());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let width = inner.width as usize;
    let layout = detail::lines(app, width);
    let off = detail::offset(app, &layout, inner.height as usize);
    let lines = content(app, width, &layout);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(off)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
