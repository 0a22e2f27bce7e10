//! Edits made from the case as it is now: each constructor reads the record an edit
//! replaces from the session, so the [`Edit`] carries it (see `edit`).

use super::edit::Edit;
use super::error::{EditError, Refusal};
use super::record::{
    CaseText, CitationRecord, EntityRecord, EventRecord, LinkRecord, SourceRecord,
};
use super::session::EditSession;

impl Edit {
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
