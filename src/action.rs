//! The one way the board's state changes: every key, click and result becomes an [`Action`].
//! A leaf: the keymap, the app and the view all import it, and it imports none of them.

use std::sync::Arc;

use crossterm::event::KeyEvent;

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
    /// The terminal was resized.
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel at (column, row): negative is up.
    Scroll(u16, u16, i8),
    /// A key typed while a text input (finder, note editor) has focus.
    Input(KeyEvent),
    /// The event loop reports the outcome of an effect (saved, exported, failed).
    Notify(String, bool),
    /// Results of a background search.
    SearchResults(Box<crate::search::Results>),
    /// The whole case is in: replaces the preview the board was showing.
    CaseReady(Ready),
}

/// The whole case, ready to replace the preview ([`Action::CaseReady`]).
#[derive(Clone)]
pub struct Ready(pub Arc<Case>);

impl std::fmt::Debug for Ready {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ready({} events)", self.0.events.len())
    }
}

impl PartialEq for Ready {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The panes that can take focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Timeline,
    Entities,
    Source,
    Detail,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Timeline, Pane::Entities, Pane::Source, Pane::Detail];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Entities => "Entities",
            Pane::Source => "Source",
            Pane::Detail => "Detail",
        }
    }
}
