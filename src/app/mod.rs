//! The board's state and the one place it changes: [`App::update`].
//!
//! `update` is pure: it takes an [`Action`] and the current time, changes the state and
//! returns an [`Effect`] for the event loop to carry out (save, export, search, quit).
//! The view (`crate::ui`) only reads this state.
//!
//! Here: the state types and `App::update`, which hands each action to one of:
//! - `select`: the selected event and entity, the timeline's filter, the source pane
//!   following the selected citation; `movement`: the cursor in each pane; `panes`:
//!   focus, layout, the mouse;
//! - `navigate`: Enter and the jump history (`history` keeps it); `finder`: the `/`
//!   finder and `n` / `N` (`line` edits its query); `notes`: bookmarks and the note
//!   editor; `loading`: a preview, and the move to the whole case;
//! - what the view draws from: `lists` (timeline and entity rows), `source` (wrapped
//!   source text and its anchors), `detail` (the detail area's lines and items),
//!   `help` (the help overlay's lines), `layout` (where each pane and tab goes);
//! - `filter`: the combinable timeline filters; `command`: the `:` command line;
//!   `sources`: the Sources list, a source's particulars and its URL; `copy`: what `y`
//!   copies, with its citation.

mod capture;
pub mod claims;
mod command;
pub mod connections;
mod copy;
pub mod detail;
pub mod edit;
pub mod filter;
mod finder;
pub mod form;
pub mod help;
mod history;
pub mod layout;
mod line;
pub mod lists;
pub mod loading;
mod movement;
mod navigate;
mod notes;
mod overview;
mod panes;
mod records;
mod select;
pub mod selection;
pub mod source;
pub mod sources;
mod strip;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

pub use claims::Claims;
pub use command::CommandLine;
pub use connections::Connections;
pub use detail::{DetailItem, unlinked_mentions};
pub use edit::{EditState, Editing};
pub use filter::FilterSet;
pub use finder::{Finder, LastSearch};
pub use form::{Field, FieldKind, Form, Leaving, Purpose};
pub use history::{History, Snapshot};
pub use layout::{Layout, Shape};
pub use line::{edit_line, type_char};
pub use lists::{Cursor, EntityRow, Filter, TimelineRow};
pub use loading::Loading;
pub use notes::{Editor, NoteTarget};
pub use records::Confirm;
pub use selection::Selection;
pub use source::{Anchor, SourceView};

use crate::action::{Action, Pane};
use crate::case::{Case, EventIx, SourceIx};
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
    /// Save the state if it can be, and leave whatever happens: the whole case behind
    /// the preview has errors.
    Close,
    /// Save the state, or else write it to a rescue file, and leave at once: a signal
    /// ended the board ([`Action::Hangup`]).
    Hangup,
    /// Write the Markdown export of marked events to this file.
    Export(PathBuf),
    /// Run this finder query in the background.
    Search(String),
    /// Put this text on the clipboard through the terminal (OSC 52); `what` names it in
    /// the message that says so.
    Copy { text: String, what: String },
    /// Open this URL in the browser where there is one; show it where there is not.
    OpenUrl(String),
    /// Write the case's edits: run the job off the UI thread and send its result back
    /// as [`Action::CaseSaved`].
    SaveCase(crate::action::Handoff<crate::case::edit::SaveJob>),
    /// Copy the bundled case to this folder and open the copy for editing.
    CopyBundled(PathBuf),
}

/// A message shown in the status line until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The case's counts, for the header above the panes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub citations: usize,
    /// Events citing two sources or more.
    pub corroborated: usize,
}

impl Counts {
    pub fn of(case: &Case) -> Counts {
        Counts {
            citations: case.events.iter().map(|e| e.citations.len()).sum(),
            corroborated: (0..case.events.len() as u32)
                .filter(|&i| case.source_count(EventIx(i)) >= 2)
                .count(),
        }
    }
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
    /// The command line (`:`).
    Command(Box<CommandLine>),
    /// A form: capture, edit, link kind, new entity, copy the case.
    Form(Box<Form>),
    /// A question before a delete.
    Confirm(Box<Confirm>),
    /// The selected entity's connections (`r`).
    Connections(Box<Connections>),
    /// Where each claim stands, source by source (`S`).
    Claims(Box<Claims>),
}

impl PartialEq for Modal {
    /// Same kind of modal in the same visible state (editor text, finder query).
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Modal::None, Modal::None) => true,
            (Modal::Help(a), Modal::Help(b)) => a == b,
            (Modal::Editor(a), Modal::Editor(b)) => a.target == b.target && a.text() == b.text(),
            (Modal::Finder(a), Modal::Finder(b)) => a.query == b.query,
            (Modal::Command(a), Modal::Command(b)) => a.text == b.text,
            (Modal::Form(a), Modal::Form(b)) => a == b,
            (Modal::Confirm(a), Modal::Confirm(b)) => a == b,
            (Modal::Connections(a), Modal::Connections(b)) => a == b,
            (Modal::Claims(a), Modal::Claims(b)) => a == b,
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
    /// The Sources list's cursor (one row per source, in the case's order).
    pub sources: Cursor,
    /// The focused pane fills the board (`z`).
    pub zoom: bool,
    /// The case's counts for the header, counted once.
    pub counts: Counts,
    /// The terminal size the source pane last placed its passage for.
    placed_for: (u16, u16),
    pub source: SourceView,
    /// Which of the selected event's citations the source pane shows.
    pub citation: usize,
    pub detail: Cursor,
    pub history: History,
    pub modal: Modal,
    pub message: Option<Message>,
    /// The reader's bookmarks and notes.
    pub state: State,
    /// Where the state is saved (shown in messages; the loop owns the file).
    pub state_path: Option<PathBuf>,
    /// The last finder query and its hits, for `n` / `N`.
    pub last_search: LastSearch,
    /// Set while the board shows a preview of a large case that is still loading.
    pub loading: Option<Loading>,
    /// The unfiltered timeline's rows and event rows, built once: clearing a filter on a
    /// million events would otherwise rebuild them on the keystroke.
    all_rows: Option<(Vec<TimelineRow>, Vec<usize>)>,
    /// Editing the case: the session, saves.
    pub editing: Editing,
    /// The passage being selected in the source pane (selection mode), if any.
    pub selection: Option<Selection>,
    /// The source byte where the mouse was last pressed, for a drag.
    press: Option<usize>,
    /// Moves each time the board moves to another case value (an edit, undo, a
    /// reload): the loop rebuilds the search index when it does.
    pub case_generation: u64,
    /// Where each event sits on the time strip, built once per case.
    pub placement: crate::views::Placement,
    /// The time strip's counts, rebuilt when the filter or the strip's width changes.
    pub strip: crate::views::Strip,
    /// The width `strip` was counted for.
    strip_width: u16,
}

impl App {
    pub fn new(case: Arc<Case>, keymap: Keymap) -> App {
        let entity_rows = lists::entity_rows(&case);
        let counts = Counts::of(&case);
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
            sources: Cursor::default(),
            zoom: false,
            counts,
            placed_for: (0, 0),
            source,
            citation: 0,
            detail: Cursor::default(),
            history: History::default(),
            modal: Modal::None,
            message: None,
            state: State::default(),
            state_path: None,
            last_search: LastSearch::default(),
            loading: None,
            all_rows: None,
            editing: Editing {
                state: if case.path.is_none() {
                    EditState::Bundled
                } else {
                    EditState::Waiting
                },
                ..Editing::default()
            },
            selection: None,
            press: None,
            case_generation: 0,
            placement: crate::views::Placement::of(&case),
            strip: crate::views::Strip::build(&crate::views::Placement::default(), None, 0),
            strip_width: 0,
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
            self.message = Some(Message { text, error });
            return None;
        }
        if let Action::CaseReady(ready) = action {
            self.case_ready(ready);
            return None;
        }
        if action == Action::CaseFailed {
            return Some(Effect::Close);
        }
        if action == Action::Hangup {
            // Nothing typed is lost: the note being edited goes into the state, and a
            // form with typed text (not yet an edit) goes to the end of the working notes.
            self.commit_editor(now);
            self.keep_form_draft(now);
            return Some(Effect::Hangup);
        }
        if matches!(action, Action::SessionReady(_) | Action::CaseSaved(_)) {
            return self.edit_action(action);
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
            || matches!(self.modal, Modal::Editor(_) | Modal::Form(_));
        if !typing && !matches!(action, Action::Resize(..)) {
            self.message = None;
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
        if matches!(self.modal, Modal::Command(_)) {
            return self.command_action(action);
        }
        if matches!(self.modal, Modal::Form(_)) {
            return self.form_action(action);
        }
        if matches!(self.modal, Modal::Confirm(_)) {
            return self.confirm_action(action);
        }
        if matches!(self.modal, Modal::Connections(_)) {
            return self.connections_action(action);
        }
        if matches!(self.modal, Modal::Claims(_)) {
            return self.claims_action(action);
        }
        if self.selection.is_some() && matches!(self.modal, Modal::None) {
            return self.selection_action(action);
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
                Action::Top => self.modal = Modal::Help(0),
                Action::Bottom => self.modal = Modal::Help(self.help_max_scroll()),
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
            Action::Click(col, row) => {
                self.note_press(col, row);
                self.click(col, row);
            }
            Action::Drag(col, row) => self.drag(col, row),
            Action::Select => self.start_selection(),
            Action::Capture => return self.open_capture(),
            Action::Cite => return self.cite(),
            Action::NewEntity => self.open_new_entity(),
            Action::UndoEdit
            | Action::RedoEdit
            | Action::Link
            | Action::EditRecord
            | Action::Delete
            | Action::AddMention => return self.edit_action(action),
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
            Action::Export => return Some(Effect::Export(self.export_path(None))),
            Action::Zoom => {
                self.zoom = !self.zoom;
                self.relayout();
                self.say(
                    if self.zoom {
                        format!("{} zoomed: z again for every pane", self.focus.title())
                    } else {
                        "every pane".to_string()
                    },
                    false,
                );
            }
            Action::OpenUrl => return self.open_url(),
            Action::Copy => return self.copy(),
            Action::FindWord => return self.find_word(),
            Action::CommandLine => self.open_command(String::new()),
            Action::FilterTag => self.open_command("filter tag:".into()),
            Action::ToggleFilter(c) => self.toggle_filter(c),
            Action::FilterPeriod => self.toggle_period_filter(),
            Action::Connections => self.open_connections(),
            Action::Claims => self.open_claims(),
            Action::StripPrev => self.strip_step(-1),
            Action::StripNext => self.strip_step(1),
            Action::Unbound(key) => {
                let help = self.keymap.key_for(Context::Normal, &Action::Help);
                self.say(
                    format!(
                        "{key} does nothing here{}",
                        help.map(|h| format!(" ({h}: every key)"))
                            .unwrap_or_default()
                    ),
                    false,
                );
            }
            Action::OpenFinder => return self.open_finder(),
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Type(_)
            | Action::Edit(_)
            | Action::Complete
            | Action::SaveNote
            | Action::Notify(..)
            | Action::SearchResults(_)
            | Action::CaseReady(_)
            | Action::CaseFailed
            | Action::Hangup
            | Action::Extend(_)
            | Action::NextField
            | Action::PrevField
            | Action::Submit
            | Action::Pick
            | Action::NextSuggestion
            | Action::PrevSuggestion
            | Action::TakeSuggestion
            | Action::ReasonToSummary
            | Action::Confirm
            | Action::SessionReady(_)
            | Action::CaseSaved(_) => {}
        }
        None
    }

    /// How far the help overlay can scroll before its last line reaches the bottom.
    fn help_max_scroll(&self) -> usize {
        let inner = self.size.1.saturating_sub(4) as usize;
        help::help_lines(&self.keymap).len().saturating_sub(inner)
    }

    /// The key context for the dispatcher.
    pub fn context(&self) -> Context {
        match self.modal {
            Modal::Editor(_) => Context::Editor,
            Modal::Finder(_) => Context::Finder,
            Modal::Command(_) => Context::Command,
            Modal::Form(_) => Context::Form,
            Modal::Confirm(_) => Context::Confirm,
            Modal::None if self.selection.is_some() => Context::Select,
            _ => Context::Normal,
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
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }
}
