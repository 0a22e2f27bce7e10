//! Following links and the jump history: Enter on whatever is under the cursor, Esc
//! to clear a filter, Back and Forward through recorded views.

use super::{Anchor, App, DetailItem, Filter, Snapshot};
use crate::action::Pane;
use crate::case::EntityIx;

impl App {
    /// Records the current view before a jump.
    pub(crate) fn jump(&mut self) {
        let snap = self.snapshot();
        self.history.push(snap);
    }

    pub(super) fn follow(&mut self) {
        match self.focus {
            Pane::Timeline => {
                let Some(ev) = self.selected_event() else {
                    return;
                };
                if self.case.event(ev).citations.is_empty() {
                    self.say("this event cites no source", true);
                    return;
                }
                self.jump();
                self.citation = 0;
                self.show_citation();
                self.set_focus(Pane::Source);
            }
            Pane::Entities => {
                if let Some(ent) = self.selected_entity() {
                    self.jump();
                    self.filter_by_entity(ent);
                }
            }
            Pane::Source => {
                let Some(a) = self
                    .source
                    .anchor
                    .and_then(|a| self.source.anchors.get(a))
                    .cloned()
                else {
                    self.say("nothing to follow here: move to a highlighted passage or name ({ and } jump between them)", false);
                    return;
                };
                self.jump();
                match a {
                    Anchor::Passage { events, range } => {
                        if let [one] = events.as_slice() {
                            self.select_event(*one);
                        } else {
                            let label = format!(
                                "{} events citing one passage of {}",
                                events.len(),
                                self.case.source(self.source.source).id
                            );
                            let first = events[0];
                            self.apply_filter(Filter::Events(events, label));
                            self.select_event(first);
                        }
                        let _ = range;
                        self.set_focus(Pane::Timeline);
                    }
                    Anchor::Mention { entity, .. } => {
                        self.select_entity(entity);
                        self.set_focus(Pane::Entities);
                    }
                }
            }
            Pane::Sources => self.read_source(),
            Pane::Detail => {
                let items = self.detail_items();
                let Some(item) = items.get(self.detail.row).cloned() else {
                    return;
                };
                self.jump();
                match item {
                    DetailItem::Entity(ent) | DetailItem::Mention(ent) => {
                        self.filter_by_entity(ent)
                    }
                    DetailItem::Citation(k) => {
                        self.citation = k;
                        self.show_citation();
                        self.set_focus(Pane::Source);
                    }
                    DetailItem::Link { to, .. } => {
                        self.select_event(to);
                        self.set_focus(Pane::Timeline);
                    }
                }
            }
        }
    }

    fn filter_by_entity(&mut self, ent: EntityIx) {
        self.select_entity(ent);
        self.apply_filter(Filter::Entity(ent));
        self.set_focus(Pane::Timeline);
    }

    pub(super) fn escape(&mut self) {
        if self.filter != Filter::All {
            self.jump();
            self.apply_filter(Filter::All);
            self.say("filter cleared", false);
        }
    }

    pub(super) fn go_back(&mut self) {
        let cur = self.snapshot();
        match self.history.back(cur) {
            Some(s) => self.restore(s),
            None => self.say("no earlier jump", false),
        }
    }

    pub(super) fn go_forward(&mut self) {
        let cur = self.snapshot();
        match self.history.forward(cur) {
            Some(s) => self.restore(s),
            None => self.say("no later jump", false),
        }
    }

    /// The view as it is now, for the jump history.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            focus: self.focus,
            list: self.list,
            filter: self.filter.clone(),
            event: self.selected_event(),
            timeline: self.timeline.clone(),
            entities: self.entities.clone(),
            source: self.source.source,
            sources: self.sources.clone(),
            source_cursor: self
                .source
                .lines
                .get(self.source.cursor)
                .map_or(0, |r| r.start),
            source_offset: self
                .source
                .lines
                .get(self.source.offset)
                .map_or(0, |r| r.start),
            highlight: self.source.highlight.clone(),
            anchor: self.source.anchor,
            citation: self.citation,
            detail: self.detail.clone(),
        }
    }

    pub(crate) fn restore(&mut self, s: Snapshot) {
        if self.filter != s.filter {
            self.apply_filter(s.filter.clone());
        }
        self.timeline = s.timeline;
        if let Some(ev) = s.event
            && let Some(r) = self.row_of(ev)
        {
            self.timeline.row = r;
        }
        self.entities = s.entities;
        self.sources = s.sources;
        self.open_source(s.source);
        self.source.cursor = self.source.line_of(s.source_cursor);
        self.source.offset = self.source.line_of(s.source_offset);
        self.source.highlight = s.highlight;
        self.source.anchor = s.anchor;
        self.citation = s.citation;
        self.detail = s.detail;
        self.focus = s.focus;
        self.list = s.list;
        self.relayout();
    }
}
