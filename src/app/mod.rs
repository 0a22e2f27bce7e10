//! The board's state and the one place it changes: [`App::update`].
//!
//! `update` is pure: it takes an [`Action`] and the current time, changes the state and
//! returns an [`Effect`] for the event loop to carry out (save, export, search, quit).
//! The view (`crate::ui`) only reads this state.

mod detail;
mod finder;
mod history;
pub mod layout;
mod line;
pub mod lists;
mod loading;
mod navigate;
mod notes;
pub mod source;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use ratatui::layout::Rect;

pub use detail::DetailItem;
pub use finder::Finder;
pub use history::{History, Snapshot};
pub use layout::Layout;
pub use line::{edit_line, type_char};
pub use lists::{Cursor, EntityRow, Filter, TimelineRow};
pub use loading::Loading;
pub use notes::{Editor, NoteTarget};
pub use source::{Anchor, SourceView};

use crate::action::{Action, Pane};
use crate::case::{Case, EntityIx, EventIx, SourceIx};
use crate::keymap::{Context, Keymap};
use crate::state::State;

/// I/O the event loop performs on the app's behalf.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Leave the board.
    Quit,
    /// Save the state (bookmarks and notes) now.
    Save,
    /// Save the state, then leave.
    SaveAndQuit,
    /// Write the Markdown export of marked events to this file.
    Export(PathBuf),
    /// Run this finder query in the background.
    Search(String),
}

/// A message shown in the status line until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// Markers shown beside an event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub bookmarked: bool,
    pub note: bool,
}

/// What is drawn on top of the board.
#[derive(Debug)]
pub enum Modal {
    None,
    /// The key help, scrolled by this many rows.
    Help(usize),
    /// The note editor.
    Editor(Box<Editor>),
    /// The finder.
    Finder(Box<Finder>),
}

impl PartialEq for Modal {
    /// Same kind of modal in the same visible state (editor text, finder query).
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Modal::None, Modal::None) => true,
            (Modal::Help(a), Modal::Help(b)) => a == b,
            (Modal::Editor(a), Modal::Editor(b)) => a.target == b.target && a.text() == b.text(),
            (Modal::Finder(a), Modal::Finder(b)) => a.query == b.query,
            _ => false,
        }
    }
}

/// The whole board state.
pub struct App {
    pub case: Arc<Case>,
    pub keymap: Keymap,
    pub focus: Pane,
    /// The list shown in the left column when only one fits (Timeline or Entities).
    pub list: Pane,
    pub size: (u16, u16),
    pub layout: Layout,
    pub filter: Filter,
    pub timeline_rows: Vec<TimelineRow>,
    /// Indices of the event rows in `timeline_rows`, ascending; rebuilt with the rows so
    /// the view can count events and place the cursor without scanning every row.
    pub timeline_event_rows: Vec<usize>,
    pub timeline: Cursor,
    pub entity_rows: Vec<EntityRow>,
    pub entities: Cursor,
    pub source: SourceView,
    /// Which of the selected event's citations the source pane shows.
    pub citation: usize,
    pub detail: Cursor,
    pub history: History,
    pub modal: Modal,
    pub notice: Option<Notice>,
    /// The reader's bookmarks and notes.
    pub state: State,
    /// Where the state is saved (shown in messages; the loop owns the file).
    pub state_path: Option<PathBuf>,
    /// The last finder query and its hits, for `n` / `N`.
    pub last_query: String,
    pub last_hits: Vec<crate::search::Hit>,
    pub hit_pos: usize,
    /// The search generation `last_hits` came from, and whether they are all of its
    /// hits (Enter may come before the rest of a large result list; it is taken then).
    pub last_generation: u64,
    pub last_complete: bool,
    /// Set while the board shows a preview of a large case that is still loading.
    pub loading: Option<Loading>,
    /// The unfiltered timeline's rows and event rows, built once: clearing a filter on a
    /// million events would otherwise rebuild them on the keystroke.
    all_rows: Option<(Vec<TimelineRow>, Vec<usize>)>,
}

impl App {
    pub fn new(case: Arc<Case>, keymap: Keymap) -> App {
        let entity_rows = lists::entity_rows(&case);
        let source = SourceView::new(&case, SourceIx(0), 40);
        let mut app = App {
            keymap,
            focus: Pane::Timeline,
            list: Pane::Timeline,
            size: (0, 0),
            layout: Layout::default(),
            filter: Filter::All,
            timeline_rows: Vec::new(),
            timeline_event_rows: Vec::new(),
            timeline: Cursor::default(),
            entity_rows,
            entities: Cursor::default(),
            source,
            citation: 0,
            detail: Cursor::default(),
            history: History::default(),
            modal: Modal::None,
            notice: None,
            state: State::default(),
            state_path: None,
            last_query: String::new(),
            last_hits: Vec::new(),
            hit_pos: 0,
            last_generation: 0,
            last_complete: true,
            loading: None,
            all_rows: None,
            case,
        };
        app.apply_filter(Filter::All);
        app.entities.step(app.entity_rows.len(), 0, |i| {
            matches!(app.entity_rows[i], EntityRow::Entity(_))
        });
        app.on_event_selected();
        app
    }

    /// Applies one action. Returns the I/O the loop must perform, if any.
    pub fn update(&mut self, action: Action, now: DateTime<Utc>) -> Option<Effect> {
        if let Action::Notify(text, error) = action {
            self.notice = Some(Notice { text, error });
            return None;
        }
        if let Action::CaseReady(ready) = action {
            self.case_ready(ready.0);
            return None;
        }
        // Results that come after the finder closed change nothing on screen.
        if let Action::SearchResults(r) = action {
            return match self.modal {
                Modal::Finder(_) => self.finder_action(Action::SearchResults(r)),
                _ => {
                    self.rest_of_last_hits(*r);
                    None
                }
            };
        }
        // A message stays while text is typed (it may be about the note being edited).
        let typing = matches!(action, Action::Type(_) | Action::Edit(_))
            || matches!(self.modal, Modal::Editor(_));
        if !typing && !matches!(action, Action::Resize(..)) {
            self.notice = None;
        }
        if self.waits_for_case(&action) {
            self.say_loading();
            return None;
        }
        if matches!(self.modal, Modal::Editor(_)) {
            return self.editor_action(action, now);
        }
        if matches!(self.modal, Modal::Finder(_)) {
            return self.finder_action(action);
        }
        if let Modal::Help(scroll) = self.modal {
            match action {
                Action::Quit => return Some(Effect::Quit),
                Action::Down => self.modal = Modal::Help((scroll + 1).min(self.help_max_scroll())),
                Action::Up => self.modal = Modal::Help(scroll.saturating_sub(1)),
                Action::PageDown | Action::HalfPageDown => {
                    self.modal = Modal::Help((scroll + 10).min(self.help_max_scroll()))
                }
                Action::PageUp | Action::HalfPageUp => {
                    self.modal = Modal::Help(scroll.saturating_sub(10))
                }
                Action::Resize(w, h) => self.resize(w, h),
                Action::Type(_) | Action::Edit(_) | Action::Scroll(..) => {}
                _ => self.modal = Modal::None,
            }
            return None;
        }
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Help => self.modal = Modal::Help(0),
            Action::Resize(w, h) => self.resize(w, h),
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-(self.page() as isize)),
            Action::PageDown => self.move_cursor(self.page() as isize),
            Action::HalfPageUp => self.move_cursor(-(self.page() as isize / 2).max(1)),
            Action::HalfPageDown => self.move_cursor((self.page() as isize / 2).max(1)),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::PaneLeft => self.focus_side(-1),
            Action::PaneRight => self.focus_side(1),
            Action::Focus(p) => self.set_focus(p),
            Action::Follow => self.follow(),
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::NextCitation => self.step_citation(1),
            Action::PrevCitation => self.step_citation(-1),
            Action::NextAnchor => self.step_anchor(1),
            Action::PrevAnchor => self.step_anchor(-1),
            Action::Escape => self.escape(),
            Action::Click(col, row) => self.click(col, row),
            Action::Scroll(col, row, delta) => {
                // The detail cursor is only drawn when the pane has focus: leave it alone.
                let target = self.layout.pane_at(col, row);
                if let Some(p) = target.filter(|&p| p != Pane::Detail || self.focus == Pane::Detail)
                {
                    let before = self.focus;
                    self.focus = p;
                    self.move_cursor(delta as isize * 3);
                    self.focus = before;
                }
            }
            Action::ToggleBookmark => return self.toggle_bookmark(now),
            Action::ShowBookmarks => self.toggle_bookmark_view(),
            Action::Annotate => match self.selected_event() {
                Some(ev) => self.open_editor(NoteTarget::Event(ev)),
                None => self.say("select an event to annotate", true),
            },
            Action::WorkingNotes => self.open_editor(NoteTarget::Case),
            Action::Export => {
                let base = self
                    .state_path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("caseboard-state.json"));
                return Some(Effect::Export(crate::export::default_file(
                    &self.case, &base,
                )));
            }
            Action::OpenFinder => return self.open_finder(),
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Type(_)
            | Action::Edit(_)
            | Action::SaveNote
            | Action::Notify(..)
            | Action::SearchResults(_)
            | Action::CaseReady(_) => {}
        }
        None
    }

    /// How far the help overlay can scroll before its last line reaches the bottom.
    fn help_max_scroll(&self) -> usize {
        let inner = self.size.1.saturating_sub(4) as usize;
        crate::ui::help::lines(self).len().saturating_sub(inner)
    }

    /// The key context for the dispatcher.
    pub fn context(&self) -> Context {
        match self.modal {
            Modal::Editor(_) => Context::Editor,
            Modal::Finder(_) => Context::Finder,
            _ => Context::Normal,
        }
    }

    // ---- selection -------------------------------------------------------------

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

    /// The width to wrap the source to: the source pane's, even while narrow layouts hide
    /// it, so its lines do not change when it is shown (and history line numbers hold).
    fn source_width(&self) -> usize {
        let shown = Layout::new(
            Rect::new(0, 0, self.size.0, self.size.1),
            Pane::Source,
            self.list,
        );
        match shown.inner_width(Pane::Source) {
            0 => self.source.width.max(1),
            w => w,
        }
    }

    // ---- movement --------------------------------------------------------------

    fn page(&self) -> usize {
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

    fn step_citation(&mut self, delta: isize) {
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

    fn step_anchor(&mut self, delta: isize) {
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

    // ---- focus -----------------------------------------------------------------

    /// Panes in Tab order that the current layout can show.
    fn tab_order(&self) -> [Pane; 4] {
        [Pane::Timeline, Pane::Entities, Pane::Source, Pane::Detail]
    }

    pub(crate) fn set_focus(&mut self, p: Pane) {
        self.focus = p;
        if matches!(p, Pane::Timeline | Pane::Entities) {
            self.list = p;
        }
        self.relayout();
    }

    fn cycle_focus(&mut self, delta: isize) {
        let order = self.tab_order();
        let i = order.iter().position(|&p| p == self.focus).unwrap_or(0) as isize;
        let next = order[(i + delta).rem_euclid(order.len() as isize) as usize];
        self.set_focus(next);
    }

    /// h/l: the pane to the left or right on screen (falls back to Tab order).
    fn focus_side(&mut self, dir: isize) {
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

    // ---- layout and mouse ------------------------------------------------------

    pub(crate) fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.relayout();
    }

    fn relayout(&mut self) {
        self.layout = Layout::new(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.focus,
            self.list,
        );
        let width = self.source_width();
        if width != self.source.width {
            // A cursor on the passage's first line stays on it after re-wrapping; a cursor
            // the user moved elsewhere stays on its own text (rewrap keeps it).
            let on_passage = self
                .source
                .highlight
                .as_ref()
                .is_some_and(|h| self.source.cursor == self.source.line_of(h.start));
            let case = Arc::clone(&self.case);
            self.source.rewrap(&case, width);
            if on_passage && let Some(h) = &self.source.highlight {
                self.source.cursor = self.source.line_of(h.start);
            }
        }
        self.scroll_lists();
        self.scroll_source_to_cursor(false);
    }

    fn click(&mut self, col: u16, row: u16) {
        if let Some(tabs) = self.layout.tabs
            && tabs.contains((col, row).into())
        {
            // Tabs are drawn as " 1 Timeline " with one space between (ui::tabs).
            let mut x = tabs.x;
            for (i, p) in Pane::ALL.into_iter().enumerate() {
                let w = format!(" {} {} ", i + 1, p.title()).len() as u16;
                if (x..x + w).contains(&col) {
                    self.set_focus(p);
                    break;
                }
                x += w + 1;
            }
            return;
        }
        let Some(pane) = self.layout.pane_at(col, row) else {
            return;
        };
        // The detail pane scrolls only while focused: find the item drawn under the
        // pointer before focusing it.
        let detail_hit = match self.layout.rect(pane) {
            Some(r) if pane == Pane::Detail && row > r.y => {
                crate::ui::detail::item_at(self, (row - r.y - 1) as usize)
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
        }
    }

    /// The selected event's followable items (entities, citations, links), in display order.
    pub fn detail_items(&self) -> Vec<DetailItem> {
        detail::items(self)
    }

    /// Bookmark and note markers of an event.
    pub fn marks(&self, ev: EventIx) -> Marks {
        let id = &self.case.event(ev).id;
        Marks {
            bookmarked: self.state.is_bookmarked(id),
            note: self.state.note(id).is_some(),
        }
    }

    /// The note on an event, if any.
    pub fn note_text(&self, ev: EventIx) -> Option<&str> {
        self.state
            .note(&self.case.event(ev).id)
            .map(|n| n.text.as_str())
    }

    pub(crate) fn say(&mut self, text: impl Into<String>, error: bool) {
        self.notice = Some(Notice {
            text: text.into(),
            error,
        });
    }
}

#[cfg(test)]
mod row_index_tests {
    use super::*;

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
