//! Selection: the selected event and entity, the timeline's filter, and the source pane
//! following the selected event's citation.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, Cursor, EntityRow, Filter, Layout, SourceView, TimelineRow, lists};
use crate::action::Pane;
use crate::case::{EntityIx, EventIx, SourceIx};

impl App {
    /// The event under the timeline cursor.
    pub fn selected_event(&self) -> Option<EventIx> {
        match self.timeline_rows.get(self.timeline.row) {
            Some(TimelineRow::Event(ix)) => Some(*ix),
            _ => None,
        }
    }

    /// Events the timeline shows.
    pub fn timeline_event_count(&self) -> usize {
        self.timeline_event_rows.len()
    }

    /// 1-based position of the selected event among the events shown (0: none selected).
    pub fn timeline_event_position(&self) -> usize {
        self.timeline_event_rows
            .binary_search(&self.timeline.row)
            .map_or(0, |p| p + 1)
    }

    /// The entity under the entity cursor.
    pub fn selected_entity(&self) -> Option<EntityIx> {
        match self.entity_rows.get(self.entities.row) {
            Some(EntityRow::Entity(ix)) => Some(*ix),
            _ => None,
        }
    }

    /// Replaces the timeline filter, keeping the selected event when it is still shown.
    pub fn apply_filter(&mut self, filter: Filter) {
        let keep = self.selected_event();
        let case = Arc::clone(&self.case);
        let events: Option<Vec<EventIx>> = match &filter {
            Filter::All => None,
            Filter::Entity(e) => Some(case.index.entity_events[e.get()].clone()),
            // From the bookmarks, not a scan of every event.
            Filter::Bookmarked => Some(self.state.bookmarked_events(&case)),
            Filter::Events(list, _) => {
                let mut l = list.clone();
                case.in_timeline_order(&mut l);
                Some(l)
            }
            Filter::Set(set) => Some(set.events(&case, &self.state)),
        };
        match events {
            Some(events) => {
                self.timeline_rows = lists::timeline_rows(&case, &mut events.into_iter());
                self.timeline_event_rows = lists::event_rows(&self.timeline_rows);
            }
            None => {
                let (rows, events) = self.all_rows.get_or_insert_with(|| {
                    let rows =
                        lists::timeline_rows(&case, &mut case.index.timeline.iter().copied());
                    let events = lists::event_rows(&rows);
                    (rows, events)
                });
                self.timeline_rows.clone_from(rows);
                self.timeline_event_rows.clone_from(events);
            }
        }
        self.filter = filter;
        self.refresh_strip();
        self.timeline = Cursor::default();
        let row = keep.and_then(|k| self.row_of(k));
        match row {
            Some(r) => self.timeline.row = r,
            None => self.timeline.step(self.timeline_rows.len(), 0, |i| {
                matches!(self.timeline_rows[i], TimelineRow::Event(_))
            }),
        }
        self.scroll_lists();
        if self.selected_event() != keep {
            self.on_event_selected();
        }
    }

    pub(super) fn row_of(&self, ev: EventIx) -> Option<usize> {
        // Every filter lists its events in timeline order, so the event rows can be
        // binary searched by timeline position: O(log n) instead of a scan of every row
        // (the finder's preview selects an event on every result).
        let pos = &self.case.index.timeline_pos;
        let key = pos[ev.get()];
        let at = |r: usize| match self.timeline_rows[r] {
            TimelineRow::Event(e) => pos[e.get()],
            _ => u32::MAX,
        };
        let rows = &self.timeline_event_rows;
        let i = rows.partition_point(|&r| at(r) < key);
        match rows.get(i) {
            Some(&r) if self.timeline_rows[r] == TimelineRow::Event(ev) => Some(r),
            // Not shown (or, should a list ever be out of order, found by a scan).
            _ => self
                .timeline_rows
                .iter()
                .position(|r| *r == TimelineRow::Event(ev)),
        }
    }

    /// Selects an event in the timeline, widening the filter to all events if it is hidden.
    pub fn select_event(&mut self, ev: EventIx) {
        if self.row_of(ev).is_none() {
            self.apply_filter(Filter::All);
        }
        if let Some(r) = self.row_of(ev) {
            let changed = self.selected_event() != Some(ev);
            self.timeline.row = r;
            self.scroll_lists();
            if changed {
                self.on_event_selected();
            }
        }
    }

    /// Selects an entity in the entity list.
    pub fn select_entity(&mut self, ent: EntityIx) {
        if let Some(r) = self
            .entity_rows
            .iter()
            .position(|r| *r == EntityRow::Entity(ent))
        {
            self.entities.row = r;
            self.list = Pane::Entities;
            self.scroll_lists();
        }
    }

    /// A new event is selected: show its first citation, reset the detail cursor.
    pub(super) fn on_event_selected(&mut self) {
        self.citation = 0;
        self.detail = Cursor::default();
        self.show_citation();
    }

    /// Points the source pane at the selected event's current citation.
    pub(super) fn show_citation(&mut self) {
        let Some(ev) = self.selected_event() else {
            return;
        };
        let case = Arc::clone(&self.case);
        let Some(c) = case.event(ev).citations.get(self.citation) else {
            return;
        };
        self.open_source(c.source);
        self.source.show(c.range.clone());
        self.scroll_source_to_cursor(true);
    }

    pub(crate) fn open_source(&mut self, s: SourceIx) {
        if self.source.source != s {
            let width = self.source_width();
            self.source = SourceView::new(&self.case, s, width);
        }
    }

    /// The source pane's height when it is shown (its content rows).
    pub(super) fn source_height(&self) -> usize {
        let shape = super::Shape {
            focus: Pane::Source,
            ..self.shape()
        };
        Layout::new(Rect::new(0, 0, self.size.0, self.size.1), shape).inner_height(Pane::Source)
    }

    /// The width to wrap the source to: the source pane's, even while narrow layouts hide
    /// it, so its lines do not change when it is shown (and history line numbers hold).
    pub(super) fn source_width(&self) -> usize {
        let shape = super::Shape {
            focus: Pane::Source,
            ..self.shape()
        };
        let shown = Layout::new(Rect::new(0, 0, self.size.0, self.size.1), shape);
        match shown.inner_width(Pane::Source) {
            0 => self.source.width.max(1),
            w => w,
        }
    }
}

#[cfg(test)]
mod row_index_tests {
    use super::*;
    use crate::keymap::Keymap;

    /// The event-row index and the binary-searched `row_of` agree with plain scans.
    #[test]
    fn event_row_index_matches_a_scan() {
        let case = Arc::new(crate::case::bundled::load().unwrap().case);
        let mut app = App::new(Arc::clone(&case), Keymap::default());
        let mut filters = vec![Filter::All];
        filters.extend((0..case.entities.len() as u32).map(|e| Filter::Entity(EntityIx(e))));
        let some: Vec<EventIx> = (0..case.events.len() as u32)
            .rev()
            .step_by(3)
            .map(EventIx)
            .collect();
        filters.push(Filter::Events(some, "some".into()));
        for filter in filters {
            app.apply_filter(filter);
            let scan: Vec<usize> = (0..app.timeline_rows.len())
                .filter(|&i| matches!(app.timeline_rows[i], TimelineRow::Event(_)))
                .collect();
            assert_eq!(app.timeline_event_rows, scan);
            assert_eq!(app.timeline_event_count(), scan.len());
            for ev in (0..case.events.len() as u32).map(EventIx) {
                let by_scan = app
                    .timeline_rows
                    .iter()
                    .position(|r| *r == TimelineRow::Event(ev));
                assert_eq!(app.row_of(ev), by_scan);
            }
            for (k, &row) in scan.iter().enumerate() {
                app.timeline.row = row;
                assert_eq!(app.timeline_event_position(), k + 1);
            }
        }
    }
}
