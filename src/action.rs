//! The one way the board's state changes: every key, click and result becomes an [`Action`].
//! A leaf: the keymap, the app and the view all import it, and it imports none of them.

use std::sync::Arc;

use crate::case::Case;

/// A change to the board. Keys map to these through the keymap; the event loop
/// sends the rest (resize, mouse, search results).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the cursor up one row in the focused pane.
    Up,
    /// Move the cursor down one row in the focused pane.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Move down half a page.
    HalfPageDown,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Focus the next pane (Timeline → Entities → Source → Detail).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Focus the pane to the left.
    PaneLeft,
    /// Focus the pane to the right.
    PaneRight,
    /// Focus a pane directly.
    Focus(Pane),
    /// Follow what is under the cursor (event → passage, entity → its events,
    /// link → event, passage → citing events, mention → entity).
    Follow,
    /// Go back in the jump history.
    Back,
    /// Go forward in the jump history.
    Forward,
    /// Show the selected event's next citation (across sources).
    NextCitation,
    /// Show the selected event's previous citation.
    PrevCitation,
    /// In the source, move to the next passage or mention.
    NextAnchor,
    /// In the source, move to the previous passage or mention.
    PrevAnchor,
    /// Leave the current mode, or clear the timeline filter.
    Escape,
    /// Show or hide the key help.
    Help,
    /// Quit caseboard.
    Quit,
    /// Open the finder (fuzzy search).
    OpenFinder,
    /// Jump to the next finder hit.
    NextHit,
    /// Jump to the previous finder hit.
    PrevHit,
    /// Bookmark or un-bookmark the selected event.
    ToggleBookmark,
    /// Show only bookmarked events (again: show all).
    ShowBookmarks,
    /// Edit the selected event's note.
    Annotate,
    /// Edit the case's working notes.
    WorkingNotes,
    /// Export notes and bookmarks as Markdown.
    Export,
    /// Save the note being edited and keep editing.
    SaveNote,
    /// Give the focused pane the whole board, and back.
    Zoom,
    /// Open the source's URL in the browser (where there is a display), or show it.
    OpenUrl,
    /// Copy what is selected (passage, event or entity) with its citation to the
    /// clipboard, through the terminal (OSC 52).
    Copy,
    /// Find the word under the cursor (opens the finder with it).
    FindWord,
    /// Open the command line (`:filter …`, `:export`, `:help`, `:q`).
    CommandLine,
    /// Turn one timeline filter on or off; filters combine.
    ToggleFilter(Criterion),
    /// Open the command line at `:filter tag:` to filter by a tag.
    FilterTag,
    /// Filter the timeline to the selected event's period on the time strip (again: off).
    FilterPeriod,
    /// Time strip: to the previous period with events.
    StripPrev,
    /// Time strip: to the next period with events.
    StripNext,
    /// Show the entities sharing events with the selected entity.
    Connections,
    /// Show where each claim stands, source by source.
    Claims,
    /// Complete the command being typed (command line).
    Complete,
    /// A key bound to nothing here was pressed (its name, as help shows it).
    Unbound(String),
    /// Edit the text being typed (the finder's query, a note).
    Edit(Edit),
    /// The terminal was resized.
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel at (column, row): negative is up.
    Scroll(u16, u16, i8),
    /// A character typed into the text being edited (finder, note editor): a key no
    /// binding claims, without Ctrl or Alt.
    Type(char),
    /// The event loop reports the outcome of an effect (saved, exported, failed).
    Notify(String, bool),
    /// Results of a background search.
    SearchResults(Box<crate::search::Results>),
    /// The whole case is in: replaces the preview the board was showing.
    CaseReady(Ready),
    /// The whole case behind the preview has errors: the board closes (the errors are
    /// printed once it has).
    CaseFailed,
    /// A signal ends the board (the terminal hung up, `kill`): what is open is kept
    /// (the note being edited goes into the state) and the loop saves it and leaves.
    Hangup,
    /// Start selecting a passage in the source pane (again: stop).
    Select,
    /// Extend the selection (in selection mode).
    Extend(Extend),
    /// Capture a new event from the selection.
    Capture,
    /// Add the selection as a citation of the selected event.
    Cite,
    /// Make a new entity from the selected name.
    NewEntity,
    /// Link the selected event to another, picked with the finder.
    Link,
    /// Add the unlinked mention under the detail cursor to the event.
    AddMention,
    /// Undo the last edit of the case.
    UndoEdit,
    /// Redo the last edit undone.
    RedoEdit,
    /// Edit the selected event, entity or source.
    EditRecord,
    /// Delete the selected event, entity or source (asks first).
    Delete,
    /// In a form: the next field.
    NextField,
    /// In a form: the previous field.
    PrevField,
    /// In a form: save it.
    Submit,
    /// In a form: Enter: in the entities field, take the match (or make a new entity of
    /// the name typed); elsewhere, save.
    Pick,
    /// In a form: the next suggestion (date, entity).
    NextSuggestion,
    /// In a form: the previous suggestion.
    PrevSuggestion,
    /// In a form: take the selected suggestion.
    TakeSuggestion,
    /// In the capture form: put the selected date suggestion's reasoning into the summary.
    ReasonToSummary,
    /// Answer yes to a question (delete?).
    Confirm,
    /// The mouse moved with the left button down, at (column, row).
    Drag(u16, u16),
    /// The case opened for editing (or why it could not be).
    SessionReady(Handoff<Result<crate::case::edit::EditSession, String>>),
    /// A save of the case finished (off the UI thread).
    CaseSaved(Handoff<std::io::Result<crate::case::edit::SaveResult>>),
}

/// How a selection grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extend {
    /// To the start of the next word.
    WordNext,
    /// To the start of the word before.
    WordPrev,
    /// To the end of the word.
    WordEnd,
    /// To the end of the sentence (or the next one).
    SentenceNext,
    /// Back to the start of the sentence (or the one before).
    SentencePrev,
}

/// A value handed from another thread to the app through an [`Action`], taken once.
/// Actions are cloned and compared; this compares by identity.
pub struct Handoff<T>(Arc<std::sync::Mutex<Option<T>>>);

impl<T> Handoff<T> {
    pub fn new(value: T) -> Self {
        Handoff(Arc::new(std::sync::Mutex::new(Some(value))))
    }

    /// The value, the first time it is asked for.
    pub fn take(&self) -> Option<T> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

impl<T> Clone for Handoff<T> {
    fn clone(&self) -> Self {
        Handoff(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Handoff<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::fmt::Debug for Handoff<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handoff(..)")
    }
}

/// A timeline filter that combines with the others (`f` then a letter, or `:filter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// Events citing only one source.
    SingleSource,
    /// Events citing two sources or more.
    Corroborated,
    /// Events in a `contradicts` link, either end.
    Contradicts,
    /// Bookmarked events.
    Bookmarked,
    /// Events with a note.
    Annotated,
    /// Events citing the source in view (selected in Sources, or shown in Source).
    Source,
}

/// An edit of the text being typed. The finder's query is one line; the note editor
/// takes every edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The cursor one character left.
    Left,
    /// The cursor one character right.
    Right,
    /// The cursor to the start of the word (or of the one before).
    WordLeft,
    /// The cursor past the end of the word (or of the one after).
    WordRight,
    /// The cursor to the start of the line.
    LineStart,
    /// The cursor to the end of the line.
    LineEnd,
    /// The cursor to the previous paragraph (note).
    ParagraphUp,
    /// The cursor to the next paragraph (note).
    ParagraphDown,
    /// The cursor to the start of the text (note).
    TextStart,
    /// The cursor to the end of the text (note).
    TextEnd,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Delete the word before the cursor.
    DeleteWordBack,
    /// Delete the word after the cursor.
    DeleteWordForward,
    /// Delete from the start of the line to the cursor.
    DeleteToLineStart,
    /// Delete from the cursor to the end of the line.
    DeleteToLineEnd,
    /// A new line (note).
    Newline,
    /// A tab (note).
    Tab,
    /// Undo the last change (note).
    Undo,
    /// Redo what was undone (note).
    Redo,
    /// Paste what was last deleted (note).
    Paste,
}

/// The whole case, ready to replace the preview ([`Action::CaseReady`]).
#[derive(Clone)]
pub struct Ready {
    pub case: Arc<Case>,
    /// How many warnings loading it gave (they are printed when the board closes).
    pub warnings: usize,
}

impl std::fmt::Debug for Ready {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Ready({} events, {} warnings)",
            self.case.events.len(),
            self.warnings
        )
    }
}

impl PartialEq for Ready {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.case, &other.case) && self.warnings == other.warnings
    }
}

/// The panes that can take focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Timeline,
    Entities,
    Source,
    Detail,
    /// The case's sources: a list, and the selected one's particulars.
    Sources,
}

impl Pane {
    /// Every pane, in Tab order (and the order of `1`–`5`).
    pub const ALL: [Pane; 5] = [
        Pane::Timeline,
        Pane::Entities,
        Pane::Source,
        Pane::Detail,
        Pane::Sources,
    ];

    /// The number that focuses the pane and leads its title.
    pub fn number(self) -> usize {
        Pane::ALL
            .iter()
            .position(|&p| p == self)
            .expect("every pane is in ALL")
            + 1
    }

    /// Its tab in layouts too narrow for every pane: " 1 Timeline ".
    pub fn tab_label(self) -> String {
        format!(" {} {} ", self.number(), self.title())
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Entities => "Entities",
            Pane::Source => "Source",
            Pane::Detail => "Detail",
            Pane::Sources => "Sources",
        }
    }
}

/// A bindable action with its name in keys.toml and its line in help.
#[derive(Debug, Clone)]
pub struct ActionInfo {
    pub name: &'static str,
    pub action: Action,
    pub desc: &'static str,
}

/// One table gives both [`bindable`] (in help order) and [`Action::info`]; it ends with
/// the actions no key is bound to. `info` matches every row with no catch-all arm, so
/// a new variant of [`Action`], [`Pane`] or [`Edit`] does not compile until it has a
/// row here: a name and a description, or a place among the unbound.
macro_rules! bindable {
    ($([$($a:tt)*] $name:literal $desc:literal,)* unbound: $([$($u:tt)*]),* $(,)?) => {
        /// Every action a key can be bound to, in help order.
        pub fn bindable() -> Vec<ActionInfo> {
            vec![$(ActionInfo { name: $name, action: Action::$($a)*, desc: $desc },)*]
        }

        impl Action {
            /// The keys.toml name and help text of a bindable action; `None` for the
            /// actions the event loop sends (resize, mouse, typed text, results).
            pub fn info(&self) -> Option<(&'static str, &'static str)> {
                match self {
                    $(Action::$($a)* => Some(($name, $desc)),)*
                    $(Action::$($u)* => None,)*
                }
            }
        }
    };
}

bindable! {
    [Down] "down" "move down",
    [Up] "up" "move up",
    [PageDown] "page-down" "page down",
    [PageUp] "page-up" "page up",
    [HalfPageDown] "half-page-down" "half a page down",
    [HalfPageUp] "half-page-up" "half a page up",
    [Top] "top" "first row",
    [Bottom] "bottom" "last row",
    [NextPane] "next-pane" "next pane",
    [PrevPane] "prev-pane" "previous pane",
    [PaneLeft] "pane-left" "pane to the left",
    [PaneRight] "pane-right" "pane to the right",
    [Focus(Pane::Timeline)] "focus-timeline" "timeline",
    [Focus(Pane::Entities)] "focus-entities" "entities",
    [Focus(Pane::Source)] "focus-source" "source",
    [Focus(Pane::Detail)] "focus-detail" "detail",
    [Focus(Pane::Sources)] "focus-sources" "sources (list; the selected one's particulars)",
    [Follow] "follow" "follow the link under the cursor (see below)",
    [Back] "back" "back (jump history)",
    [Forward] "forward" "forward (jump history)",
    [NextCitation] "next-citation" "next citation of the event",
    [PrevCitation] "prev-citation" "previous citation of the event",
    [NextAnchor] "next-anchor" "source: next passage or mention",
    [PrevAnchor] "prev-anchor" "source: previous passage or mention",
    [OpenFinder] "open-finder" "find (@entity #tag \"text 2016-06..2016-11)",
    [NextHit] "next-hit" "next find hit",
    [PrevHit] "prev-hit" "previous find hit",
    [ToggleBookmark] "toggle-bookmark" "bookmark event ★",
    [ShowBookmarks] "show-bookmarks" "bookmarked events only / all",
    [Annotate] "annotate" "edit the event's note",
    [WorkingNotes] "working-notes" "edit the case's working notes",
    [Export] "export" "export Markdown",
    [Select] "select" "select a passage in the source",
    [Extend(Extend::WordNext)] "select-word-next" "selection: to the next word",
    [Extend(Extend::WordPrev)] "select-word-prev" "selection: back a word",
    [Extend(Extend::WordEnd)] "select-word-end" "selection: to the end of the word",
    [Extend(Extend::SentenceNext)] "select-sentence-next" "selection: to the end of the sentence",
    [Extend(Extend::SentencePrev)] "select-sentence-prev" "selection: back a sentence",
    [Capture] "capture" "capture an event from the selection",
    [Cite] "cite" "add the selection as a citation of the event",
    [NewEntity] "new-entity" "new entity from the selected name",
    [Link] "link" "link the event to another",
    [AddMention] "add-mention" "add the unlinked mention to the event",
    [UndoEdit] "undo-edit" "undo the last edit of the case",
    [RedoEdit] "redo-edit" "redo the edit undone",
    [EditRecord] "edit" "edit the selected event, entity or source",
    [Delete] "delete" "delete the selected event, entity or source",
    [NextField] "next-field" "next field",
    [PrevField] "prev-field" "previous field",
    [Submit] "submit" "save the form",
    [Pick] "pick" "entities: take the match or make the entity; else save",
    [NextSuggestion] "next-suggestion" "next suggestion",
    [PrevSuggestion] "prev-suggestion" "previous suggestion",
    [TakeSuggestion] "take-suggestion" "take the suggestion",
    [ReasonToSummary] "reason-to-summary" "put the date's reasoning into the summary",
    [Confirm] "confirm" "yes",
    [SaveNote] "save" "save the note",
    [Zoom] "zoom" "zoom the pane to the whole board / back",
    [OpenUrl] "open-url" "open the source's URL in the browser (or show it)",
    [Copy] "copy" "copy passage / event / entity with its citation (OSC 52)",
    [FindWord] "find-word" "find the word under the cursor",
    [CommandLine] "command-line" "command line (:filter :export :title :help :q)",
    [ToggleFilter(Criterion::SingleSource)] "filter-single-source" "filter: single-source",
    [ToggleFilter(Criterion::Corroborated)] "filter-corroborated" "filter: 2+ sources",
    [ToggleFilter(Criterion::Contradicts)] "filter-contradicts" "filter: in a contradiction",
    [ToggleFilter(Criterion::Bookmarked)] "filter-bookmarked" "filter: bookmarked",
    [ToggleFilter(Criterion::Annotated)] "filter-annotated" "filter: with a note",
    [ToggleFilter(Criterion::Source)] "filter-source" "filter: the source in view",
    [FilterTag] "filter-tag" "filter: by tag",
    [FilterPeriod] "filter-period" "filter: the period of the event (time strip)",
    [StripPrev] "strip-prev" "time strip: previous period with events",
    [StripNext] "strip-next" "time strip: next period with events",
    [Connections] "connections" "who the entity shares events with (Enter: those events)",
    [Claims] "claims" "where each claim stands, per source (Enter: those events)",
    [Complete] "complete" "complete the command",
    [Escape] "escape" "close / clear filter",
    [Help] "help" "this help",
    [Quit] "quit" "quit",
    [Edit(Edit::Left)] "cursor-left" "cursor left",
    [Edit(Edit::Right)] "cursor-right" "cursor right",
    [Edit(Edit::WordLeft)] "word-left" "word left",
    [Edit(Edit::WordRight)] "word-right" "word right",
    [Edit(Edit::LineStart)] "line-start" "start of the line",
    [Edit(Edit::LineEnd)] "line-end" "end of the line",
    [Edit(Edit::ParagraphUp)] "paragraph-up" "previous paragraph",
    [Edit(Edit::ParagraphDown)] "paragraph-down" "next paragraph",
    [Edit(Edit::TextStart)] "text-start" "start of the note",
    [Edit(Edit::TextEnd)] "text-end" "end of the note",
    [Edit(Edit::DeleteBack)] "delete-back" "delete the character before the cursor",
    [Edit(Edit::DeleteForward)] "delete-forward" "delete the character under the cursor",
    [Edit(Edit::DeleteWordBack)] "delete-word-back" "delete the word before the cursor",
    [Edit(Edit::DeleteWordForward)] "delete-word-forward" "delete the word after the cursor",
    [Edit(Edit::DeleteToLineStart)] "delete-to-line-start" "delete to the start of the line",
    [Edit(Edit::DeleteToLineEnd)] "delete-to-line-end" "delete to the end of the line",
    [Edit(Edit::Newline)] "newline" "new line",
    [Edit(Edit::Tab)] "tab" "tab",
    [Edit(Edit::Undo)] "undo" "undo",
    [Edit(Edit::Redo)] "redo" "redo",
    [Edit(Edit::Paste)] "paste" "paste what was last deleted",
    unbound: [Resize(..)], [Click(..)], [Scroll(..)], [Type(_)], [Notify(..)], [Unbound(_)],
        [SearchResults(_)], [CaseReady(_)], [CaseFailed], [Hangup], [Drag(..)],
        [SessionReady(_)], [CaseSaved(_)],
}
