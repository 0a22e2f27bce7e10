//! The detail area's lines for the selected event, laid out for a width: which line
//! shows what, and which followable item (entity, citation, link) each item line is.
//! The view draws these lines; the app uses them for the cursor and the mouse, so the
//! two always agree.

use std::ops::Range;

use super::App;
use super::source::wrap;
use crate::action::Pane;
use crate::case::{EntityIx, EventIx, LinkKind};

/// Something in the detail area that Enter can follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailItem {
    Entity(EntityIx),
    /// Index into the event's citations.
    Citation(usize),
    /// A link to another event: `outgoing` links are this event's own; the others point at it.
    Link {
        to: EventIx,
        kind: LinkKind,
        outgoing: bool,
    },
    /// An entity the event's passages mention that is not on the event (`i` adds it).
    Mention(EntityIx),
}

/// The selected event's items: entities, then citations, then links out, then links in,
/// then the entities its passages mention that are not on it.
pub fn items(app: &App) -> Vec<DetailItem> {
    let Some(ev) = app.selected_event() else {
        return Vec::new();
    };
    let case = &app.case;
    let e = case.event(ev);
    let mut out: Vec<DetailItem> = e.entities.iter().map(|&x| DetailItem::Entity(x)).collect();
    out.extend((0..e.citations.len()).map(DetailItem::Citation));
    out.extend(e.links.iter().map(|l| DetailItem::Link {
        to: l.to,
        kind: l.kind.clone(),
        outgoing: true,
    }));
    for &(from, k) in &case.index.links_in[ev.get()] {
        let kind = case.event(from).links[k as usize].kind.clone();
        out.push(DetailItem::Link {
            to: from,
            kind,
            outgoing: false,
        });
    }
    out.extend(
        unlinked_mentions(case, ev)
            .into_iter()
            .map(DetailItem::Mention),
    );
    out
}

/// One line of the detail area. Text is wrapped by the app; the view only styles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailLine {
    /// No event is selected.
    Nothing,
    /// The date in words, with its precision and EDTF form when there is room.
    Date,
    Title,
    /// "✎ your note:", above the note.
    NoteHeading,
    /// A wrapped line of the note: a byte range of its text.
    Note(Range<usize>),
    /// A wrapped line of the summary: a byte range of it.
    Summary(Range<usize>),
    Tags,
    /// Followable item `k` of [`items`].
    Item(usize),
}

/// The detail area's lines at `width` columns.
pub fn lines(app: &App, width: usize) -> Vec<DetailLine> {
    let Some(ev) = app.selected_event() else {
        return vec![DetailLine::Nothing];
    };
    let e = app.case.event(ev);
    let mut out = vec![DetailLine::Date, DetailLine::Title];
    if let Some(note) = app.note_text(ev) {
        out.push(DetailLine::NoteHeading);
        for l in note.lines() {
            // `lines` hands out pieces of the note: their offset is where they start.
            let at = l.as_ptr() as usize - note.as_ptr() as usize;
            out.extend(
                wrap(l, width.saturating_sub(2).max(1))
                    .into_iter()
                    .map(|r| DetailLine::Note(at + r.start..at + r.end)),
            );
        }
    }
    out.extend(
        wrap(&e.summary, width.max(1))
            .into_iter()
            .map(DetailLine::Summary),
    );
    if !e.tags.is_empty() {
        out.push(DetailLine::Tags);
    }
    out.extend((0..items(app).len()).map(DetailLine::Item));
    out
}

/// The first line shown of `lines` in `height` rows: the top, or (with the pane focused)
/// far enough down that the selected item shows.
pub fn offset(app: &App, lines: &[DetailLine], height: usize) -> usize {
    if app.focus != Pane::Detail || height == 0 {
        return 0;
    }
    let row = lines
        .iter()
        .position(|l| *l == DetailLine::Item(app.detail.row))
        .unwrap_or(0);
    (row + 2).saturating_sub(height)
}

impl App {
    /// The item drawn on content row `row` of the detail pane (0 = the first row inside
    /// its border), if any.
    pub fn detail_item_at(&self, row: usize) -> Option<usize> {
        let lines = lines(self, self.layout.inner_width(Pane::Detail));
        let off = offset(self, &lines, self.layout.inner_height(Pane::Detail));
        match lines.get(off + row) {
            Some(DetailLine::Item(k)) => Some(*k),
            _ => None,
        }
    }
}

/// Entities whose names or aliases occur in the event's cited passages but are not on
/// the event, in the order they are first mentioned.
pub fn unlinked_mentions(case: &crate::case::Case, ev: EventIx) -> Vec<EntityIx> {
    let e = case.event(ev);
    let mut out: Vec<EntityIx> = Vec::new();
    for c in &e.citations {
        let Some(mentions) = case.index.mentions.get(c.source.get()) else {
            continue;
        };
        let first = mentions.partition_point(|m| m.range.end <= c.range.start);
        for m in mentions[first..]
            .iter()
            .take_while(|m| m.range.start < c.range.end)
        {
            if m.range.start >= c.range.start
                && m.range.end <= c.range.end
                && !e.entities.contains(&m.entity)
                && !out.contains(&m.entity)
            {
                out.push(m.entity);
            }
        }
    }
    out
}
