//! Bookmarks and the note editor.
//!
//! The editor never silently discards: Esc saves and closes, Ctrl-s saves and stays,
//! quitting with the editor open saves first. Every key is the keymap's (its
//! `[editor]` section); what no binding claims is typed.

use chrono::{DateTime, Utc};
use ratatui_textarea::{CursorMove, Scrolling, TextArea, WrapMode};

use super::{App, Effect, Filter, Modal};
use crate::action::{Action, Edit, Pane};
use crate::case::EventIx;

/// What a note belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteTarget {
    Event(EventIx),
    /// The case-level working notes.
    Case,
}

/// The open note editor.
pub struct Editor {
    pub target: NoteTarget,
    pub textarea: TextArea<'static>,
    /// The text when the editor opened, to tell whether anything changed.
    pub original: String,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("target", &self.target)
            .field("text", &self.text())
            .finish()
    }
}

impl Editor {
    pub fn new(target: NoteTarget, text: &str) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_placeholder_text("Type your note. Esc saves and closes.");
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            target,
            textarea,
            original: text.to_string(),
        }
    }

    /// The text as edited (lines joined with newlines).
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Applies an edit to the text area.
    fn edit(&mut self, edit: Edit) {
        let t = &mut self.textarea;
        let to = |t: &mut TextArea, m| t.move_cursor(m);
        match edit {
            Edit::Left => to(t, CursorMove::Back),
            Edit::Right => to(t, CursorMove::Forward),
            Edit::WordLeft => to(t, CursorMove::WordBack),
            Edit::WordRight => to(t, CursorMove::WordForward),
            Edit::LineStart => to(t, CursorMove::Head),
            Edit::LineEnd => to(t, CursorMove::End),
            Edit::ParagraphUp => to(t, CursorMove::ParagraphBack),
            Edit::ParagraphDown => to(t, CursorMove::ParagraphForward),
            Edit::TextStart => to(t, CursorMove::Top),
            Edit::TextEnd => to(t, CursorMove::Bottom),
            Edit::DeleteBack => _ = t.delete_char(),
            Edit::DeleteForward => _ = t.delete_next_char(),
            Edit::DeleteWordBack => _ = t.delete_word(),
            Edit::DeleteWordForward => _ = t.delete_next_word(),
            Edit::DeleteToLineStart => _ = t.delete_line_by_head(),
            Edit::DeleteToLineEnd => _ = t.delete_line_by_end(),
            Edit::Newline => t.insert_newline(),
            Edit::Tab => _ = t.insert_tab(),
            Edit::Undo => _ = t.undo(),
            Edit::Redo => _ = t.redo(),
            Edit::Paste => _ = t.paste(),
        }
    }
}

impl App {
    /// `b`: bookmark or un-bookmark the selected event.
    pub(super) fn toggle_bookmark(&mut self, now: DateTime<Utc>) -> Option<Effect> {
        let ev = self.selected_event()?;
        let id = self.case.event(ev).id.clone();
        let on = self.state.toggle_bookmark(&id, now);
        self.say(
            if on {
                "bookmarked ★"
            } else {
                "bookmark removed"
            },
            false,
        );
        let shows_bookmarks = match &self.filter {
            Filter::Bookmarked => true,
            Filter::Set(set) => set.bookmarked,
            _ => false,
        };
        if shows_bookmarks {
            // Removing from the bookmarks list: stay near the same place.
            let row = self.timeline.row;
            self.apply_filter(self.filter.clone());
            let rows = &self.timeline_rows;
            self.timeline.row = row.min(rows.len().saturating_sub(1));
            self.timeline.step(rows.len(), 0, |i| {
                matches!(rows[i], super::TimelineRow::Event(_))
            });
            self.scroll_lists();
        }
        Some(Effect::Save)
    }

    /// `B`: show bookmarked events only, or all events again.
    pub(super) fn toggle_bookmark_view(&mut self) {
        self.jump();
        if self.filter == Filter::Bookmarked {
            self.apply_filter(Filter::All);
        } else {
            self.apply_filter(Filter::Bookmarked);
            if self.timeline_rows.is_empty() {
                self.say("no bookmarks yet: b bookmarks the selected event", false);
            }
        }
        self.set_focus(Pane::Timeline);
    }

    /// `a` / `W`: open the note editor.
    pub(super) fn open_editor(&mut self, target: NoteTarget) {
        let text = match target {
            NoteTarget::Event(ev) => self
                .state
                .note(&self.case.event(ev).id)
                .map(|n| n.text.clone()),
            NoteTarget::Case => self.state.working_notes.as_ref().map(|n| n.text.clone()),
        };
        self.modal = Modal::Editor(Box::new(Editor::new(target, text.as_deref().unwrap_or(""))));
    }

    /// Writes the editor's text into the state. Returns whether anything changed.
    pub(super) fn commit_editor(&mut self, now: DateTime<Utc>) -> bool {
        let Modal::Editor(ed) = &mut self.modal else {
            return false;
        };
        if !ed.changed() {
            return false;
        }
        let text = ed.text();
        ed.original = text.clone();
        let target = ed.target;
        match target {
            NoteTarget::Event(ev) => {
                let id = self.case.event(ev).id.clone();
                self.state.set_note(&id, &text, now)
            }
            NoteTarget::Case => self.state.set_working_notes(&text, now),
        }
    }

    /// A form with something typed in it, as text at the end of the working notes (a
    /// form is not an edit until it is saved, so this is where a hang-up keeps it).
    pub(super) fn keep_form_draft(&mut self, now: DateTime<Utc>) -> bool {
        let Modal::Form(form) = &self.modal else {
            return false;
        };
        if !form.typed {
            return false;
        }
        let draft = form.draft();
        let text = match self.state.working_notes.as_ref().map(|n| n.text.trim_end()) {
            Some(old) if !old.is_empty() => format!("{old}\n\n{draft}\n"),
            _ => format!("{draft}\n"),
        };
        self.state.set_working_notes(&text, now)
    }

    /// Writes the editor's text into the state and says so; `Effect::Save` if it changed.
    fn save_note(&mut self, now: DateTime<Utc>) -> Option<Effect> {
        let saved = self.commit_editor(now);
        self.say(
            if saved {
                "note saved"
            } else {
                "note unchanged"
            },
            false,
        );
        saved.then_some(Effect::Save)
    }

    /// Keys while the editor is open.
    pub(super) fn editor_action(&mut self, action: Action, now: DateTime<Utc>) -> Option<Effect> {
        match action {
            Action::Escape => {
                let effect = self.save_note(now);
                self.modal = Modal::None;
                effect
            }
            Action::Quit => {
                let saved = self.commit_editor(now);
                self.modal = Modal::None;
                Some(if saved {
                    Effect::SaveAndQuit
                } else {
                    Effect::Quit
                })
            }
            Action::SaveNote => self.save_note(now),
            Action::Type(c) => {
                if let Modal::Editor(ed) = &mut self.modal {
                    ed.textarea.insert_char(c);
                }
                None
            }
            Action::Edit(edit) => {
                if let Modal::Editor(ed) = &mut self.modal {
                    ed.edit(edit);
                }
                None
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                if let Modal::Editor(ed) = &mut self.modal {
                    match action {
                        Action::Up => ed.textarea.move_cursor(CursorMove::Up),
                        Action::Down => ed.textarea.move_cursor(CursorMove::Down),
                        Action::PageUp => ed.textarea.scroll(Scrolling::PageUp),
                        _ => ed.textarea.scroll(Scrolling::PageDown),
                    }
                }
                None
            }
            Action::Resize(w, h) => {
                self.resize(w, h);
                None
            }
            _ => None,
        }
    }
}
