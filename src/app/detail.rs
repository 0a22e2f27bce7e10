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
    /// A wrapped line of the title: a byte range of it.
    Title(Range<usize>),
    /// "✎ your note:", above the note.
    NoteHeading,
    /// A wrapped line of the note: a byte range of its text.
    Note(Range<usize>),
    /// A wrapped line of the summary: a byte range of it.
    Summary(Range<usize>),
    Tags,
    /// Followable item `k` of [`items`]: its first line.
    Item(usize),
    /// A further line of item `k`: a byte range of its text ([`item_text`]).
    ItemMore(usize, Range<usize>),
}

/// Columns before an item's text ("  cites ").
pub const ITEM_LABEL: usize = 7;

/// An item's label and text, as the detail area shows them.
pub fn item_text(app: &App, ev: EventIx, item: &DetailItem) -> (&'static str, String) {
    let case = &app.case;
    let e = case.event(ev);
    match item {
        DetailItem::Entity(x) => {
            let ent = case.entity(*x);
            ("entity", format!("{} ({})", ent.name, ent.kind))
        }
        DetailItem::Mention(x) => {
            let ent = case.entity(*x);
            let key = app
                .keymap
                .key_for(
                    crate::keymap::Context::Normal,
                    &crate::action::Action::AddMention,
                )
                .unwrap_or_default();
            (
                "named",
                format!("{} ({}) · not on the event: {key} adds", ent.name, ent.kind),
            )
        }
        DetailItem::Citation(c) => {
            let cit = &e.citations[*c];
            let src = case.source(cit.source);
            let passage = case
                .passage(cit)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            ("cites", format!("[{}] {}: “{passage}”", c + 1, src.id))
        }
        DetailItem::Link { to, kind, outgoing } => {
            let other = case.event(*to);
            let rel = if *outgoing {
                kind.as_str().to_string()
            } else {
                kind.inverse_label()
            };
            let arrow = if *outgoing { "→" } else { "←" };
            (
                "link",
                format!(
                    "{arrow} {rel}: {} ({})",
                    other.title,
                    short_date(&other.date)
                ),
            )
        }
    }
}

/// Item text wrapped to the detail area's width: byte ranges of [`item_text`]. A
/// citation's passage stays on two lines at most (Enter shows it in full in the source).
pub fn item_lines(text: &str, width: usize, item: &DetailItem) -> Vec<Range<usize>> {
    let mut lines = wrap(text, width.saturating_sub(ITEM_LABEL).max(1));
    if matches!(item, DetailItem::Citation(_)) {
        lines.truncate(2);
    }
    lines
}

/// A compact date: `2016-06-12`, `2016-06~`, `≤2016-11`, `2016-06-01…`.
pub fn short_date(d: &crate::case::Date) -> String {
    use crate::case::date::{Bound, Date, Point, Precision};
    fn point(p: &Point) -> String {
        let mut s = match p.precision {
            Precision::Year => format!("{}", p.year),
            Precision::Month => format!("{}-{:02}", p.year, p.month.unwrap_or(1)),
            _ => format!(
                "{}-{:02}-{:02}",
                p.year,
                p.month.unwrap_or(1),
                p.day.unwrap_or(1)
            ),
        };
        s.push_str(p.qualifier.symbol());
        s
    }
    match d {
        Date::Single(p) => point(p),
        Date::Interval(Bound::Open, Bound::Point(p)) => format!("≤{}", point(p)),
        Date::Interval(Bound::Point(p), Bound::Open) => format!("≥{}", point(p)),
        Date::Interval(Bound::Point(p), Bound::Point(_)) => format!("{}…", point(p)),
        Date::Interval(Bound::Open, Bound::Open) => "?".into(),
    }
}

/// The detail area's lines at `width` columns.
pub fn lines(app: &App, width: usize) -> Vec<DetailLine> {
    let Some(ev) = app.selected_event() else {
        return vec![DetailLine::Nothing];
    };
    let e = app.case.event(ev);
    let mut out = vec![DetailLine::Date];
    out.extend(
        wrap(&e.title, width.max(1))
            .into_iter()
            .map(DetailLine::Title),
    );
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
    for (k, item) in items(app).iter().enumerate() {
        let (_, text) = item_text(app, ev, item);
        out.push(DetailLine::Item(k));
        out.extend(
            item_lines(&text, width, item)
                .into_iter()
                .skip(1)
                .map(|r| DetailLine::ItemMore(k, r)),
        );
    }
    out
}

/// The first line shown of `lines` in `height` rows: the top, or (with the pane focused)
/// far enough down that the selected item shows.
pub fn offset(app: &App, lines: &[DetailLine], height: usize) -> usize {
    if app.focus != Pane::Detail || height == 0 {
        return 0;
    }
    let k = app.detail.row;
    let row = lines
        .iter()
        .rposition(|l| {
            *l == DetailLine::Item(k) || matches!(l, DetailLine::ItemMore(j, _) if *j == k)
        })
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
            Some(DetailLine::Item(k) | DetailLine::ItemMore(k, _)) => Some(*k),
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
