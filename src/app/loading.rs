//! A large case opens on a preview of its first events while the whole case loads
//! (see `case::load::preview_path`); when it is in, the board moves to it and keeps
//! its place. The preview's events sit at the same positions in the whole case, and
//! every entity and source is already there, so selections, filters and the jump
//! history carry over as they are.

use super::{App, Modal};
use crate::action::{Action, Ready};

/// The board is showing a preview: the whole case is still loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    /// How many events the preview has.
    pub events: usize,
}

impl App {
    /// True for actions that must wait for the whole case: what they read or write
    /// (search, the export, notes and bookmarks on events not yet shown) needs all of it.
    pub(super) fn waits_for_case(&self, action: &Action) -> bool {
        self.loading.is_some()
            && matches!(
                action,
                Action::OpenFinder
                    | Action::NextHit
                    | Action::PrevHit
                    | Action::ToggleBookmark
                    | Action::ShowBookmarks
                    | Action::Annotate
                    | Action::WorkingNotes
                    | Action::Export
                    | Action::FindWord
                    | Action::ToggleFilter(_)
                    | Action::CommandLine
                    | Action::FilterTag
                    | Action::FilterPeriod
            )
    }

    /// Says why an action waits.
    pub(super) fn say_loading(&mut self) {
        if self.loading.is_some() {
            self.say(
                "still loading the case: search, bookmarks, notes and export wait for it",
                false,
            );
        }
    }

    /// Moves from the preview to the whole case, keeping the view (pane, selected event
    /// and entity, filter, source position) and the jump history.
    pub(super) fn case_ready(&mut self, Ready { case, warnings }: Ready) {
        let mut view = self.snapshot();
        // Anchors are numbered over passages and mentions; the preview has no mentions.
        view.anchor = None;
        let mut next = App::new(case, self.keymap.clone());
        next.state = std::mem::take(&mut self.state);
        next.state_path = self.state_path.take();
        next.modal = std::mem::replace(&mut self.modal, Modal::None);
        next.message = self.message.take();
        next.zoom = self.zoom;
        next.sources = self.sources.clone();
        next.resize(self.size.0, self.size.1);
        next.restore(view);
        next.scroll_lists();
        next.history = std::mem::take(&mut self.history);
        if let Some(gone) = next.state.orphan_notice(&next.case) {
            next.say(gone.to_string(), true);
        }
        if warnings > 0 {
            next.say(warnings_message(warnings), true);
        }
        *self = next;
    }
}

/// The status line's word on a case that loaded with warnings (they are printed when the
/// board closes).
pub fn warnings_message(n: usize) -> String {
    let warnings = crate::text::count(n, "warning", "warnings");
    format!("{warnings} in the case: `caseboard check` lists them")
}
