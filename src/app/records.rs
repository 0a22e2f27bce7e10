//! Edits of the records under the cursor: adding the selection as a citation of the
//! selected event (`C`), linking it to an event picked with the finder (`m`), editing
//! the selected event, entity or source (`E`), deleting it after asking (`D`), and the
//! entities an event's passages mention that are not on it (`i` adds one).

use super::form::{Field, FieldKind, Form, LINK_KINDS, Purpose};
use super::{App, DetailItem, Effect, Modal};
use crate::action::{Action, Pane};
use crate::case::edit::{CitationRecord, Edit};
use crate::case::{EntityIx, EventIx};

/// A question before an edit that cannot be taken back by retyping (a delete).
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub edit: Edit,
}

/// What `E` and `D` act on, from the focused pane.
enum Target {
    Event(EventIx),
    Entity(EntityIx),
    Source,
    /// An item of the event in the detail area (`D` takes it off the event).
    Item(EventIx, DetailItem),
}

impl App {
    fn target(&self) -> Option<Target> {
        match self.focus {
            Pane::Entities => self.selected_entity().map(Target::Entity),
            Pane::Source if !self.case.sources.is_empty() => Some(Target::Source),
            Pane::Detail => {
                let ev = self.selected_event()?;
                match self.detail_items().get(self.detail.row) {
                    Some(
                        item @ (DetailItem::Entity(_)
                        | DetailItem::Citation(_)
                        | DetailItem::Link { outgoing: true, .. }),
                    ) => Some(Target::Item(ev, item.clone())),
                    _ => Some(Target::Event(ev)),
                }
            }
            _ => self.selected_event().map(Target::Event),
        }
    }

    /// `C`: the selection (or the passage shown highlighted) as a citation of the
    /// selected event.
    pub(super) fn cite(&mut self) -> Option<Effect> {
        let Some(ev) = self.selected_event() else {
            self.say(
                "select the event to cite this for in the timeline first",
                true,
            );
            return None;
        };
        let Some(range) = self
            .selected_range()
            .or_else(|| self.source.highlight.clone())
        else {
            self.say("select a passage first: v in the source pane", true);
            return None;
        };
        let id = self.case.event(ev).id.clone();
        let source = self.source.source;
        let session = self.writable()?;
        let edit = CitationRecord::from_range(session.case(), source, range)
            .and_then(|c| Edit::add_citation(session, &id, c));
        match edit {
            Ok(edit) => {
                let done = self.commit(edit).ok().flatten();
                if self.message.as_ref().is_some_and(|m| !m.error) {
                    self.selection = None;
                    self.say(format!("cited the passage for \"{id}\""), false);
                }
                done
            }
            Err(e) => {
                self.say(e.to_string(), true);
                None
            }
        }
    }

    /// `m`: the finder, to pick the event the selected event is linked to.
    pub(super) fn start_link(&mut self) -> Option<Effect> {
        let Some(ev) = self.selected_event() else {
            self.say("select the event to link from in the timeline first", true);
            return None;
        };
        self.writable()?;
        let from = self.case.event(ev).id.clone();
        let query = std::mem::take(&mut self.last_search.query);
        let effect = self.open_finder();
        self.last_search.query = query;
        if let Modal::Finder(f) = &mut self.modal {
            f.query.clear();
            f.cursor = 0;
            f.fresh = false;
            f.link_from = Some(from.clone());
        }
        self.say(
            format!("link \"{from}\" to: find the event, Enter picks it"),
            false,
        );
        effect.map(|_| Effect::Search(String::new()))
    }

    /// The event picked in the finder to link to: the kind comes next.
    pub(super) fn link_picked(&mut self, from: String, to: EventIx) {
        let to_id = self.case.event(to).id.clone();
        if to_id == from {
            self.say("an event cannot be linked to itself", true);
            return;
        }
        let title = |id: &str| {
            self.case
                .event_by_id(id)
                .map_or(id.to_string(), |e| self.case.event(e).title.clone())
        };
        let fields = vec![Field::new("kind", FieldKind::LinkKind, LINK_KINDS[0]).fresh()];
        let mut form = Form::new(
            Purpose::LinkKind {
                from: from.clone(),
                to: to_id.clone(),
            },
            "Link two events",
            fields,
        );
        form.context = Some(format!("{} → {}", title(&from), title(&to_id)));
        self.modal = Modal::Form(Box::new(form));
    }

    /// `E`: the form for the event, entity or source under the cursor.
    pub(super) fn open_edit_form(&mut self) -> Option<Effect> {
        let target = self.target();
        let Some(target) = target else {
            self.say("nothing selected to edit", true);
            return None;
        };
        self.writable()?;
        let s = self.editing.session()?;
        match target {
            Target::Event(ev) | Target::Item(ev, _) => self.open_event_form(ev),
            Target::Entity(ent) => {
                let id = self.case.entity(ent).id.clone();
                let r = s.entity_record(&id)?;
                let fields = vec![
                    Field::new("name", FieldKind::Text, r.name.clone()),
                    Field::new("kind", FieldKind::EntityKind, r.kind.to_string()),
                    Field::new("aliases", FieldKind::List, r.aliases.join(", ")),
                    Field::new("description", FieldKind::Text, r.description.clone()),
                ];
                let form = Form::new(
                    Purpose::EditEntity { id: id.clone() },
                    format!("Edit entity {id}"),
                    fields,
                );
                self.modal = Modal::Form(Box::new(form));
            }
            Target::Source => {
                let id = self.case.source(self.source.source).id.clone();
                let r = s.source_record(&id)?;
                let opt = |v: &Option<String>| v.clone().unwrap_or_default();
                let fields = vec![
                    Field::new("title", FieldKind::Text, r.title.clone()),
                    Field::new("publisher", FieldKind::Text, r.publisher.clone()),
                    Field::new("published", FieldKind::OptionalDate, opt(&r.published)),
                    Field::new("url", FieldKind::Text, opt(&r.url)),
                    Field::new("byline", FieldKind::Text, opt(&r.byline)),
                    Field::new("note", FieldKind::Text, opt(&r.note)),
                ];
                let mut form = Form::new(
                    Purpose::EditSource { id: id.clone() },
                    format!("Edit source {id}"),
                    fields,
                );
                form.context = Some(format!("text in {} (unchanged by edits)", r.file));
                self.modal = Modal::Form(Box::new(form));
            }
        }
        None
    }

    /// `D`: asks before deleting the event, entity or source under the cursor.
    pub(super) fn ask_delete(&mut self) -> Option<Effect> {
        let Some(target) = self.target() else {
            self.say("nothing selected to delete", true);
            return None;
        };
        let source = self.source.source;
        let s = self.writable()?;
        let (what, edit) = match target {
            Target::Event(ev) => {
                let e = &s.case().event(ev);
                (
                    format!("event \"{}\" ({})", e.title, e.id),
                    Edit::remove_event(s, &e.id.clone()),
                )
            }
            Target::Entity(ent) => {
                let e = &s.case().entity(ent);
                (
                    format!("entity \"{}\" ({})", e.name, e.id),
                    Edit::remove_entity(s, &e.id.clone()),
                )
            }
            Target::Source => {
                let src = s.case().source(source);
                (
                    format!("source \"{}\" ({}; its text file stays)", src.title, src.id),
                    Edit::remove_source(s, &src.id.clone()),
                )
            }
            Target::Item(ev, item) => {
                let case = s.case();
                let e = case.event(ev);
                let id = e.id.clone();
                match item {
                    DetailItem::Entity(x) => {
                        let ent = case.entity(x);
                        (
                            format!("\"{}\" from event \"{}\"", ent.name, e.title),
                            Edit::remove_entity_from_event(s, &id, &ent.id.clone()),
                        )
                    }
                    DetailItem::Citation(k) => (
                        format!("citation [{}] of event \"{}\"", k + 1, e.title),
                        Edit::remove_citation(s, &id, k),
                    ),
                    DetailItem::Link { to, kind, .. } => {
                        let k = e
                            .links
                            .iter()
                            .position(|l| l.to == to && l.kind == kind)
                            .unwrap_or(0);
                        (
                            format!(
                                "the link from \"{}\" to \"{}\"",
                                e.title,
                                case.event(to).title
                            ),
                            Edit::remove_link(s, &id, k),
                        )
                    }
                    DetailItem::Mention(_) => return None,
                }
            }
        };
        match edit {
            Ok(edit) => {
                self.modal = Modal::Confirm(Box::new(Confirm {
                    question: format!("Delete {what}? u undoes it"),
                    edit,
                }));
            }
            Err(e) => self.say(e.to_string(), true),
        }
        None
    }

    /// Keys while a question is asked.
    pub(super) fn confirm_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Confirm => {
                let Modal::Confirm(c) = std::mem::replace(&mut self.modal, Modal::None) else {
                    return None;
                };
                self.commit(c.edit).ok().flatten()
            }
            Action::Resize(w, h) => {
                self.resize(w, h);
                None
            }
            Action::Type(_) => None,
            _ => {
                self.modal = Modal::None;
                self.say("nothing deleted", false);
                None
            }
        }
    }

    /// `i`: adds the unlinked mention under the detail cursor (else the first) to the
    /// selected event.
    pub(super) fn add_mention(&mut self) -> Option<Effect> {
        let ev = self.selected_event()?;
        let items = self.detail_items();
        let on_cursor = match items.get(self.detail.row) {
            Some(DetailItem::Mention(e)) if self.focus == Pane::Detail => Some(*e),
            _ => None,
        };
        let Some(ent) = on_cursor.or_else(|| {
            items.iter().find_map(|i| match i {
                DetailItem::Mention(e) => Some(*e),
                _ => None,
            })
        }) else {
            self.say(
                "the event's passages mention no entity that is not on it",
                false,
            );
            return None;
        };
        let event_id = self.case.event(ev).id.clone();
        let entity_id = self.case.entity(ent).id.clone();
        let s = self.writable()?;
        match Edit::add_entity_to_event(s, &event_id, &entity_id) {
            Ok(edit) => self.commit(edit).ok().flatten(),
            Err(e) => {
                self.say(e.to_string(), true);
                None
            }
        }
    }
}
