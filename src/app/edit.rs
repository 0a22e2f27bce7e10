//! Editing the case from the board: the [`EditSession`] (it arrives after the case, as
//! [`Action::SessionReady`]), applying edits with what the core says on screen, undo
//! and redo for the whole session, and saving off the UI thread: an edit returns
//! [`Effect::SaveCase`], the loop runs the job on a thread, and its result comes back as
//! [`Action::CaseSaved`]. One save runs at a time; edits made meanwhile are saved by the
//! next one. The board then moves to the edited case, keeping its place by ids.

use std::sync::{Arc, OnceLock};

use super::{App, Effect, Filter, Modal};
use crate::action::{Action, Handoff};
use crate::case::edit::{Edit, EditSession, Finished, Layout, SaveResult};
use crate::case::{Case, Index};

/// Where editing stands.
#[derive(Debug, Default)]
pub enum EditState {
    /// The case is being opened for editing (edit keys say "loading…").
    #[default]
    Waiting,
    /// The bundled case: read-only; an edit key offers to copy it.
    Bundled,
    /// The case could not be opened for editing: why.
    Failed(String),
    /// Open for editing (possibly read-only: see [`EditSession::read_only`]).
    Ready(Box<EditSession>),
}

/// The board's editing state.
#[derive(Debug, Default)]
pub struct Editing {
    pub state: EditState,
    /// A save job is running.
    pub saving: bool,
    /// The file was in another layout: the first save rewrites it (said once).
    pub rewrite_pending: bool,
}

impl Editing {
    /// The session, if the case is open for editing.
    pub fn session(&self) -> Option<&EditSession> {
        match &self.state {
            EditState::Ready(s) => Some(s),
            _ => None,
        }
    }

    fn session_mut(&mut self) -> Option<&mut EditSession> {
        match &mut self.state {
            EditState::Ready(s) => Some(s),
            _ => None,
        }
    }
}

/// A case with nothing in it, held by the board for the instant an edit is applied so
/// that the session's case is not shared (an edit of a shared case copies it whole).
fn placeholder() -> Arc<Case> {
    static EMPTY: OnceLock<Arc<Case>> = OnceLock::new();
    Arc::clone(EMPTY.get_or_init(|| {
        Arc::new(Case {
            id: String::new(),
            title: String::new(),
            summary: String::new(),
            path: None,
            sources: Vec::new(),
            entities: Vec::new(),
            events: Vec::new(),
            index: Index::default(),
        })
    }))
}

/// Where the board is, by ids, to find its place again in the edited case.
#[derive(Debug, Clone, Default)]
pub(super) struct Place {
    event: Option<String>,
    entity: Option<String>,
    source: Option<String>,
    filter_entity: Option<String>,
}

impl App {
    /// Where the board is now, by ids (read before an edit changes the case).
    pub(super) fn place(&self) -> Place {
        let case = &self.case;
        Place {
            event: self.selected_event().map(|e| case.event(e).id.clone()),
            entity: self.selected_entity().map(|e| case.entity(e).id.clone()),
            source: case
                .sources
                .get(self.source.source.get())
                .map(|s| s.id.clone()),
            filter_entity: match &self.filter {
                Filter::Entity(e) => case.entities.get(e.get()).map(|x| x.id.clone()),
                _ => None,
            },
        }
    }

    /// The case opened for editing (or why not).
    pub(super) fn session_ready(&mut self, result: Result<EditSession, String>) -> Option<Effect> {
        match result {
            Ok(session) => {
                if let Some(why) = session.read_only() {
                    self.say(format!("read-only: {why}"), true);
                }
                self.editing.rewrite_pending = session.layout() != Layout::Canonical;
                let place = self.place();
                self.editing.state = EditState::Ready(Box::new(session));
                self.rebase(place, false);
                None
            }
            Err(why) => {
                self.say(format!("cannot edit this case: {why}"), true);
                self.editing.state = EditState::Failed(why);
                None
            }
        }
    }

    /// The session to edit with; `None` after saying why there is none (loading,
    /// read-only, the bundled case: which offers to copy it).
    pub(super) fn writable(&mut self) -> Option<&mut EditSession> {
        let why = match &self.editing.state {
            EditState::Waiting => Some("loading the case for editing…".to_string()),
            EditState::Bundled => {
                self.open_copy_form();
                return None;
            }
            EditState::Failed(why) => Some(format!("cannot edit this case: {why}")),
            EditState::Ready(s) => s
                .read_only()
                .map(|w| format!("read-only, edits are not possible: {w}")),
        };
        if let Some(why) = why {
            self.say(why, true);
            return None;
        }
        self.editing.session_mut()
    }

    /// Applies `edit`: on screen, what was done (and the core's warnings) or why it was
    /// refused, which changes nothing. Returns the save to run.
    pub(super) fn commit(&mut self, edit: Edit) -> Result<Option<Effect>, String> {
        if self.writable().is_none() {
            return Err(String::new());
        }
        let removes = matches!(edit, Edit::Remove { .. });
        let place = self.place();
        let keep = std::mem::replace(&mut self.case, placeholder());
        drop(keep);
        let session = self.editing.session_mut().expect("writable");
        let done = session.apply(edit);
        self.case = Arc::clone(session.case());
        match done {
            Ok(applied) => {
                let mut text = done_words(&applied.edit);
                for w in &applied.warnings {
                    text.push_str(" · ");
                    text.push_str(w);
                }
                self.rebase(place, removes);
                self.say(text, !applied.warnings.is_empty());
                Ok(self.save_case())
            }
            Err(refused) => {
                let text = refused.to_string().replace('\n', " · ");
                self.say(text.clone(), true);
                Err(text)
            }
        }
    }

    /// `u` / `ctrl-r`: undoes or redoes the last edit, saying which.
    pub(super) fn undo_redo(&mut self, undo: bool) -> Option<Effect> {
        self.writable()?;
        let place = self.place();
        let keep = std::mem::replace(&mut self.case, placeholder());
        drop(keep);
        let session = self.editing.session_mut().expect("writable");
        let done = if undo { session.undo() } else { session.redo() };
        self.case = Arc::clone(session.case());
        match done {
            Ok(Some(applied)) => {
                self.rebase(place, true);
                // Undo runs the edit's inverse: say the edit the user made.
                let text = if undo {
                    format!("undone: {}", inverse_words(&applied.edit))
                } else {
                    format!("redone: {}", applied.edit)
                };
                self.say(text, false);
                self.save_case()
            }
            Ok(None) => {
                let what = if undo { "undo" } else { "redo" };
                self.say(format!("nothing to {what}"), false);
                None
            }
            Err(refused) => {
                self.rebase(place, true);
                self.say(refused.to_string().replace('\n', " · "), true);
                None
            }
        }
    }

    /// A save of what is not yet written, unless one is running (its end starts the next).
    pub(super) fn save_case(&mut self) -> Option<Effect> {
        if self.editing.saving {
            return None;
        }
        let job = self.editing.session()?.save_job()?;
        self.editing.saving = true;
        Some(Effect::SaveCase(Handoff::new(job)))
    }

    /// A save finished: what it did, on screen; the next save if edits came meanwhile.
    pub(super) fn case_saved(&mut self, result: std::io::Result<SaveResult>) -> Option<Effect> {
        self.editing.saving = false;
        let rewrite = self.editing.rewrite_pending;
        let place = self.place();
        let session = self.editing.session_mut()?;
        match session.finish_save(result) {
            Ok(Finished::Saved) => {
                if rewrite {
                    self.editing.rewrite_pending = false;
                    let session = self.editing.session()?;
                    let path = session.path().display().to_string();
                    self.say(
                        format!("{path} was rewritten once in caseboard's layout; its content is unchanged"),
                        false,
                    );
                }
            }
            Ok(Finished::Reloaded(r)) => {
                let mut text = "case.json was changed by another program: read again".to_string();
                if !r.applied.is_empty() {
                    text.push_str(&format!("; re-applied {}", r.applied.join(", ")));
                }
                if !r.already.is_empty() {
                    text.push_str(&format!("; already there: {}", r.already.join(", ")));
                }
                if !r.conflicts.is_empty() {
                    let what: Vec<String> = r
                        .conflicts
                        .iter()
                        .map(|(e, why)| format!("{e} ({why})"))
                        .collect();
                    text.push_str(&format!("; NOT re-applied: {}", what.join(", ")));
                }
                if let Some(p) = &r.rescue {
                    text.push_str(&format!("; kept in {}", p.display()));
                }
                self.case = Arc::clone(session.case());
                self.rebase(place, true);
                self.say(text, !r.conflicts.is_empty());
            }
            Err(e) => {
                self.say(format!("NOT SAVED: {e}"), true);
                return None;
            }
        }
        if self.editing.session().is_some_and(|s| s.unsaved() > 0) {
            return self.save_case();
        }
        None
    }

    /// Whether `action` may apply an edit to the case (the loop lets go of what shares
    /// the case first, so the edit changes it in place).
    pub fn may_edit(&self, action: &Action) -> bool {
        if self.editing.session().is_none() {
            return false;
        }
        match &self.modal {
            Modal::Form(_) => matches!(action, Action::Submit | Action::Pick),
            Modal::Confirm(_) => *action == Action::Confirm,
            Modal::None => matches!(
                action,
                Action::Cite | Action::UndoEdit | Action::RedoEdit | Action::AddMention
            ),
            _ => false,
        }
    }

    /// How many edits of the case are not yet written (a save may be running).
    pub fn unsaved_case_edits(&self) -> usize {
        self.editing.session().map_or(0, EditSession::unsaved)
    }

    /// Whether a save job is running.
    pub fn saving_case(&self) -> bool {
        self.editing.saving
    }

    /// Saves the case's unsaved edits on this thread, now: for quitting and for signals
    /// (SIGHUP, SIGTERM), when no save job can be waited for. Safe while a job runs: a
    /// file it wrote meanwhile is read again and the edits re-applied, not clobbered.
    pub fn save_case_now(&mut self) -> Result<(), String> {
        let Some(session) = self.editing.session_mut() else {
            return Ok(());
        };
        if session.unsaved() == 0 {
            return Ok(());
        }
        session.save_now().map(|_| ()).map_err(|e| e.to_string())
    }

    /// Moves the board to the session's case as it is now, keeping its place by ids:
    /// the selected event and entity, the source and its position, focus and filter.
    /// `shrunk`: records may have been removed, so kept positions (history, filters of
    /// events, the last search's hits) are dropped.
    pub(super) fn rebase(&mut self, place: Place, shrunk: bool) {
        let Some(session) = self.editing.session() else {
            return;
        };
        let case = Arc::clone(session.case());
        let Place {
            event: ev_id,
            entity: ent_id,
            source: src_id,
            filter_entity,
        } = place;
        let mut view = self.snapshot();
        view.anchor = None;
        view.event = None;
        view.highlight = None;
        view.filter = match &self.filter {
            Filter::Bookmarked => Filter::Bookmarked,
            Filter::Events(..) if !shrunk => self.filter.clone(),
            _ => Filter::All,
        };
        let mut next = App::new(Arc::clone(&case), self.keymap.clone());
        next.state = std::mem::take(&mut self.state);
        next.state_path = self.state_path.take();
        next.modal = std::mem::replace(&mut self.modal, Modal::None);
        next.message = self.message.take();
        next.editing = std::mem::take(&mut self.editing);
        next.selection = self.selection.take();
        next.case_generation = self.case_generation + 1;
        if !shrunk {
            next.history = std::mem::take(&mut self.history);
            next.last_search = std::mem::take(&mut self.last_search);
        } else {
            next.last_search.query = std::mem::take(&mut self.last_search.query);
        }
        next.resize(self.size.0, self.size.1);
        if let Some(id) = filter_entity
            && let Some(e) = case.entity_by_id(&id)
        {
            view.filter = Filter::Entity(e);
        }
        let src = src_id
            .and_then(|id| case.index.source_ids.get(&id).copied())
            .unwrap_or(view.source);
        view.source = if src.get() < case.sources.len() {
            src
        } else {
            crate::case::SourceIx(0)
        };
        let detail = view.detail.clone();
        let citation = view.citation;
        next.restore(view);
        match ev_id.and_then(|id| case.event_by_id(&id)) {
            Some(e) => next.select_event(e),
            None => {
                // The event is gone: the cursor goes to the nearest event row.
                let rows = &next.timeline_rows;
                next.timeline.row = next.timeline.row.min(rows.len().saturating_sub(1));
                next.timeline.step(rows.len(), 0, |i| {
                    matches!(rows[i], super::TimelineRow::Event(_))
                });
                next.on_event_selected();
            }
        }
        if let Some(e) = ent_id.and_then(|id| case.entity_by_id(&id)) {
            next.select_entity(e);
        }
        next.citation = citation;
        next.detail = detail;
        let n = next.detail_items().len();
        next.detail.row = next.detail.row.min(n.saturating_sub(1));
        next.scroll_lists();
        *self = next;
    }

    /// Edit keys while a session is not needed: undo/redo, and the actions of the
    /// editing keys that open forms.
    pub(super) fn edit_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::UndoEdit => self.undo_redo(true),
            Action::RedoEdit => self.undo_redo(false),
            Action::Link => self.start_link(),
            Action::EditRecord => self.open_edit_form(),
            Action::Delete => self.ask_delete(),
            Action::AddMention => self.add_mention(),
            Action::SessionReady(h) => h.take().and_then(|r| self.session_ready(r)),
            Action::CaseSaved(h) => h.take().and_then(|r| self.case_saved(r)),
            _ => None,
        }
    }
}

/// The words of the edit an inverse undoes: "remove event x" undoes "add event x".
fn inverse_words(inverse: &str) -> String {
    if let Some(rest) = inverse.strip_prefix("remove ") {
        format!("add {rest}")
    } else if let Some(rest) = inverse.strip_prefix("add ") {
        format!("remove {rest}")
    } else {
        inverse.to_string()
    }
}

/// "add event …" → "added event …" for the status line.
fn done_words(edit: &str) -> String {
    if let Some(rest) = edit.strip_prefix("add ") {
        format!("added {rest}")
    } else if let Some(rest) = edit.strip_prefix("change ") {
        format!("changed {rest}")
    } else if let Some(rest) = edit.strip_prefix("remove ") {
        format!("removed {rest}")
    } else {
        edit.to_string()
    }
}
