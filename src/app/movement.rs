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
            Pane::Sources => {
                let n = self.case.sources.len();
                self.sources.step(n, delta, |_| true);
                let h = self.layout.inner_height(Pane::Sources);
                self.sources.scroll_into_view(h, n);
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

    /// Keeps the source cursor visible. `centre` places a newly shown passage with
    /// context above it: from the start of its paragraph when that is at most a third of
    /// the pane above it, else a third of the pane down (never on the top line
    /// mid-sentence).
    pub(crate) fn scroll_source_to_cursor(&mut self, centre: bool) {
        // A hidden source pane (narrow terminals, zoom) places the passage for the
        // height it will have when shown.
        let h = match self.layout.inner_height(Pane::Source) {
            0 => self.source_height(),
            h => h,
        }
        .max(1);
        let text = self
            .case
            .sources
            .get(self.source.source.get())
            .map_or("", |s| s.text.as_str());
        let s = &mut self.source;
        if centre {
            let para = s.paragraph_start(text, s.cursor);
            let third = h / 3;
            s.offset = if s.cursor - para <= third {
                para
            } else {
                s.cursor - third
            };
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
        let before = self.source.source;
        self.citation = (self.citation as isize + delta).rem_euclid(n as isize) as usize;
        self.show_citation();
        let case = &self.case;
        let s = case.event(ev).citations[self.citation].source;
        let name = super::sources::short_name(case, s);
        let msg = if s != before {
            format!(
                "citation {} of {n} · now in {}: {name}",
                self.citation + 1,
                case.source(s).id
            )
        } else {
            format!(
                "citation {} of {n} · same source, {}",
                self.citation + 1,
                case.source(s).id
            )
        };
        self.say(msg, false);
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
