//! Moving the cursor in the focused pane, keeping it in view (lists and source), and
//! stepping through the selected event's citations and the source's anchors.

use super::{App, EntityRow, TimelineRow};
use crate::action::Pane;

impl App {
    pub(super) fn page(&self) -> usize {
        self.layout.inner_height(self.focus).max(1)
    }

    pub(super) fn move_cursor(&mut self, delta: isize) {
        match self.focus {
            Pane::Timeline => {
                let before = self.selected_event();
                let rows = &self.timeline_rows;
                self.timeline.step(rows.len(), delta, |i| {
                    matches!(rows[i], TimelineRow::Event(_))
                });
                self.scroll_lists();
                if self.selected_event() != before {
                    self.on_event_selected();
                }
            }
            Pane::Entities => {
                let rows = &self.entity_rows;
                self.entities.step(rows.len(), delta, |i| {
                    matches!(rows[i], EntityRow::Entity(_))
                });
                self.scroll_lists();
            }
            Pane::Source => {
                let len = self.source.lines.len();
                if len > 0 {
                    self.source.cursor =
                        (self.source.cursor as isize + delta).clamp(0, len as isize - 1) as usize;
                    self.source.anchor_from_cursor();
                    self.scroll_source_to_cursor(false);
                }
            }
            Pane::Detail => {
                let n = self.detail_items().len();
                self.detail.step(n, delta, |_| true);
            }
        }
    }

    pub(crate) fn scroll_lists(&mut self) {
        let h = self
            .layout
            .inner_height(Pane::Timeline)
            .max(self.layout.inner_height(Pane::Entities));
        let th = if self.layout.timeline.is_some() {
            self.layout.inner_height(Pane::Timeline)
        } else {
            h
        };
        let eh = if self.layout.entities.is_some() {
            self.layout.inner_height(Pane::Entities)
        } else {
            h
        };
        self.timeline.scroll_into_view(th, self.timeline_rows.len());
        self.entities.scroll_into_view(eh, self.entity_rows.len());
    }

    /// Keeps the source cursor visible; `centre` puts a newly shown passage near the top third.
    pub(crate) fn scroll_source_to_cursor(&mut self, centre: bool) {
        let h = self.layout.inner_height(Pane::Source).max(1);
        let s = &mut self.source;
        if centre {
            s.offset = s.cursor.saturating_sub(h / 4);
        } else if s.cursor < s.offset {
            s.offset = s.cursor;
        } else if s.cursor >= s.offset + h {
            s.offset = s.cursor + 1 - h;
        }
        s.offset = s.offset.min(s.lines.len().saturating_sub(h));
    }

    pub(super) fn step_citation(&mut self, delta: isize) {
        let Some(ev) = self.selected_event() else {
            return;
        };
        let n = self.case.event(ev).citations.len();
        if n == 0 {
            self.say("this event cites no source", true);
            return;
        }
        self.citation = (self.citation as isize + delta).rem_euclid(n as isize) as usize;
        self.show_citation();
        self.say(format!("citation {} of {n}", self.citation + 1), false);
    }

    pub(super) fn step_anchor(&mut self, delta: isize) {
        let s = &mut self.source;
        if s.anchors.is_empty() {
            return;
        }
        let next = match s.anchor {
            Some(a) => (a as isize + delta).clamp(0, s.anchors.len() as isize - 1) as usize,
            None => {
                let at = s.lines.get(s.cursor).map_or(0, |r| r.start);
                let first_after = s
                    .anchors
                    .iter()
                    .position(|a| a.range().start >= at)
                    .unwrap_or(s.anchors.len() - 1);
                if delta < 0 {
                    first_after.saturating_sub(1)
                } else {
                    first_after
                }
            }
        };
        s.anchor = Some(next);
        s.cursor = s.line_of(s.anchors[next].range().start);
        self.set_focus(Pane::Source);
        self.scroll_source_to_cursor(false);
    }
}
