//! Panes: which one has focus (Tab, h/l, 1–4), the layout for the terminal size, and
//! the mouse (a click focuses and selects).

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, EntityRow, Layout, Shape, TimelineRow};
use crate::action::Pane;

impl App {
    pub(crate) fn set_focus(&mut self, p: Pane) {
        self.focus = p;
        if matches!(p, Pane::Timeline | Pane::Entities | Pane::Sources) {
            self.list = p;
        }
        self.relayout();
    }

    /// Tab / Shift-Tab: the next or previous of all four panes (a layout that cannot
    /// show them all shows the focused one).
    pub(super) fn cycle_focus(&mut self, delta: isize) {
        let order = Pane::ALL;
        let i = order.iter().position(|&p| p == self.focus).unwrap_or(0) as isize;
        let next = order[(i + delta).rem_euclid(order.len() as isize) as usize];
        self.set_focus(next);
    }

    /// h/l: the pane to the left or right on screen (falls back to Tab order).
    pub(super) fn focus_side(&mut self, dir: isize) {
        let Some(cur) = self.layout.rect(self.focus) else {
            return self.cycle_focus(dir);
        };
        let mid_y = |r: Rect| r.y + r.height / 2;
        let candidates = Pane::ALL
            .into_iter()
            .filter_map(|p| self.layout.rect(p).map(|r| (p, r)))
            .filter(|&(p, r)| {
                p != self.focus
                    && if dir < 0 {
                        r.x + r.width <= cur.x
                    } else {
                        r.x >= cur.x + cur.width
                    }
            });
        let best =
            candidates.min_by_key(|&(_, r)| (r.x.abs_diff(cur.x), mid_y(r).abs_diff(mid_y(cur))));
        match best {
            Some((p, _)) => self.set_focus(p),
            None => self.cycle_focus(dir),
        }
    }

    /// What the layout is made from, besides the size.
    pub(crate) fn shape(&self) -> Shape {
        Shape {
            focus: self.focus,
            list: self.list,
            zoom: self.zoom,
            sources: self.case.sources.len(),
        }
    }

    pub(crate) fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.relayout();
    }

    pub(super) fn relayout(&mut self) {
        self.layout = Layout::new(Rect::new(0, 0, self.size.0, self.size.1), self.shape());
        let strip_width = self
            .layout
            .strip
            .map_or(self.size.0.saturating_sub(2), |r| r.width);
        if strip_width != self.strip_width {
            self.strip_width = strip_width;
            self.refresh_strip();
        }
        let width = self.source_width();
        // A cursor on the passage's first line stays on it after re-wrapping; a cursor
        // the user moved elsewhere stays on its own text (rewrap keeps it).
        let on_passage = self
            .source
            .highlight
            .as_ref()
            .is_some_and(|h| self.source.cursor == self.source.line_of(h.start));
        // Only a new terminal size places the passage again: focus moves and restoring
        // a jump keep the reader's scroll exactly.
        let resized = self.placed_for != self.size;
        self.placed_for = self.size;
        if width != self.source.width {
            let case = Arc::clone(&self.case);
            self.source.rewrap(&case, width);
            if on_passage && let Some(h) = &self.source.highlight {
                self.source.cursor = self.source.line_of(h.start);
            }
        }
        self.scroll_lists();
        // A new size places the passage again, with its context above it (the board
        // opens before it knows its size).
        self.scroll_source_to_cursor(on_passage && resized);
    }

    pub(super) fn click(&mut self, col: u16, row: u16) {
        if self
            .layout
            .tabs
            .is_some_and(|t| t.contains((col, row).into()))
        {
            if let Some(p) = self.layout.tab_at(col, row) {
                self.set_focus(p);
            }
            return;
        }
        if let Some(s) = self.layout.strip
            && s.contains((col, row).into())
        {
            self.set_focus(Pane::Timeline);
            self.click_strip(col - s.x);
            return;
        }
        let Some(pane) = self.layout.pane_at(col, row) else {
            return;
        };
        // The detail pane scrolls only while focused: find the item drawn under the
        // pointer before focusing it.
        let detail_hit = match self.layout.rect(pane) {
            Some(r) if pane == Pane::Detail && row > r.y => {
                self.detail_item_at((row - r.y - 1) as usize)
            }
            _ => None,
        };
        self.set_focus(pane);
        let Some(rect) = self.layout.rect(pane) else {
            return;
        };
        if row <= rect.y || row >= rect.y + rect.height - 1 {
            return;
        }
        let line = (row - rect.y - 1) as usize;
        match pane {
            Pane::Timeline => {
                let Some(line) = line.checked_sub(self.layout.strip_height()) else {
                    return;
                };
                let target = self.timeline.offset + line;
                if let Some(TimelineRow::Event(_)) = self.timeline_rows.get(target) {
                    self.move_cursor(target as isize - self.timeline.row as isize);
                }
            }
            Pane::Entities => {
                let target = self.entities.offset + line;
                if let Some(EntityRow::Entity(_)) = self.entity_rows.get(target) {
                    self.entities.row = target;
                    self.scroll_lists();
                }
            }
            Pane::Source => {
                let target = self.source.offset + line;
                if target < self.source.lines.len() {
                    self.source.cursor = target;
                    self.source.anchor_from_cursor();
                }
            }
            Pane::Detail => {
                if let Some(k) = detail_hit {
                    self.detail.row = k;
                }
            }
            Pane::Sources => {
                let target = self.sources.offset + line;
                if target < self.case.sources.len() {
                    self.sources.row = target;
                }
            }
        }
    }
}
