//! The two lists on the board: the timeline (grouped by year and month, filterable)
//! and the entities (grouped by kind). Rows are built once per filter change; views
//! draw only the visible slice.

use crate::case::{Case, Date, EntityIx, EntityKind, EventIx, Precision, date::Bound};

/// What the timeline shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Every event.
    All,
    /// The events of one entity.
    Entity(EntityIx),
    /// Bookmarked events only.
    Bookmarked,
    /// A given set of events, e.g. those citing one passage; the label names it.
    Events(Vec<EventIx>, String),
    /// Filters combined (`f` then a letter, `:filter`).
    Set(super::filter::FilterSet),
}

impl Filter {
    /// The breadcrumb: what the timeline is narrowed to ("" for every event).
    pub fn label(&self, case: &Case) -> String {
        match self {
            Filter::All => String::new(),
            Filter::Entity(e) => case.entity(*e).name.clone(),
            Filter::Bookmarked => "bookmarked".into(),
            Filter::Events(_, label) => label.clone(),
            Filter::Set(set) => set.label(case),
        }
    }
}

/// One row of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    Year(i32),
    Month(i32, u8),
    Event(EventIx),
}

/// A scrollable list with a cursor that sits only on selectable rows.
#[derive(Debug, Clone, Default)]
pub struct Cursor {
    /// Index of the selected row.
    pub row: usize,
    /// Index of the first visible row.
    pub offset: usize,
}

impl Cursor {
    /// Moves `row` to the nearest selectable row in direction `delta`, clamped.
    pub fn step(&mut self, len: usize, delta: isize, selectable: impl Fn(usize) -> bool) {
        if len == 0 {
            return;
        }
        let target = (self.row as isize + delta).clamp(0, len as isize - 1) as usize;
        self.row = nearest(target, len, delta >= 0, &selectable).unwrap_or(self.row);
    }

    /// Keeps the selected row inside a viewport of `height` rows, with a little context.
    pub fn scroll_into_view(&mut self, height: usize, len: usize) {
        if height == 0 {
            return;
        }
        let margin = if height > 6 { 2 } else { 0 };
        if self.row < self.offset + margin {
            self.offset = self.row.saturating_sub(margin);
        } else if self.row + margin >= self.offset + height {
            self.offset = (self.row + margin + 1).saturating_sub(height);
        }
        self.offset = self.offset.min(len.saturating_sub(height.min(len)));
    }
}

/// The selectable row nearest `from`, searching first in the preferred direction.
fn nearest(
    from: usize,
    len: usize,
    forward: bool,
    selectable: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let down = (from..len).find(|&i| selectable(i));
    let up = (0..=from.min(len.saturating_sub(1)))
        .rev()
        .find(|&i| selectable(i));
    if forward { down.or(up) } else { up.or(down) }
}

/// Builds timeline rows for the events passing `keep`, in timeline order, with headers.
pub fn timeline_rows(case: &Case, events: &mut dyn Iterator<Item = EventIx>) -> Vec<TimelineRow> {
    let mut rows = Vec::new();
    let mut last: Option<(Option<i32>, Option<u8>)> = None;
    for ix in events {
        let date = &case.event(ix).date;
        let (year, month) = group_of(date);
        match last {
            Some((y, m)) if y == year && (m == month || month.is_none()) => {}
            Some((y, _)) if y == year => rows.push(TimelineRow::Month(
                year.expect("dated"),
                month.expect("checked"),
            )),
            // (A date open at both ends is refused by the loader: no heading for it.)
            _ => {
                if let Some(y) = year {
                    rows.push(TimelineRow::Year(y));
                    if let Some(m) = month {
                        rows.push(TimelineRow::Month(y, m));
                    }
                }
            }
        }
        last = Some((year, month));
        rows.push(TimelineRow::Event(ix));
    }
    rows
}

/// Indices of the event rows among `rows`, ascending.
pub fn event_rows(rows: &[TimelineRow]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, TimelineRow::Event(_)))
        .map(|(i, _)| i)
        .collect()
}

/// The heading an event sits under: (year, month) of the point that places it (its
/// start, or the known end of an open start, shown `≤`), month only when that point is
/// at least month-precise.
fn group_of(date: &Date) -> (Option<i32>, Option<u8>) {
    let p = match date {
        Date::Single(p) | Date::Interval(Bound::Point(p), _) => p,
        Date::Interval(Bound::Open, Bound::Point(p)) => p,
        Date::Interval(Bound::Open, Bound::Open) => return (None, None),
    };
    let month = if p.precision >= Precision::Month {
        p.month
    } else {
        None
    };
    (Some(p.year), month)
}

/// One row of the entity list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityRow {
    Kind(EntityKind, usize),
    Entity(EntityIx),
}

/// Entities grouped by kind; within a kind, most events first, then by name.
pub fn entity_rows(case: &Case) -> Vec<EntityRow> {
    let mut rows = Vec::new();
    for kind in EntityKind::ALL {
        let mut ents: Vec<EntityIx> = (0..case.entities.len() as u32)
            .map(EntityIx)
            .filter(|&e| case.entity(e).kind == kind)
            .collect();
        if ents.is_empty() {
            continue;
        }
        ents.sort_by(|&a, &b| {
            let (na, nb) = (
                case.index.entity_events[a.get()].len(),
                case.index.entity_events[b.get()].len(),
            );
            nb.cmp(&na)
                .then_with(|| case.entity(a).name.cmp(&case.entity(b).name))
        });
        rows.push(EntityRow::Kind(kind, ents.len()));
        rows.extend(ents.into_iter().map(EntityRow::Entity));
    }
    rows
}
