//! Forms on top of the board: capturing an event from a selection, editing an event,
//! entity or source, making an entity, naming a link's kind, and the folder to copy the
//! bundled case to. A form is a list of one-line fields; typing edits the focused one
//! (with `line`'s edits), Tab moves between them, Enter saves. What a field means, what
//! it suggests and what saving does is the form's [`Purpose`]; the capture form's
//! dates and entities are in `capture`.

use std::ops::Range;
use std::path::PathBuf;

use super::line::{edit_line, type_char};
use super::{App, Effect, Modal};
use crate::action::{Action, Edit as LineEdit};
use crate::case::edit::suggest::Suggestion;
use crate::case::edit::{Edit, EntityRecord};
use crate::case::{EntityKind, SourceIx};

/// The kinds of link the picker offers (a word of the user's is fine too).
pub const LINK_KINDS: [&str; 5] = [
    "follows",
    "responds-to",
    "contradicts",
    "corroborates",
    "part-of",
];

/// What a field holds, which decides what it suggests and how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A date in the case's EDTF subset (spelled out as typed).
    Date,
    /// A date or nothing ("not stated").
    OptionalDate,
    /// The entities of an event: chosen ones, and a query for more.
    Entities,
    /// Words separated by commas (tags, aliases).
    List,
    /// An entity's kind.
    EntityKind,
    /// A link's kind.
    LinkKind,
}

/// One line of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    pub text: String,
    /// Cursor in `text`, in chars.
    pub cursor: usize,
    /// The text is a default shown selected: typing replaces it.
    pub fresh: bool,
}

impl Field {
    pub fn new(label: &'static str, kind: FieldKind, text: impl Into<String>) -> Field {
        let text = text.into();
        Field {
            label,
            kind,
            cursor: text.chars().count(),
            text,
            fresh: false,
        }
    }

    /// A field whose default text typing replaces.
    pub fn fresh(mut self) -> Field {
        self.fresh = true;
        self
    }

    fn set(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.cursor = self.text.chars().count();
    }
}

/// What saving a form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A new event citing `range` of `source`.
    Capture {
        source: SourceIx,
        range: Range<usize>,
    },
    /// Changes event `id`.
    EditEvent { id: String },
    /// Changes entity `id`.
    EditEntity { id: String },
    /// A new entity; `then` is the capture or event form to go back to, which gets it.
    NewEntity { then: Option<Box<Form>> },
    /// Changes source `id`.
    EditSource { id: String },
    /// Links event `from` to `to`.
    LinkKind { from: String, to: String },
    /// Copies the bundled case to a folder and opens the copy.
    CopyBundled,
    /// Changes the case's title and summary.
    CaseText,
}

/// The keys that leave a form, and so ask first when something was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaving {
    /// Esc: the form closes.
    Escape,
    /// Quit: the board closes.
    Quit,
}

impl Leaving {
    fn of(action: &Action) -> Option<Leaving> {
        match action {
            Action::Escape => Some(Leaving::Escape),
            Action::Quit => Some(Leaving::Quit),
            _ => None,
        }
    }
}

/// An open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub purpose: Purpose,
    pub title: String,
    /// A line under the title (the passage cited, the events linked, …).
    pub context: Option<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last save was refused (the core's words).
    pub error: Option<String>,
    /// Date suggestions, best first, with the one selected.
    pub suggestions: Vec<Suggestion>,
    pub suggestion: usize,
    /// The event's entities, by id.
    pub entities: Vec<String>,
    /// Entities offered for the entities field: (id, why: "mentioned" or a name).
    pub candidates: Vec<(String, String)>,
    pub candidate: usize,
    /// The event selected when the form opened, which "two days later" counts from.
    pub follows: Option<String>,
    /// Something was typed or chosen since the form opened: Esc asks before dropping it.
    pub typed: bool,
    /// The key (Esc or quit) that asked before dropping typed text; the same key again
    /// drops the form.
    pub discard_asked: Option<Leaving>,
}

impl Form {
    pub fn new(purpose: Purpose, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            purpose,
            title: title.into(),
            context: None,
            fields,
            focus: 0,
            error: None,
            suggestions: Vec::new(),
            suggestion: 0,
            entities: Vec::new(),
            candidates: Vec::new(),
            candidate: 0,
            follows: None,
            typed: false,
            discard_asked: None,
        }
    }

    /// The form as text, to keep what was typed when the board must close with it open
    /// (a hang-up): its title, the passage, and each field that holds something.
    pub fn draft(&self) -> String {
        let mut out = format!("Not saved when the board closed: {}", self.title);
        if let Some(c) = &self.context {
            out.push_str(&format!("\n  {c}"));
        }
        if !self.entities.is_empty() {
            out.push_str(&format!("\n  entities: {}", self.entities.join(", ")));
        }
        for f in self.fields.iter().filter(|f| !f.text.trim().is_empty()) {
            out.push_str(&format!("\n  {}: {}", f.label, f.text.trim()));
        }
        out
    }

    /// The text of the field labelled `label`.
    pub fn value(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", |f| f.text.trim())
    }

    pub fn field_mut(&mut self, label: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.label == label)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// What the focused field says about what is typed: the date spelled out, or why
    /// it is not one.
    pub fn check(field: &Field) -> Option<Result<String, String>> {
        let t = field.text.trim();
        match field.kind {
            FieldKind::Date | FieldKind::OptionalDate if t.is_empty() => {
                Some(if field.kind == FieldKind::Date {
                    Err("a date is needed (EDTF: 2016-10-12, 2016-06~, 2016-10/2016-11, ../2016-06-12)".into())
                } else {
                    Ok("not stated".into())
                })
            }
            FieldKind::Date | FieldKind::OptionalDate => {
                Some(crate::case::edit::suggest::spelled_out(t))
            }
            FieldKind::EntityKind => Some(
                parse_kind(t)
                    .map(|k| k.to_string())
                    .ok_or_else(|| format!("one of: {}", kind_names().join(", "))),
            ),
            _ => None,
        }
    }
}

/// Words separated by commas, trimmed, empty ones left out.
pub fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn kind_names() -> Vec<String> {
    EntityKind::ALL.iter().map(ToString::to_string).collect()
}

/// An entity kind from its name (or the start of it).
pub fn parse_kind(t: &str) -> Option<EntityKind> {
    let t = t.trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    EntityKind::ALL
        .into_iter()
        .find(|k| k.to_string() == t)
        .or_else(|| {
            EntityKind::ALL
                .into_iter()
                .find(|k| k.to_string().starts_with(&t))
        })
}

impl App {
    /// Keys while a form is open.
    pub(super) fn form_action(&mut self, action: Action) -> Option<Effect> {
        let Modal::Form(form) = &mut self.modal else {
            return None;
        };
        // Any key but the one that asked withdraws the question.
        if !matches!(action, Action::Resize(..))
            && form
                .discard_asked
                .is_some_and(|asked| Some(asked) != Leaving::of(&action))
        {
            form.discard_asked = None;
            form.error = None;
        }
        if matches!(
            action,
            Action::Type(_)
                | Action::Edit(_)
                | Action::TakeSuggestion
                | Action::ReasonToSummary
                | Action::Pick
        ) {
            form.typed = true;
        }
        match action {
            // Nothing typed is dropped by one key: the first Esc (or quit) on typed
            // text asks.
            Action::Escape | Action::Quit if form.typed && form.discard_asked.is_none() => {
                form.discard_asked = Leaving::of(&action);
                let key = self
                    .keymap
                    .key_for(crate::keymap::Context::Form, &action)
                    .unwrap_or_default();
                let what = if action == Action::Quit {
                    "quits and drops"
                } else {
                    "drops"
                };
                form.error = Some(format!(
                    "{key} again {what} what you typed in this form · Enter saves · any other key goes on"
                ));
            }
            Action::Escape => {
                let mut back = match &mut form.purpose {
                    Purpose::NewEntity { then } => then.take(),
                    _ => None,
                };
                // The name typed for the new entity is not kept in the form it came from.
                if let Some(b) = &mut back
                    && let Some(f) = b.fields.iter_mut().find(|f| f.kind == FieldKind::Entities)
                {
                    f.set("");
                }
                self.modal = back.map_or(Modal::None, Modal::Form);
            }
            Action::Quit => return Some(Effect::Quit),
            Action::Resize(w, h) => self.resize(w, h),
            Action::NextField | Action::PrevField => {
                let n = form.fields.len();
                let d = if action == Action::NextField {
                    1
                } else {
                    n - 1
                };
                form.focus = (form.focus + d) % n;
                self.refresh_candidates();
            }
            Action::Type(c) => {
                let f = &mut form.fields[form.focus];
                if std::mem::take(&mut f.fresh) {
                    f.set("");
                }
                type_char(&mut f.text, &mut f.cursor, c);
                form.error = None;
                self.refresh_candidates();
            }
            Action::Edit(e) => {
                let f = &mut form.fields[form.focus];
                if std::mem::take(&mut f.fresh)
                    && matches!(e, LineEdit::DeleteBack | LineEdit::DeleteForward)
                {
                    f.set("");
                }
                // Backspace in an empty entities field takes the last entity off.
                if f.kind == FieldKind::Entities && f.text.is_empty() && e == LineEdit::DeleteBack {
                    form.entities.pop();
                } else {
                    edit_line(&mut f.text, &mut f.cursor, e);
                }
                form.error = None;
                self.refresh_candidates();
            }
            Action::NextSuggestion => self.step_suggestion(1),
            Action::PrevSuggestion => self.step_suggestion(-1),
            Action::TakeSuggestion => self.take_suggestion(),
            Action::ReasonToSummary => self.reason_to_summary(),
            Action::NewEntity => {
                let name = match form.focused() {
                    Some(f) if f.kind == FieldKind::Entities => f.text.trim().to_string(),
                    _ => String::new(),
                };
                let back = std::mem::replace(&mut self.modal, Modal::None);
                if let Modal::Form(back) = back {
                    self.new_entity_form(name, Some(back));
                }
            }
            Action::Submit => return self.submit_form(),
            Action::Pick => {
                // Enter on a name typed in the entities field picks it (or makes it).
                if let Some(f) = form.focused()
                    && f.kind == FieldKind::Entities
                    && !f.text.trim().is_empty()
                {
                    if form.candidates.is_empty() {
                        return self.form_action(Action::NewEntity);
                    }
                    self.take_suggestion();
                    return None;
                }
                return self.submit_form();
            }
            _ => {}
        }
        None
    }

    /// Saves the open form: builds its edit and applies it; a refused edit keeps the
    /// form open with the reason.
    fn submit_form(&mut self) -> Option<Effect> {
        let Modal::Form(form) = &self.modal else {
            return None;
        };
        let form = form.clone();
        // Fields with a check must pass it before anything is tried.
        for f in &form.fields {
            if let Some(Err(why)) = Form::check(f) {
                return self.form_error(format!("{}: {why}", f.label));
            }
        }
        if form.purpose == Purpose::CopyBundled {
            let dir = form.value("folder");
            if dir.is_empty() {
                return self.form_error("folder: where should the copy go?".into());
            }
            self.modal = Modal::None;
            self.say(format!("copying the case to {dir}…"), false);
            return Some(Effect::CopyBundled(PathBuf::from(dir)));
        }
        let built = self.build_edit(&form);
        let edit = match built {
            Ok(e) => e,
            Err(why) => return self.form_error(why),
        };
        let new_event = match (&form.purpose, &edit) {
            (Purpose::Capture { .. }, Edit::Add { record, .. }) => Some(record.id().to_string()),
            _ => None,
        };
        let new_entity = match (&form.purpose, &edit) {
            (Purpose::NewEntity { .. }, Edit::Add { record, .. }) => Some(record.id().to_string()),
            _ => None,
        };
        let modal = std::mem::replace(&mut self.modal, Modal::None);
        match self.commit(edit) {
            Ok(effect) => {
                if let Some(id) = new_event {
                    self.selection = None;
                    if let Some(ev) = self.case.event_by_id(&id) {
                        self.jump();
                        self.select_event(ev);
                        self.on_event_selected();
                    }
                }
                if let Purpose::NewEntity {
                    then: Some(mut back),
                } = form.purpose
                    && let Some(id) = new_entity
                {
                    if !back.entities.contains(&id) {
                        back.entities.push(id);
                    }
                    if let Some(f) = back
                        .fields
                        .iter_mut()
                        .find(|f| f.kind == FieldKind::Entities)
                    {
                        f.set("");
                    }
                    self.modal = Modal::Form(back);
                    self.refresh_candidates();
                }
                effect
            }
            Err(why) => {
                self.modal = modal;
                if why.is_empty() {
                    // Not writable: said on the status line; the form stays for the user's text.
                    return None;
                }
                self.form_error(why)
            }
        }
    }

    fn form_error(&mut self, why: String) -> Option<Effect> {
        if let Modal::Form(f) = &mut self.modal {
            f.error = Some(why);
        }
        None
    }

    /// The edit a form's fields describe.
    fn build_edit(&self, form: &Form) -> Result<Edit, String> {
        let s = self
            .editing
            .session()
            .ok_or_else(|| "the case is not open for editing".to_string())?;
        let err = |e: crate::case::edit::EditError| e.to_string();
        match &form.purpose {
            Purpose::Capture { .. } | Purpose::EditEvent { .. } => self.event_edit(form),
            Purpose::EditEntity { id } => Edit::change_entity(s, id, |e| {
                e.name = form.value("name").to_string();
                e.kind = parse_kind(form.value("kind")).unwrap_or(e.kind);
                e.aliases = list(form.value("aliases"));
                e.description = form.value("description").to_string();
            })
            .map_err(err),
            Purpose::NewEntity { .. } => {
                let name = form.value("name");
                if name.is_empty() {
                    return Err("name: an entity needs a name".into());
                }
                let kind = parse_kind(form.value("kind")).unwrap_or(EntityKind::Other);
                let mut e = EntityRecord::new(s.new_entity_id(name), name, kind);
                e.aliases = list(form.value("aliases"));
                e.description = form.value("description").to_string();
                Ok(Edit::add(e))
            }
            Purpose::EditSource { id } => Edit::change_source(s, id, |r| {
                let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
                r.title = form.value("title").to_string();
                r.publisher = form.value("publisher").to_string();
                r.published = opt(form.value("published"));
                r.url = opt(form.value("url"));
                r.byline = opt(form.value("byline"));
                r.note = opt(form.value("note"));
            })
            .map_err(err),
            Purpose::LinkKind { from, to } => {
                let kind = form.value("kind");
                if kind.is_empty() {
                    return Err("kind: say how the events are linked".into());
                }
                Edit::add_link(s, from, to, kind).map_err(err)
            }
            Purpose::CaseText => Ok(Edit::set_case_text(
                s,
                form.value("title"),
                form.value("summary"),
            )),
            Purpose::CopyBundled => Err("nothing to apply".into()),
        }
    }

    /// `:title`: the form for the case's title and summary (shown atop the board and in
    /// the export).
    pub(super) fn open_case_text_form(&mut self) {
        let Some(s) = self.writable() else {
            return;
        };
        let now = s.case_text();
        let fields = vec![
            Field::new("title", FieldKind::Text, now.title),
            Field::new("summary", FieldKind::Text, now.summary),
        ];
        let mut form = Form::new(Purpose::CaseText, "Case title and summary", fields);
        form.context = Some("shown atop the board and in the export".to_string());
        self.modal = Modal::Form(Box::new(form));
    }

    /// The entity form, for a new entity named `name` (from a selection or the capture
    /// form's entities field; `then` is that form, to go back to).
    pub(super) fn new_entity_form(&mut self, name: String, then: Option<Box<Form>>) {
        if self.writable().is_none() {
            if let Some(back) = then {
                self.modal = Modal::Form(back);
            }
            return;
        }
        let fields = vec![
            Field::new("name", FieldKind::Text, name),
            Field::new("kind", FieldKind::EntityKind, "person").fresh(),
            Field::new("aliases", FieldKind::List, ""),
            Field::new("description", FieldKind::Text, ""),
        ];
        let mut form = Form::new(Purpose::NewEntity { then }, "New entity", fields);
        form.context = Some(format!(
            "kinds: {} · aliases separated by commas",
            kind_names().join(", ")
        ));
        form.focus = 1;
        self.modal = Modal::Form(Box::new(form));
    }

    /// `M`: a new entity named by the selection.
    pub(super) fn open_new_entity(&mut self) {
        let name = self
            .selected_range()
            .and_then(|r| {
                let text = &self.case.sources.get(self.source.source.get())?.text;
                Some(text[r].split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .unwrap_or_default();
        self.new_entity_form(name, None);
    }

    /// The form asking where to copy the bundled case.
    pub(super) fn open_copy_form(&mut self) {
        let fields = vec![Field::new(
            "folder",
            FieldKind::Text,
            "./trump-wikileaks-2016",
        )];
        let mut form = Form::new(
            Purpose::CopyBundled,
            "The bundled case is read-only: edit a copy",
            fields,
        );
        form.context = Some(
            "caseboard copies the case (case.json and its sources) to this folder and opens the copy"
                .into(),
        );
        self.modal = Modal::Form(Box::new(form));
    }

    /// Ctrl-n / Ctrl-p: the next or previous suggestion of the focused field.
    fn step_suggestion(&mut self, delta: isize) {
        let Modal::Form(form) = &mut self.modal else {
            return;
        };
        let step = |i: usize, n: usize| (i as isize + delta).rem_euclid(n.max(1) as isize) as usize;
        match form.focused().map(|f| f.kind) {
            Some(FieldKind::Entities) => {
                form.candidate = step(form.candidate, form.candidates.len());
            }
            Some(FieldKind::LinkKind) => {
                let f = &mut form.fields[form.focus];
                let at = LINK_KINDS.iter().position(|k| *k == f.text.trim());
                let next = match at {
                    Some(i) => step(i, LINK_KINDS.len()),
                    None => 0,
                };
                f.set(LINK_KINDS[next]);
                f.fresh = true;
            }
            Some(FieldKind::EntityKind) => {
                let f = &mut form.fields[form.focus];
                let all = EntityKind::ALL;
                let at = parse_kind(&f.text).and_then(|k| all.iter().position(|x| *x == k));
                let next = at.map_or(0, |i| step(i, all.len()));
                f.set(all[next].to_string());
                f.fresh = true;
            }
            _ => form.suggestion = step(form.suggestion, form.suggestions.len()),
        }
    }
}
