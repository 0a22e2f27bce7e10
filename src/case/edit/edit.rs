//! Edits as data. Every change to a case is one [`Edit`]: add, change or remove a source,
//! entity or event, or change the case's title and summary. Citations, links, an
//! event's entities and tags are changes of the event; the constructors below build
//! them from the record as it is now, so the edit carries what it replaces (which is
//! how undo, and re-applying after someone else changed the file, know what to expect).

use serde_json::{Value, json};

use super::error::{EditError, Refusal};
use super::record::{
    CaseText, CitationRecord, EntityRecord, EventRecord, LinkRecord, Record, SourceRecord,
};
use super::session::EditSession;

/// One change to a case. Applied by [`EditSession::apply`], which checks it first and
/// keeps its inverse for undo.
// Edits are made one per user action and kept in the history: their size does not
// matter, and unboxed records keep matching on them plain.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a record to its list at position `at` (the end when `None`).
    Add { record: Record, at: Option<usize> },
    /// Replaces a record, which must be `from` as it is now, with `to` (the same id:
    /// ids never change once made).
    Change { from: Record, to: Record },
    /// Removes a record, which must be as it is now and no longer used.
    Remove { record: Record },
    /// Changes the case's title and summary, which must be `from` as they are now.
    CaseText { from: CaseText, to: CaseText },
}

impl Edit {
    /// Adds a new record at the end of its list.
    pub fn add(record: impl Into<Record>) -> Edit {
        Edit::Add {
            record: record.into(),
            at: None,
        }
    }

    /// What the edit does, in words: "add event \"x\"", "change entity \"y\"".
    pub fn describe(&self) -> String {
        match self {
            Edit::Add { record, .. } => format!("add {}", record.describe()),
            Edit::Change { to, .. } => format!("change {}", to.describe()),
            Edit::Remove { record } => format!("remove {}", record.describe()),
            Edit::CaseText { .. } => "change the case's title and summary".into(),
        }
    }

    /// The edit as JSON, for the rescue file: the records as they are written.
    pub fn to_json(&self) -> Value {
        match self {
            Edit::Add { record, at } => json!({
                "edit": self.describe(), "list": record.list().key(),
                "record": record.to_map(), "at": at,
            }),
            Edit::Change { from, to } => json!({
                "edit": self.describe(), "list": to.list().key(),
                "from": from.to_map(), "to": to.to_map(),
            }),
            Edit::Remove { record } => json!({
                "edit": self.describe(), "list": record.list().key(), "record": record.to_map(),
            }),
            Edit::CaseText { from, to } => json!({
                "edit": self.describe(),
                "from": {"title": from.title, "summary": from.summary},
                "to": {"title": to.title, "summary": to.summary},
            }),
        }
    }

    /// Changes event `id` as `f` says.
    pub fn change_event(
        s: &EditSession,
        id: &str,
        f: impl FnOnce(&mut EventRecord),
    ) -> Result<Edit, EditError> {
        let from = s
            .event_record(id)
            .ok_or_else(|| missing("change", "event", id))?;
        let mut to = from.clone();
        f(&mut to);
        Ok(Edit::Change {
            from: from.into(),
            to: to.into(),
        })
    }

    /// Changes entity `id` as `f` says.
    pub fn change_entity(
        s: &EditSession,
        id: &str,
        f: impl FnOnce(&mut EntityRecord),
    ) -> Result<Edit, EditError> {
        let from = s
            .entity_record(id)
            .ok_or_else(|| missing("change", "entity", id))?;
        let mut to = from.clone();
        f(&mut to);
        Ok(Edit::Change {
            from: from.into(),
            to: to.into(),
        })
    }

    /// Changes source `id` as `f` says.
    pub fn change_source(
        s: &EditSession,
        id: &str,
        f: impl FnOnce(&mut SourceRecord),
    ) -> Result<Edit, EditError> {
        let from = s
            .source_record(id)
            .ok_or_else(|| missing("change", "source", id))?;
        let mut to = from.clone();
        f(&mut to);
        Ok(Edit::Change {
            from: from.into(),
            to: to.into(),
        })
    }

    /// Removes event `id`.
    pub fn remove_event(s: &EditSession, id: &str) -> Result<Edit, EditError> {
        let record = s
            .event_record(id)
            .ok_or_else(|| missing("remove", "event", id))?;
        Ok(Edit::Remove {
            record: record.into(),
        })
    }

    /// Removes entity `id`.
    pub fn remove_entity(s: &EditSession, id: &str) -> Result<Edit, EditError> {
        let record = s
            .entity_record(id)
            .ok_or_else(|| missing("remove", "entity", id))?;
        Ok(Edit::Remove {
            record: record.into(),
        })
    }

    /// Removes source `id`.
    pub fn remove_source(s: &EditSession, id: &str) -> Result<Edit, EditError> {
        let record = s
            .source_record(id)
            .ok_or_else(|| missing("remove", "source", id))?;
        Ok(Edit::Remove {
            record: record.into(),
        })
    }

    /// Adds `citation` to event `event` (a second source stating it corroborates it).
    /// Make the citation from a selection with [`CitationRecord::from_range`].
    pub fn add_citation(
        s: &EditSession,
        event: &str,
        citation: CitationRecord,
    ) -> Result<Edit, EditError> {
        Edit::change_event(s, event, |e| e.citations.push(citation))
    }

    /// Removes citation `k` of event `event`.
    pub fn remove_citation(s: &EditSession, event: &str, k: usize) -> Result<Edit, EditError> {
        let edit = Edit::change_event(s, event, |e| {
            if k < e.citations.len() {
                e.citations.remove(k);
            }
        })?;
        no_change_if_same(edit, format!("event \"{event}\" has no citation {k}"))
    }

    /// Links event `from` to event `to` with `kind` (`follows`, `responds-to`,
    /// `contradicts`, `corroborates`, `part-of`, or a word of the user's). The link
    /// points from the later or dependent event to the earlier one.
    pub fn add_link(s: &EditSession, from: &str, to: &str, kind: &str) -> Result<Edit, EditError> {
        Edit::change_event(s, from, |e| e.links.push(LinkRecord::new(to, kind)))
    }

    /// Removes link `k` of event `event`.
    pub fn remove_link(s: &EditSession, event: &str, k: usize) -> Result<Edit, EditError> {
        let edit = Edit::change_event(s, event, |e| {
            if k < e.links.len() {
                e.links.remove(k);
            }
        })?;
        no_change_if_same(edit, format!("event \"{event}\" has no link {k}"))
    }

    /// Adds entity `entity` to event `event` (nothing to do if it is there already).
    pub fn add_entity_to_event(
        s: &EditSession,
        event: &str,
        entity: &str,
    ) -> Result<Edit, EditError> {
        let edit = Edit::change_event(s, event, |e| {
            if !e.entities.iter().any(|x| x == entity) {
                e.entities.push(entity.to_string());
            }
        })?;
        no_change_if_same(
            edit,
            format!("\"{entity}\" is already on event \"{event}\""),
        )
    }

    /// Takes entity `entity` off event `event`.
    pub fn remove_entity_from_event(
        s: &EditSession,
        event: &str,
        entity: &str,
    ) -> Result<Edit, EditError> {
        let edit = Edit::change_event(s, event, |e| e.entities.retain(|x| x != entity))?;
        no_change_if_same(edit, format!("\"{entity}\" is not on event \"{event}\""))
    }

    /// Sets the case's title and summary.
    pub fn set_case_text(s: &EditSession, title: &str, summary: &str) -> Edit {
        Edit::CaseText {
            from: s.case_text(),
            to: CaseText {
                title: title.to_string(),
                summary: summary.to_string(),
            },
        }
    }
}

fn missing(verb: &str, noun: &str, id: &str) -> EditError {
    EditError::not_found(
        format!("{verb} {noun} \"{id}\""),
        format!("there is no {noun} with id \"{id}\""),
    )
}

fn no_change_if_same(edit: Edit, why: String) -> Result<Edit, EditError> {
    match &edit {
        Edit::Change { from, to } if from == to => {
            Err(EditError::new(Refusal::NoChange, edit.describe(), why))
        }
        _ => Ok(edit),
    }
}
