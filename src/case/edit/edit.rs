//! Edits as data. Every change to a case is one [`Edit`]: add, change or remove a source,
//! entity or event, or change the case's title and summary. Citations, links, an
//! event's entities and tags are changes of the event; the constructors in `build`
//! make them from the record as it is now, so the edit carries what it replaces (which
//! is how undo, and re-applying after someone else changed the file, know what to
//! expect).

use serde_json::{Value, json};

use super::record::{CaseText, Record};

/// One change to a case. Applied by [`EditSession::apply`](super::EditSession::apply), which checks it first and
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
}
